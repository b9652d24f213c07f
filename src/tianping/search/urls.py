from django.urls import URLPattern, path

from tianping.search import views

app_name = "search"

urlpatterns: list[URLPattern] = [path("", views.search, name="search")]
