"""Time limits (审限): the arithmetic as properties, then extensions, excluded periods and warnings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import factories
from tests.cases.conftest import on_day, person
from tests.conftest import CourtTree, Users
from tianping.accounts.enums import Role
from tianping.cases import timelimits
from tianping.cases.enums import ApprovalStatus, CaseStatus, ExtensionApprover, PartyRole, WarningLevel
from tianping.cases.models import Case, DeadlineWarning
from tianping.cases.services import (
    case_deadline_refresh,
    case_transition,
    deadline_warnings_raise,
    extension_decide,
    extension_request,
    suspension_decide,
    suspension_end,
    suspension_request,
)
from tianping.cases.timelimits import Period, TimeLimitRule, add_period
from tianping.core.enums import CalendarDayKind
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.core.workdays import WorkingCalendar, working_calendar

D = dt.date
DAY = dt.timedelta(days=1)
HOLIDAY, WORKDAY = CalendarDayKind.HOLIDAY, CalendarDayKind.WORKDAY
Register = Callable[..., Case]

# --- the arithmetic (pure, hypothesis) --------------------------------------------------------------------------

RULES = [*timelimits.RULES.values(), timelimits.RETRIAL_REVIEW_RULE]
# Every day a working day: the deadline on it is the raw end, before any holiday shift.
ALWAYS_OPEN = WorkingCalendar(
    {D(2020, 1, 1) + n * DAY: WORKDAY for n in range((D(2040, 1, 1) - D(2020, 1, 1)).days)}, frozenset()
)
PROPERTY = settings(max_examples=300, deadline=None)


@st.composite
def calendars(draw: Any) -> WorkingCalendar:
    """Weekends plus random holiday blocks (up to three weeks, like Spring Festival) and make-up workdays."""
    overrides: dict[dt.date, str] = {}
    for start, length in draw(
        st.lists(st.tuples(st.dates(D(2024, 1, 1), D(2030, 12, 31)), st.integers(1, 21)), max_size=30)
    ):
        for n in range(length):
            overrides[start + n * DAY] = HOLIDAY
    for day in draw(st.lists(st.dates(D(2024, 1, 1), D(2030, 12, 31)), max_size=10)):
        overrides[day] = WORKDAY
    return WorkingCalendar(overrides, frozenset())


filing_days = st.dates(D(2024, 1, 1), D(2026, 12, 31))
periods = st.builds(Period, months=st.integers(0, 6), days=st.integers(0, 60))
rules = st.sampled_from(RULES)
extension_lists = st.lists(periods, max_size=3)
excluded_counts = st.integers(0, 400)


def raw_end(filed_on: dt.date, rule: TimeLimitRule, extensions: list[Period], excluded: int) -> dt.date:
    return timelimits.deadline(filed_on, rule, extensions, excluded, ALWAYS_OPEN)


@PROPERTY
@given(filing_days, rules, extension_lists, excluded_counts, calendars())
def test_deadline_is_the_first_working_day_on_or_after_the_raw_end(
    filed_on: dt.date,
    rule: TimeLimitRule,
    extensions: list[Period],
    excluded: int,
    calendar: WorkingCalendar,
) -> None:
    result = timelimits.deadline(filed_on, rule, extensions, excluded, calendar)
    raw = raw_end(filed_on, rule, extensions, excluded)
    assert calendar.is_working_day(result)
    assert result >= raw >= add_period(filed_on, rule.limit) > filed_on  # the filing day itself is not counted
    day = raw
    while day < result:
        assert not calendar.is_working_day(day), day  # no working day skipped over
        day += DAY


@PROPERTY
@given(filing_days, rules, extension_lists, excluded_counts, st.integers(0, 200))
def test_excluded_days_shift_the_raw_end_by_exactly_that_many_days(
    filed_on: dt.date, rule: TimeLimitRule, extensions: list[Period], excluded: int, more: int
) -> None:
    assert raw_end(filed_on, rule, extensions, excluded + more) - raw_end(filed_on, rule, extensions, excluded) == (
        more * DAY
    )


@PROPERTY
@given(filing_days, rules, extension_lists, periods, excluded_counts, st.integers(0, 100), calendars())
def test_extensions_and_excluded_days_never_move_the_deadline_earlier(
    filed_on: dt.date,
    rule: TimeLimitRule,
    extensions: list[Period],
    extra: Period,
    excluded: int,
    more: int,
    calendar: WorkingCalendar,
) -> None:
    before = timelimits.deadline(filed_on, rule, extensions, excluded, calendar)
    assert timelimits.deadline(filed_on, rule, [*extensions, extra], excluded, calendar) >= before
    assert timelimits.deadline(filed_on, rule, extensions, excluded + more, calendar) >= before


@PROPERTY
@given(st.dates(D(2000, 1, 1), D(2090, 12, 31)), st.integers(0, 48), st.integers(0, 400))
def test_add_period_months_keep_the_day_or_end_the_month(start: dt.date, months: int, days: int) -> None:
    end = add_period(start, Period(months))
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == months
    assert end.day == start.day or (end.day < start.day and (end + DAY).day == 1)  # clamped to the month's end
    assert add_period(start, Period(months, days)) == end + days * DAY
    assert add_period(start, Period(0, days)) == start + days * DAY


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (D(2025, 8, 31), Period(6), D(2026, 2, 28)),
        (D(2023, 8, 31), Period(6), D(2024, 2, 29)),
        (D(2024, 2, 29), Period(12), D(2025, 2, 28)),
        (D(2025, 1, 10), Period(6), D(2025, 7, 10)),
        (D(2025, 12, 15), Period(2, 30), D(2026, 3, 17)),
        (D(2025, 1, 10), Period(days=30), D(2025, 2, 9)),
    ],
)
def test_add_period_examples(start: dt.date, period: Period, end: dt.date) -> None:
    assert add_period(start, period) == end


def test_excluded_days_count_open_periods_up_to_today() -> None:
    today = D(2025, 5, 1)
    assert timelimits.excluded_days([(D(2025, 3, 1), D(2025, 3, 11)), (D(2025, 4, 21), None)], today) == 20
    assert timelimits.excluded_days([(D(2025, 5, 3), None)], today) == 0  # not started yet
    assert timelimits.excluded_days([], today) == 0


def test_extension_steps_follow_the_procedure_table() -> None:
    civil = timelimits.rule_for("civil", "ordinary")
    assert civil.extension_step(0) == timelimits.ExtensionStep(ExtensionApprover.PRESIDENT, Period(6))
    assert civil.extension_step(1).approver == ExtensionApprover.HIGHER_COURT
    assert civil.extension_step(5).approver == ExtensionApprover.HIGHER_COURT  # open-ended: repeats
    assert timelimits.rule_for("civil", "simplified").extension_step(1) is None
    assert timelimits.rule_for("civil", "second_instance_ruling").extension_step(0) is None
    assert timelimits.rule_for("criminal", "retrial_review") is timelimits.RETRIAL_REVIEW_RULE
    assert timelimits.rule_for("compensation", "special") is None
    assert Period(1).fits_within(Period(days=31))
    assert not Period(7).fits_within(Period(6))
    assert Period(0, 5).fits_within(None)


# --- the services -----------------------------------------------------------------------------------------------


@dataclasses.dataclass
class Upper:
    clerk: Any
    president: Any
    division_head: Any


@pytest.fixture
def upper(courts: CourtTree) -> Upper:
    third = courts.third_intermediate
    return Upper(
        clerk=factories.staff_user("clerk3", third, Role.FILING_CLERK),
        president=factories.staff_user("president3", third, Role.PRESIDENT, Role.JUDGE, real_name="郑院长"),
        division_head=factories.staff_user("divhead3", third, Role.DIVISION_HEAD, Role.JUDGE),
    )


@pytest.fixture
def case(register: Register, assign_to: Callable[..., Case], users: Users) -> Case:
    """A 民初 (ordinary) filed 2025-01-10, deadline 2025-07-10, in 李法官's hands."""
    with on_day(D(2025, 1, 10)):
        case = assign_to(register(), users.judge)
    assert case.deadline == D(2025, 7, 10)
    return case


def reloaded(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_first_extension_goes_to_the_president_and_moves_the_deadline_by_six_months(
    case: Case, users: Users, courts: CourtTree
) -> None:
    with on_day(D(2025, 6, 20)):
        with pytest.raises(ValidationFailed) as caught:
            extension_request(actor=users.judge, case=case, months=7, reason="案情复杂")
        assert (caught.value.code, caught.value.details) == ("extension_too_long", {"max": "6个月"})
        with pytest.raises(ValidationFailed) as caught:
            extension_request(actor=users.judge, case=case, months=0, reason="案情复杂")
        assert caught.value.code == "invalid_period"
        with pytest.raises(ValidationFailed) as caught:
            extension_request(actor=users.judge, case=case, months=6, reason=" ")
        assert caught.value.code == "reason_required"
        extension = extension_request(actor=users.judge, case=case, months=6, reason="需要鉴定，案情复杂")
        with pytest.raises(Conflict) as caught:
            extension_request(actor=users.judge, case=case, months=1, reason="再延")
        assert caught.value.code == "extension_pending"
    assert (extension.status, extension.approver_level, extension.approver_court) == (
        ApprovalStatus.PENDING,
        ExtensionApprover.PRESIDENT,
        courts.chaoyang,
    )
    assert reloaded(case).deadline == D(2025, 7, 10)  # nothing moves before the decision
    assert case.events.last().action == "申请延长审限"
    for not_the_president in (users.judge, users.division_head, users.clerk, users.higher_judge):
        with pytest.raises(PermissionDenied) as caught:
            extension_decide(actor=not_the_president, extension=extension, approve=True)
        assert caught.value.code == "approver_required"
    with on_day(D(2025, 6, 25)):
        extension_decide(actor=users.president, extension=extension, approve=True)
    # 2026-01-10 is a Saturday: the deadline moves to Monday the 12th.
    assert reloaded(case).deadline == D(2026, 1, 12)
    extension.refresh_from_db()
    assert (extension.status, extension.decided_by) == (ApprovalStatus.APPROVED, users.president)
    with pytest.raises(Conflict) as caught:
        extension_decide(actor=users.president, extension=extension, approve=False)
    assert caught.value.code == "already_decided"
    record = AuditRecord.objects.get(action="case.extension_decided")
    assert record.changes == {"decision": [None, "approved"], "deadline": ["2025-07-10", "2026-01-12"]}
    assert AuditRecord.objects.filter(action="case.extension_requested").count() == 1


def test_the_second_extension_goes_to_the_higher_court(
    case: Case, users: Users, upper: Upper, courts: CourtTree
) -> None:
    with on_day(D(2025, 6, 20)):
        first = extension_request(actor=users.judge, case=case, months=6, reason="案情复杂")
        extension_decide(actor=users.president, extension=first, approve=True)
    with on_day(D(2025, 12, 20)):
        second = extension_request(actor=users.judge, case=reloaded(case), months=3, reason="仍需鉴定")
    assert (second.approver_level, second.approver_court) == (ExtensionApprover.HIGHER_COURT, courts.third_intermediate)
    with pytest.raises(PermissionDenied):
        extension_decide(actor=users.president, extension=second, approve=True)  # 朝阳's president
    with pytest.raises(PermissionDenied):
        extension_decide(actor=upper.division_head, extension=second, approve=True)
    extension_decide(actor=upper.president, extension=second, approve=True)
    assert reloaded(case).deadline == D(2026, 4, 10)  # filed 2025-01-10 + 6 + 6 + 3 months


def test_a_rejected_extension_changes_nothing(case: Case, users: Users) -> None:
    with on_day(D(2025, 6, 20)):
        extension = extension_request(actor=users.judge, case=case, months=2, reason="案情复杂")
        extension_decide(actor=users.president, extension=extension, approve=False, note="理由不充分")
    assert reloaded(case).deadline == D(2025, 7, 10)
    assert case.events.last().action == "不准延长审限"
    # The first step is still available.
    with on_day(D(2025, 6, 21)):
        again = extension_request(actor=users.judge, case=reloaded(case), months=6, reason="补充理由")
    assert again.approver_level == ExtensionApprover.PRESIDENT


def test_who_may_ask_for_an_extension(case: Case, users: Users, courts: CourtTree) -> None:
    colleague = factories.staff_user("judge2", courts.chaoyang, Role.JUDGE)
    with on_day(D(2025, 6, 20)):
        for actor in (colleague, users.clerk):
            with pytest.raises(PermissionDenied) as caught:
                extension_request(actor=actor, case=case, months=1, reason="x")
            assert caught.value.code == "not_case_handler"
        for actor in (users.outsider, users.higher_judge):
            with pytest.raises(NotFound):
                extension_request(actor=actor, case=case, months=1, reason="x")
        assert extension_request(actor=users.division_head, case=case, months=1, reason="院庭长").pk


def test_no_extension_after_expiry_or_once_closed(case: Case, users: Users) -> None:
    with on_day(D(2025, 7, 11)), pytest.raises(Conflict) as caught:
        extension_request(actor=users.judge, case=case, months=1, reason="来不及了")
    assert caught.value.code == "extension_too_late"
    case_transition(actor=users.judge, case=case, to_status=CaseStatus.IN_TRIAL)
    case_transition(actor=users.judge, case=case, to_status=CaseStatus.CLOSED, closing_method="judgment")
    with on_day(D(2025, 6, 1)), pytest.raises(Conflict) as caught:
        extension_request(actor=users.judge, case=case, months=1, reason="已结案")
    assert caught.value.code == "extension_not_allowed"


def test_simplified_procedure_allows_one_month_once(register: Register, users: Users) -> None:
    with on_day(D(2025, 1, 10)):
        case = register(procedure="simplified")
    assert case.deadline == D(2025, 4, 10)
    with on_day(D(2025, 4, 1)):
        with pytest.raises(ValidationFailed) as caught:
            extension_request(actor=users.president, case=case, months=2, reason="复杂")
        assert (caught.value.code, caught.value.details) == ("extension_too_long", {"max": "1个月"})
        extension = extension_request(actor=users.president, case=case, months=1, reason="复杂")
        assert extension.approver_level == ExtensionApprover.PRESIDENT
        extension_decide(actor=users.president, extension=extension, approve=True)
        assert reloaded(case).deadline == D(2025, 5, 12)  # 10 May 2025 is a Saturday
        with pytest.raises(Conflict) as caught:
            extension_request(actor=users.president, case=reloaded(case), days=5, reason="再延")
        assert caught.value.code == "extension_not_allowed"


def test_an_appeal_against_a_ruling_cannot_be_extended(users: Users, upper: Upper, courts: CourtTree) -> None:
    from tianping.cases.services import case_register

    with on_day(D(2025, 3, 3)):
        case = case_register(
            actor=upper.clerk,
            court_id=courts.third_intermediate.pk,
            type_code="民终",
            procedure="second_instance_ruling",
            parties=[person(PartyRole.APPELLANT), person(PartyRole.APPELLEE)],
        )
    assert case.deadline == D(2025, 4, 2)  # 30 days
    with on_day(D(2025, 3, 20)), pytest.raises(Conflict) as caught:
        extension_request(actor=upper.president, case=case, days=10, reason="复杂")
    assert caught.value.code == "extension_not_allowed"


def test_a_judges_suspension_waits_for_the_division_head_and_the_excluded_days_move_the_deadline(
    case: Case, users: Users
) -> None:
    with on_day(D(2025, 3, 5)):
        with pytest.raises(ValidationFailed) as caught:
            suspension_request(actor=users.judge, case=case, reason="holiday", started_on=D(2025, 3, 3))
        assert caught.value.code == "invalid_reason"
        for started_on in (D(2025, 1, 9), D(2025, 3, 6)):  # before filing; in the future
            with pytest.raises(ValidationFailed) as caught:
                suspension_request(actor=users.judge, case=case, reason="appraisal", started_on=started_on)
            assert caught.value.code == "invalid_date"
        suspension = suspension_request(
            actor=users.judge, case=case, reason="appraisal", started_on=D(2025, 3, 3), note="委托鉴定"
        )
        assert suspension.status == ApprovalStatus.PENDING
        assert case_deadline_refresh(case=reloaded(case)) == D(2025, 7, 10)  # a pending stay does not count
        assert (reloaded(case).deadline, reloaded(case).suspended_since) == (D(2025, 7, 10), None)
        with pytest.raises(Conflict) as caught:
            suspension_request(actor=users.judge, case=case, reason="public_notice", started_on=D(2025, 3, 4))
        assert caught.value.code == "suspension_open"
        with pytest.raises(PermissionDenied) as caught:
            suspension_decide(actor=users.judge, suspension=suspension, approve=True)
        assert caught.value.code == "approver_required"
        with pytest.raises(Conflict) as caught:
            suspension_end(actor=users.judge, case=case, ended_on=D(2025, 3, 5))
        assert caught.value.code == "no_open_suspension"
    with on_day(D(2025, 3, 10)):
        suspension_decide(actor=users.division_head, suspension=suspension, approve=True)
        running = reloaded(case)
        assert running.suspended_since == D(2025, 3, 3)
        assert running.deadline == D(2025, 7, 17)  # 7 days stood still so far
    with on_day(D(2025, 4, 10)):
        with pytest.raises(ValidationFailed):
            suspension_end(actor=users.judge, case=case, ended_on=D(2025, 3, 1))  # before the start
        suspension_end(actor=users.judge, case=case, ended_on=D(2025, 4, 2))
    resumed = reloaded(case)
    # 30 days excluded: 2025-08-09 is a Saturday, so the deadline is Monday 11 August.
    assert (resumed.deadline, resumed.suspended_since) == (D(2025, 8, 11), None)
    assert resumed.deadline == working_calendar().next_working_day(D(2025, 7, 10) + 30 * DAY)
    assert [e.action for e in case.events.filter(action__contains="审限")] == [
        "申请扣除审限",
        "批准扣除审限",
        "恢复审限计算",
    ]
    assert case.events.last().note == "扣除30日"
    assert AuditRecord.objects.get(action="case.suspension_ended").changes["deadline"] == ["2025-07-17", "2025-08-11"]
    # Later stays count too, on top of the first.
    with on_day(D(2025, 5, 1)):
        second = suspension_request(actor=users.president, case=case, reason="public_notice", started_on=D(2025, 4, 21))
        assert second.status == ApprovalStatus.APPROVED  # a leader's own request takes effect at once
        suspension_end(actor=users.president, case=case, ended_on=D(2025, 4, 26))
    assert reloaded(case).deadline == D(2025, 8, 14)  # 35 days in all: Thursday 14 August


def test_a_rejected_suspension_changes_nothing(case: Case, users: Users) -> None:
    with on_day(D(2025, 3, 5)):
        suspension = suspension_request(actor=users.judge, case=case, reason="settlement", started_on=D(2025, 3, 1))
        suspension_decide(actor=users.division_head, suspension=suspension, approve=False)
    with on_day(D(2025, 4, 5)):
        deadline_warnings_raise()
    assert (reloaded(case).deadline, reloaded(case).suspended_since) == (D(2025, 7, 10), None)
    with on_day(D(2025, 4, 5)):  # a new stay may be asked for
        assert suspension_request(actor=users.judge, case=case, reason="settlement", started_on=D(2025, 4, 1)).pk


# --- warnings ---------------------------------------------------------------------------------------------------


def levels(case: Case) -> list[tuple[str, dt.date, dt.date]]:
    return sorted(DeadlineWarning.objects.filter(case=case).values_list("level", "deadline", "raised_on"))


def test_warnings_are_raised_once_per_level_and_deadline(case: Case, users: Users) -> None:
    expected = {
        D(2025, 6, 9): 0,  # 31 days left
        D(2025, 6, 10): 1,  # 30
        D(2025, 6, 20): 0,  # 20: still the 30-day level
        D(2025, 6, 25): 1,  # 15
        D(2025, 7, 5): 1,  # 5
        D(2025, 7, 10): 0,  # the last day: still the 5-day level
        D(2025, 7, 11): 1,  # expired
        D(2025, 7, 30): 0,
    }
    for today, raised in expected.items():
        assert deadline_warnings_raise(today=today) == raised, today
        assert deadline_warnings_raise(today=today) == 0, today  # the job may run twice a day
    assert levels(case) == [
        (WarningLevel.DAYS_15, D(2025, 7, 10), D(2025, 6, 25)),
        (WarningLevel.DAYS_30, D(2025, 7, 10), D(2025, 6, 10)),
        (WarningLevel.DAYS_5, D(2025, 7, 10), D(2025, 7, 5)),
        (WarningLevel.EXPIRED, D(2025, 7, 10), D(2025, 7, 11)),
    ]


def test_an_extended_deadline_is_warned_about_afresh(case: Case, users: Users) -> None:
    assert deadline_warnings_raise(today=D(2025, 6, 12)) == 1
    with on_day(D(2025, 6, 20)):
        extension = extension_request(actor=users.judge, case=case, months=1, reason="案情复杂")
        extension_decide(actor=users.president, extension=extension, approve=True)
    assert reloaded(case).deadline == D(2025, 8, 11)  # 10 August 2025 is a Sunday
    assert deadline_warnings_raise(today=D(2025, 6, 21)) == 0  # 51 days left
    assert deadline_warnings_raise(today=D(2025, 7, 12)) == 1
    assert [(level, deadline) for level, deadline, _ in levels(case)] == [
        (WarningLevel.DAYS_30, D(2025, 7, 10)),
        (WarningLevel.DAYS_30, D(2025, 8, 11)),
    ]


def test_closed_and_suspended_cases_get_no_warnings_and_stays_are_refreshed(
    case: Case, register: Register, users: Users
) -> None:
    with on_day(D(2025, 1, 10)):
        closed = register()
    case_transition(actor=users.president, case=closed, to_status=CaseStatus.CLOSED, closing_method="withdrawal")
    with on_day(D(2025, 7, 1)):
        suspension_request(actor=users.division_head, case=case, reason="appraisal", started_on=D(2025, 7, 1))
    assert reloaded(case).deadline == D(2025, 7, 10)
    assert deadline_warnings_raise(today=D(2025, 7, 8)) == 0  # 9 days left on paper, but the clock stands still
    assert reloaded(case).deadline == D(2025, 7, 17)  # refreshed: 7 days excluded so far
    assert deadline_warnings_raise(today=D(2025, 7, 31)) == 0
    assert reloaded(case).deadline == D(2025, 8, 11)  # 30 days: 9 August is a Saturday
    assert DeadlineWarning.objects.count() == 0
    with on_day(D(2025, 8, 1)):
        suspension_end(actor=users.judge, case=case, ended_on=D(2025, 8, 1))
    assert reloaded(case).deadline == D(2025, 8, 11)  # 31 days: 10 August is a Sunday
    assert deadline_warnings_raise(today=D(2025, 8, 1)) == 1
    assert [level for level, _, _ in levels(case)] == [WarningLevel.DAYS_15]
    assert not DeadlineWarning.objects.filter(case=closed).exists()
