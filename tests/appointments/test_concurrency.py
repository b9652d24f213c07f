"""The last seats of one slot under concurrent bookings: exactly ``capacity`` succeed.

Threads with their own database connections start together at a barrier and call the real
booking service (SQLite: IMMEDIATE transactions serialise the writers; PostgreSQL: the
slot counter's row lock). Runs on whichever database the tests use.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.appointments.conftest import at
from tests.concurrency import race, succeeded
from tests.conftest import CourtTree, Users
from tianping.appointments import services
from tianping.appointments.enums import BookingStatus, ServiceKind
from tianping.appointments.models import Booking, SlotCounter
from tianping.core import audit

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

CAPACITY = 4
ALREADY_BOOKED = 1
CONTENDERS = 8


def test_last_seats_go_to_exactly_capacity_bookers(courts: CourtTree, users: Users, frozen: Any) -> None:
    service = services.bookable_service_create(
        actor=users.clerk, court=courts.chaoyang, kind=ServiceKind.FILE_READING, name="阅卷室", capacity=CAPACITY
    )
    slot = at("2026-09-30", "14:00")
    services.booking_create(actor=users.lawyer, service=service, slot_start=slot)
    bookers = [factories.litigant_user(f"crowd{i}", f"当事人{i}") for i in range(CONTENDERS)]
    results, unexpected = race(
        [succeeded(lambda u=u: services.booking_create(actor=u, service=service, slot_start=slot)) for u in bookers]
    )

    assert unexpected == []
    free = CAPACITY - ALREADY_BOOKED
    assert sorted(results) == sorted(["ok"] * free + ["slot_full"] * (CONTENDERS - free))
    active = Booking.objects.filter(service=service, slot_start=slot, status=BookingStatus.BOOKED)
    assert active.count() == CAPACITY
    assert SlotCounter.objects.get(service=service, slot_start=slot).booked == CAPACITY
    assert audit.verify().ok


def test_one_user_racing_themselves_gets_one_booking(courts: CourtTree, users: Users, frozen: Any) -> None:
    service = services.bookable_service_create(
        actor=users.clerk, court=courts.chaoyang, kind=ServiceKind.WINDOW_VISIT, name="窗口", capacity=10
    )
    slot = at("2026-09-30", "09:00")
    book = succeeded(lambda: services.booking_create(actor=users.litigant, service=service, slot_start=slot))
    results, unexpected = race([book] * 4)
    assert unexpected == []
    assert sorted(results) == ["already_booked"] * 3 + ["ok"]
    assert Booking.objects.filter(service=service, user=users.litigant).count() == 1
