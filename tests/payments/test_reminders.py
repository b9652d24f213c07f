"""Reminders before the payment deadline and one notice after it, each sent once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.conftest import CourtTree, Users
from tests.payments.conftest import issue
from tianping.core.models import AuditRecord
from tianping.notify.models import Notification
from tianping.payments import services


def sms_for(order: Any) -> list[Notification]:
    return list(Notification.objects.filter(related_type="payments.paymentorder", related_id=order.pk, channel="sms"))


def test_due_soon_then_overdue_once_each(order: Any, courts: CourtTree, users: Users) -> None:
    no_account = issue(courts, users, related_id=50, payer_account_id=None, payer_name="某公司")
    assert order.due_date == dt.date(2026, 9, 21)
    assert services.orders_remind(today=dt.date(2026, 9, 18)) == (0, 0)
    assert services.orders_remind(today=dt.date(2026, 9, 19)) == (1, 0)
    assert services.orders_remind(today=dt.date(2026, 9, 20)) == (0, 0)
    [reminder] = sms_for(order)
    assert reminder.template == "payment_due"
    assert order.number in reminder.body
    assert "3,300.00元" in reminder.body
    assert "2026-09-21" in reminder.body
    assert reminder.address == users.litigant.mobile
    assert services.orders_remind(today=dt.date(2026, 9, 21)) == (0, 0)  # the last day is not overdue yet
    assert services.orders_remind(today=dt.date(2026, 9, 22)) == (0, 1)
    assert services.orders_remind(today=dt.date(2026, 9, 23)) == (0, 0)
    assert sorted(n.template for n in sms_for(order)) == ["payment_due", "payment_overdue"]
    assert sms_for(no_account) == []
    assert AuditRecord.objects.filter(action="payments.order_overdue_notice", object_id=str(order.pk)).count() == 1


def test_paid_and_exempted_orders_are_not_reminded(order: Any, users: Users) -> None:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    services.local_cashier_confirm(actor=users.litigant, payment=payment, idempotency_key="confirm-0001")
    assert services.orders_remind(today=dt.date(2026, 9, 20)) == (0, 0)
    assert services.orders_remind(today=dt.date(2026, 9, 30)) == (0, 0)
    assert sms_for(order) == []
