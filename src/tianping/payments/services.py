"""Writes of the payments context: issuing and cancelling orders, paying, confirming, refunding.

Every write runs in one transaction with its audit record. Pay, confirm and refund take an
idempotency key (see ``idempotency``). Confirmation locks the order row, so two
confirmations of one payment arriving at once make one paid order on SQLite (IMMEDIATE
transactions) and PostgreSQL (``SELECT … FOR UPDATE``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.core import audit, clock
from tianping.core.errors import ApplicationError, Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.courts import selectors as court_selectors
from tianping.payments import idempotency, providers, rules
from tianping.payments.enums import COUNTER_METHODS, OrderStatus, PaymentPurpose, PaymentStatus, ReliefStatus
from tianping.payments.locking import locked_order, void_pending_payment
from tianping.payments.models import Payment, PaymentOrder, Refund
from tianping.payments.relief import fee_relief_decide, fee_relief_request
from tianping.payments.reminders import orders_remind

__all__ = [
    "fee_order_issue",
    "fee_relief_decide",
    "fee_relief_request",
    "local_cashier_confirm",
    "order_cancel",
    "order_record_counter_payment",
    "order_refund",
    "orders_remind",
    "payment_callback_receive",
    "payment_confirm",
    "payment_reconcile",
    "payment_start",
    "payments_reconcile_pending",
]

logger = logging.getLogger(__name__)
# A payment still open this long after it was started is asked about at the provider.
RECONCILE_AFTER = dt.timedelta(minutes=10)

# Staff of the order's court who may cancel an order and refund it.
CASHIER_ROLES = (Role.FILING_CLERK, Role.PRESIDENT)


# ---- Orders --------------------------------------------------------------------------------


def _clean_issue_input(
    *, purpose: str, related_type: str, related_id: int, payer_name: str, description: str
) -> tuple[str, str, str]:
    if purpose not in PaymentPurpose.values:
        raise ValidationFailed("未知的费用类型", code="invalid_purpose", details={"purpose": purpose})
    related_type = (related_type or "").strip().lower()
    if not rules.RELATED_TYPE_RE.match(related_type) or len(related_type) > 40:
        raise ValidationFailed("关联对象类型格式不正确", code="invalid_related_type")
    if not isinstance(related_id, int) or isinstance(related_id, bool) or related_id <= 0:
        raise ValidationFailed("关联对象ID必须是正整数", code="invalid_related_id")
    payer_name = (payer_name or "").strip()
    if not payer_name or len(payer_name) > 100:
        raise ValidationFailed("请填写缴费人名称（100字以内）", code="payer_name_required")
    return related_type, payer_name, (description or "").strip()[:200]


def _same_order(order: PaymentOrder, *, court_id: int, amount: Decimal, payer_account_id: int | None) -> bool:
    return order.court_id == court_id and order.amount_original == amount and order.payer_id == payer_account_id


@transaction.atomic
def fee_order_issue(
    *,
    actor: Any,
    court_id: int,
    payer_account_id: int | None,
    payer_name: str,
    amount: Decimal,
    purpose: str,
    related_type: str,
    related_id: int,
    description: str,
) -> PaymentOrder:
    """Issue an order for ``purpose`` of the related object, or return the live one already issued.

    Idempotent per (related_type, related_id, purpose): a second call returns the existing
    order. If that order differs in court, payer or amount, the call is a 409
    (``order_exists``) instead of silently returning an order for another sum.
    """
    related_type, payer_name, description = _clean_issue_input(
        purpose=purpose, related_type=related_type, related_id=related_id, payer_name=payer_name,
        description=description,
    )  # fmt: skip
    amount = rules.positive_amount(amount)
    court = court_selectors.court_get(court_id=court_id)
    payer = access.user_get(user_id=payer_account_id) if payer_account_id is not None else None
    existing = _live_order(related_type, related_id, purpose)
    if existing is None:
        try:
            with transaction.atomic():
                order = _create_order(
                    actor=actor, court=court, payer=payer, payer_name=payer_name, amount=amount, purpose=purpose,
                    related_type=related_type, related_id=related_id, description=description,
                )  # fmt: skip
                return order
        except IntegrityError:  # a concurrent call issued it first
            existing = _live_order(related_type, related_id, purpose)
            if existing is None:
                raise
    if not _same_order(existing, court_id=court.pk, amount=amount, payer_account_id=payer_account_id):
        raise Conflict(
            "该对象已开具同类缴费单，且法院、缴费人或金额不同",
            code="order_exists",
            details={"number": existing.number, "amount": str(existing.amount_original)},
        )
    return existing


def _live_order(related_type: str, related_id: int, purpose: str) -> PaymentOrder | None:
    return (
        PaymentOrder.objects.filter(related_type=related_type, related_id=related_id, purpose=purpose)
        .exclude(status=OrderStatus.CANCELLED)
        .first()
    )


def _create_order(
    *,
    actor: Any,
    court: Any,
    payer: Any,
    payer_name: str,
    amount: Decimal,
    purpose: str,
    related_type: str,
    related_id: int,
    description: str,
) -> PaymentOrder:
    now, today = clock.now(), clock.today()
    for _attempt in range(5):
        number = rules.new_order_number(today)
        if not PaymentOrder.objects.filter(number=number).exists():
            break
    order = PaymentOrder.objects.create(
        number=number,
        court=court,
        payer=payer,
        payer_name=payer_name,
        purpose=purpose,
        related_type=related_type,
        related_id=related_id,
        description=description,
        amount_original=amount,
        amount_due=amount,
        issued_at=now,
        due_date=rules.due_date_from(today),
        issued_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        actor=actor,
        action="payments.order_issue",
        obj=order,
        court_code=court.code,
        changes={"purpose": purpose, "amount": amount, "payer_name": payer_name, "payer": order.payer_id,
                 "related": f"{related_type}:{related_id}", "due_date": order.due_date},
    )  # fmt: skip
    return order


def _clean_reason(reason: str, *, code: str = "reason_required", limit: int = 300) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed("请填写原因", code=code, details={"field": "reason"})
    if len(reason) > limit:
        raise ValidationFailed(f"原因不超过 {limit} 字", code="reason_too_long", details={"field": "reason"})
    return reason


@transaction.atomic
def order_cancel(*, actor: Any, order: PaymentOrder, reason: str) -> PaymentOrder:
    """Cancel an unpaid order (filing clerk or president of its court), e.g. when the case is withdrawn."""
    reason = _clean_reason(reason)
    order = locked_order(order.pk)
    if actor is not None:
        access.require_role(actor, *CASHIER_ROLES, court_id=order.court_id)
    previous = rules.transition(order, OrderStatus.CANCELLED)
    void_pending_payment(order)
    closed = 0
    for relief in order.reliefs.select_for_update().filter(status=ReliefStatus.PENDING):
        rules.relief_transition(relief, ReliefStatus.REFUSED)
        relief.decision_note, relief.decided_at = "缴费单已撤销，申请终结", clock.now()
        relief.save(update_fields=["status", "decision_note", "decided_at", "updated_at"])
        closed += 1
    order.cancelled_at, order.cancel_reason = clock.now(), reason
    order.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    audit.record(
        actor=actor,
        action="payments.order_cancel",
        obj=order,
        court_code=order.court.code,
        changes={"status": [previous, order.status], "reason": reason, "reliefs_closed": closed},
    )
    return order


# ---- Paying --------------------------------------------------------------------------------


def payment_start(*, actor: Any, order: PaymentOrder, idempotency_key: str | None) -> Payment:
    """Start (or resume) paying ``order`` online: the payer gets the provider's pay URL.

    An uncollected payment for the same amount is reused, so pressing “pay” twice never
    opens two charges."""

    def perform() -> dict[str, Any]:
        locked = locked_order(order.pk)
        if locked.payer_id is None or locked.payer_id != getattr(actor, "pk", None):
            raise PermissionDenied("只有缴费人本人可以在线缴费", code="not_the_payer")
        if locked.status != OrderStatus.UNPAID or locked.amount_due <= 0:
            raise Conflict("该缴费单当前无需缴费", code="order_not_payable", details={"status": locked.status})
        pending = locked.payments.select_for_update().filter(status=PaymentStatus.PENDING).first()
        if pending is not None and pending.amount == locked.amount_due:
            return {"payment_id": pending.pk}
        void_pending_payment(locked)
        return {"payment_id": _open_payment(actor, locked).pk}

    result, _replayed = idempotency.run(
        operation="pay", key=idempotency_key, actor=actor, payload={"order": order.pk}, perform=perform
    )
    return Payment.objects.select_related("order__court").get(pk=result["payment_id"])


def _open_payment(actor: Any, order: PaymentOrder) -> Payment:
    provider = providers.get_provider()
    attempt = order.payments.count() + 1
    created = provider.create_payment(
        merchant_reference=f"{order.number}-{attempt}",
        amount=order.amount_due,
        description=f"{order.court.name} {order.get_purpose_display()} {order.number}",
    )
    payment = Payment.objects.create(
        order=order,
        provider=provider.name,
        reference=created.reference,
        amount=order.amount_due,
        pay_url=created.pay_url,
        started_by=actor,
    )
    audit.record(
        actor=actor,
        action="payments.payment_start",
        obj=payment,
        court_code=order.court.code,
        changes={"order": order.number, "amount": payment.amount, "provider": provider.name},
    )
    return payment


def payment_confirm(
    *, actor: Any = None, event_id: str, reference: str, amount: Decimal, transaction_id: str = ""
) -> Payment:
    """The provider says ``reference`` was collected: the order becomes paid, exactly once.

    The order row is locked, so simultaneous confirmations of one payment make one paid order;
    a confirmation of a payment already confirmed changes nothing and returns it."""
    amount = rules.positive_amount(amount)

    def perform() -> dict[str, Any]:
        found = Payment.objects.filter(reference=reference).only("pk", "order_id").first()
        if found is None:
            raise NotFound("支付流水不存在", code="payment_not_found")
        order = locked_order(found.order_id)
        payment = Payment.objects.select_for_update().get(pk=found.pk)
        if payment.status == PaymentStatus.SUCCEEDED:
            return {"payment_id": payment.pk}
        if payment.status == PaymentStatus.VOIDED:
            raise Conflict("该支付已作废", code="payment_voided")
        if amount != payment.amount:
            raise Conflict(
                "到账金额与支付金额不符", code="amount_mismatch",
                details={"expected": str(payment.amount), "received": str(amount)},
            )  # fmt: skip
        _mark_paid(actor, order, payment, transaction_id)
        return {"payment_id": payment.pk}

    result, _replayed = idempotency.run(
        operation="confirm",
        key=event_id,
        actor=actor,
        payload={"reference": reference, "amount": str(amount), "transaction": transaction_id},
        perform=perform,
    )
    return Payment.objects.select_related("order__court").get(pk=result["payment_id"])


def _mark_paid(actor: Any, order: PaymentOrder, payment: Payment, transaction_id: str) -> None:
    now = clock.now()
    previous = rules.transition(order, OrderStatus.PAID)
    order.amount_paid, order.paid_at = payment.amount, now
    order.save(update_fields=["status", "amount_paid", "paid_at", "updated_at"])
    rules.payment_transition(payment, PaymentStatus.SUCCEEDED)
    payment.confirmed_at = now
    payment.provider_transaction = transaction_id[:64]
    payment.save(update_fields=["status", "confirmed_at", "provider_transaction", "updated_at"])
    audit.record(
        actor=actor,
        action="payments.payment_confirm",
        obj=order,
        court_code=order.court.code,
        changes={"status": [previous, order.status], "amount_paid": order.amount_paid,
                 "payment": payment.reference, "method": payment.method, "transaction": payment.provider_transaction},
    )  # fmt: skip


def payment_callback_receive(*, provider_name: str, body: bytes, headers: Mapping[str, str]) -> Payment:
    """A provider's notification (``POST /api/v1/payments/callback/<provider>``): verify, then confirm.

    A bad signature is a 403 and an unreadable body a 400; both are audited (in their own
    transaction, so the record survives the refusal)."""
    provider = providers.provider_named(provider_name)
    try:
        event = provider.parse_callback(body=body, headers=headers)
    except providers.BadSignature as exc:
        _audit_rejected_callback(provider_name, body, "bad_signature")
        raise PermissionDenied("回调签名无效", code="bad_signature") from exc
    except providers.BadCallback as exc:
        _audit_rejected_callback(provider_name, body, "bad_body")
        raise ApplicationError("回调内容无法解析", code="bad_callback") from exc
    return payment_confirm(
        event_id=event.event_id, reference=event.reference, amount=event.amount, transaction_id=event.transaction
    )


def _audit_rejected_callback(provider_name: str, body: bytes, reason: str) -> None:
    audit.record(
        actor=None,
        action="payments.callback_rejected",
        object_type="payments.callback",
        object_id=provider_name,
        changes={"reason": reason, "body_sha256": hashlib.sha256(body).hexdigest(), "size": len(body)},
    )


def local_cashier_confirm(*, actor: Any, payment: Payment, idempotency_key: str | None) -> Payment:
    """The payer confirms on the local cashier page: the local provider collects and notifies the
    platform through the signed callback, just as a real provider would."""
    provider = providers.get_provider()
    if not isinstance(provider, providers.LocalPaymentProvider):
        raise NotFound("本地收银台未启用", code="cashier_disabled")

    def perform() -> dict[str, Any]:
        body, headers = provider.collect(reference=payment.reference)
        confirmed = payment_callback_receive(provider_name=provider.name, body=body, headers=headers)
        return {"payment_id": confirmed.pk}

    result, _replayed = idempotency.run(
        operation="cashier_confirm",
        key=idempotency_key,
        actor=actor,
        payload={"reference": payment.reference},
        perform=perform,
    )
    return Payment.objects.select_related("order__court").get(pk=result["payment_id"])


COUNTER_PROVIDER = "counter"


def order_record_counter_payment(
    *, actor: Any, order: PaymentOrder, method: str, voucher_no: str, idempotency_key: str | None
) -> Payment:
    """Record that the amount due was paid at the court's counter (POS, bank transfer, cash), e.g.
    by a payer without an account (filing clerk or president of the order's court)."""
    if method not in COUNTER_METHODS:
        raise ValidationFailed("缴费方式应为 POS 刷卡、银行转账或现金", code="invalid_method")
    voucher_no = (voucher_no or "").strip()
    if not voucher_no or len(voucher_no) > 64:
        raise ValidationFailed("请填写凭证号（64字以内）", code="voucher_required", details={"field": "voucher_no"})

    def perform() -> dict[str, Any]:
        locked = locked_order(order.pk)
        access.require_role(actor, *CASHIER_ROLES, court_id=locked.court_id)
        if locked.status != OrderStatus.UNPAID or locked.amount_due <= 0:
            raise Conflict("该缴费单当前无需缴费", code="order_not_payable", details={"status": locked.status})
        void_pending_payment(locked)  # an online payment left open must not be collected as well
        payment = Payment.objects.create(
            order=locked,
            provider=COUNTER_PROVIDER,
            method=method,
            reference=rules.new_reference("CT"),
            amount=locked.amount_due,
            started_by=actor,
        )
        _mark_paid(actor, locked, payment, voucher_no)
        return {"payment_id": payment.pk}

    result, _replayed = idempotency.run(
        operation="counter_payment",
        key=idempotency_key,
        actor=actor,
        payload={"order": order.pk, "method": method, "voucher_no": voucher_no},
        perform=perform,
    )
    return Payment.objects.select_related("order__court").get(pk=result["payment_id"])


def payment_reconcile(*, payment: Payment) -> Payment:
    """Ask the provider about an open payment whose notification may have been lost; if it was
    collected, confirm it as the callback would have (same idempotent path, its own event id)."""
    if payment.status != PaymentStatus.PENDING:
        return payment
    status = providers.get_provider().query(reference=payment.reference)
    if not status.collected:
        return payment
    return payment_confirm(
        event_id=f"{payment.reference}-reconciled", reference=payment.reference, amount=status.amount
    )


def payments_reconcile_pending(*, older_than: dt.timedelta = RECONCILE_AFTER) -> int:
    """Reconcile every open payment of the configured provider started before ``older_than`` ago;
    returns how many turned out to be paid. One failure does not stop the others."""
    provider = providers.get_provider()
    stale = Payment.objects.filter(
        status=PaymentStatus.PENDING, provider=provider.name, created_at__lt=clock.now() - older_than
    ).order_by("pk")
    confirmed = 0
    for payment in stale.iterator():
        try:
            confirmed += payment_reconcile(payment=payment).status == PaymentStatus.SUCCEEDED
        except ApplicationError as exc:
            logger.warning("payment %s not reconciled: %s (%s)", payment.reference, exc.message, exc.code)
    return confirmed


# ---- Refunds -------------------------------------------------------------------------------


def order_refund(
    *, actor: Any, order: PaymentOrder, amount: Decimal, reason: str, idempotency_key: str | None
) -> Refund:
    """Refund part or all of a paid order (filing clerk or president of its court), never more than paid."""
    amount = rules.positive_amount(amount)
    reason = _clean_reason(reason)

    def perform() -> dict[str, Any]:
        locked = locked_order(order.pk)
        access.require_role(actor, *CASHIER_ROLES, court_id=locked.court_id)
        if locked.status not in (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED):
            raise Conflict("该缴费单当前不能退费", code="order_not_refundable", details={"status": locked.status})
        refundable = locked.amount_paid - locked.amount_refunded
        if amount > refundable:
            raise Conflict("退费金额超过可退金额", code="refund_exceeds_paid", details={"refundable": str(refundable)})
        return {"refund_id": _make_refund(actor, locked, amount, reason).pk}

    result, _replayed = idempotency.run(
        operation="refund",
        key=idempotency_key,
        actor=actor,
        payload={"order": order.pk, "amount": str(amount), "reason": reason},
        perform=perform,
    )
    return Refund.objects.select_related("order").get(pk=result["refund_id"])


def _make_refund(actor: Any, order: PaymentOrder, amount: Decimal, reason: str) -> Refund:
    payment = order.payments.get(status=PaymentStatus.SUCCEEDED)
    refund = Refund.objects.create(order=order, payment=payment, amount=amount, reason=reason, refunded_by=actor)
    provider = providers.get_provider()
    if payment.provider == provider.name:
        refund.provider_reference = provider.refund(
            reference=payment.reference, amount=amount, refund_key=f"{order.number}-R{refund.pk}"
        )
    else:  # paid at the counter (or through a provider no longer configured): paid back outside the platform
        refund.provider_reference = f"{payment.provider}:{order.number}-R{refund.pk}"[:64]
    refund.save(update_fields=["provider_reference", "updated_at"])
    order.amount_refunded += amount
    fully = order.amount_refunded == order.amount_paid
    previous = rules.transition(order, OrderStatus.REFUNDED if fully else OrderStatus.PARTIALLY_REFUNDED)
    order.save(update_fields=["status", "amount_refunded", "updated_at"])
    audit.record(
        actor=actor,
        action="payments.order_refund",
        obj=order,
        court_code=order.court.code,
        changes={"status": [previous, order.status], "amount": amount, "amount_refunded": order.amount_refunded,
                 "reason": reason, "refund": refund.pk},
    )  # fmt: skip
    return refund
