from tianping.publicity.views import process, publication

app_name = "publicity"

urlpatterns = [*publication.urlpatterns, *process.urlpatterns]
