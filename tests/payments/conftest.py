"""A clock frozen on Monday 2026-09-14 10:00 (Beijing time) and an acceptance-fee order for the litigant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import CourtTree, Users
from tianping.core import clock
from tianping.payments import services
from tianping.payments.enums import PaymentPurpose

BJ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 9, 14, 10, 0, tzinfo=BJ)


@pytest.fixture
def frozen() -> Iterator[dt.datetime]:
    with clock.frozen_at(NOW):
        yield NOW


def issue(courts: CourtTree, users: Users, *, related_id: int = 42, amount: Any = "3300.00", **extra: Any) -> Any:
    values: dict[str, Any] = {
        "actor": users.clerk,
        "court_id": courts.chaoyang.pk,
        "payer_account_id": users.litigant.pk,
        "payer_name": "张三",
        "amount": Decimal(amount) if isinstance(amount, str) and amount[:1].isdigit() else amount,
        "purpose": PaymentPurpose.ACCEPTANCE_FEE,
        "related_type": "cases.case",
        "related_id": related_id,
        "description": "（2026）京0105民初123号 案件受理费",
    }
    values.update(extra)
    return services.fee_order_issue(**values)


@pytest.fixture
def order(courts: CourtTree, users: Users, frozen: dt.datetime) -> Any:
    return issue(courts, users)
