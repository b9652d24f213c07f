from tianping.judgments.views import drafting, effect

app_name = "judgments"

urlpatterns = [*drafting.urlpatterns, *effect.urlpatterns]
