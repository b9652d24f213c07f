"""Fee relief (缓交、减交、免交): who asks, who decides, and what an approval changes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import Users
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.payments import services
from tianping.payments.enums import OrderStatus, PaymentStatus, ReliefKind, ReliefStatus
from tianping.payments.models import FeeRelief


def ask(order: Any, users: Users, kind: str = ReliefKind.REDUCTION, **extra: Any) -> Any:
    values: dict[str, Any] = {"reason": "家庭经济困难，有低保证明"}
    if kind == ReliefKind.REDUCTION and "requested_percent" not in extra:
        values["requested_amount"] = Decimal("1300")
    values.update(extra)
    return services.fee_relief_request(actor=users.litigant, order=order, kind=kind, **values)


def test_approved_reduction_lowers_the_amount_due(order: Any, users: Users) -> None:
    relief = ask(order, users)
    services.fee_relief_decide(actor=users.president, relief=relief, approve=True, note="符合减交条件")
    order.refresh_from_db()
    relief.refresh_from_db()
    assert order.amount_due == Decimal("2000.00")
    assert order.amount_original == Decimal("3300.00")
    assert (relief.amount_before, relief.amount_after) == (Decimal("3300.00"), Decimal("2000.00"))
    assert relief.status == ReliefStatus.APPROVED
    assert relief.decided_by == users.president
    assert AuditRecord.objects.filter(action="payments.relief_decide", object_id=str(relief.pk)).count() == 1


def test_reduction_by_percentage(order: Any, users: Users) -> None:
    relief = ask(order, users, requested_percent="30")
    assert relief.requested_amount == Decimal("990.00")


def test_approved_exemption_settles_the_order(order: Any, users: Users) -> None:
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    relief = ask(order, users, kind=ReliefKind.EXEMPTION)
    services.fee_relief_decide(actor=users.division_head, relief=relief, approve=True, note="")
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.amount_due == 0
    assert order.status == OrderStatus.EXEMPTED
    assert payment.status == PaymentStatus.VOIDED


def test_approved_deferral_moves_the_due_date(order: Any, users: Users) -> None:
    relief = ask(order, users, kind=ReliefKind.DEFERRAL, requested_due_date=dt.date(2026, 10, 30))
    services.fee_relief_decide(actor=users.president, relief=relief, approve=True, note="准予缓交")
    order.refresh_from_db()
    relief.refresh_from_db()
    assert order.due_date == dt.date(2026, 10, 30)
    assert relief.due_before == dt.date(2026, 9, 21)
    assert order.amount_due == Decimal("3300.00")


def test_refusal_needs_a_note_and_changes_nothing(order: Any, users: Users) -> None:
    relief = ask(order, users)
    with pytest.raises(ValidationFailed):
        services.fee_relief_decide(actor=users.president, relief=relief, approve=False, note=" ")
    services.fee_relief_decide(actor=users.president, relief=relief, approve=False, note="材料不足")
    order.refresh_from_db()
    assert order.amount_due == Decimal("3300.00")
    assert FeeRelief.objects.get().status == ReliefStatus.REFUSED
    # refused: a new request may follow
    ask(order, users, kind=ReliefKind.EXEMPTION)


def test_one_open_request_per_order(order: Any, users: Users) -> None:
    ask(order, users)
    with pytest.raises(Conflict) as excinfo:
        ask(order, users, kind=ReliefKind.EXEMPTION)
    assert excinfo.value.code == "relief_pending"
    assert FeeRelief.objects.count() == 1


def test_only_unpaid_orders_and_only_the_payer(order: Any, users: Users) -> None:
    with pytest.raises(PermissionDenied):
        services.fee_relief_request(actor=users.lawyer, order=order, kind=ReliefKind.EXEMPTION, reason="困难")
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    services.local_cashier_confirm(actor=users.litigant, payment=payment, idempotency_key="confirm-0001")
    with pytest.raises(Conflict) as excinfo:
        ask(order, users, kind=ReliefKind.EXEMPTION)
    assert excinfo.value.code == "order_not_unpaid"
    assert not FeeRelief.objects.exists()


def test_decided_only_by_president_or_division_head_of_the_court(order: Any, users: Users) -> None:
    relief = ask(order, users)
    for actor in (users.clerk, users.judge, users.litigant, users.outsider, users.higher_judge):
        with pytest.raises(PermissionDenied):
            services.fee_relief_decide(actor=actor, relief=relief, approve=True, note="")
    relief.refresh_from_db()
    assert relief.status == ReliefStatus.PENDING
    services.fee_relief_decide(actor=users.division_head, relief=relief, approve=True, note="")
    with pytest.raises(Conflict):
        services.fee_relief_decide(actor=users.president, relief=relief, approve=False, note="再议")


@pytest.mark.parametrize(
    ("kind", "extra", "code"),
    [
        ("waive_all", {}, "invalid_relief_kind"),
        (ReliefKind.REDUCTION, {"requested_amount": Decimal("3300")}, "invalid_reduction"),
        (ReliefKind.REDUCTION, {"requested_amount": Decimal("-1")}, "amount_not_positive"),
        (ReliefKind.REDUCTION, {"requested_amount": Decimal("0")}, "amount_not_positive"),
        (ReliefKind.REDUCTION, {"requested_percent": "100"}, "invalid_percent"),
        (ReliefKind.REDUCTION, {"requested_amount": "5", "requested_percent": "5"}, "reduction_amount_required"),
        (ReliefKind.DEFERRAL, {}, "due_date_required"),
        (ReliefKind.DEFERRAL, {"requested_due_date": dt.date(2026, 9, 20)}, "invalid_due_date"),
        (ReliefKind.DEFERRAL, {"requested_due_date": dt.date(2028, 1, 1)}, "invalid_due_date"),
        (ReliefKind.EXEMPTION, {"reason": ""}, "reason_required"),
    ],
)
def test_bad_requests_are_refused(order: Any, users: Users, kind: str, extra: dict[str, Any], code: str) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        ask(order, users, kind=kind, **extra)
    assert excinfo.value.code == code
    assert not FeeRelief.objects.exists()
