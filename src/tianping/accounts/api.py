from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import HttpBearer, SessionAuth

from tianping.accounts import selectors, services
from tianping.accounts.models import User
from tianping.accounts.schemas import (
    CourtRef,
    ErrorOut,
    MeOut,
    RegisteredOut,
    RegistrationIn,
    RoleOut,
    TokenOut,
    TokenRequest,
)
from tianping.core import ratelimit
from tianping.core.middleware import client_ip
from tianping.core.validators import mask_id_number, mask_mobile

router = Router(tags=["accounts"])


class VerifiedSessionAuth(SessionAuth):
    """Browser sessions, with the staff second factor when it is required."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and services.second_factor_required(user) and not user.is_verified():
            return None
        return user


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = services.api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


@router.post("/auth/token", auth=None, response={200: TokenOut, 401: ErrorOut, 422: ErrorOut, 429: ErrorOut})
def issue_token(request: HttpRequest, payload: TokenRequest) -> dict[str, Any]:
    """Exchange username and password for a bearer token (repeated failures lock the account)."""
    ratelimit.hit("api_token", client_ip(request), settings.RATE_LIMITS["api_token"])
    raw, token = services.api_token_issue(
        request=request, username=payload.username, password=payload.password, otp=payload.otp
    )
    return {"token": raw, "token_type": "Bearer", "expires_at": token.expires_at}


@router.post("/accounts/register", auth=None, response={201: RegisteredOut, 422: ErrorOut, 429: ErrorOut})
def register(request: HttpRequest, payload: RegistrationIn) -> Status:
    """Open a litigant or lawyer account with a verified real-name identity."""
    ratelimit.hit("register", client_ip(request), settings.RATE_LIMITS["register"])
    user = services.public_user_register(actor=None, **payload.dict())
    return Status(201, {"id": user.pk, "username": user.username, "kind": user.kind, "identity_verified": True})


@router.get("/me", response=MeOut)
def me(request: HttpRequest) -> dict[str, Any]:
    """The signed-in account, its roles, and its own identity data masked."""
    user: User = request.user  # type: ignore[assignment]
    roles = [
        RoleOut(
            role=g.role,
            role_label=str(g.get_role_display()),
            court=CourtRef(id=g.court_id, code=g.court.code, name=g.court.name),
            division=g.division.name if g.division else None,
        )
        for g in selectors.active_grants(user)
    ]
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "kind": user.kind,
        "kind_label": str(user.get_kind_display()),
        "roles": roles,
        "id_number_masked": mask_id_number(user.id_number) if user.id_number else "",
        "mobile_masked": mask_mobile(user.mobile) if user.mobile else "",
        "identity_verified": user.identity_verified_at is not None,
        "mfa_enabled": services.totp_device_for(user=user) is not None,
        "lawyer_licence_no": user.lawyer_licence_no,
        "law_firm": user.law_firm,
    }
