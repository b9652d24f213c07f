from tianping.hearings.views import online, scheduling

app_name = "hearings"

urlpatterns = [*scheduling.urlpatterns, *online.urlpatterns]
