"""Account writes: creating users, granting roles, API tokens and TOTP devices. All audited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tianping.accounts.enums import Role, UserKind
from tianping.accounts.identity import identity_verifier
from tianping.accounts.models import ApiToken, RoleGrant, User
from tianping.core import audit, clock
from tianping.core.enums import AuditKind
from tianping.core.errors import AccountLocked, AuthenticationFailed, ValidationFailed
from tianping.core.validators import IdNumber, parse_credit_code, parse_id_number, parse_mobile

if TYPE_CHECKING:
    from tianping.courts.models import Court

TOKEN_PREFIX_LENGTH = 8
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationFailed(
            "密码不符合要求", code="weak_password", details={"password": list(exc.messages)}
        ) from exc


def _ensure_username_free(username: str) -> None:
    if User.objects.filter(username=username).exists():
        raise ValidationFailed("用户名已被使用", code="username_taken", details={"username": username})


def _verified_identity(real_name: str, id_number: str) -> IdNumber:
    """Parse the ID number and confirm it belongs to ``real_name`` through the configured verifier."""
    identity = parse_id_number(id_number, today=clock.today())
    check = identity_verifier().verify(real_name=real_name, id_number=identity.value)
    if not check.verified:
        raise ValidationFailed(check.reason or "实名认证未通过", code="identity_not_verified")
    return identity


@transaction.atomic
def staff_user_create(
    *, actor: Any, username: str, password: str, real_name: str, mobile: str = "", is_superuser: bool = False
) -> User:
    _ensure_username_free(username)
    user = User(
        username=username, real_name=real_name, kind=UserKind.STAFF, mobile=parse_mobile(mobile) if mobile else ""
    )
    user.is_staff = user.is_superuser = is_superuser
    return _save_new_user(actor=actor, user=user, password=password, self_service=False)


def _save_new_user(*, actor: Any, user: User, password: str, self_service: bool) -> User:
    """Check the password, hash it, save the account and audit its creation
    (a self-registration without an acting official is recorded as done by the new user)."""
    _check_password(password, user)
    user.set_password(password)
    user.save()
    audit.record(
        actor=actor or (user if self_service else None),
        action="user.create",
        obj=user,
        changes={"username": [None, user.username], "kind": [None, str(user.kind)]},
    )
    return user


def _identified_user(*, kind: UserKind, username: str, real_name: str, id_number: str, mobile: str) -> User:
    """An unsaved account of ``kind`` carrying a verified real-name identity."""
    _ensure_username_free(username)
    identity = _verified_identity(real_name, id_number)
    if User.objects.filter(kind=kind, id_number=identity.value).exists():
        raise ValidationFailed("该身份证号码已注册", code="identity_taken")
    return User(
        username=username,
        real_name=real_name,
        kind=kind,
        id_number=identity.value,
        mobile=parse_mobile(mobile),
        identity_verified_at=clock.now(),
    )


@transaction.atomic
def litigant_user_create(
    *, actor: Any, username: str, password: str, real_name: str, id_number: str, mobile: str
) -> User:
    """A litigant account with a verified real-name identity (ID number checked, mobile normalised)."""
    user = _identified_user(
        kind=UserKind.LITIGANT, username=username, real_name=real_name, id_number=id_number, mobile=mobile
    )
    return _save_new_user(actor=actor, user=user, password=password, self_service=True)


@transaction.atomic
def lawyer_user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    real_name: str,
    id_number: str,
    mobile: str,
    licence_no: str,
    law_firm: str,
) -> User:
    """A lawyer account: real-name identity plus a 17-digit practising licence number and firm."""
    user = _identified_user(
        kind=UserKind.LAWYER, username=username, real_name=real_name, id_number=id_number, mobile=mobile
    )
    licence = licence_no.strip()
    if not (len(licence) == 17 and licence.isascii() and licence.isdigit()):  # not full-width digits
        raise ValidationFailed("律师执业证号应为17位数字", code="invalid_licence_no")
    if User.objects.filter(lawyer_licence_no=licence).exists():
        raise ValidationFailed("该执业证号已注册", code="licence_taken")
    if not law_firm.strip():
        raise ValidationFailed("请填写律师事务所", code="law_firm_required")
    user.lawyer_licence_no, user.law_firm = licence, law_firm.strip()
    return _save_new_user(actor=actor, user=user, password=password, self_service=True)


def public_user_register(
    *,
    actor: Any,
    kind: str,
    username: str,
    password: str,
    real_name: str,
    id_number: str,
    mobile: str,
    licence_no: str = "",
    law_firm: str = "",
    **_ignored: Any,
) -> User:
    """Self-registration from the portal or the API: a litigant or a lawyer account."""
    common = {
        "username": username,
        "password": password,
        "real_name": real_name,
        "id_number": id_number,
        "mobile": mobile,
    }
    if kind == UserKind.LAWYER:
        return lawyer_user_create(actor=actor, licence_no=licence_no, law_firm=law_firm, **common)
    if kind == UserKind.LITIGANT:
        return litigant_user_create(actor=actor, **common)
    raise ValidationFailed("注册身份只能是当事人或律师", code="invalid_kind")


def organisation_identity_check(*, credit_code: str) -> str:
    """Normalised unified social credit code, for organisations filing through a representative."""
    return parse_credit_code(credit_code)


@transaction.atomic
def role_grant(*, actor: Any, user: User, court: Court, role: Role, division_id: int | None = None) -> RoleGrant:
    if user.kind != UserKind.STAFF:
        raise ValidationFailed("只有法院工作人员可以被授予角色", code="not_staff")
    grant, created = RoleGrant.objects.get_or_create(
        user=user, court=court, role=role, defaults={"division_id": division_id, "active": True}
    )
    if not created and (not grant.active or grant.division_id != division_id):
        grant.active, grant.division_id = True, division_id
        grant.save(update_fields=["active", "division", "updated_at"])
    audit.record(
        actor=actor,
        action="role.grant",
        obj=grant,
        changes={"user": [None, user.username], "role": [None, str(role)], "court": [None, court.code]},
        court_code=court.code,
    )
    return grant


@transaction.atomic
def role_revoke(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    grant.active = False
    grant.save(update_fields=["active", "updated_at"])
    audit.record(
        actor=actor, action="role.revoke", obj=grant, changes={"active": [True, False]}, court_code=grant.court.code
    )
    return grant


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def credentials_check(*, request: HttpRequest, username: str, password: str) -> User:
    """Authenticate through django-axes so that failures count towards the lockout."""
    try:
        user = authenticate(request, username=username, password=password)
    except AxesBackendPermissionDenied as exc:
        raise AccountLocked() from exc
    if getattr(request, "axes_locked_out", False):
        raise AccountLocked()
    if user is None or not isinstance(user, User) or not user.is_active:
        raise AuthenticationFailed(code="invalid_credentials")
    return user


def second_factor_required(user: User) -> bool:
    return bool(settings.STAFF_MFA_REQUIRED and user.kind == UserKind.STAFF)


def _second_factor_check(user: User, otp: str) -> None:
    device = totp_device_for(user=user)
    if device is None:
        raise AuthenticationFailed("请先在网页端启用二次验证", code="mfa_not_enrolled")
    if not otp or not device.verify_token(otp.strip()):
        raise AuthenticationFailed("需要有效的动态验证码", code="mfa_required")


def api_token_issue(*, request: HttpRequest, username: str, password: str, otp: str = "") -> tuple[str, ApiToken]:
    """Exchange credentials for a bearer token; the raw token is returned once and never stored.

    The credential check runs outside the token's transaction on purpose: a failed attempt
    must stay recorded (lockout counter, audit) even though no token is written.
    """
    user = credentials_check(request=request, username=username, password=password)
    if second_factor_required(user):
        _second_factor_check(user, otp)
    raw = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            key_hash=_token_hash(raw),
            prefix=raw[:TOKEN_PREFIX_LENGTH],
            expires_at=clock.now() + dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS),
        )
        audit.record(actor=user, action="auth.token_issued", obj=token, kind=AuditKind.AUTH)
    return raw, token


def api_token_authenticate(*, raw: str) -> User | None:
    """The user a bearer token belongs to, or None if it is unknown, expired or revoked."""
    now = clock.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(raw), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> None:
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit.record(actor=actor, action="auth.token_revoked", obj=token, kind=AuditKind.AUTH)


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for enrolment; any earlier unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, token: str) -> TOTPDevice:
    if device.user_id != user.pk or not device.verify_token(token.strip()):
        raise ValidationFailed("验证码不正确", code="invalid_otp")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor=user, action="mfa.enrolled", obj=user, kind=AuditKind.AUTH)
    return device


def totp_device_for(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def auth_event_record(*, user: Any, action: str, username: str = "") -> None:
    """Login, logout and failed logins go into the audit log too."""
    if user is not None and getattr(user, "pk", None):
        audit.record(actor=user, action=action, obj=user, kind=AuditKind.AUTH)
    else:
        audit.record(
            actor=None, action=action, kind=AuditKind.AUTH, object_type="accounts.User", object_repr=username[:150]
        )


def totp_enrolment_device(*, user: User, device_id: int | None) -> TOTPDevice:
    """The unconfirmed device this enrolment started, or a fresh one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first() if device_id else None
    return device or totp_device_start(user=user)


@dataclasses.dataclass(frozen=True)
class StaffAccountInput:
    """One staff account of a bulk load: the roles it holds at one court, each optionally for a division."""

    username: str
    real_name: str
    court_id: int
    grants: tuple[tuple[Role, int | None], ...]  # (role, division id)


@dataclasses.dataclass(frozen=True)
class StaffAccountsLoaded:
    user_ids: dict[str, int]  # every requested username → its user id
    users_created: int
    grants_created: int


@transaction.atomic
def staff_users_bulk_create(
    *, actor: Any, accounts: Sequence[StaffAccountInput], audit_action: str = "user.bulk_create", batch_size: int = 2000
) -> StaffAccountsLoaded:
    """Load a court establishment's accounts in bulk (demo province, migration from another system).

    The accounts get no usable password (set one through the admin or a reset), so nothing is
    hashed. Usernames that exist are kept as they are; only missing grants are added (a grant an
    administrator deactivated stays inactive). One summarising audit record names the counts.
    """
    usernames = [a.username for a in accounts]
    existing = {u.username: u for u in User.objects.filter(username__in=usernames)}
    wrong_kind = sorted(name for name, user in existing.items() if user.kind != UserKind.STAFF)
    if wrong_kind:
        raise ValidationFailed(
            "只有法院工作人员可以被授予角色", code="not_staff", details={"usernames": wrong_kind[:20]}
        )
    new_users = []
    for spec in accounts:
        if spec.username in existing:
            continue
        user = User(username=spec.username, real_name=spec.real_name, kind=UserKind.STAFF)
        user.set_unusable_password()
        new_users.append(user)
        existing[spec.username] = user
    User.objects.bulk_create(new_users, batch_size=batch_size)
    user_ids = {name: int(user.pk) for name, user in existing.items()}
    held = set(RoleGrant.objects.filter(user_id__in=user_ids.values()).values_list("user_id", "court_id", "role"))
    new_grants = []
    for spec in accounts:
        for role, division_id in spec.grants:
            key = (user_ids[spec.username], spec.court_id, str(role))
            if key not in held:
                held.add(key)
                new_grants.append(
                    RoleGrant(user_id=key[0], court_id=spec.court_id, role=role, division_id=division_id, active=True)
                )
    RoleGrant.objects.bulk_create(new_grants, batch_size=batch_size)
    if new_users or new_grants:
        audit.record(
            actor=actor,
            action=audit_action,
            object_type="accounts.User",
            changes={"users": [None, len(new_users)], "grants": [None, len(new_grants)]},
        )
    return StaffAccountsLoaded(user_ids, len(new_users), len(new_grants))
