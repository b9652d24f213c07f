"""Fax as a channel (local outbox: PDF stored, pages, SHA-256, text), closing and hearing notices,
and the daily limit counted with ``core.clock``."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage

from tests.conftest import Users
from tianping.cases import services as case_services
from tianping.cases.enums import CaseStatus
from tianping.cases.models import Case
from tianping.core import clock
from tianping.core.errors import ApplicationError, ValidationFailed
from tianping.core.pdf import pdf_text, render_pdf
from tianping.notify import services
from tianping.notify.channels import LocalFaxGateway
from tianping.notify.enums import Channel, NotificationStatus
from tianping.notify.models import FaxOutbox, Notification, SmsOutbox

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _stored(row: FaxOutbox) -> bytes:
    with default_storage.open(row.path, "rb") as handle:
        data: bytes = handle.read()
    return data


def test_local_fax_gateway_stores_the_pdf_with_pages_and_hash(db: Any) -> None:
    pdf = render_pdf("notify/print/fax.html", {"subject": "测试传真", "paragraphs": ["第一段。"] * 40})
    receipt = LocalFaxGateway().send(pdf_bytes=pdf, to_number="01065123456", cover="测试传真")
    row = FaxOutbox.objects.get()
    assert receipt.message_id == row.message_id
    assert row.path.startswith("fax/outbox/")
    assert row.pages == 2
    assert "2 page(s)" in receipt.response
    assert _stored(row) == pdf
    assert row.sha256 == hashlib.sha256(pdf).hexdigest()


def test_fax_is_a_notify_channel_with_delivery_log(register: Any, django_capture_on_commit_callbacks: Any) -> None:
    case = register()
    with django_capture_on_commit_callbacks(execute=True):
        created = services.notify(
            recipients=[services.Recipient(name="北京某某科技有限公司", fax="010-6512 3456")],
            template="hearing_scheduled",
            context={
                "court": "北京市朝阳区人民法院",
                "number": case.number,
                "when": "2026年12月03日 09:30",
                "place": "第三法庭",
            },
            court_id=case.court_id,
            court_code="京0105",
        )
    assert [n.channel for n in created] == [Channel.FAX]
    notification = Notification.objects.get(channel=Channel.FAX)
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert notification.address == "01065123456"
    row = FaxOutbox.objects.get()
    assert row.to == "01065123456"
    assert row.pages == 1
    assert row.cover.startswith("【北京市朝阳区人民法院】开庭通知")
    text = pdf_text(_stored(row)).replace(" ", "")
    assert case.number in text
    assert "第三法庭" in text
    assert notification.delivery_attempts.get().message_id == row.message_id


def test_fax_of_a_given_pdf(register: Any, django_capture_on_commit_callbacks: Any) -> None:
    pdf = render_pdf("notify/print/fax.html", {"subject": "判决书", "paragraphs": ["本院认为……"]})
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(
            recipients=[services.Recipient(name="某律所", fax="+86 10 6512 3456")],
            template="voice_message_reply",
            context={"court": "某法院", "left_on": "11月30日", "reply": "附件为判决书"},
            fax_pdf=pdf,
        )
    row = FaxOutbox.objects.get()
    assert row.sha256 == hashlib.sha256(pdf).hexdigest()
    assert row.to == "+861065123456"


@pytest.mark.parametrize("fax", ["call me", "12", "010-6512-3456-7890-1234-56"])
def test_bad_fax_number_is_422_and_nothing_is_written(db: Any, fax: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.notify(
            recipients=[services.Recipient(name="某", fax=fax)], template="voice_message_reply",
            context={"court": "某法院", "left_on": "今天", "reply": "好"},
        )  # fmt: skip
    assert caught.value.code == "invalid_fax_number"
    assert not Notification.objects.exists()


def test_not_a_pdf_is_refused(db: Any) -> None:
    with pytest.raises(ValidationFailed):
        services.notify(
            recipients=[services.Recipient(name="某", fax="01065123456")], template="voice_message_reply",
            context={"court": "某法院", "left_on": "今天", "reply": "好"}, fax_pdf=b"hello",
        )  # fmt: skip
    assert not Notification.objects.exists()


# ---- key case events --------------------------------------------------------------------------


def test_closing_a_case_tells_each_party(register: Any, users: Users, django_capture_on_commit_callbacks: Any) -> None:
    case = register()
    Case.objects.filter(pk=case.pk).update(judge=users.judge)
    case.refresh_from_db()
    day = dt.datetime(2026, 12, 2, 15, 0, tzinfo=SHANGHAI)
    with clock.frozen_at(day), django_capture_on_commit_callbacks(execute=True):
        case_services.case_transition(
            actor=users.judge, case=case, to_status=CaseStatus.CLOSED, closing_method="withdrawal"
        )
    closing = Notification.objects.filter(template="case_closed", related_id=case.pk)
    assert {n.address for n in closing} == {"13800138000", "13900139000"}
    assert {n.status for n in closing} == {NotificationStatus.SENT}
    texts = list(SmsOutbox.objects.filter(text__contains="结案").values_list("text", flat=True))
    assert len(texts) == 2
    assert all(case.number in t and "2026年12月02日结案" in t for t in texts)


def test_a_refused_transition_sends_nothing(register: Any, users: Users) -> None:
    case = register()
    with pytest.raises(ApplicationError):  # the clerk may not close a case
        case_services.case_transition(
            actor=users.clerk, case=case, to_status=CaseStatus.CLOSED, closing_method="withdrawal"
        )
    assert not Notification.objects.filter(template="case_closed").exists()


def test_hearing_scheduled_notify(register: Any, django_capture_on_commit_callbacks: Any) -> None:
    case = register()
    when = dt.datetime(2026, 12, 3, 1, 30, tzinfo=dt.UTC)  # 09:30 in Beijing
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.hearing_scheduled_notify(case_id=case.pk, when=when, place="第三法庭")
    assert len(sent) == 2
    text = SmsOutbox.objects.filter(text__contains="开庭").first().text
    assert "2026年12月03日 09:30" in text
    assert "第三法庭" in text
    assert case.number in text
    with pytest.raises(ValidationFailed):
        services.hearing_scheduled_notify(case_id=case.pk, when=dt.datetime(2026, 12, 3, 9, 30), place="x")


# ---- the daily limit on the injectable clock ---------------------------------------------------


def _send_one(register: Any) -> None:
    register(defendant_mobile="")


def test_daily_limit_counts_days_of_core_clock(
    register: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SMS_DAILY_LIMIT = 1
    late = dt.datetime(2026, 11, 30, 23, 50, tzinfo=SHANGHAI)
    after_midnight = dt.datetime(2026, 12, 1, 0, 10, tzinfo=SHANGHAI)  # the same UTC date as ``late``
    with django_capture_on_commit_callbacks(execute=True):
        with clock.frozen_at(late):
            _send_one(register)
            _send_one(register)
        with clock.frozen_at(after_midnight):
            _send_one(register)
    rows = list(Notification.objects.order_by("id").values_list("status", "created_at"))
    assert [status for status, _at in rows] == [
        NotificationStatus.SENT,
        NotificationStatus.SUPPRESSED,
        NotificationStatus.SENT,
    ]
    assert rows[0][1] == late
    assert rows[2][1] == after_midnight
