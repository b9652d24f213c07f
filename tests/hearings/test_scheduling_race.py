"""Concurrent bookings of one courtroom: exactly one sitting, the other refused with hearing_conflict."""

from __future__ import annotations

import pytest

from tests.concurrency import race, succeeded
from tests.hearings.conftest import at, schedule
from tianping.hearings.models import Hearing


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_courtroom_yield_one_hearing(world, users):
    calls = [
        succeeded(lambda: schedule(world, users.judge, starts_at=at(5, 9))),
        succeeded(lambda: schedule(world, users.division_head, case=world.other_case, starts_at=at(5, 10))),
    ]
    results, unexpected = race(calls)
    assert unexpected == []
    assert sorted(results) == ["hearing_conflict", "ok"]
    assert Hearing.objects.count() == 1
