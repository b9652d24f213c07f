from django.urls import path

from tianping.appointments import views

app_name = "appointments"

urlpatterns = [
    path("", views.home, name="home"),
    path("book/", views.book, name="book"),
    path("bookings/<int:booking_id>/cancel/", views.cancel, name="cancel"),
    path("bookings/<int:booking_id>/attendance/", views.mark, name="mark"),
]
