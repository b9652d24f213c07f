"""Litigants and lawyers register with a real-name identity, by page and by API."""

from __future__ import annotations

import pytest

from tests import factories
from tianping.accounts.models import User
from tianping.core.models import AuditRecord

pytestmark = pytest.mark.django_db

REGISTER = "/api/v1/accounts/register"


def payload(**overrides):
    data = {
        "kind": "litigant",
        "username": "zhang_san",
        "password": "Strong-pass-2026",
        "real_name": "张三",
        "id_number": factories.make_id_number(sequence=123),
        "mobile": "+86 138-0013-8000",
    }
    return {**data, **overrides}


def test_litigant_registers_and_can_get_a_token(client):
    response = client.post(REGISTER, payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["identity_verified"] is True
    user = User.objects.get(username="zhang_san")
    assert user.kind == "litigant"
    assert user.mobile == "13800138000"
    assert user.identity_verified_at is not None
    assert AuditRecord.objects.filter(action="user.create", actor_username="zhang_san").exists()
    token = client.post(
        "/api/v1/auth/token", {"username": "zhang_san", "password": "Strong-pass-2026"}, content_type="application/json"
    )
    assert token.status_code == 200


def test_lawyer_registration_needs_licence_and_firm(client):
    missing = client.post(REGISTER, payload(kind="lawyer", username="lawyer_li"), content_type="application/json")
    assert missing.status_code == 422
    assert missing.json()["code"] == "invalid_licence_no"
    ok = client.post(
        REGISTER,
        payload(kind="lawyer", username="lawyer_li", licence_no="11101201910234567", law_firm="北京市某某律师事务所"),
        content_type="application/json",
    )
    assert ok.status_code == 201
    assert User.objects.get(username="lawyer_li").law_firm == "北京市某某律师事务所"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"id_number": "110105198503120011"}, "invalid_id_number"),
        ({"mobile": "12345678901"}, "invalid_mobile"),
        ({"password": "1234567890"}, "weak_password"),
    ],
)
def test_bad_identity_data_is_refused_without_partial_write(client, overrides, code):
    before_users, before_audit = User.objects.count(), AuditRecord.objects.count()
    response = client.post(REGISTER, payload(**overrides), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert User.objects.count() == before_users
    assert AuditRecord.objects.count() == before_audit


def test_same_identity_cannot_register_twice(client):
    assert client.post(REGISTER, payload(), content_type="application/json").status_code == 201
    again = client.post(REGISTER, payload(username="other_name"), content_type="application/json")
    assert again.status_code == 422
    assert again.json()["code"] == "identity_taken"


def test_schema_errors_are_422_with_fields(client):
    response = client.post(REGISTER, {"kind": "judge"}, content_type="application/json")
    assert response.status_code == 422
    fields = {tuple(e["loc"])[-1] for e in response.json()["details"]["errors"]}
    assert {"kind", "username", "password"} <= fields


def test_registration_page_creates_account_and_signs_in(client):
    data = payload(password_again="Strong-pass-2026")
    response = client.post("/accounts/register/", data)
    assert response.status_code == 302
    assert client.get("/accounts/home/").status_code == 200


def test_registration_page_shows_field_errors(client):
    response = client.post("/accounts/register/", payload(id_number="110105198503120011", password_again="x"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "身份证号码" in page
    assert "两次输入的密码不一致" in page
