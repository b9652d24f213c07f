"""Fee relief (诉讼费用缓交、减交、免交, 2007 rules arts. 44–51).

The payer asks for relief on an unpaid order: deferral to a later date, a reduction by an
amount or a percentage, or exemption. The president or a division head of the order's
court decides with a note. An approved reduction or exemption lowers the amount due
(never below zero; before and after are kept on the request); an approved deferral moves
the due date. One open request per order. Re-exported by ``services``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.core import audit, clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.money import CENT, to_money
from tianping.payments import rules
from tianping.payments.enums import OrderStatus, ReliefKind, ReliefStatus
from tianping.payments.locking import locked_order, void_pending_payment
from tianping.payments.models import FeeRelief, PaymentOrder

DECIDER_ROLES = (Role.PRESIDENT, Role.DIVISION_HEAD)
MAX_DEFERRAL_DAYS = 366


def _reduction_amount(
    order: PaymentOrder, requested_amount: Decimal | str | None, requested_percent: Decimal | str | None
) -> Decimal:
    if (requested_amount is None) == (requested_percent is None):
        raise ValidationFailed("减交请填写减交金额或减交比例（二选一）", code="reduction_amount_required")
    if requested_amount is not None:
        amount = rules.positive_amount(requested_amount, field="requested_amount")
    else:
        percent = to_money(str(requested_percent))
        if not Decimal("0") < percent < Decimal("100"):
            raise ValidationFailed("减交比例应大于 0 且小于 100", code="invalid_percent")
        amount = (order.amount_due * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    if not Decimal("0") < amount < order.amount_due:
        raise ValidationFailed(
            "减交金额应大于零且小于应缴金额（全部免除请申请免交）",
            code="invalid_reduction",
            details={"amount_due": str(order.amount_due)},
        )
    return amount


def _deferral_date(order: PaymentOrder, requested_due_date: dt.date | None) -> dt.date:
    if requested_due_date is None:
        raise ValidationFailed("缓交请填写申请缓交至的日期", code="due_date_required")
    if requested_due_date <= order.due_date:
        raise ValidationFailed("缓交日期应晚于当前缴费期限", code="invalid_due_date")
    if (requested_due_date - clock.today()).days > MAX_DEFERRAL_DAYS:
        raise ValidationFailed("缓交期限不超过一年", code="invalid_due_date")
    return requested_due_date


@transaction.atomic
def fee_relief_request(
    *,
    actor: Any,
    order: PaymentOrder,
    kind: str,
    reason: str,
    requested_amount: Decimal | str | None = None,
    requested_percent: Decimal | str | None = None,
    requested_due_date: dt.date | None = None,
) -> FeeRelief:
    """The payer asks for deferral, reduction (amount or percentage) or exemption of an unpaid order."""
    if kind not in ReliefKind.values:
        raise ValidationFailed("未知的申请类型", code="invalid_relief_kind")
    reason = (reason or "").strip()
    if not reason or len(reason) > 1000:
        raise ValidationFailed("请填写申请理由（1000字以内）", code="reason_required", details={"field": "reason"})
    order = locked_order(order.pk)
    if order.payer_id is None or order.payer_id != getattr(actor, "pk", None):
        raise PermissionDenied("只有缴费人本人可以申请缓减免", code="not_the_payer")
    if order.status != OrderStatus.UNPAID:
        raise Conflict("只有待缴费的缴费单可以申请缓减免", code="order_not_unpaid", details={"status": order.status})
    reduction = _reduction_amount(order, requested_amount, requested_percent) if kind == ReliefKind.REDUCTION else None
    due = _deferral_date(order, requested_due_date) if kind == ReliefKind.DEFERRAL else None
    if order.reliefs.filter(status=ReliefStatus.PENDING).exists():
        raise Conflict("该缴费单已有待审批的申请", code="relief_pending")
    try:
        with transaction.atomic():
            relief = FeeRelief.objects.create(
                order=order, kind=kind, reason=reason, requested_amount=reduction, requested_due_date=due,
                requested_by=actor,
            )  # fmt: skip
    except IntegrityError as exc:  # the partial unique constraint: a concurrent request won
        raise Conflict("该缴费单已有待审批的申请", code="relief_pending") from exc
    audit.record(
        actor=actor,
        action="payments.relief_request",
        obj=relief,
        court_code=order.court.code,
        changes={"order": order.number, "kind": kind, "requested_amount": reduction, "requested_due_date": due},
    )
    return relief


@transaction.atomic
def fee_relief_decide(*, actor: Any, relief: FeeRelief, approve: bool, note: str) -> FeeRelief:
    """Approve or refuse a pending request (president or division head of the order's court)."""
    note = (note or "").strip()
    if len(note) > 1000:
        raise ValidationFailed("审批意见不超过 1000 字", code="note_too_long")
    if not approve and not note:
        raise ValidationFailed("不予批准须写明理由", code="note_required", details={"field": "note"})
    order = locked_order(relief.order_id)
    relief = FeeRelief.objects.select_for_update().get(pk=relief.pk)
    if not access.has_role(actor, *DECIDER_ROLES, court_id=order.court_id):
        raise PermissionDenied("缓减免由本院院长或庭长审批", code="role_required")
    if relief.status != ReliefStatus.PENDING:
        raise Conflict("该申请已审批", code="relief_decided", details={"status": relief.status})
    if approve and order.status != OrderStatus.UNPAID:
        raise Conflict("缴费单已不是待缴费状态", code="order_not_unpaid", details={"status": order.status})
    changes: dict[str, Any] = {}
    if approve:
        changes = _apply(order, relief)
    rules.relief_transition(relief, ReliefStatus.APPROVED if approve else ReliefStatus.REFUSED)
    relief.decided_by, relief.decided_at, relief.decision_note = actor, clock.now(), note
    relief.save()
    audit.record(
        actor=actor,
        action="payments.relief_decide",
        obj=relief,
        court_code=order.court.code,
        changes={"order": order.number, "kind": relief.kind, "status": relief.status, "note": note, **changes},
    )
    return relief


def _apply(order: PaymentOrder, relief: FeeRelief) -> dict[str, Any]:
    """Change the order as the approved request says; returns the changes for the audit record."""
    if relief.kind == ReliefKind.DEFERRAL:
        relief.due_before, relief.due_after = order.due_date, relief.requested_due_date
        order.due_date = relief.requested_due_date  # type: ignore[assignment]
        order.save(update_fields=["due_date", "updated_at"])
        return {"due_date": [relief.due_before, relief.due_after]}
    reduction = order.amount_due if relief.kind == ReliefKind.EXEMPTION else (relief.requested_amount or Decimal(0))
    relief.amount_before = order.amount_due
    relief.amount_after = max(Decimal("0.00"), order.amount_due - reduction)
    order.amount_due = relief.amount_after
    void_pending_payment(order)  # the open charge was for the old amount
    previous = order.status
    if order.amount_due == 0:
        rules.transition(order, OrderStatus.EXEMPTED)
    order.save(update_fields=["amount_due", "status", "updated_at"])
    return {"amount_due": [relief.amount_before, relief.amount_after], "status": [previous, order.status]}
