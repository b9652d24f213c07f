"""Simultaneous confirmations and refunds of one order.

Threads with their own database connections start together at a barrier and call the real
services (SQLite: IMMEDIATE transactions serialise the writers; PostgreSQL: the order's row
lock and the unique index of idempotency keys). Runs on whichever database the tests use.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from tests.concurrency import race
from tests.conftest import Users
from tianping.core import audit
from tianping.core.models import AuditRecord
from tianping.payments import providers, services
from tianping.payments.enums import OrderStatus, PaymentStatus
from tianping.payments.models import IdempotencyKey, LocalCharge, Refund

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CONTENDERS = 6


def test_simultaneous_confirmations_make_one_paid_order(order: Any, users: Users) -> None:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    body, headers = providers.LocalPaymentProvider().collect(reference=payment.reference)

    def deliver_callback() -> int:
        return services.payment_callback_receive(provider_name="local", body=body, headers=headers).pk

    def confirm_with(key: str) -> Callable[[], int]:
        return lambda: services.payment_confirm(event_id=key, reference=payment.reference, amount=Decimal("3300")).pk

    calls = [deliver_callback] * (CONTENDERS // 2) + [confirm_with(f"event-{i:04d}") for i in range(CONTENDERS // 2)]
    results, unexpected = race(calls)

    assert unexpected == []
    assert results == [payment.pk] * CONTENDERS
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.amount_paid == Decimal("3300.00")
    assert payment.status == PaymentStatus.SUCCEEDED
    assert AuditRecord.objects.filter(action="payments.payment_confirm").count() == 1
    assert IdempotencyKey.objects.filter(operation="confirm").count() == 1 + CONTENDERS // 2
    assert audit.verify().ok


def test_simultaneous_cashier_confirmations_with_one_key(order: Any, users: Users) -> None:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")

    def confirm() -> int:
        return services.local_cashier_confirm(actor=users.litigant, payment=payment, idempotency_key="confirm-0001").pk

    results, unexpected = race([confirm] * 4)
    assert unexpected == []
    assert results == [payment.pk] * 4
    order.refresh_from_db()
    assert order.amount_paid == Decimal("3300.00")
    assert AuditRecord.objects.filter(action="payments.payment_confirm").count() == 1


def test_simultaneous_full_refunds_refund_once(order: Any, users: Users) -> None:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    services.local_cashier_confirm(actor=users.litigant, payment=payment, idempotency_key="confirm-0001")

    def refund_with(key: str) -> Callable[[], str]:
        return lambda: (
            services.order_refund(
                actor=users.clerk, order=order, amount=Decimal("3300"), reason="撤诉退费", idempotency_key=key
            ).order.status
        )

    results, unexpected = race([refund_with(f"refund-{i:04d}") for i in range(4)])
    assert unexpected == []
    assert sorted(results) == sorted([OrderStatus.REFUNDED] + ["order_not_refundable"] * 3)
    order.refresh_from_db()
    assert order.amount_refunded == Decimal("3300.00")
    assert Refund.objects.count() == 1
    assert LocalCharge.objects.get().refunded == Decimal("3300.00")
