"""With TIANPING_STAFF_MFA=1, staff must pass a TOTP check before any page but the login flow."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from tianping.accounts.enums import UserKind

EXEMPT_PREFIXES = ("/accounts/login/", "/accounts/logout/", "/accounts/mfa/", "/static/", "/i18n/", "/healthz", "/api/")


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._needs_second_factor(request):
            return redirect(f"{reverse('accounts:mfa_verify')}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request: HttpRequest) -> bool:
        user = request.user
        return (
            settings.STAFF_MFA_REQUIRED
            and user.is_authenticated
            and getattr(user, "kind", "") == UserKind.STAFF
            and not getattr(user, "is_verified", lambda: False)()
            and not request.path.startswith(EXEMPT_PREFIXES)
        )
