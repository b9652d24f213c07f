from django.urls import path

from tianping.dossier import views

app_name = "dossier"

urlpatterns = [
    path("cases/<int:case_id>/upload/", views.upload, name="upload"),
    path("versions/<int:version_id>/download/", views.download, name="download"),
    path("cases/<int:case_id>/reading/", views.reading_request, name="reading_request"),
    path("reading/<int:request_id>/grant/", views.reading_grant, name="reading_grant"),
    path("reading/<int:request_id>/refuse/", views.reading_refuse, name="reading_refuse"),
    path("reading/<int:request_id>/revoke/", views.reading_revoke, name="reading_revoke"),
    path("documents/<int:document_id>/read/", views.read, name="read"),
    path("documents/<int:document_id>/view/", views.view_copy, name="view_copy"),
    path("documents/<int:document_id>/copy/", views.download_copy, name="download_copy"),
]
