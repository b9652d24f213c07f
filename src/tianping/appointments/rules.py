"""Pure slot arithmetic: daily windows, the slots inside them, and the local time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

# The litigation-service centre's staff hours (domain §10): every window lies inside them.
STAFF_OPENS = dt.time(8, 30)
STAFF_CLOSES = dt.time(17, 30)
DEFAULT_WINDOWS = (("09:00", "12:00"), ("13:30", "17:00"))
BOOKING_HORIZON_DAYS = 30
MAX_ACTIVE_BOOKINGS = 5


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def to_local(moment: dt.datetime) -> dt.datetime:
    """``moment`` in the court's time zone; a naive value is read as court-local time."""
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=local_zone())
    return moment.astimezone(local_zone())


def parse_time(value: str) -> dt.time:
    return dt.datetime.strptime(value, "%H:%M").time()


def slot_times(windows: list[list[str]] | list[tuple[str, str]], slot_minutes: int) -> list[dt.time]:
    """The local start times of every slot of a day, in order."""
    step = dt.timedelta(minutes=slot_minutes)
    base = dt.date(2000, 1, 1)
    starts: list[dt.time] = []
    for opens, closes in windows:
        current = dt.datetime.combine(base, parse_time(opens))
        end = dt.datetime.combine(base, parse_time(closes))
        while current + step <= end:
            starts.append(current.time())
            current += step
    return sorted(starts)


def slot_starts(windows: list[list[str]], slot_minutes: int, day: dt.date) -> list[dt.datetime]:
    """The aware start of every slot on ``day``."""
    zone = local_zone()
    return [dt.datetime.combine(day, t, tzinfo=zone) for t in slot_times(windows, slot_minutes)]
