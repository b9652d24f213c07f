from tianping.credit.views import staff

app_name = "credit"

urlpatterns = [*staff.urlpatterns]
