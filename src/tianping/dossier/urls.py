from django.urls import path

from tianping.dossier import views

app_name = "dossier"

urlpatterns = [
    path("cases/<int:case_id>/upload/", views.upload, name="upload"),
    path("versions/<int:version_id>/download/", views.download, name="download"),
]
