"""Reminders to payers: shortly before the payment deadline, and once after it has passed.

Each order is reminded at most once of each kind (``reminded_at`` / ``overdue_notified_at``,
set under the order's row lock, so two runs of the job at once still send one message). Only
orders whose payer has an account are reminded; the message goes through ``notify``
(SMS and e-mail, respecting opt-outs and daily limits).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tianping.core import audit, clock
from tianping.core.money import format_yuan
from tianping.notify import services as notify
from tianping.payments.enums import OrderStatus
from tianping.payments.locking import locked_order
from tianping.payments.models import PaymentOrder

REMIND_DAYS_BEFORE = 2


def _send(order: PaymentOrder, template: str) -> None:
    payer: Any = order.payer
    recipient = notify.Recipient(
        name=order.payer_name, mobile=payer.mobile or "", email=payer.email or "", account_id=payer.pk
    )
    notify.notify(
        recipients=[recipient],
        template=template,
        context={
            "court": order.court.name,
            "purpose": order.get_purpose_display(),
            "description": order.description or order.get_purpose_display(),
            "amount": format_yuan(order.amount_due).removesuffix(" 元"),
            "number": order.number,
            "due_date": f"{order.due_date:%Y-%m-%d}",
        },
        related=("payments.paymentorder", order.pk),
        court_code=order.court.code,
        court_id=order.court_id,
    )


@transaction.atomic
def _remind(order_id: int, *, overdue: bool, today: dt.date) -> bool:
    order = locked_order(order_id)
    field = "overdue_notified_at" if overdue else "reminded_at"
    still_due = order.status == OrderStatus.UNPAID and order.amount_due > 0 and order.payer_id is not None
    in_window = order.due_date < today if overdue else today <= order.due_date
    if not still_due or not in_window or getattr(order, field) is not None:
        return False
    _send(order, "payment_overdue" if overdue else "payment_due")
    setattr(order, field, clock.now())
    order.save(update_fields=[field, "updated_at"])
    audit.record(
        actor=None,
        action="payments.order_overdue_notice" if overdue else "payments.order_reminder",
        obj=order,
        court_code=order.court.code,
        changes={"due_date": order.due_date, "amount_due": order.amount_due},
    )
    return True


def orders_remind(*, today: dt.date | None = None) -> tuple[int, int]:
    """Send the due-soon reminders and the overdue notices of ``today``: ``(reminded, overdue)``."""
    today = today or clock.today()
    unpaid = PaymentOrder.objects.filter(status=OrderStatus.UNPAID, payer__isnull=False, amount_due__gt=0)
    due_soon = unpaid.filter(
        reminded_at__isnull=True, due_date__gte=today, due_date__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    ).values_list("pk", flat=True)
    overdue = unpaid.filter(overdue_notified_at__isnull=True, due_date__lt=today).values_list("pk", flat=True)
    reminded = sum(_remind(pk, overdue=False, today=today) for pk in list(due_soon))
    notified = sum(_remind(pk, overdue=True, today=today) for pk in list(overdue))
    return reminded, notified
