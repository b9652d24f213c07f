"""Concurrent submissions at one court on one day get distinct, gap-free receipt numbers, and two
clerks deciding the same filing at once register it once.

Threads with their own database connections start together at a barrier and call the real
services (SQLite: IMMEDIATE transactions serialise the writers; PostgreSQL: row locks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests import factories
from tests.concurrency import race, succeeded
from tests.conftest import CourtTree, Users
from tests.filing.conftest import MONDAY, on_day
from tianping.accounts.enums import Role
from tianping.cases.models import Case
from tianping.filing import services

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _race(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    with on_day(MONDAY):  # the frozen clock is process-wide: freeze it once around every thread
        return race([succeeded(call) for call in calls])


def test_concurrent_submissions_get_distinct_receipt_numbers(make_filing: Any, users: Users) -> None:
    filings = [make_filing() for _ in range(5)]
    results, unexpected = _race(
        [lambda f=f: services.filing_submit(actor=users.litigant, filing=f) for f in filings]  # type: ignore[misc]
    )
    assert unexpected == []
    assert results == ["ok"] * 5
    numbers = sorted(f.receipt_number for f in (type(filings[0]).objects.all()))
    assert numbers == [f"京0105-20260309-{n:04d}" for n in range(1, 6)]


def test_two_clerks_register_the_same_filing_once(make_filing: Any, users: Users, courts: CourtTree) -> None:
    second = factories.staff_user("clerk2", courts.chaoyang, Role.FILING_CLERK)
    filing = make_filing()
    with on_day(MONDAY):
        filing = services.filing_submit(actor=users.litigant, filing=filing)
    results, unexpected = _race(
        [lambda a=a: services.filing_register(actor=a, filing=filing) for a in (users.clerk, second)]  # type: ignore[misc]
    )
    assert unexpected == []
    assert sorted(results) == ["invalid_transition", "ok"]
    assert Case.objects.count() == 1
