"""Payment pages: “我的缴费” for payers, the court's orders for staff, one order page with
its forms, the local cashier, and the receipt PDF. Views parse, load through ``selectors``
(404 for an order the user may not see), call one service and redirect; the services hold
every rule. Forms carry a fresh idempotency key, so a double submit does the work once."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tianping.accounts import selectors as access
from tianping.core.errors import ApplicationError, NotFound
from tianping.core.pages import not_found_page, optional_date, optional_int, run_page_action
from tianping.payments import api, selectors, services
from tianping.payments.enums import COUNTER_METHODS, OrderStatus, ReliefKind
from tianping.payments.models import PaymentOrder

PAGE_SIZE = 50


def _new_key() -> str:
    return uuid.uuid4().hex


def _optional_amount(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """我的缴费: the orders the user is the payer of (staff go to their court's orders)."""
    if access.is_staff_user(request.user):
        return redirect("payments:court")
    orders = list(selectors.orders_for_user(request.user).prefetch_related(selectors.pending_reliefs_prefetch())[:200])
    for order in orders:
        order.overdue = selectors.is_overdue(order)  # type: ignore[attr-defined]
    unpaid = [o for o in orders if o.status == OrderStatus.UNPAID]
    context = {
        "orders": orders,
        "unpaid_count": len(unpaid),
        "unpaid_total": sum((o.amount_due for o in unpaid), Decimal("0.00")),
    }
    return render(request, "payments/mine.html", context)


@login_required
def court_orders(request: HttpRequest) -> HttpResponse:
    """缴费管理: a court's orders for its staff, filtered."""
    user = request.user
    if not access.is_staff_user(user):
        return not_found_page(request)
    grant_courts = {g.court_id: g.court for g in access.active_grants(user)}
    courts = [grant_courts[k] for k in sorted(grant_courts)]
    court_id = optional_int(request.GET.get("court")) or (courts[0].pk if courts else None)
    status_filter = request.GET.get("filter") or "all"
    if status_filter not in selectors.COURT_FILTERS:
        status_filter = "all"
    context: dict[str, Any] = {"courts": courts, "filter": status_filter, "filters": _filters()}
    if court_id is not None:
        try:
            orders = selectors.orders_for_court(user=user, court_id=court_id, status_filter=status_filter)
        except NotFound:
            return not_found_page(request)
        page = Paginator(orders.select_related("payer"), PAGE_SIZE).get_page(request.GET.get("page"))
        for order in page:
            order.overdue = selectors.is_overdue(order)  # type: ignore[attr-defined]
        query = urlencode({"court": str(court_id), "filter": status_filter})
        context.update(court=access.court_for_user(user, court_id), page=page, query=query)
    return render(request, "payments/court.html", context)


def _filters() -> list[tuple[str, str]]:
    return [
        ("all", _("全部")),
        ("unpaid", _("待缴费")),
        ("overdue", _("已逾期")),
        ("relief", _("待审批缓减免")),
        ("paid", _("已缴费")),
        ("refunded", _("有退费")),
    ]


@login_required
def order_page(request: HttpRequest, order_id: int) -> HttpResponse:
    try:
        detail = selectors.order_detail(request.user, order_id)
    except NotFound:
        return not_found_page(request)
    context = {
        "d": detail,
        "o": detail.order,
        "key": _new_key(),
        "relief_kinds": ReliefKind.choices,
        "counter_methods": [(m.value, m.label) for m in COUNTER_METHODS],
        "is_staff": access.is_staff_user(request.user),
    }
    return render(request, "payments/order.html", context)


def _to_order(order_id: int) -> HttpResponse:
    return redirect(_order_url(order_id))


def _order_url(order_id: int) -> str:
    return reverse("payments:order", args=[order_id])


def _order_action(
    request: HttpRequest, order_id: int, act: Callable[[PaymentOrder], Any], success: str | Callable[[Any], str]
) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.order_for_user(request.user, order_id),
        act=act,
        success=success,
        then=lambda order: _order_url(order.pk),
    )


@login_required
@require_POST
def pay(request: HttpRequest, order_id: int) -> HttpResponse:
    try:
        order = selectors.order_for_user(request.user, order_id)
        payment = services.payment_start(
            actor=request.user, order=order, idempotency_key=request.POST.get("idempotency_key")
        )
    except NotFound:
        return not_found_page(request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _to_order(order_id)
    return redirect(payment.pay_url)


@login_required
def cashier(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        payment = selectors.payment_for_cashier(request.user, reference)
    except NotFound:
        return not_found_page(request)
    if request.method == "POST":
        return run_page_action(
            request,
            load=lambda: payment,
            act=lambda p: services.local_cashier_confirm(
                actor=request.user, payment=p, idempotency_key=request.POST.get("idempotency_key")
            ),
            success=_("缴费成功：%(number)s 已到账。") % {"number": payment.order.number},
            then=lambda p: _order_url(p.order_id),
        )
    return render(request, "payments/cashier.html", {"payment": payment, "o": payment.order, "key": _new_key()})


@login_required
@require_POST
def refund(request: HttpRequest, order_id: int) -> HttpResponse:
    def act(order: PaymentOrder) -> Any:
        return services.order_refund(
            actor=request.user,
            order=order,
            amount=request.POST.get("amount", ""),  # type: ignore[arg-type]  # parsed by the service
            reason=request.POST.get("reason", ""),
            idempotency_key=request.POST.get("idempotency_key"),
        )

    return _order_action(request, order_id, act, lambda done: _("已退费 %(amount)s 元。") % {"amount": done.amount})


@login_required
@require_POST
def counter_payment(request: HttpRequest, order_id: int) -> HttpResponse:
    def act(order: PaymentOrder) -> Any:
        return services.order_record_counter_payment(
            actor=request.user,
            order=order,
            method=request.POST.get("method", ""),
            voucher_no=request.POST.get("voucher_no", ""),
            idempotency_key=request.POST.get("idempotency_key"),
        )

    return _order_action(request, order_id, act, _("已登记线下缴费。"))


@login_required
@require_POST
def cancel(request: HttpRequest, order_id: int) -> HttpResponse:
    def act(order: PaymentOrder) -> Any:
        return services.order_cancel(actor=request.user, order=order, reason=request.POST.get("reason", ""))

    return _order_action(request, order_id, act, _("缴费单已撤销。"))


@login_required
@require_POST
def relief_request(request: HttpRequest, order_id: int) -> HttpResponse:
    post = request.POST

    def act(order: PaymentOrder) -> Any:
        kind = post.get("kind", "")
        by_percent = post.get("reduce_by") == "percent"
        value = _optional_amount(post.get("requested_amount")) if kind == ReliefKind.REDUCTION else None
        return services.fee_relief_request(
            actor=request.user,
            order=order,
            kind=kind,
            reason=post.get("reason", ""),
            requested_amount=None if by_percent else value,
            requested_percent=value if by_percent else None,
            requested_due_date=optional_date(post.get("requested_due_date")) if kind == ReliefKind.DEFERRAL else None,
        )

    return _order_action(request, order_id, act, _("申请已提交，请等待法院审批。"))


@login_required
@require_POST
def relief_decide(request: HttpRequest, relief_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.relief_for_user(request.user, relief_id),
        act=lambda relief: services.fee_relief_decide(
            actor=request.user,
            relief=relief,
            approve=request.POST.get("decision") == "approve",
            note=request.POST.get("note", ""),
        ),
        success=_("审批结果已记录。"),
        then=lambda relief: _order_url(relief.order_id),
    )


@login_required
def receipt(request: HttpRequest, order_id: int) -> HttpResponse:
    try:
        context = selectors.receipt_for_user(request.user, order_id)
    except NotFound:
        return not_found_page(request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _to_order(order_id)
    return api.receipt_response(context)
