from tianping.publicity.views import enforcement, portal, process, publication

app_name = "publicity"

urlpatterns = [*portal.urlpatterns, *publication.urlpatterns, *process.urlpatterns, *enforcement.urlpatterns]
