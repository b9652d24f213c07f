"""Issuing orders: the function other contexts call when a case is registered."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import CourtTree, Users
from tests.payments.conftest import issue
from tianping.core.errors import Conflict, NotFound, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.payments import selectors
from tianping.payments.enums import OrderStatus, PaymentPurpose
from tianping.payments.models import PaymentOrder


def test_issue_creates_an_unpaid_order_due_in_seven_days(order: Any, users: Users) -> None:
    assert order.status == OrderStatus.UNPAID
    assert order.amount_due == Decimal("3300.00")
    assert order.amount_paid == 0
    assert order.due_date == dt.date(2026, 9, 21)
    assert order.number.startswith("JF20260914")
    assert len(order.number) == 16
    assert order.payer == users.litigant
    assert AuditRecord.objects.filter(action="payments.order_issue", object_id=str(order.pk)).count() == 1


def test_issue_is_idempotent_per_related_object_and_purpose(order: Any, courts: CourtTree, users: Users) -> None:
    again = issue(courts, users)
    assert again.pk == order.pk
    assert PaymentOrder.objects.count() == 1
    other_purpose = issue(courts, users, purpose=PaymentPurpose.PRESERVATION_FEE, amount="30")
    assert other_purpose.pk != order.pk


def test_issue_again_with_another_amount_is_a_conflict(order: Any, courts: CourtTree, users: Users) -> None:
    with pytest.raises(Conflict) as excinfo:
        issue(courts, users, amount="50")
    assert excinfo.value.code == "order_exists"


def test_due_date_skips_the_national_day_holiday(courts: CourtTree, users: Users) -> None:
    from tests.payments.conftest import BJ
    from tianping.core import clock

    with clock.frozen_at(dt.datetime(2026, 9, 28, 9, 0, tzinfo=BJ)):
        order = issue(courts, users)
    # 28 Sep + 7 days = 5 Oct, inside the National Day holiday: the period ends on the next working day
    assert order.due_date > dt.date(2026, 10, 5)


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("amount", Decimal("0"), "amount_not_positive"),
        ("amount", Decimal("-5"), "amount_not_positive"),
        ("amount", "abc", "invalid_amount"),
        ("purpose", "bribe", "invalid_purpose"),
        ("related_type", "Cases Case!", "invalid_related_type"),
        ("related_id", 0, "invalid_related_id"),
        ("payer_name", "  ", "payer_name_required"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(
    courts: CourtTree, users: Users, frozen: Any, field: str, value: Any, code: str
) -> None:
    with pytest.raises(ValidationFailed) as excinfo:
        issue(courts, users, **{field: value})
    assert excinfo.value.code == code
    assert not PaymentOrder.objects.exists()


def test_unknown_court_or_payer_is_not_found(courts: CourtTree, users: Users, frozen: Any) -> None:
    with pytest.raises(NotFound):
        issue(courts, users, court_id=999999)
    with pytest.raises(NotFound):
        issue(courts, users, payer_account_id=999999)
    assert not PaymentOrder.objects.exists()


def test_selectors_for_related_and_for_user(order: Any, courts: CourtTree, users: Users) -> None:
    second = issue(courts, users, related_id=43)
    assert [o.pk for o in selectors.orders_for_related(related_type="cases.case", related_id=42)] == [order.pk]
    assert [o.pk for o in selectors.orders_for_user(users.litigant)] == [second.pk, order.pk]
    assert list(selectors.orders_for_user(users.lawyer)) == []
