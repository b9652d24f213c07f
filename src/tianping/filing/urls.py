from django.urls import path

from tianping.filing import views

app_name = "filing"

urlpatterns = [
    path("", views.fee_calculator, name="fees"),
]
