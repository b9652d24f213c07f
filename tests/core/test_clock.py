"""The injectable clock: frozen moments, the court's time zone, and restoring afterwards."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tianping.core import clock

NEW_YEAR_IN_BEIJING = dt.datetime(2024, 12, 31, 17, 0, tzinfo=dt.UTC)


def test_frozen_now_and_today_in_shanghai() -> None:
    with clock.frozen_at(NEW_YEAR_IN_BEIJING):
        assert clock.now() == NEW_YEAR_IN_BEIJING
        assert clock.today() == dt.date(2025, 1, 1)  # 01:00 on 1 January in Beijing
        assert NEW_YEAR_IN_BEIJING.date() == dt.date(2024, 12, 31)


def test_midnight_boundary_in_shanghai() -> None:
    with clock.frozen_at(dt.datetime(2024, 12, 31, 15, 59, 59, 999999, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2024, 12, 31)
    with clock.frozen_at(dt.datetime(2024, 12, 31, 16, 0, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2025, 1, 1)


def test_other_time_zones_are_accepted() -> None:
    moment = dt.datetime(2025, 1, 1, 0, 30, tzinfo=ZoneInfo("America/New_York"))  # 13:30 in Beijing
    with clock.frozen_at(moment):
        assert clock.now() == moment
        assert clock.today() == dt.date(2025, 1, 1)


def test_restored_after_the_block_even_on_error() -> None:
    with pytest.raises(RuntimeError), clock.frozen_at(NEW_YEAR_IN_BEIJING):
        raise RuntimeError("boom")
    before = timezone.now()
    now = clock.now()
    assert before <= now <= timezone.now()
    assert clock.today() == now.astimezone(ZoneInfo("Asia/Shanghai")).date()


def test_nested_freezes_restore_the_outer_one() -> None:
    inner = NEW_YEAR_IN_BEIJING + dt.timedelta(days=40)
    with clock.frozen_at(NEW_YEAR_IN_BEIJING):
        with clock.frozen_at(inner):
            assert clock.now() == inner
        assert clock.now() == NEW_YEAR_IN_BEIJING
    assert abs(clock.now() - timezone.now()) < dt.timedelta(seconds=5)


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"), clock.frozen_at(dt.datetime(2025, 1, 1, 12, 0)):
        pass  # pragma: no cover - never entered
    assert abs(clock.now() - timezone.now()) < dt.timedelta(seconds=5)
