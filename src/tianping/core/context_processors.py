from typing import Any

from django.http import HttpRequest

from tianping.core import navigation


def navigation_items(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {"nav_items": navigation.items_for(user) if user is not None else []}
