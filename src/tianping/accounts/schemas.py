from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field


class TokenRequest(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=256)
    otp: str = Field(default="", max_length=6, description="TOTP code; required for staff when TIANPING_STAFF_MFA=1")


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"  # noqa: S105 (a scheme name, not a secret)
    expires_at: dt.datetime


class CourtRef(Schema):
    id: int
    code: str
    name: str


class RoleOut(Schema):
    role: str
    role_label: str
    court: CourtRef
    division: str | None


class MeOut(Schema):
    id: int
    username: str
    display_name: str
    kind: str
    kind_label: str
    roles: list[RoleOut]
    id_number_masked: str
    mobile_masked: str
    identity_verified: bool
    mfa_enabled: bool
    lawyer_licence_no: str
    law_firm: str


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class RegistrationIn(Schema):
    kind: Literal["litigant", "lawyer"]
    username: str = Field(pattern=r"^[A-Za-z0-9_.@+-]{3,40}$")
    password: str = Field(min_length=10, max_length=256)
    real_name: str = Field(min_length=2, max_length=30)
    id_number: str = Field(min_length=18, max_length=18)
    mobile: str = Field(min_length=11, max_length=20)
    licence_no: str = Field(default="", max_length=17)
    law_firm: str = Field(default="", max_length=100)


class RegisteredOut(Schema):
    id: int
    username: str
    kind: str
    identity_verified: bool
