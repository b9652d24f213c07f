"""GET /api/v1/me: who the caller is, their roles, and their own identity data masked."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests import factories
from tests.conftest import bearer
from tianping.accounts import services
from tianping.accounts.enums import Role

ID_MASK = re.compile(r"^\d{6}\*{8}[\dX]{4}$")
MOBILE_MASK = re.compile(r"^1\d{2}\*{4}\d{4}$")


def me(client: Client, username: str) -> Any:
    response = client.get("/api/v1/me", headers=bearer(client, username))
    assert response.status_code == 200, response.content
    return response


def test_staff_member_lists_roles_with_court(users: Any, client: Client) -> None:
    body = me(client, "divhead").json()

    assert body["username"] == "divhead"
    assert body["display_name"] == "赵庭长"
    assert body["kind"] == "staff"
    roles = {(r["role"], r["court"]["code"], r["court"]["name"]) for r in body["roles"]}
    assert roles == {
        ("division_head", "京0105", "北京市朝阳区人民法院"),
        ("judge", "京0105", "北京市朝阳区人民法院"),
    }
    assert {r["role_label"] for r in body["roles"]} == {"庭长", "法官"}
    assert all(r["court"]["id"] == users.division_head.role_grants.first().court_id for r in body["roles"])
    assert body["id_number_masked"] == ""
    assert body["mobile_masked"] == ""
    assert body["mfa_enabled"] is False


def test_roles_at_several_courts_are_all_listed(users: Any, courts: Any, client: Client) -> None:
    services.role_grant(actor=None, user=users.higher_judge, court=courts.chaoyang, role=Role.AUDITOR)

    body = me(client, "judge3").json()

    assert {(r["role"], r["court"]["code"]) for r in body["roles"]} == {("judge", "京03"), ("auditor", "京0105")}


def test_revoked_role_is_not_listed(users: Any, client: Client) -> None:
    grant = users.division_head.role_grants.get(role=Role.DIVISION_HEAD)
    services.role_revoke(actor=None, grant=grant)

    body = me(client, "divhead").json()

    assert [r["role"] for r in body["roles"]] == ["judge"]


def test_litigant_sees_only_masked_identity(users: Any, client: Client) -> None:
    litigant = users.litigant
    response = me(client, "litigant")
    body = response.json()

    assert body["kind"] == "litigant"
    assert body["roles"] == []
    assert body["identity_verified"] is True
    assert ID_MASK.fullmatch(body["id_number_masked"]), body["id_number_masked"]
    assert body["id_number_masked"][:6] == litigant.id_number[:6]
    assert body["id_number_masked"][-4:] == litigant.id_number[-4:]
    assert MOBILE_MASK.fullmatch(body["mobile_masked"]), body["mobile_masked"]
    assert body["mobile_masked"][:3] == litigant.mobile[:3]
    assert body["mobile_masked"][-4:] == litigant.mobile[-4:]

    text = response.content.decode()
    assert litigant.id_number not in text
    assert litigant.id_number[6:14] not in text  # the birth date
    assert litigant.mobile not in text
    assert litigant.mobile[3:7] not in text.replace(body["mobile_masked"], "")


def test_lawyer_includes_licence_and_firm(users: Any, client: Client) -> None:
    response = me(client, "lawyer")
    body = response.json()

    assert body["kind"] == "lawyer"
    assert body["lawyer_licence_no"] == users.lawyer.lawyer_licence_no
    assert len(body["lawyer_licence_no"]) == 17
    assert body["law_firm"] == "北京市天平律师事务所"
    assert ID_MASK.fullmatch(body["id_number_masked"])
    assert users.lawyer.id_number not in response.content.decode()
    assert users.lawyer.mobile not in response.content.decode()


def test_id_number_ending_in_x_is_masked(db: Any, client: Client) -> None:
    id_number = next(
        n for n in (factories.make_id_number(birth="19900101", sequence=s) for s in range(1000)) if n.endswith("X")
    )
    services.litigant_user_create(
        actor=None,
        username="xuser",
        password=factories.PASSWORD,
        real_name="王五",
        id_number=id_number.lower(),
        mobile="+86 138-0013-8000",
    )

    response = me(client, "xuser")

    assert response.json()["id_number_masked"] == id_number[:6] + "*" * 8 + id_number[-4:]
    assert response.json()["mobile_masked"] == "138****8000"
    assert id_number not in response.content.decode()
    assert "13800138000" not in response.content.decode()


def test_session_login_also_works(users: Any, client: Client) -> None:
    client.force_login(users.judge)

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["username"] == "judge"


def test_session_of_staff_without_second_factor_is_refused_when_mfa_required(
    users: Any, client: Client, settings: Any
) -> None:
    settings.STAFF_MFA_REQUIRED = True
    client.force_login(users.judge)

    assert client.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_me_is_read_only(users: Any, client: Client, method: str) -> None:
    response = getattr(client, method)(
        "/api/v1/me", {}, content_type="application/json", headers=bearer(client, "judge")
    )

    assert response.status_code == 405
