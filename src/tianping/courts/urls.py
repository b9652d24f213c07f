from django.urls import path

from tianping.courts import views

app_name = "courts"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:court_id>/", views.detail, name="detail"),
]
