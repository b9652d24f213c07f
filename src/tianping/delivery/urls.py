from django.urls import path

from tianping.delivery import views

app_name = "delivery"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:service_id>/", views.inbox_item, name="inbox_item"),
    path("inbox/<int:service_id>/file/", views.inbox_file, name="inbox_file"),
    path("inbox/<int:service_id>/paper/", views.paper_request, name="paper_request"),
    path("cases/<int:case_id>/", views.case_page, name="case"),
    path("cases/<int:case_id>/serve/", views.serve, name="serve"),
    path("cases/<int:case_id>/consent/", views.consent, name="consent"),
    path("cases/<int:case_id>/consent/paper/", views.consent_paper, name="consent_paper"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("records/<int:service_id>/outcome/", views.outcome, name="outcome"),
    path("records/<int:service_id>/proof/", views.proof, name="proof"),
    path("records/<int:service_id>/proof/regenerate/", views.proof_regenerate, name="proof_regenerate"),
    path("tasks/", views.tasks, name="tasks"),
]
