"""Paying through the local provider, confirming once, idempotency keys and refunds."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import CourtTree, Users
from tests.payments.conftest import issue
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.payments import providers, services
from tianping.payments.enums import LocalChargeStatus, OrderStatus, PaymentStatus
from tianping.payments.models import IdempotencyKey, LocalCharge, Payment, PaymentOrder, Refund


def pay(order: Any, users: Users, key: str = "pay-key-0001") -> Any:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key=key)
    return services.local_cashier_confirm(actor=users.litigant, payment=payment, idempotency_key=f"c-{key}")


def test_start_returns_the_cashier_url_and_reuses_the_open_payment(order: Any, users: Users) -> None:
    first = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    assert first.pay_url == f"/payments/cashier/{first.reference}/"
    assert first.amount == Decimal("3300.00")
    assert first.status == PaymentStatus.PENDING
    again = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0002")
    assert again.pk == first.pk
    assert LocalCharge.objects.count() == 1


def test_only_the_payer_starts_a_payment(order: Any, users: Users) -> None:
    with pytest.raises(PermissionDenied):
        services.payment_start(actor=users.lawyer, order=order, idempotency_key="pay-key-0001")
    assert not Payment.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_cashier_confirmation_pays_the_order_through_the_signed_callback(order: Any, users: Users) -> None:
    payment = pay(order, users)
    order.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert order.status == OrderStatus.PAID
    assert order.amount_paid == Decimal("3300.00")
    assert order.paid_at is not None
    assert LocalCharge.objects.get().status == LocalChargeStatus.COLLECTED
    assert AuditRecord.objects.filter(action="payments.payment_confirm", object_id=str(order.pk)).count() == 1


def test_same_key_same_result_and_no_second_charge(order: Any, users: Users) -> None:
    first = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    services.local_cashier_confirm(actor=users.litigant, payment=first, idempotency_key="confirm-0001")
    again = services.local_cashier_confirm(actor=users.litigant, payment=first, idempotency_key="confirm-0001")
    replay = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    assert again.pk == first.pk
    assert replay.pk == first.pk
    order.refresh_from_db()
    assert order.amount_paid == Decimal("3300.00")
    assert AuditRecord.objects.filter(action="payments.payment_confirm").count() == 1


def test_same_key_with_another_body_is_a_conflict(order: Any, courts: CourtTree, users: Users) -> None:
    other = issue(courts, users, related_id=77)
    services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    with pytest.raises(Conflict) as excinfo:
        services.payment_start(actor=users.litigant, order=other, idempotency_key="pay-key-0001")
    assert excinfo.value.code == "idempotency_key_reused"
    assert not other.payments.exists()


@pytest.mark.parametrize("key", ["", "short", "has space in it", "x" * 129, "中文中文中文中文中文"])
def test_malformed_idempotency_keys_are_refused(order: Any, users: Users, key: str) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        services.payment_start(actor=users.litigant, order=order, idempotency_key=key)
    assert excinfo.value.code == "invalid_idempotency_key"
    assert not Payment.objects.exists()


def test_a_second_confirmation_of_a_paid_payment_changes_nothing(order: Any, users: Users) -> None:
    payment = pay(order, users)
    body, headers = providers.LocalPaymentProvider().collect(reference=payment.reference)
    services.payment_callback_receive(provider_name="local", body=body, headers=headers)
    services.payment_confirm(event_id="another-event-1", reference=payment.reference, amount=Decimal("3300"))
    order.refresh_from_db()
    assert order.amount_paid == Decimal("3300.00")
    assert order.status == OrderStatus.PAID


def test_callback_with_a_wrong_amount_is_refused(order: Any, users: Users) -> None:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    body = json.dumps(
        {"event_id": "evt-000001", "reference": payment.reference, "amount": "1.00", "status": "collected"}
    ).encode()
    with pytest.raises(Conflict) as excinfo:
        services.payment_callback_receive(
            provider_name="local", body=body, headers={providers.SIGNATURE_HEADER: providers.sign(body)}
        )
    assert excinfo.value.code == "amount_mismatch"
    order.refresh_from_db()
    assert order.status == OrderStatus.UNPAID


def test_callback_with_a_bad_signature_is_refused_and_audited(order: Any, users: Users) -> None:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    body = json.dumps(
        {"event_id": "evt-000001", "reference": payment.reference, "amount": "3300.00", "status": "collected"}
    ).encode()
    with pytest.raises(PermissionDenied) as excinfo:
        services.payment_callback_receive(
            provider_name="local", body=body, headers={providers.SIGNATURE_HEADER: "0" * 64}
        )
    assert excinfo.value.code == "bad_signature"
    order.refresh_from_db()
    assert order.status == OrderStatus.UNPAID
    assert AuditRecord.objects.filter(action="payments.callback_rejected").count() == 1


# ---- Refunds -------------------------------------------------------------------------------


@pytest.fixture
def paid(order: Any, users: Users) -> Any:
    pay(order, users)
    order.refresh_from_db()
    return order


def test_partial_then_full_refund(paid: Any, users: Users) -> None:
    services.order_refund(
        actor=users.clerk, order=paid, amount=Decimal("300"), reason="调解结案减半", idempotency_key="refund-0001"
    )
    paid.refresh_from_db()
    assert paid.status == OrderStatus.PARTIALLY_REFUNDED
    assert paid.amount_refunded == Decimal("300.00")
    services.order_refund(
        actor=users.president, order=paid, amount=Decimal("3000"), reason="撤诉退费", idempotency_key="refund-0002"
    )
    paid.refresh_from_db()
    assert paid.status == OrderStatus.REFUNDED
    assert LocalCharge.objects.get().refunded == Decimal("3300.00")


def test_refund_never_exceeds_what_was_paid(paid: Any, users: Users) -> None:
    with pytest.raises(Conflict) as excinfo:
        services.order_refund(
            actor=users.clerk, order=paid, amount=Decimal("3300.01"), reason="多退", idempotency_key="refund-0001"
        )
    assert excinfo.value.code == "refund_exceeds_paid"
    assert not Refund.objects.exists()
    assert not IdempotencyKey.objects.filter(operation="refund").exists()


def test_refund_replay_and_reuse(paid: Any, users: Users) -> None:
    first = services.order_refund(
        actor=users.clerk, order=paid, amount=Decimal("100"), reason="部分退费", idempotency_key="refund-0001"
    )
    again = services.order_refund(
        actor=users.clerk, order=paid, amount=Decimal("100"), reason="部分退费", idempotency_key="refund-0001"
    )
    assert again.pk == first.pk
    with pytest.raises(Conflict) as excinfo:
        services.order_refund(
            actor=users.clerk, order=paid, amount=Decimal("200"), reason="部分退费", idempotency_key="refund-0001"
        )
    assert excinfo.value.code == "idempotency_key_reused"
    paid.refresh_from_db()
    assert paid.amount_refunded == Decimal("100.00")


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), "abc"])
def test_refund_bad_amounts(paid: Any, users: Users, amount: Any) -> None:
    with pytest.raises(ValidationFailed):
        services.order_refund(actor=users.clerk, order=paid, amount=amount, reason="x", idempotency_key="refund-0001")
    assert not Refund.objects.exists()


def test_refund_only_by_filing_clerk_or_president(paid: Any, users: Users) -> None:
    for actor in (users.judge, users.division_head, users.litigant, users.outsider):
        with pytest.raises(PermissionDenied):
            services.order_refund(
                actor=actor, order=paid, amount=Decimal("1"), reason="退费", idempotency_key="refund-0001"
            )
    assert not Refund.objects.exists()


def test_unpaid_order_cannot_be_refunded_but_can_be_cancelled(order: Any, users: Users) -> None:
    with pytest.raises(Conflict):
        services.order_refund(
            actor=users.clerk, order=order, amount=Decimal("1"), reason="退费", idempotency_key="refund-0001"
        )
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    services.order_cancel(actor=users.clerk, order=order, reason="原告撤回起诉")
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert payment.status == PaymentStatus.VOIDED
    with pytest.raises(Conflict) as excinfo:
        services.local_cashier_confirm(actor=users.litigant, payment=payment, idempotency_key="confirm-0001")
    assert excinfo.value.code == "payment_voided"
    assert PaymentOrder.objects.get(pk=order.pk).amount_paid == 0


def test_reconciliation_confirms_a_payment_whose_callback_was_lost(courts: CourtTree, users: Users) -> None:
    import datetime as dt

    from django.utils import timezone

    from tianping.core import clock

    order = issue(courts, users)
    collected = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    waiting = services.payment_start(
        actor=users.litigant, order=issue(courts, users, related_id=43), idempotency_key="pay-key-0002"
    )
    providers.LocalPaymentProvider().collect(reference=collected.reference)  # the notification never arrives
    assert services.payments_reconcile_pending() == 0  # too recent to ask about
    with clock.frozen_at(timezone.now() + dt.timedelta(minutes=11)):
        assert services.payments_reconcile_pending() == 1
        assert services.payments_reconcile_pending() == 0
    order.refresh_from_db()
    waiting.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert waiting.status == PaymentStatus.PENDING
    assert AuditRecord.objects.filter(action="payments.payment_confirm").count() == 1


# ---- Counter payments ----------------------------------------------------------------------


def test_counter_payment_settles_an_order_of_a_payer_without_account(courts: CourtTree, users: Users) -> None:
    order = issue(courts, users, payer_account_id=None, payer_name="北京某某贸易有限公司")
    payment = services.order_record_counter_payment(
        actor=users.clerk, order=order, method="pos", voucher_no="POS-20260914-0007", idempotency_key="counter-0001"
    )
    again = services.order_record_counter_payment(
        actor=users.clerk, order=order, method="pos", voucher_no="POS-20260914-0007", idempotency_key="counter-0001"
    )
    assert again.pk == payment.pk
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert order.amount_paid == Decimal("3300.00")
    assert payment.method == "pos"
    assert payment.provider_transaction == "POS-20260914-0007"
    refund = services.order_refund(
        actor=users.president, order=order, amount=Decimal("3300"), reason="撤诉", idempotency_key="refund-0001"
    )
    assert refund.provider_reference.startswith("counter:")
    assert not LocalCharge.objects.exists()


def test_counter_payment_rules(order: Any, users: Users) -> None:
    online = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    for actor in (users.judge, users.division_head, users.litigant, users.outsider):
        with pytest.raises(PermissionDenied):
            services.order_record_counter_payment(
                actor=actor, order=order, method="cash", voucher_no="X1", idempotency_key="counter-0001"
            )
    for method, voucher, code in (("cheque", "X1", "invalid_method"), ("cash", " ", "voucher_required")):
        with pytest.raises(ValidationFailed) as excinfo:
            services.order_record_counter_payment(
                actor=users.clerk, order=order, method=method, voucher_no=voucher, idempotency_key="counter-0001"
            )
        assert excinfo.value.code == code
    assert order.payments.count() == 1
    services.order_record_counter_payment(
        actor=users.clerk, order=order, method="cash", voucher_no="XJ-0001", idempotency_key="counter-0001"
    )
    online.refresh_from_db()
    assert online.status == PaymentStatus.VOIDED  # the payer can no longer pay a second time online
    with pytest.raises(Conflict) as excinfo:
        services.local_cashier_confirm(actor=users.litigant, payment=online, idempotency_key="confirm-0001")
    assert excinfo.value.code == "payment_voided"
    with pytest.raises(Conflict):
        services.order_record_counter_payment(
            actor=users.clerk, order=order, method="cash", voucher_no="XJ-0002", idempotency_key="counter-0002"
        )
