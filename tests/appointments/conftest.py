"""A clock frozen on Monday 2026-09-28 10:00 (Beijing time) and a window service at 朝阳."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import CourtTree, Users
from tianping.appointments import services
from tianping.appointments.enums import ServiceKind
from tianping.core import clock

BJ = ZoneInfo("Asia/Shanghai")
NOW = dt.datetime(2026, 9, 28, 10, 0, tzinfo=BJ)


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}:00").replace(tzinfo=BJ)


@pytest.fixture
def frozen() -> Iterator[dt.datetime]:
    with clock.frozen_at(NOW):
        yield NOW


@pytest.fixture
def service(courts: CourtTree, users: Users, frozen: dt.datetime) -> Any:
    return services.bookable_service_create(
        actor=users.clerk,
        court=courts.chaoyang,
        kind=ServiceKind.WINDOW_VISIT,
        name="立案窗口",
        location="诉讼服务中心一楼 3 号窗口",
        slot_minutes=30,
        capacity=2,
    )
