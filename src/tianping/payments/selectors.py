"""Reads of the payments context and its gatekeepers (anything out of scope is a 404).

A payer sees their own orders; court staff see the orders of the courts they may read
(their own and the courts below). Nobody else learns that an order exists.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Prefetch, QuerySet

from tianping.accounts import selectors as access
from tianping.core import clock
from tianping.core.errors import Conflict, NotFound, ValidationFailed
from tianping.payments import rules
from tianping.payments.enums import OrderStatus, PaymentStatus, ReliefStatus
from tianping.payments.models import FeeRelief, Payment, PaymentOrder, Refund
from tianping.payments.relief import DECIDER_ROLES
from tianping.payments.services import CASHIER_ROLES

COURT_FILTERS = ("all", "unpaid", "overdue", "paid", "refunded", "relief")


def orders_for_related(*, related_type: str, related_id: int) -> list[PaymentOrder]:
    """Every order issued for the related object (cancelled ones included), newest first."""
    return list(
        PaymentOrder.objects.filter(related_type=related_type.strip().lower(), related_id=related_id)
        .select_related("court")
        .order_by("-issued_at", "-pk")
    )


def orders_for_user(user: Any) -> QuerySet[PaymentOrder]:
    """The orders ``user`` is the payer of, newest first (the party portal's list)."""
    if not getattr(user, "is_authenticated", False):
        return PaymentOrder.objects.none()
    return PaymentOrder.objects.filter(payer_id=user.pk).select_related("court").order_by("-issued_at", "-pk")


def _visible(user: Any, order: PaymentOrder) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if order.payer_id is not None and order.payer_id == user.pk:
        return True
    return access.is_staff_user(user) and order.court_id in access.readable_court_ids(user)


def order_for_user(user: Any, order_id: int) -> PaymentOrder:
    """The order if ``user`` is its payer or staff of a court that may read it; else 404."""
    order = PaymentOrder.objects.select_related("court", "payer").filter(pk=order_id).first()
    if order is None or not _visible(user, order):
        raise NotFound("缴费单不存在或无权访问", code="order_not_found")
    return order


def order_for_user_by_number(user: Any, number: str) -> PaymentOrder:
    order = PaymentOrder.objects.filter(number=(number or "").strip().upper()).only("pk").first()
    if order is None:
        raise NotFound("缴费单不存在或无权访问", code="order_not_found")
    return order_for_user(user, order.pk)


def relief_for_user(user: Any, relief_id: int) -> FeeRelief:
    relief = FeeRelief.objects.filter(pk=relief_id).only("pk", "order_id").first()
    if relief is None:
        raise NotFound("申请不存在或无权访问", code="relief_not_found")
    order = order_for_user(user, relief.order_id)
    full = FeeRelief.objects.select_related("requested_by", "decided_by").get(pk=relief_id)
    full.order = order
    return full


def payment_for_cashier(user: Any, reference: str) -> Payment:
    """A payment on the local cashier page: only its payer may open it."""
    payment = Payment.objects.select_related("order__court").filter(reference=reference).first()
    if payment is None or payment.order.payer_id is None or payment.order.payer_id != getattr(user, "pk", None):
        raise NotFound("支付流水不存在", code="payment_not_found")
    return payment


def orders_for_court(*, user: Any, court_id: int | None = None, status_filter: str = "all") -> QuerySet[PaymentOrder]:
    """Staff: the orders of one court they may read (default: their own first court)."""
    if status_filter not in COURT_FILTERS:
        raise ValidationFailed("筛选条件不正确", code="invalid_filter", details={"allowed": list(COURT_FILTERS)})
    if not access.is_staff_user(user):
        raise NotFound("法院不存在或无权访问", code="court_not_found")
    if court_id is None:
        acting = sorted(access.acting_court_ids(user))
        if not acting:
            raise NotFound("法院不存在或无权访问", code="court_not_found")
        court_id = acting[0]
    court = access.court_for_user(user, court_id)
    orders = PaymentOrder.objects.filter(court=court).select_related("court")
    if status_filter == "unpaid":
        orders = orders.filter(status=OrderStatus.UNPAID)
    elif status_filter == "overdue":
        orders = orders.filter(status=OrderStatus.UNPAID, due_date__lt=clock.today())
    elif status_filter == "paid":
        orders = orders.filter(status__in=rules.PAID_STATUSES)
    elif status_filter == "refunded":
        orders = orders.filter(status__in=(OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED))
    elif status_filter == "relief":
        orders = orders.filter(reliefs__status=ReliefStatus.PENDING)
    return orders.order_by("-issued_at", "-pk")


def is_overdue(order: PaymentOrder) -> bool:
    return order.status == OrderStatus.UNPAID and order.due_date < clock.today()


@dataclasses.dataclass
class OrderDetail:
    order: PaymentOrder
    payments: list[Payment]
    refunds: list[Refund]
    reliefs: list[FeeRelief]
    overdue: bool
    pending_payment: Payment | None
    open_relief: FeeRelief | None
    can_pay: bool
    can_request_relief: bool
    can_refund: bool
    can_cancel: bool
    can_record_counter_payment: bool
    can_decide_relief: bool
    has_receipt: bool


def order_detail(user: Any, order_id: int) -> OrderDetail:
    """The order with its payments, refunds and relief requests, and what ``user`` may do to it."""
    order = order_for_user(user, order_id)
    payments = list(order.payments.all())
    refunds = list(order.refunds.select_related("refunded_by"))
    reliefs = list(order.reliefs.select_related("requested_by", "decided_by"))
    pending = next((p for p in payments if p.status == PaymentStatus.PENDING), None)
    open_relief = next((r for r in reliefs if r.status == ReliefStatus.PENDING), None)
    is_payer = order.payer_id is not None and order.payer_id == user.pk
    unpaid = order.status == OrderStatus.UNPAID
    cashier = access.has_role(user, *CASHIER_ROLES, court_id=order.court_id)
    return OrderDetail(
        order=order,
        payments=payments,
        refunds=refunds,
        reliefs=reliefs,
        overdue=is_overdue(order),
        pending_payment=pending,
        open_relief=open_relief,
        can_pay=is_payer and unpaid and order.amount_due > 0,
        can_request_relief=is_payer and unpaid and open_relief is None,
        can_refund=cashier and order.status in (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED),
        can_cancel=cashier and unpaid,
        can_record_counter_payment=cashier and unpaid and order.amount_due > 0,
        can_decide_relief=open_relief is not None and access.has_role(user, *DECIDER_ROLES, court_id=order.court_id),
        has_receipt=order.status in rules.PAID_STATUSES,
    )


def receipt_for_user(user: Any, order_id: int) -> dict[str, Any]:
    """What the payment receipt (缴费凭证) shows; 409 while the order is unpaid."""
    order = order_for_user(user, order_id)
    if order.status not in rules.PAID_STATUSES:
        raise Conflict("缴费单尚未缴费，无缴费凭证", code="not_paid")
    payment = order.payments.filter(status=PaymentStatus.SUCCEEDED).first()
    refunds = list(order.refunds.order_by("created_at"))
    return {
        "order": order,
        "payment": payment,
        "refunds": refunds,
        "paid_in_words": rules.yuan_in_words(order.amount_paid),
        "printed_at": clock.now(),
    }


def pending_reliefs_prefetch() -> Prefetch:
    return Prefetch("reliefs", queryset=FeeRelief.objects.filter(status=ReliefStatus.PENDING), to_attr="open_reliefs")
