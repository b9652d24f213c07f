from django.urls import path

from tianping.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.log, name="log"),
    path("<int:notification_id>/retry/", views.retry, name="retry"),
    path("12368/messages/", views.voice_messages, name="voice_messages"),
    path("12368/messages/<int:message_id>/handle/", views.voice_message_handle, name="voice_message_handle"),
    path("12368/simulator/", views.voice_simulator, name="voice_simulator"),
    path("12368/audio/<str:token>.wav", views.voice_audio, name="voice_audio"),
]
