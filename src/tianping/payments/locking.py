"""Locking an order before changing it, and withdrawing its uncollected payment."""

from __future__ import annotations

from tianping.payments import providers, rules
from tianping.payments.enums import PaymentStatus
from tianping.payments.models import PaymentOrder


def locked_order(order_id: int) -> PaymentOrder:
    """The order row, locked for the rest of the transaction (every change to an order locks it first)."""
    return PaymentOrder.objects.select_for_update(of=("self",)).select_related("court").get(pk=order_id)


def void_pending_payment(order: PaymentOrder) -> None:
    """Withdraw the order's uncollected payment at the provider (its amount or status changed)."""
    for payment in order.payments.select_for_update().filter(status=PaymentStatus.PENDING):
        providers.get_provider().close(reference=payment.reference)
        rules.payment_transition(payment, PaymentStatus.VOIDED)
        payment.save(update_fields=["status", "updated_at"])
