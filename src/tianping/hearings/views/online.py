"""(being written)"""

from django.http import HttpResponse
from django.urls import URLPattern, path


def join(request, token):  # type: ignore[no-untyped-def]
    return HttpResponse("")


urlpatterns: list[URLPattern] = [path("join/<str:token>/", join, name="join")]
