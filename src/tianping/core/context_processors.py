from typing import Any

from django.http import HttpRequest

from tianping.core import navigation


def navigation_items(request: HttpRequest) -> dict[str, Any]:
    """The nav entries; the one whose URL is the longest prefix of the path is marked current
    (so /cases/list/ marks 案件查询, not also 案件工作台 at /cases/)."""
    user = getattr(request, "user", None)
    items = navigation.items_for(user) if user is not None else []
    path = getattr(request, "path", "")
    matching = [item for item in items if path.startswith(item["url"])]
    current = max(matching, key=lambda item: len(item["url"]), default=None)
    for item in items:
        item["current"] = item is current
    return {"nav_items": items}
