from tianping.publicity.views import portal, process, publication

app_name = "publicity"

urlpatterns = [*portal.urlpatterns, *publication.urlpatterns, *process.urlpatterns]
