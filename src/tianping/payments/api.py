"""The payments API: my orders, one order, paying, the provider callback, refunds, cancelling,
fee relief and the receipt PDF.

Handlers parse, load through the gatekeepers in ``selectors`` (an order the caller may not
see is a 404), call one service and shape the answer. Pay and refund need an
``Idempotency-Key`` header; the callback is signed by the provider instead of authenticated.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Header, Query, Router, Status

from tianping.core.pdf import render_pdf
from tianping.payments import rules, selectors, services
from tianping.payments.models import FeeRelief, Payment, PaymentOrder, Refund
from tianping.payments.schemas import (
    CallbackOut,
    CancelIn,
    CounterPaymentIn,
    CourtOrdersQuery,
    ErrorOut,
    OrderDetailOut,
    OrderOut,
    PaymentOut,
    RefundIn,
    RefundOut,
    ReliefDecisionIn,
    ReliefIn,
    ReliefOut,
)

router = Router(tags=["payments"])

ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
IDEMPOTENCY_HEADER = Header(None, alias="Idempotency-Key", description="8–128 letters, digits or _ . : -")


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def order_out(order: PaymentOrder) -> dict[str, Any]:
    return {
        "id": order.pk,
        "number": order.number,
        "court": {"id": order.court_id, "name": order.court.name},
        "payer_name": order.payer_name,
        "purpose": order.purpose,
        "purpose_label": str(order.get_purpose_display()),
        "related_type": order.related_type,
        "related_id": order.related_id,
        "description": order.description,
        "amount_original": _money(order.amount_original),
        "amount_due": _money(order.amount_due),
        "amount_paid": _money(order.amount_paid),
        "amount_refunded": _money(order.amount_refunded),
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "issued_at": order.issued_at,
        "due_date": order.due_date,
        "overdue": selectors.is_overdue(order),
        "paid_at": order.paid_at,
        "receipt_url": reverse("api:payments_receipt", args=[order.pk])
        if order.status in rules.PAID_STATUSES
        else None,
    }


def payment_out(payment: Payment) -> dict[str, Any]:
    return {
        "reference": payment.reference,
        "provider": payment.provider,
        "method": payment.method,
        "amount": _money(payment.amount),
        "status": payment.status,
        "pay_url": payment.pay_url,
        "confirmed_at": payment.confirmed_at,
        "order_id": payment.order_id,
        "order_number": payment.order.number,
    }


def refund_out(refund: Refund) -> dict[str, Any]:
    return {
        "id": refund.pk,
        "order_id": refund.order_id,
        "amount": _money(refund.amount),
        "reason": refund.reason,
        "provider_reference": refund.provider_reference,
        "refunded_by": {"id": refund.refunded_by_id, "name": refund.refunded_by.display_name},
        "created_at": refund.created_at,
    }


def relief_out(relief: FeeRelief) -> dict[str, Any]:
    return {
        "id": relief.pk,
        "order_id": relief.order_id,
        "kind": relief.kind,
        "kind_label": str(relief.get_kind_display()),
        "reason": relief.reason,
        "requested_amount": _money(relief.requested_amount),
        "requested_due_date": relief.requested_due_date,
        "status": relief.status,
        "status_label": str(relief.get_status_display()),
        "decision_note": relief.decision_note,
        "decided_at": relief.decided_at,
        "amount_before": _money(relief.amount_before),
        "amount_after": _money(relief.amount_after),
        "due_before": relief.due_before,
        "due_after": relief.due_after,
        "created_at": relief.created_at,
    }


def _detail(user: Any, order_id: int) -> dict[str, Any]:
    detail = selectors.order_detail(user, order_id)
    return {
        **order_out(detail.order),
        "payments": [payment_out(p) for p in detail.payments],
        "refunds": [refund_out(r) for r in detail.refunds],
        "reliefs": [relief_out(r) for r in detail.reliefs],
    }


@router.get("/orders", response=list[OrderOut])
def my_orders(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's own orders as payer, newest first."""
    return [order_out(o) for o in selectors.orders_for_user(request.user)[:500]]


@router.get("/court-orders", response={200: list[OrderOut], 404: ErrorOut, 422: ErrorOut})
def court_orders(request: HttpRequest, query: Query[CourtOrdersQuery]) -> list[dict[str, Any]]:
    """Staff: the orders of a court they may read, filtered (unpaid, overdue, relief, paid, refunded)."""
    orders = selectors.orders_for_court(user=request.user, court_id=query.court, status_filter=query.filter)
    return [order_out(o) for o in orders[query.offset : query.offset + query.limit]]


@router.get("/orders/{int:order_id}", response={200: OrderDetailOut, 404: ErrorOut})
def get_order(request: HttpRequest, order_id: int) -> dict[str, Any]:
    """One order with its payments, refunds and relief requests (its payer or court staff)."""
    return _detail(request.user, order_id)


@router.post("/orders/{int:order_id}/pay", response={200: PaymentOut, **ERRORS})
def start_payment(request: HttpRequest, order_id: int, idempotency_key: str | None = IDEMPOTENCY_HEADER) -> Any:
    """Start (or resume) paying: the provider's pay URL. Errors: not_the_payer (403), order_not_payable,
    idempotency_key_reused (409), invalid_idempotency_key (422)."""
    order = selectors.order_for_user(request.user, order_id)
    payment = services.payment_start(actor=request.user, order=order, idempotency_key=idempotency_key)
    return payment_out(payment)


@router.post(
    "/callback/{provider}",
    auth=None,
    response={200: CallbackOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def provider_callback(request: HttpRequest, provider: str) -> Any:
    """The provider's signed notification that a payment was collected (HMAC-SHA256 of the body in
    ``X-Tianping-Signature: <hex>``). Bad signature 403, unreadable body 400; repeats are harmless."""
    payment = services.payment_callback_receive(provider_name=provider, body=request.body, headers=request.headers)
    order = payment.order
    return {"received": True, "order_number": order.number, "order_status": order.status}


@router.post("/orders/{int:order_id}/refunds", response={201: RefundOut, **ERRORS})
def refund_order(
    request: HttpRequest, order_id: int, payload: RefundIn, idempotency_key: str | None = IDEMPOTENCY_HEADER
) -> Status:
    """Refund part or all of a paid order (filing clerk or president of its court).
    Errors: refund_exceeds_paid, order_not_refundable, idempotency_key_reused (409)."""
    order = selectors.order_for_user(request.user, order_id)
    refund = services.order_refund(
        actor=request.user, order=order, amount=payload.amount, reason=payload.reason, idempotency_key=idempotency_key
    )
    return Status(201, refund_out(refund))


@router.post("/orders/{int:order_id}/counter-payments", response={201: PaymentOut, **ERRORS})
def record_counter_payment(
    request: HttpRequest, order_id: int, payload: CounterPaymentIn, idempotency_key: str | None = IDEMPOTENCY_HEADER
) -> Status:
    """Record payment of the amount due at the court's counter (filing clerk or president of the court),
    e.g. for a payer without an account. Errors: order_not_payable, idempotency_key_reused (409)."""
    order = selectors.order_for_user(request.user, order_id)
    payment = services.order_record_counter_payment(
        actor=request.user,
        order=order,
        method=payload.method,
        voucher_no=payload.voucher_no,
        idempotency_key=idempotency_key,
    )
    return Status(201, payment_out(payment))


@router.post("/orders/{int:order_id}/cancel", response={200: OrderDetailOut, **ERRORS})
def cancel_order(request: HttpRequest, order_id: int, payload: CancelIn) -> dict[str, Any]:
    """Cancel an unpaid order (filing clerk or president of its court)."""
    order = selectors.order_for_user(request.user, order_id)
    services.order_cancel(actor=request.user, order=order, reason=payload.reason)
    return _detail(request.user, order_id)


@router.post("/orders/{int:order_id}/relief", response={201: ReliefOut, **ERRORS})
def request_relief(request: HttpRequest, order_id: int, payload: ReliefIn) -> Status:
    """The payer asks for deferral, reduction or exemption. Errors: relief_pending, order_not_unpaid (409)."""
    order = selectors.order_for_user(request.user, order_id)
    relief = services.fee_relief_request(
        actor=request.user,
        order=order,
        kind=payload.kind,
        reason=payload.reason,
        requested_amount=payload.requested_amount,
        requested_percent=payload.requested_percent,
        requested_due_date=payload.requested_due_date,
    )
    return Status(201, relief_out(relief))


@router.post("/reliefs/{int:relief_id}/decision", response={200: ReliefOut, **ERRORS})
def decide_relief(request: HttpRequest, relief_id: int, payload: ReliefDecisionIn) -> dict[str, Any]:
    """Approve or refuse (president or division head of the order's court); refusing needs a note."""
    relief = selectors.relief_for_user(request.user, relief_id)
    decided = services.fee_relief_decide(actor=request.user, relief=relief, approve=payload.approve, note=payload.note)
    return relief_out(decided)


@router.get(
    "/orders/{int:order_id}/receipt.pdf",
    url_name="payments_receipt",
    response={200: None, 404: ErrorOut, 409: ErrorOut},
)
def receipt_pdf(request: HttpRequest, order_id: int) -> HttpResponse:
    """The payment receipt (缴费凭证) as PDF; 409 not_paid before payment."""
    return receipt_response(selectors.receipt_for_user(request.user, order_id))


def receipt_response(context: dict[str, Any]) -> HttpResponse:
    """The receipt PDF for the context ``selectors.receipt_for_user`` gave (API and page alike)."""
    response = HttpResponse(render_pdf("print/payment_receipt.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="receipt-{context["order"].number}.pdf"'
    return response
