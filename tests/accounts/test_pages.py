"""The login flow, the staff home page and the TOTP second factor, through the pages."""

from __future__ import annotations

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tianping.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def login(client, username, password=factories.PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/accounts/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_reaches_home_showing_court_role_and_sections(client, users):
    response = login(client, "judge")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "李法官" in page
    assert "北京市朝阳区人民法院" in page
    assert "法官" in page
    assert "/courts/" in page  # the court directory is offered
    assert "/supervision/audit/" not in page  # a judge is not an auditor


def test_auditor_home_offers_the_audit_log(client, users):
    login(client, "auditor")
    assert "/supervision/audit/" in client.get("/accounts/home/").content.decode()


def test_litigant_home_masks_identity(client, users):
    login(client, "litigant")
    page = client.get("/accounts/home/").content.decode()
    assert users.litigant.id_number not in page
    assert users.litigant.id_number[:6] + "********" + users.litigant.id_number[-4:] in page
    assert users.litigant.mobile not in page


def test_wrong_password_keeps_user_on_login_with_message(client, users):
    response = login(client, "judge", "wrong-password-1")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert AuditRecord.objects.filter(action="auth.login_failed", object_repr="judge").exists()


def test_lockout_after_repeated_failures_even_with_right_password(client, users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "clerk", "wrong-password-1")
    response = login(client, "clerk")
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_logout_requires_post(client, users):
    login(client, "judge")
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/accounts/home/").status_code == 302


def test_login_ignores_offsite_next(client, users):
    response = client.post(
        "/accounts/login/?next=https://evil.example/", {"username": "judge", "password": factories.PASSWORD}
    )
    assert response["Location"] == "/accounts/home/"


def test_staff_mfa_enrolment_then_verification(client, users, settings):
    settings.STAFF_MFA_REQUIRED = True
    login(client, "judge")
    response = client.get("/accounts/home/")
    assert response.status_code == 302
    assert "/accounts/mfa/verify/" in response["Location"]
    setup = client.get("/accounts/mfa/setup/")
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()  # the QR code to scan
    device = TOTPDevice.objects.get(user=users.judge, confirmed=False)

    wrong = client.post("/accounts/mfa/setup/", {"token": "000000" if current_code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    right = client.post("/accounts/mfa/setup/", {"token": current_code(device)})
    assert right.status_code == 302
    assert client.get("/accounts/home/").status_code == 200
    assert AuditRecord.objects.filter(action="mfa.enrolled", actor_username="judge").exists()

    client.post("/accounts/logout/")
    login(client, "judge")
    assert client.get("/accounts/home/").status_code == 302  # a fresh session needs the code again
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step once more in this test
    device.save()
    assert client.post("/accounts/mfa/verify/", {"token": current_code(device)}).status_code == 302
    assert client.get("/accounts/home/").status_code == 200


def test_litigants_are_not_asked_for_a_second_factor(client, users, settings):
    settings.STAFF_MFA_REQUIRED = True
    login(client, "litigant")
    assert client.get("/accounts/home/").status_code == 200
