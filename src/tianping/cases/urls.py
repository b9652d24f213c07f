from django.urls import path

from tianping.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("list/", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("causes/options/", views.cause_options, name="cause_options"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/assign/", views.case_assign, name="assign"),
    path("<int:case_id>/reassign/", views.case_reassign, name="reassign"),
    path("<int:case_id>/transition/", views.case_transition, name="transition"),
    path("<int:case_id>/extension/", views.case_extension, name="extension"),
    path("<int:case_id>/suspension/", views.case_suspension, name="suspension"),
    path("<int:case_id>/resume/", views.case_resume, name="resume"),
    path("<int:case_id>/panel/", views.case_panel, name="panel"),
    path("assignments/<int:assignment_id>/decide/", views.assignment_decide, name="assignment_decide"),
    path("extensions/<int:extension_id>/decide/", views.extension_decide, name="extension_decide"),
    path("suspensions/<int:suspension_id>/decide/", views.suspension_decide, name="suspension_decide"),
]
