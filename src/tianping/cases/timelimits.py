"""Time limits (审限) by procedure, extensions and excluded periods (domain.md §5).

Pure arithmetic on a ``WorkingCalendar``: the clock starts the day after filing; months
end on the same day of the month (or the month's last day); every approved extension and
every excluded day moves the end; a last day on a rest day moves to the next working day.
"""

from __future__ import annotations

import calendar as _calendar
import dataclasses
import datetime as dt
from collections.abc import Iterable

from tianping.cases.enums import CaseCategory, ExtensionApprover, Procedure
from tianping.core.workdays import WorkingCalendar

P, C, A = Procedure, CaseCategory, ExtensionApprover


@dataclasses.dataclass(frozen=True)
class Period:
    months: int = 0
    days: int = 0

    def __add__(self, other: Period) -> Period:
        return Period(self.months + other.months, self.days + other.days)

    def fits_within(self, limit: Period | None) -> bool:
        """Whether this period is no longer than ``limit`` (None: no limit)."""
        if limit is None:
            return True
        return (self.months * 31 + self.days) <= (limit.months * 31 + limit.days)

    def __str__(self) -> str:
        parts = [f"{self.months}个月" if self.months else "", f"{self.days}日" if self.days else ""]
        return "".join(parts) or "0日"


@dataclasses.dataclass(frozen=True)
class ExtensionStep:
    """The n-th extension: at most ``limit`` (None: as long as the approver grants), approved by ``approver``."""

    approver: ExtensionApprover
    limit: Period | None


@dataclasses.dataclass(frozen=True)
class TimeLimitRule:
    limit: Period
    extensions: tuple[ExtensionStep, ...] = ()
    # Enforcement: extensions must be asked for at least this many days before expiry.
    ask_days_before_expiry: int = 0

    def extension_step(self, approved_so_far: int) -> ExtensionStep | None:
        """The rule for the next extension; an open-ended last step repeats."""
        if approved_so_far < len(self.extensions):
            return self.extensions[approved_so_far]
        if self.extensions and self.extensions[-1].limit is None:
            return self.extensions[-1]
        return None


RULES: dict[tuple[str, str], TimeLimitRule] = {
    (C.CIVIL, P.ORDINARY): TimeLimitRule(
        Period(months=6), (ExtensionStep(A.PRESIDENT, Period(months=6)), ExtensionStep(A.HIGHER_COURT, None))
    ),
    (C.CIVIL, P.SIMPLIFIED): TimeLimitRule(Period(months=3), (ExtensionStep(A.PRESIDENT, Period(months=1)),)),
    (C.CIVIL, P.SMALL_CLAIMS): TimeLimitRule(Period(months=2), (ExtensionStep(A.PRESIDENT, Period(months=1)),)),
    (C.CIVIL, P.SPECIAL): TimeLimitRule(Period(days=30), (ExtensionStep(A.PRESIDENT, None),)),
    (C.CIVIL, P.SECOND_INSTANCE): TimeLimitRule(Period(months=3), (ExtensionStep(A.PRESIDENT, None),)),
    (C.CIVIL, P.SECOND_INSTANCE_RULING): TimeLimitRule(Period(days=30)),
    (C.CIVIL, P.RETRIAL): TimeLimitRule(
        Period(months=6), (ExtensionStep(A.PRESIDENT, Period(months=6)), ExtensionStep(A.HIGHER_COURT, None))
    ),
    (C.CRIMINAL, P.ORDINARY): TimeLimitRule(
        Period(months=2), (ExtensionStep(A.HIGHER_COURT, Period(months=3)), ExtensionStep(A.SUPREME, None))
    ),
    (C.CRIMINAL, P.SIMPLIFIED): TimeLimitRule(Period(days=20), (ExtensionStep(A.PRESIDENT, Period(days=25)),)),
    (C.CRIMINAL, P.SECOND_INSTANCE): TimeLimitRule(
        Period(months=2), (ExtensionStep(A.HIGH_COURT, Period(months=2)), ExtensionStep(A.SUPREME, None))
    ),
    (C.ADMINISTRATIVE, P.ORDINARY): TimeLimitRule(Period(months=6), (ExtensionStep(A.HIGH_COURT, None),)),
    (C.ADMINISTRATIVE, P.SIMPLIFIED): TimeLimitRule(Period(days=45)),
    (C.ADMINISTRATIVE, P.SECOND_INSTANCE): TimeLimitRule(Period(months=3), (ExtensionStep(A.HIGH_COURT, None),)),
    (C.ENFORCEMENT, P.ENFORCEMENT): TimeLimitRule(
        Period(months=6), (ExtensionStep(A.PRESIDENT, None),), ask_days_before_expiry=5
    ),
    (C.ENFORCEMENT, P.NON_LITIGATION_ENFORCEMENT): TimeLimitRule(
        Period(months=3), (ExtensionStep(A.PRESIDENT, None),), ask_days_before_expiry=5
    ),
}
# Reviews of retrial applications take 3 months, whatever the category.
RETRIAL_REVIEW_RULE = TimeLimitRule(Period(months=3), (ExtensionStep(A.PRESIDENT, None),))


def rule_for(category: str, procedure: str) -> TimeLimitRule | None:
    """The time-limit rule of a procedure, or None where the law sets none."""
    if procedure == P.RETRIAL_REVIEW:
        return RETRIAL_REVIEW_RULE
    return RULES.get((category, procedure))


def add_period(start: dt.date, period: Period) -> dt.date:
    """``start`` plus months (same day of month, or the month's last day) plus days; no holiday shift."""
    month_index = start.month - 1 + period.months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) + dt.timedelta(days=period.days)


def excluded_days(periods: Iterable[tuple[dt.date, dt.date | None]], today: dt.date) -> int:
    """Calendar days the clock stood still; an open period counts up to ``today``."""
    return sum(max(((end or today) - start).days, 0) for start, end in periods)


def deadline(
    filed_on: dt.date,
    rule: TimeLimitRule,
    extensions: Iterable[Period],
    excluded: int,
    calendar: WorkingCalendar,
) -> dt.date:
    """The last day of the time limit (start day not counted; moved off a rest day)."""
    total = rule.limit
    for extension in extensions:
        total = total + extension
    end = add_period(filed_on, total) + dt.timedelta(days=excluded)
    return calendar.next_working_day(end)
