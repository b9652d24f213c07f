from django.urls import path

from tianping.supervision import views

app_name = "supervision"

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("audit/verify/", views.audit_verify, name="audit_verify"),
    path("assignments/", views.assignment_supervision, name="assignments"),
]
