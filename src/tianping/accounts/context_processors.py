from typing import Any

from django.http import HttpRequest

from tianping.accounts import selectors


def current_grant(request: HttpRequest) -> dict[str, Any]:
    """The court and role shown in the page header."""
    return {"current_grant": selectors.primary_grant(getattr(request, "user", None))}
