"""Account writes: litigant and lawyer registration checks, role grants and revocations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests import factories
from tianping.accounts import selectors, services
from tianping.accounts.enums import Role, UserKind
from tianping.accounts.models import RoleGrant, User
from tianping.core import audit
from tianping.core.errors import ValidationFailed
from tianping.core.models import AuditRecord


@contextmanager
def refused(code: str) -> Iterator[None]:
    """The block raises ValidationFailed with ``code`` and writes no user and no audit record."""
    users_before, audit_before = User.objects.count(), AuditRecord.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        yield
    assert caught.value.code == code, caught.value.as_dict()
    assert caught.value.status == 422
    assert User.objects.count() == users_before
    assert AuditRecord.objects.count() == audit_before


def litigant(**overrides: Any) -> User:
    fields: dict[str, Any] = {
        "actor": None,
        "username": "zhangsan",
        "password": factories.PASSWORD,
        "real_name": "张三",
        "id_number": factories.make_id_number(),
        "mobile": factories.make_mobile(),
    }
    return services.litigant_user_create(**{**fields, **overrides})


def lawyer(**overrides: Any) -> User:
    fields: dict[str, Any] = {
        "actor": None,
        "username": "lvshi",
        "password": factories.PASSWORD,
        "real_name": "钱律师",
        "id_number": factories.make_id_number(region="110101"),
        "mobile": factories.make_mobile(),
        "licence_no": "11101201910123456",
        "law_firm": "北京市正义律师事务所",
    }
    return services.lawyer_user_create(**{**fields, **overrides})


# --- litigants ---------------------------------------------------------------------------


def test_litigant_is_created_verified_and_audited(db: Any) -> None:
    id_number = factories.make_id_number()
    user = litigant(id_number=id_number, mobile="+86 139-1234-5678")

    user.refresh_from_db()
    assert user.kind == UserKind.LITIGANT
    assert user.id_number == id_number
    assert user.mobile == "13912345678"
    assert user.identity_verified_at is not None
    assert user.check_password(factories.PASSWORD)
    entry = AuditRecord.objects.get(action="user.create", object_id=str(user.pk))
    assert entry.changes == {"username": [None, "zhangsan"], "kind": [None, "litigant"]}
    assert factories.PASSWORD not in str(entry.changes)


@pytest.mark.parametrize(
    "id_number",
    [
        "11010519850312001",  # 17 characters
        "1101051985031200123",  # 19 characters
        "11010519850312001A",  # letter other than X
        "990105198503120017",  # unknown province
        "110105198502300014",  # 30 February
        "110105209901010011",  # born in the future
        "110105185001010010",  # before 1900
    ],
)
def test_litigant_invalid_id_number_is_refused(db: Any, id_number: str) -> None:
    with refused("invalid_id_number"):
        litigant(id_number=id_number)


def test_litigant_id_number_with_wrong_check_character_is_refused(db: Any) -> None:
    valid = factories.make_id_number()
    wrong = valid[:17] + ("0" if valid[17] != "0" else "1")

    with refused("invalid_id_number"):
        litigant(id_number=wrong)


@pytest.mark.parametrize("mobile", ["", "1391234567", "139123456789", "12912345678", "23912345678", "1391234567a"])
def test_litigant_invalid_mobile_is_refused(db: Any, mobile: str) -> None:
    with refused("invalid_mobile"):
        litigant(mobile=mobile)


@pytest.mark.parametrize("password", ["short1!", "12345678901234", "password1234", "zhangsan2026"])
def test_litigant_weak_password_is_refused(db: Any, password: str) -> None:
    with refused("weak_password"):
        litigant(password=password)


def test_weak_password_reports_the_reasons(db: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        litigant(password="12345678901234")

    assert caught.value.details["password"]


def test_duplicate_username_is_refused(users: Any) -> None:
    with refused("username_taken"):
        litigant(username="judge")


def test_duplicate_identity_is_refused(db: Any) -> None:
    id_number = factories.make_id_number()
    litigant(username="first", id_number=id_number)

    with refused("identity_taken"):
        litigant(username="second", id_number=id_number)


def test_duplicate_identity_is_caught_through_formatting(db: Any) -> None:
    id_number = next(
        n for n in (factories.make_id_number(birth="19900101", sequence=s) for s in range(1000)) if n.endswith("X")
    )
    litigant(username="first", id_number=id_number)
    spaced = f"{id_number[:6]} {id_number[6:14]} {id_number[14:].lower()}"

    with refused("identity_taken"):
        litigant(username="second", id_number=spaced)


# --- lawyers -------------------------------------------------------------------------------


def test_lawyer_is_created_with_licence_and_firm(db: Any) -> None:
    user = lawyer(licence_no=" 11101201910123456 ", law_firm="  北京市正义律师事务所 ")

    user.refresh_from_db()
    assert user.kind == UserKind.LAWYER
    assert user.lawyer_licence_no == "11101201910123456"
    assert user.law_firm == "北京市正义律师事务所"
    assert user.identity_verified_at is not None
    assert AuditRecord.objects.filter(action="user.create", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    "licence_no",
    ["", "1110120191012345", "111012019101234567", "1110120191012345A", "１１１０１２０１９１０１２３４５６"],
)
def test_lawyer_licence_must_be_17_digits(db: Any, licence_no: str) -> None:
    with refused("invalid_licence_no"):
        lawyer(licence_no=licence_no)


def test_lawyer_licence_must_be_unique(db: Any) -> None:
    lawyer(username="first", licence_no="11101201910123456")

    with refused("licence_taken"):
        lawyer(username="second", licence_no="11101201910123456", id_number=factories.make_id_number(region="110102"))


@pytest.mark.parametrize("law_firm", ["", "   "])
def test_lawyer_needs_a_firm(db: Any, law_firm: str) -> None:
    with refused("law_firm_required"):
        lawyer(law_firm=law_firm)


def test_lawyer_identity_and_password_are_checked_too(db: Any) -> None:
    with refused("invalid_id_number"):
        lawyer(id_number="110105198502300014")
    with refused("weak_password"):
        lawyer(password="12345678901234")
    with refused("invalid_mobile"):
        lawyer(mobile="12345")


# --- roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["litigant", "lawyer"])
def test_role_grant_refuses_non_staff(users: Any, courts: Any, who: str) -> None:
    grants_before = RoleGrant.objects.count()

    with refused("not_staff"):
        services.role_grant(actor=users.sysadmin, user=getattr(users, who), court=courts.chaoyang, role=Role.JUDGE)

    assert RoleGrant.objects.count() == grants_before


def test_role_grant_records_audit_with_court_code(users: Any, courts: Any) -> None:
    user = services.staff_user_create(
        actor=users.sysadmin, username="newjudge", password=factories.PASSWORD, real_name="新法官"
    )

    grant = services.role_grant(actor=users.sysadmin, user=user, court=courts.haidian, role=Role.JUDGE)

    assert grant.active
    entry = AuditRecord.objects.get(action="role.grant", object_id=str(grant.pk))
    assert entry.court_code == "京0108"
    assert entry.actor_username == "sysadmin"
    assert entry.changes == {"user": [None, "newjudge"], "role": [None, "judge"], "court": [None, "京0108"]}
    fresh = User.objects.get(pk=user.pk)
    assert selectors.has_role(fresh, Role.JUDGE, court_id=courts.haidian.pk)
    assert audit.verify().ok


def test_role_revoke_deactivates_and_is_audited(users: Any, courts: Any) -> None:
    grant = RoleGrant.objects.get(user=users.judge, role=Role.JUDGE)

    services.role_revoke(actor=users.sysadmin, grant=grant)

    grant.refresh_from_db()
    assert grant.active is False
    entry = AuditRecord.objects.get(action="role.revoke", object_id=str(grant.pk))
    assert entry.court_code == "京0105"
    assert entry.changes == {"active": [True, False]}
    fresh = User.objects.get(pk=users.judge.pk)
    assert not selectors.has_role(fresh, Role.JUDGE)
    assert selectors.readable_court_ids(fresh) == frozenset()


def test_granting_again_after_revoke_reactivates_the_same_grant(users: Any, courts: Any) -> None:
    grant = RoleGrant.objects.get(user=users.judge, role=Role.JUDGE)
    services.role_revoke(actor=users.sysadmin, grant=grant)

    again = services.role_grant(actor=users.sysadmin, user=users.judge, court=courts.chaoyang, role=Role.JUDGE)

    assert again.pk == grant.pk
    assert RoleGrant.objects.get(pk=grant.pk).active is True
    assert RoleGrant.objects.filter(user=users.judge, role=Role.JUDGE).count() == 1
