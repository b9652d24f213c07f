"""Writes of the payments context: issuing and cancelling orders, paying, confirming, refunding.

Every write runs in one transaction with its audit record. Pay, confirm and refund take an
idempotency key (see ``idempotency``). Confirmation locks the order row, so two
confirmations of one payment arriving at once make one paid order on SQLite (IMMEDIATE
transactions) and PostgreSQL (``SELECT … FOR UPDATE``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.core import audit, clock
from tianping.core.errors import Conflict, ValidationFailed
from tianping.courts import selectors as court_selectors
from tianping.payments import rules
from tianping.payments.enums import OrderStatus, PaymentPurpose
from tianping.payments.models import PaymentOrder

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
