"""POST /api/v1/auth/token: bearer tokens, the lockout, the staff second factor and their audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.conftest import bearer
from tianping.accounts import services
from tianping.accounts.models import ApiToken
from tianping.core import audit
from tianping.core.models import AuditRecord

TOKEN_URL = "/api/v1/auth/token"


def post_token(client: Client, **body: Any) -> Any:
    return client.post(TOKEN_URL, body, content_type="application/json")


def confirmed_device(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def error_code(response: Any) -> str:
    body = response.json()
    assert set(body) == {"code", "message", "details"}, body
    return body["code"]


# --- issuing and using tokens ------------------------------------------------------------


def test_good_credentials_issue_a_bearer_token(users: Any, client: Client, settings: Any) -> None:
    settings.API_TOKEN_TTL_HOURS = 3
    before = timezone.now()
    response = post_token(client, username="judge", password=factories.PASSWORD)

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert len(body["token"]) >= 32
    expires_at = dt.datetime.fromisoformat(body["expires_at"])
    assert before + dt.timedelta(hours=3) <= expires_at <= timezone.now() + dt.timedelta(hours=3)


def test_token_authenticates_me(users: Any, client: Client) -> None:
    headers = bearer(client, "judge")

    response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 200
    assert response.json()["username"] == "judge"


def test_only_the_sha256_of_the_token_is_stored(users: Any, client: Client) -> None:
    raw = post_token(client, username="judge", password=factories.PASSWORD).json()["token"]

    token = ApiToken.objects.get(user=users.judge)
    assert token.key_hash != raw
    assert token.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert not ApiToken.objects.filter(key_hash=raw).exists()
    assert raw not in {token.prefix, token.key_hash}


def test_each_issue_gives_a_distinct_token(users: Any, client: Client) -> None:
    first = post_token(client, username="judge", password=factories.PASSWORD).json()["token"]
    second = post_token(client, username="judge", password=factories.PASSWORD).json()["token"]

    assert first != second
    assert ApiToken.objects.filter(user=users.judge).count() == 2


def test_litigant_gets_a_token_too(users: Any, client: Client) -> None:
    headers = bearer(client, "litigant")

    assert client.get("/api/v1/me", headers=headers).json()["kind"] == "litigant"


# --- bad credentials and bad input -------------------------------------------------------


def test_wrong_password_is_401_invalid_credentials(users: Any, client: Client) -> None:
    response = post_token(client, username="judge", password="not-the-password")

    assert response.status_code == 401
    assert error_code(response) == "invalid_credentials"
    assert not ApiToken.objects.exists()


def test_unknown_user_looks_like_a_wrong_password(users: Any, client: Client) -> None:
    response = post_token(client, username="nobody", password=factories.PASSWORD)

    assert response.status_code == 401
    assert error_code(response) == "invalid_credentials"


def test_inactive_user_cannot_get_a_token(users: Any, client: Client) -> None:
    users.judge.is_active = False
    users.judge.save(update_fields=["is_active"])

    response = post_token(client, username="judge", password=factories.PASSWORD)

    assert response.status_code == 401
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"username": "judge"}, {"password"}),
        ({"password": factories.PASSWORD}, {"username"}),
        ({}, {"username", "password"}),
        ({"username": 17, "password": factories.PASSWORD}, {"username"}),
        ({"username": "judge", "password": ["x"]}, {"password"}),
        ({"username": "", "password": factories.PASSWORD}, {"username"}),
        ({"username": "judge", "password": factories.PASSWORD, "otp": "1234567"}, {"otp"}),
    ],
)
def test_bad_fields_are_422_listing_the_field(
    users: Any, client: Client, body: dict[str, Any], fields: set[str]
) -> None:
    response = client.post(TOKEN_URL, body, content_type="application/json")

    assert response.status_code == 422
    assert error_code(response) == "validation_failed"
    listed = {error["loc"][-1] for error in response.json()["details"]["errors"]}
    assert listed == fields
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("raw", ["[]", '"judge"', "42", "null"])
def test_json_that_is_not_an_object_is_422(users: Any, client: Client, raw: str) -> None:
    response = client.post(TOKEN_URL, raw, content_type="application/json")

    assert response.status_code == 422
    assert error_code(response) == "validation_failed"
    listed = {error["loc"][-1] for error in response.json()["details"]["errors"]}
    assert {"username", "password"} <= listed


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        ('{"username": "judge", "password": ', "application/json"),
        ("username=judge&password=x", "application/x-www-form-urlencoded"),
        ("\xff\xfe not json", "text/plain"),
    ],
)
def test_unparseable_body_is_a_4xx_error_not_500(users: Any, client: Client, raw: str, content_type: str) -> None:
    response = client.post(TOKEN_URL, raw, content_type=content_type)

    assert 400 <= response.status_code < 500
    assert error_code(response) in {"bad_request", "validation_failed"}


# --- lockout -------------------------------------------------------------------------------


def test_five_failures_lock_the_account_even_for_the_right_password(users: Any, client: Client) -> None:
    statuses = [post_token(client, username="judge", password=f"wrong-{i}").status_code for i in range(5)]
    assert statuses == [401, 401, 401, 401, 429]

    response = post_token(client, username="judge", password=factories.PASSWORD)

    assert response.status_code == 429
    assert error_code(response) == "account_locked"
    assert not ApiToken.objects.exists()


def test_four_failures_do_not_lock(users: Any, client: Client) -> None:
    for i in range(4):
        assert post_token(client, username="judge", password=f"wrong-{i}").status_code == 401

    assert post_token(client, username="judge", password=factories.PASSWORD).status_code == 200


def test_lockout_of_one_account_leaves_others_alone(users: Any, client: Client) -> None:
    for i in range(6):
        post_token(client, username="judge", password=f"wrong-{i}")

    assert post_token(client, username="clerk", password=factories.PASSWORD).status_code == 200


# --- tokens that no longer work ----------------------------------------------------------


def test_expired_token_is_401(users: Any, client: Client) -> None:
    headers = bearer(client, "judge")
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 401
    assert error_code(response) == "authentication_required"


def test_revoked_token_is_401(users: Any, client: Client) -> None:
    headers = bearer(client, "judge")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    services.api_token_revoke(actor=users.judge, token=ApiToken.objects.get())

    response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 401
    assert error_code(response) == "authentication_required"
    assert AuditRecord.objects.filter(action="auth.token_revoked", actor_username="judge").exists()


def test_token_of_deactivated_user_is_401(users: Any, client: Client) -> None:
    headers = bearer(client, "judge")
    users.judge.is_active = False
    users.judge.save(update_fields=["is_active"])

    assert client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-real-token"},
        {"Authorization": "Basic anVkZ2U6eA=="},
        {"Authorization": "Bearer"},
    ],
)
def test_no_valid_auth_is_401(users: Any, client: Client, headers: dict[str, str]) -> None:
    response = client.get("/api/v1/me", headers=headers)

    assert response.status_code == 401
    assert error_code(response) == "authentication_required"


def test_using_a_token_records_last_use(users: Any, client: Client) -> None:
    headers = bearer(client, "judge")
    assert ApiToken.objects.get().last_used_at is None

    client.get("/api/v1/me", headers=headers)

    assert ApiToken.objects.get().last_used_at is not None


# --- staff second factor -----------------------------------------------------------------


@pytest.fixture
def mfa_on(settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = True


@pytest.mark.usefixtures("mfa_on")
def test_staff_without_totp_device_is_mfa_not_enrolled(users: Any, client: Client) -> None:
    response = post_token(client, username="judge", password=factories.PASSWORD)

    assert response.status_code == 401
    assert error_code(response) == "mfa_not_enrolled"
    assert not ApiToken.objects.exists()


@pytest.mark.usefixtures("mfa_on")
def test_unconfirmed_device_does_not_count(users: Any, client: Client) -> None:
    device = TOTPDevice.objects.create(user=users.judge, name="authenticator", confirmed=False)

    response = post_token(client, username="judge", password=factories.PASSWORD, otp=current_code(device))

    assert response.status_code == 401
    assert error_code(response) == "mfa_not_enrolled"


@pytest.mark.usefixtures("mfa_on")
def test_staff_without_otp_is_mfa_required(users: Any, client: Client) -> None:
    confirmed_device(users.judge)

    response = post_token(client, username="judge", password=factories.PASSWORD)

    assert response.status_code == 401
    assert error_code(response) == "mfa_required"
    assert not ApiToken.objects.exists()


@pytest.mark.usefixtures("mfa_on")
def test_staff_with_wrong_otp_is_mfa_required(users: Any, client: Client) -> None:
    device = confirmed_device(users.judge)
    wrong = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"

    response = post_token(client, username="judge", password=factories.PASSWORD, otp=wrong)

    assert response.status_code == 401
    assert error_code(response) == "mfa_required"
    assert not ApiToken.objects.exists()


@pytest.mark.usefixtures("mfa_on")
def test_staff_with_correct_otp_gets_a_token(users: Any, client: Client) -> None:
    device = confirmed_device(users.judge)

    response = post_token(client, username="judge", password=factories.PASSWORD, otp=current_code(device))

    assert response.status_code == 200
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {response.json()['token']}"}).json()[
        "mfa_enabled"
    ]


@pytest.mark.usefixtures("mfa_on")
def test_correct_otp_with_wrong_password_is_still_refused(users: Any, client: Client) -> None:
    device = confirmed_device(users.judge)

    response = post_token(client, username="judge", password="not-the-password", otp=current_code(device))

    assert response.status_code == 401
    assert error_code(response) == "invalid_credentials"


@pytest.mark.usefixtures("mfa_on")
@pytest.mark.parametrize("username", ["litigant", "lawyer"])
def test_litigants_and_lawyers_are_not_asked_for_otp(users: Any, client: Client, username: str) -> None:
    response = post_token(client, username=username, password=factories.PASSWORD)

    assert response.status_code == 200


def test_without_mfa_setting_staff_need_no_otp(users: Any, client: Client, settings: Any) -> None:
    settings.STAFF_MFA_REQUIRED = False

    assert post_token(client, username="judge", password=factories.PASSWORD).status_code == 200


# --- audit trail -------------------------------------------------------------------------


def test_token_issue_is_audited(users: Any, client: Client) -> None:
    before = AuditRecord.objects.count()

    post_token(client, username="judge", password=factories.PASSWORD)

    issued = AuditRecord.objects.filter(action="auth.token_issued")
    assert issued.count() == 1
    entry = issued.get()
    assert entry.kind == "auth"
    assert entry.actor_username == "judge"
    assert entry.court_code == "京0105"
    assert entry.object_id == str(ApiToken.objects.get().pk)
    assert entry.seq > before
    assert audit.verify().ok


def test_failed_login_is_audited(users: Any, client: Client) -> None:
    post_token(client, username="judge", password="not-the-password")

    failed = AuditRecord.objects.filter(action="auth.login_failed")
    assert failed.count() == 1
    entry = failed.get()
    assert entry.kind == "auth"
    assert entry.object_repr == "judge"
    assert not AuditRecord.objects.filter(action="auth.token_issued").exists()
    assert audit.verify().ok


def test_audit_chain_verifies_after_a_mix_of_logins(users: Any, client: Client) -> None:
    post_token(client, username="judge", password="nope")
    post_token(client, username="judge", password=factories.PASSWORD)
    post_token(client, username="litigant", password=factories.PASSWORD)

    report = audit.verify()
    assert report.ok, report.problem
    assert report.checked == AuditRecord.objects.count()
