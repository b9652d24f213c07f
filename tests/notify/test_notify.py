"""The notification service: registration SMS and e-mail, opt-out, daily limit, retries, API scoping."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.cases.conftest import person
from tests.conftest import Users, bearer
from tianping.cases.enums import PartyRole
from tianping.cases.models import Party
from tianping.notify import services
from tianping.notify.channels import DeliveryError, DeliveryReceipt
from tianping.notify.enums import Channel, NotificationStatus
from tianping.notify.models import DeliveryAttempt, Notification, OptOut, SmsOutbox
from tianping.notify.tasks import DELIVERY_RETRIES

pytestmark = pytest.mark.django_db


class FailingGateway:
    def send(self, *, to: str, text: str) -> DeliveryReceipt:
        raise DeliveryError("gateway down")


def _run_scheduled_retries(huey: Any) -> None:
    """Run the retries Huey scheduled (retry_delay) as the consumer would, until none are left."""
    far_future = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)  # huey keeps naive UTC
    for _round in range(DELIVERY_RETRIES + 1):
        for task in huey.read_schedule(far_future):
            huey.execute(task, timestamp=far_future)


def test_registration_sends_sms_to_parties_with_mobiles(register: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        case = register()
    parties = {p.mobile: p for p in Party.objects.filter(case=case) if p.mobile}
    outbox = {row.to: row.text for row in SmsOutbox.objects.all()}
    assert set(outbox) == {"13800138000", "13900139000"}
    for mobile, text in outbox.items():
        assert case.number in text
        assert f"查询码{parties[mobile].query_code}" in text
        assert text.startswith("【北京市朝阳区人民法院】您的案件已立案")
    notifications = Notification.objects.filter(related_type="cases.Case", related_id=case.pk)
    assert {n.status for n in notifications} == {NotificationStatus.SENT}
    assert all(n.court_code == "京0105" and n.attempts == 1 for n in notifications)
    assert DeliveryAttempt.objects.filter(ok=True).count() == 2


def test_nothing_is_sent_before_commit(register: Any) -> None:
    case = register()
    assert Notification.objects.filter(related_id=case.pk, status=NotificationStatus.QUEUED).count() == 2
    assert not SmsOutbox.objects.exists()


def test_email_to_party_account(
    register: Any, users: Users, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users.litigant.email = "Zhangsan@Example.com"
    users.litigant.save(update_fields=["email"])
    parties = [
        person(PartyRole.PLAINTIFF, "张三", mobile="13800138000", account_id=users.litigant.pk),
        person(PartyRole.DEFENDANT, "李四"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        case = register(parties=parties)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhangsan@example.com"]
    assert case.number in message.subject
    assert Party.objects.get(case=case, name="张三").query_code in message.body
    email = Notification.objects.get(channel=Channel.EMAIL)
    assert email.status == NotificationStatus.SENT
    assert email.account_id == users.litigant.pk


def test_opt_out_suppresses(register: Any, users: Users, django_capture_on_commit_callbacks: Any) -> None:
    services.opt_out_create(actor=users.litigant, address=users.litigant.mobile, channel=Channel.SMS)
    with django_capture_on_commit_callbacks(execute=True):
        register(plaintiff_mobile=users.litigant.mobile)
    suppressed = Notification.objects.get(address=users.litigant.mobile)
    assert suppressed.status == NotificationStatus.SUPPRESSED
    assert suppressed.last_error == "opted_out"
    assert list(SmsOutbox.objects.values_list("to", flat=True)) == ["13900139000"]


def test_opt_out_only_for_own_address(users: Users) -> None:
    from tianping.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.opt_out_create(actor=users.litigant, address="13700137000", channel=Channel.SMS)
    assert not OptOut.objects.exists()


def test_daily_limit_suppresses(register: Any, settings: Any, django_capture_on_commit_callbacks: Any) -> None:
    settings.SMS_DAILY_LIMIT = 2
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            register(defendant_mobile="")
    statuses = list(Notification.objects.order_by("id").values_list("status", "last_error"))
    assert statuses == [
        (NotificationStatus.SENT, ""),
        (NotificationStatus.SENT, ""),
        (NotificationStatus.SUPPRESSED, "daily_limit"),
    ]
    assert SmsOutbox.objects.count() == 2


def test_failing_gateway_retries_then_fails(
    register: Any, settings: Any, huey_immediate: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SMS_GATEWAY = "tests.notify.test_notify.FailingGateway"
    with django_capture_on_commit_callbacks(execute=True):
        register(defendant_mobile="")
    notification = Notification.objects.get()
    assert notification.status == NotificationStatus.QUEUED  # first attempt failed, a retry is scheduled
    assert notification.attempts == 1
    _run_scheduled_retries(huey_immediate)
    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == DELIVERY_RETRIES + 1
    assert "gateway down" in notification.last_error
    attempts = DeliveryAttempt.objects.filter(notification=notification)
    assert attempts.count() == DELIVERY_RETRIES + 1
    assert not attempts.filter(ok=True).exists()
    assert not SmsOutbox.objects.exists()


def test_file_email_backend_is_the_default(settings: Any) -> None:
    from django.conf import settings as django_settings

    assert django_settings.SMS_GATEWAY == "tianping.notify.channels.LocalOutboxSmsGateway"
    assert django_settings.EMAIL_FILE_PATH.endswith("mail")


# ---- API ----------------------------------------------------------------------------------


def test_api_scoping(
    register: Any, users: Users, api_client: Client, django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
) -> None:  # fmt: skip
    parties = [
        person(PartyRole.PLAINTIFF, "张三", mobile=users.litigant.mobile, account_id=users.litigant.pk),
        person(PartyRole.DEFENDANT, "李四", mobile="13900139000"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        case = register(parties=parties)
        other = register()

    clerk = bearer(api_client, "clerk")
    with django_assert_max_num_queries(8):
        response = api_client.get(f"/api/v1/notifications?case_id={case.pk}", headers=clerk)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 2
    assert {item["address"] for item in body["items"]} == {
        users.litigant.mobile[:3] + "****" + users.litigant.mobile[-4:],
        "139****9000",
    }
    assert api_client.get("/api/v1/notifications", headers=clerk).json()["count"] == 4

    outsider = api_client.get("/api/v1/notifications", headers=bearer(api_client, "outsider")).json()
    assert outsider["count"] == 0

    mine = api_client.get("/api/v1/notifications", headers=bearer(api_client, "litigant")).json()
    assert mine["count"] == 1
    assert mine["items"][0]["related_id"] == case.pk
    assert other.pk != case.pk

    assert api_client.get("/api/v1/notifications").status_code == 401


def test_api_opt_out(users: Users, api_client: Client) -> None:
    headers = bearer(api_client, "litigant")
    response = api_client.post(
        "/api/v1/notifications/opt-out", {"address": users.litigant.mobile, "channel": "sms"},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert "****" in response.json()["address"]
    assert OptOut.objects.filter(address=users.litigant.mobile, channel="sms", account=users.litigant).exists()

    response = api_client.post(
        "/api/v1/notifications/opt-out", {"address": "13700137000", "channel": "sms"},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert response.status_code == 403
    assert response.json()["code"] == "not_own_address"


def test_smpp_gateway_without_host_raises_delivery_error() -> None:
    from tianping.notify.channels import SmppSmsGateway

    with pytest.raises(DeliveryError):
        SmppSmsGateway(config={"host": ""}).send(to="13800138000", text="测试")


def test_every_template_has_a_name_for_the_staff_pages() -> None:
    from tianping.notify.templates_text import TEMPLATE_LABELS, TEMPLATES

    assert set(TEMPLATE_LABELS) == set(TEMPLATES)
