"""The working-day calendar and period arithmetic of CPL art. 85.

Saturdays and Sundays are rest days and Monday–Friday are working days, except where the
``CalendarDay`` table says otherwise (statutory holidays, make-up workdays). The table is
seeded from ``chinesecalendar`` for every year it covers; an administrator enters later
years as the State Council publishes them.

Period rules (民事诉讼法 第八十五条): the day on which a period starts is not counted; if
the last day of a period is a statutory rest day, the period ends on the next working day.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import functools
from collections.abc import Mapping

from django.db.models import Count, Max

from tianping.core.enums import CalendarDayKind, CalendarSource
from tianping.core.models import CalendarDay, CalendarYear

ONE_DAY = dt.timedelta(days=1)

CHINESE_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


class WorkingCalendar:
    """A snapshot of the holiday table; cheap to query day by day."""

    def __init__(self, overrides: Mapping[dt.date, str], known_years: frozenset[int]) -> None:
        self._overrides = dict(overrides)
        self.known_years = known_years

    def is_working_day(self, day: dt.date) -> bool:
        kind = self._overrides.get(day)
        if kind == CalendarDayKind.HOLIDAY:
            return False
        if kind == CalendarDayKind.WORKDAY:
            return True
        return day.weekday() < 5

    def covers(self, day: dt.date) -> bool:
        """Whether ``day``'s year has a published arrangement in the table."""
        return day.year in self.known_years

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_days(self, start: dt.date, days: int) -> dt.date:
        """The last day of a period of ``days`` days starting on ``start`` (start not counted)."""
        if days < 0:
            raise ValueError("a period cannot be negative")
        return self.next_working_day(start + dt.timedelta(days=days))

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (start not counted)."""
        if days < 0:
            raise ValueError("a period cannot be negative")
        day, counted = start, 0
        while counted < days:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def add_months(self, start: dt.date, months: int) -> dt.date:
        """The last day of a period of ``months`` months: the same day of the month, or the
        month's last day if it has no such day, moved past a rest day."""
        if months < 0:
            raise ValueError("a period cannot be negative")
        month_index = start.month - 1 + months
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = min(start.day, _calendar.monthrange(year, month)[1])
        return self.next_working_day(dt.date(year, month, day))

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 if ``end`` <= ``start``)."""
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count


def working_calendar() -> WorkingCalendar:
    """The calendar as the table stands now (rebuilt only when the table changed)."""
    stamp = CalendarDay.objects.aggregate(changed=Max("updated_at"), rows=Count("id"))
    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    return _build_calendar(stamp["changed"], stamp["rows"], years)


@functools.lru_cache(maxsize=4)
def _build_calendar(changed: dt.datetime | None, rows: int, years: frozenset[int]) -> WorkingCalendar:
    overrides = dict(CalendarDay.objects.values_list("date", "kind"))
    return WorkingCalendar(overrides, years)


def seed_from_chinesecalendar(
    calendar_day_model: type[CalendarDay] = CalendarDay, year_model: type[CalendarYear] = CalendarYear
) -> int:
    """Load every year chinesecalendar covers; rows an administrator entered are kept. Returns rows added."""
    from chinese_calendar import constants

    existing = set(calendar_day_model.objects.values_list("date", flat=True))
    rows = [
        calendar_day_model(date=day, kind=kind, name=CHINESE_HOLIDAY_NAMES.get(name, name), source=CalendarSource.SEED)
        for kind, days in ((CalendarDayKind.HOLIDAY, constants.holidays), (CalendarDayKind.WORKDAY, constants.workdays))
        for day, name in days.items()
        if day not in existing
    ]
    calendar_day_model.objects.bulk_create(rows)
    years = sorted({day.year for day in constants.holidays})
    known = set(year_model.objects.values_list("year", flat=True))
    year_model.objects.bulk_create(
        [year_model(year=y, source=CalendarSource.SEED, note="国务院办公厅节假日安排") for y in years if y not in known]
    )
    return len(rows)
