"""An injectable clock: code asks ``clock.now()`` / ``clock.today()``, tests freeze it."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current aware datetime (UTC-based, as Django stores it)."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the court's time zone (Asia/Shanghai by default)."""
    return now().astimezone(ZoneInfo(settings.TIME_ZONE)).date()


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Freeze the clock at ``moment`` (must be aware) for the duration of the block."""
    global _frozen
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs an aware datetime")
    previous, _frozen = _frozen, moment
    try:
        yield
    finally:
        _frozen = previous
