"""Working days and period arithmetic (CPL art. 85) against the State Council's arrangements."""

from __future__ import annotations

import datetime as dt
from typing import Any

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tianping.core.enums import CalendarDayKind, CalendarSource
from tianping.core.models import CalendarDay, CalendarYear
from tianping.core.workdays import WorkingCalendar, working_calendar

D = dt.date
PROPERTY = settings(max_examples=200, deadline=None)
HOLIDAY, WORKDAY = CalendarDayKind.HOLIDAY, CalendarDayKind.WORKDAY

# The published arrangements, built straight from chinesecalendar (no database needed).
_PUBLISHED = {
    **dict.fromkeys(chinese_calendar.constants.holidays, HOLIDAY),
    **dict.fromkeys(chinese_calendar.constants.workdays, WORKDAY),
}
REAL = WorkingCalendar(_PUBLISHED, frozenset(range(2004, 2027)))


@pytest.fixture
def cal(db: Any) -> WorkingCalendar:
    return working_calendar()


# --- the seeded table -----------------------------------------------------------------


def test_seeded_table_matches_chinesecalendar_for_every_day(cal: WorkingCalendar) -> None:
    day = D(2004, 1, 1)
    while day <= D(2026, 12, 31):
        assert cal.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)
    assert all(cal.covers(D(year, 6, 1)) for year in range(2004, 2027))
    assert not cal.covers(D(2003, 6, 1))
    assert not cal.covers(D(2027, 6, 1))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        # National Day 2024: 1–7 October off; Sunday 29 September and Saturday 12 October worked.
        *[(D(2024, 10, d), False) for d in range(1, 8)],
        (D(2024, 9, 29), True),
        (D(2024, 10, 12), True),
        (D(2024, 9, 28), False),
        (D(2024, 10, 8), True),
        (D(2024, 10, 13), False),
        # Spring Festival 2025: 28 January – 4 February off; Sunday 26 January and Saturday 8 February worked.
        *[(D(2025, 1, 28) + dt.timedelta(days=n), False) for n in range(8)],
        (D(2025, 1, 26), True),
        (D(2025, 2, 8), True),
        (D(2025, 1, 27), True),
        (D(2025, 2, 5), True),
        # National Day and Mid-autumn 2025: 1–8 October off; 28 September and 11 October worked.
        *[(D(2025, 10, d), False) for d in range(1, 9)],
        (D(2025, 9, 28), True),
        (D(2025, 10, 11), True),
        # 2026: New Year 1–3 January off, Sunday 4 January worked; Spring Festival 15–23 February
        # off, Saturdays 14 and 28 February worked.
        (D(2026, 1, 2), False),
        (D(2026, 1, 4), True),
        *[(D(2026, 2, 15) + dt.timedelta(days=n), False) for n in range(9)],
        (D(2026, 2, 14), True),
        (D(2026, 2, 28), True),
        # Ordinary weeks.
        (D(2024, 3, 4), True),
        (D(2024, 3, 9), False),
        (D(2024, 3, 10), False),
    ],
)
def test_real_arrangements(cal: WorkingCalendar, day: dt.date, working: bool) -> None:
    assert cal.is_working_day(day) is working


# --- period arithmetic: concrete cases ----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (D(2024, 3, 4), 1, D(2024, 3, 5)),  # the starting day is not counted
        (D(2024, 3, 4), 0, D(2024, 3, 4)),
        (D(2024, 3, 1), 1, D(2024, 3, 4)),  # ends on Saturday → Monday
        (D(2024, 9, 16), 15, D(2024, 10, 8)),  # 15-day appeal ends 1 October → after National Day
        (D(2024, 9, 21), 10, D(2024, 10, 8)),
        (D(2024, 9, 19), 10, D(2024, 9, 29)),  # Sunday 29 September is a make-up workday
        (D(2024, 10, 2), 10, D(2024, 10, 12)),  # Saturday 12 October is a make-up workday
        (D(2025, 1, 18), 10, D(2025, 2, 5)),  # lands on Spring Festival eve → 5 February
        (D(2025, 1, 11), 15, D(2025, 1, 26)),  # Sunday 26 January is a make-up workday
        (D(2025, 9, 16), 15, D(2025, 10, 9)),  # 1 October 2025 → after the 8-day break
        (D(2026, 2, 1), 15, D(2026, 2, 24)),  # 16 February 2026 → after Spring Festival
    ],
)
def test_add_days(cal: WorkingCalendar, start: dt.date, days: int, end: dt.date) -> None:
    assert cal.add_days(start, days) == end


@pytest.mark.parametrize(
    ("start", "days", "end"),
    [
        (D(2024, 3, 4), 0, D(2024, 3, 4)),
        (D(2024, 3, 4), 1, D(2024, 3, 5)),
        (D(2024, 3, 8), 1, D(2024, 3, 11)),  # Friday → Monday
        (D(2024, 9, 27), 1, D(2024, 9, 29)),  # Friday → make-up Sunday
        (D(2024, 9, 30), 1, D(2024, 10, 8)),
        (D(2024, 9, 30), 5, D(2024, 10, 12)),  # 8, 9, 10, 11, then make-up Saturday 12
        (D(2025, 1, 24), 3, D(2025, 2, 5)),  # 26, 27, then after Spring Festival
        (D(2024, 10, 3), 7, D(2024, 10, 15)),  # starting on a holiday; Saturday 12th counts
    ],
)
def test_add_working_days(cal: WorkingCalendar, start: dt.date, days: int, end: dt.date) -> None:
    assert cal.add_working_days(start, days) == end


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # no 31 February; Friday 28th is a working day
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2021, 1, 31), 1, D(2021, 3, 1)),  # Sunday 28 February 2021 → Monday
        (D(2026, 1, 31), 1, D(2026, 2, 28)),  # Saturday, but a make-up workday
        (D(2025, 7, 1), 3, D(2025, 10, 9)),  # 1 October 2025 → after National Day
        (D(2024, 3, 15), 6, D(2024, 9, 18)),  # 15 September is Sunday, 16–17 Mid-autumn
        (D(2024, 8, 31), 6, D(2025, 2, 28)),  # across a year end
        (D(2024, 11, 30), 2, D(2025, 2, 5)),  # 30 January 2025 is Spring Festival
        (D(2024, 3, 4), 0, D(2024, 3, 4)),
    ],
)
def test_add_months(cal: WorkingCalendar, start: dt.date, months: int, end: dt.date) -> None:
    assert cal.add_months(start, months) == end


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (D(2024, 9, 30), D(2024, 10, 12), 5),
        (D(2024, 10, 1), D(2024, 10, 7), 0),
        (D(2024, 9, 27), D(2024, 9, 29), 1),
        (D(2024, 3, 4), D(2024, 3, 11), 5),  # Tue–Fri and the next Monday; the start is not counted
        (D(2024, 3, 4), D(2024, 3, 4), 0),
        (D(2024, 3, 11), D(2024, 3, 4), 0),
        (D(2024, 12, 31), D(2025, 12, 31), 248),  # 261 weekdays - 18 weekday holidays + 5 make-up days
    ],
)
def test_working_days_between(cal: WorkingCalendar, start: dt.date, end: dt.date, count: int) -> None:
    assert cal.working_days_between(start, end) == count


@pytest.mark.parametrize("method", ["add_days", "add_working_days", "add_months"])
def test_negative_periods_are_refused(method: str) -> None:
    with pytest.raises(ValueError, match="negative"):
        getattr(REAL, method)(D(2024, 3, 4), -1)


def test_next_working_day() -> None:
    assert REAL.next_working_day(D(2024, 10, 1)) == D(2024, 10, 8)
    assert REAL.next_working_day(D(2024, 10, 8)) == D(2024, 10, 8)
    assert REAL.next_working_day(D(2024, 9, 28)) == D(2024, 9, 29)


def test_plain_week_rule_without_overrides() -> None:
    plain = WorkingCalendar({}, frozenset())
    assert [plain.is_working_day(D(2030, 1, 7) + dt.timedelta(days=n)) for n in range(7)] == [True] * 5 + [False] * 2
    assert not plain.covers(D(2030, 1, 7))


# --- properties -------------------------------------------------------------------------

dates = st.dates(min_value=D(2004, 1, 1), max_value=D(2030, 12, 31))
periods = st.integers(min_value=0, max_value=400)
override_maps = st.dictionaries(
    st.dates(min_value=D(2029, 12, 1), max_value=D(2030, 3, 31)), st.sampled_from([HOLIDAY, WORKDAY]), max_size=60
)
calendars = st.one_of(st.just(REAL), override_maps.map(lambda o: WorkingCalendar(o, frozenset({2030}))))


@PROPERTY
@given(calendars, dates, periods)
def test_add_days_ends_on_the_first_working_day_on_or_after_start_plus_n(
    cal: WorkingCalendar, start: dt.date, n: int
) -> None:
    end = cal.add_days(start, n)
    nominal = start + dt.timedelta(days=n)
    assert cal.is_working_day(end)
    assert end >= nominal
    day = nominal
    while day < end:
        assert not cal.is_working_day(day), day
        day += dt.timedelta(days=1)


@PROPERTY
@given(calendars, dates, periods)
def test_add_working_days_counts_exactly_n_working_days(cal: WorkingCalendar, start: dt.date, n: int) -> None:
    end = cal.add_working_days(start, n)
    assert cal.working_days_between(start, end) == n
    if n == 0:
        assert end == start
    else:
        assert cal.is_working_day(end)
        assert end > start


@PROPERTY
@given(calendars, dates, st.integers(min_value=0, max_value=200))
def test_periods_are_monotonic_in_n(cal: WorkingCalendar, start: dt.date, n: int) -> None:
    assert cal.add_days(start, n) <= cal.add_days(start, n + 1)
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)
    assert cal.add_months(start, n % 40) <= cal.add_months(start, n % 40 + 1)


@PROPERTY
@given(calendars, dates)
def test_zero_day_period(cal: WorkingCalendar, start: dt.date) -> None:
    if cal.is_working_day(start):
        assert cal.add_days(start, 0) == start
    else:
        assert cal.add_days(start, 0) == cal.add_days(start, 1) > start


@PROPERTY
@given(calendars, dates, st.integers(min_value=0, max_value=60))
def test_add_months_lands_in_the_right_month_or_just_after(cal: WorkingCalendar, start: dt.date, months: int) -> None:
    end = cal.add_months(start, months)
    index = start.year * 12 + start.month - 1 + months
    target_year, target_month = divmod(index, 12)
    first_of_next = D(target_year + (target_month == 11), (target_month + 1) % 12 + 1, 1)
    nominal = min(
        D(target_year, target_month + 1, 1) + dt.timedelta(days=start.day - 1), first_of_next - dt.timedelta(days=1)
    )
    assert nominal.month == target_month + 1
    assert end == cal.next_working_day(nominal)
    assert cal.is_working_day(end)


@PROPERTY
@given(calendars, dates, dates)
def test_working_days_between_is_additive(cal: WorkingCalendar, a: dt.date, b: dt.date) -> None:
    a, b = min(a, b), max(a, b)
    if (b - a).days > 800:
        b = a + dt.timedelta(days=800)
    middle = a + (b - a) // 2
    assert cal.working_days_between(a, b) == cal.working_days_between(a, middle) + cal.working_days_between(middle, b)
    assert cal.working_days_between(b, a) == 0


# --- an administrator enters a year the seed does not cover ------------------------------


@pytest.mark.django_db
def test_working_calendar_reflects_admin_entries_for_2027() -> None:
    new_year, saturday = D(2027, 1, 1), D(2027, 2, 20)  # a Friday and a Saturday
    before = working_calendar()
    assert not before.covers(new_year)
    assert before.is_working_day(new_year)
    assert not before.is_working_day(saturday)

    CalendarYear.objects.create(year=2027, note="国办发明电〔2026〕")
    assert working_calendar().covers(new_year)
    assert not working_calendar().covers(D(2028, 1, 1))

    CalendarDay.objects.create(date=new_year, kind=HOLIDAY, name="元旦", source=CalendarSource.ADMIN)
    day = CalendarDay.objects.create(date=saturday, kind=WORKDAY, name="春节", source=CalendarSource.ADMIN)
    after = working_calendar()
    assert not after.is_working_day(new_year)
    assert after.is_working_day(saturday)
    assert after.add_days(D(2026, 12, 22), 10) == D(2027, 1, 4)  # 1 January holiday, then the weekend
    assert before.is_working_day(new_year)  # an earlier snapshot is not changed under its holder

    day.kind = HOLIDAY
    day.save()
    assert not working_calendar().is_working_day(saturday)
    day.delete()
    assert not working_calendar().is_working_day(saturday)
    CalendarDay.objects.filter(date=new_year).delete()
    assert working_calendar().is_working_day(new_year)
