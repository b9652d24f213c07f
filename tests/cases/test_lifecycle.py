"""The declared status tables and the one transition service that checks them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import on_day, person
from tests.conftest import CourtTree, Users
from tianping.accounts.enums import Role
from tianping.cases import lifecycle
from tianping.cases.enums import CaseCategory, CaseStatus, PartyRole
from tianping.cases.models import Case
from tianping.cases.services import case_archived_mark, case_take_effect, case_transition
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord

S = CaseStatus
D = dt.date
Register = Callable[..., Case]
TABLES = {"trial": lifecycle.TRIAL_TRANSITIONS, "enforcement": lifecycle.ENFORCEMENT_TRANSITIONS}


def reachable(table: Any, start: CaseStatus = S.PENDING) -> set[CaseStatus]:
    seen, frontier = {start}, [start]
    while frontier:
        for target in table.get(frontier.pop(), frozenset()):
            if target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


# --- the tables (pure) ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_status_in_a_table_is_reachable_from_pending(name: str) -> None:
    table = TABLES[name]
    mentioned = set(table) | {target for targets in table.values() for target in targets}
    assert mentioned <= reachable(table)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_archived_and_rejected_are_terminal_and_every_path_can_end_archived(name: str) -> None:
    table = TABLES[name]
    assert S.ARCHIVED not in table
    assert S.REJECTED not in table
    for status in table:
        if status != S.PENDING:
            assert S.ARCHIVED in reachable(table, status), status
    for targets in table.values():
        assert S.PENDING not in targets  # nothing goes back before filing


def test_the_category_picks_the_table() -> None:
    assert lifecycle.transitions_for(CaseCategory.ENFORCEMENT) is lifecycle.ENFORCEMENT_TRANSITIONS
    for category in CaseCategory:
        if category != CaseCategory.ENFORCEMENT:
            assert lifecycle.transitions_for(category) is lifecycle.TRIAL_TRANSITIONS
    assert lifecycle.allowed_next(CaseCategory.CIVIL, S.IN_TRIAL) == {S.CLOSED}
    assert lifecycle.allowed_next(CaseCategory.ENFORCEMENT, S.ASSIGNED) == {S.INVESTIGATING, S.CLOSED}
    assert not lifecycle.is_allowed(CaseCategory.ENFORCEMENT, S.CLOSED, S.EFFECTIVE)
    assert lifecycle.is_allowed(CaseCategory.CIVIL, S.CLOSED, S.EFFECTIVE)
    assert lifecycle.allowed_next(CaseCategory.CIVIL, S.ARCHIVED) == frozenset()


def test_open_and_finished_statuses_partition_the_filed_statuses() -> None:
    assert not lifecycle.OPEN_STATUSES & lifecycle.FINISHED_STATUSES
    filed = set(CaseStatus) - {S.PENDING}
    assert filed == lifecycle.OPEN_STATUSES | lifecycle.FINISHED_STATUSES


# --- the service ------------------------------------------------------------------------------------------------


@pytest.fixture
def assigned(db: Any, register: Register, assign_to: Callable[..., Case], users: Users) -> Case:
    with on_day(D(2025, 3, 3)):
        return assign_to(register(), users.judge)


def transitions(case: Case) -> list[tuple[str, str, str]]:
    return [(e.action, e.from_status, e.to_status) for e in case.events.exclude(to_status="")]


def test_the_whole_trial_path_with_its_timeline(assigned: Case, users: Users) -> None:
    case = assigned
    with on_day(D(2025, 3, 10)):
        case_transition(actor=users.judge, case=case, to_status=S.IN_TRIAL)
    with on_day(D(2025, 5, 20)):
        case_transition(
            actor=users.judge, case=case, to_status=S.CLOSED, closing_method="judgment", closing_outcome="判决支持"
        )
    with on_day(D(2025, 6, 6)):
        with pytest.raises(Conflict) as by_hand:
            case_transition(actor=users.judge, case=case, to_status=S.EFFECTIVE)
        assert by_hand.value.code == "use_effect"
        case_take_effect(case=case, effective_on=D(2025, 6, 6), note="上诉期满")
    with on_day(D(2025, 7, 1)):
        case_archived_mark(actor=users.judge, case=case)
    case.refresh_from_db()
    assert case.status == S.ARCHIVED
    assert (case.closed_on, case.closing_method, case.closing_outcome) == (D(2025, 5, 20), "judgment", "判决支持")
    assert case.effective_on == D(2025, 6, 6)
    assert transitions(case) == [
        ("立案", S.PENDING, S.REGISTERED),
        ("指定分案", S.REGISTERED, S.ASSIGNED),
        ("开始审理", S.ASSIGNED, S.IN_TRIAL),
        ("结案", S.IN_TRIAL, S.CLOSED),
        ("裁判生效", S.CLOSED, S.EFFECTIVE),
        ("归档", S.EFFECTIVE, S.ARCHIVED),
    ]
    assert case.events.get(action="裁判生效").note == "上诉期满"
    assert all(e.actor == users.judge for e in case.events.filter(action__in=["开始审理", "结案", "归档"]))
    audited = AuditRecord.objects.filter(action="case.transition", object_id=str(case.pk)).order_by("seq")
    assert [r.changes["status"] for r in audited] == [
        [S.ASSIGNED, S.IN_TRIAL],
        [S.IN_TRIAL, S.CLOSED],
        [S.CLOSED, S.EFFECTIVE],
        [S.EFFECTIVE, S.ARCHIVED],
    ]


def test_closing_needs_a_closing_method(assigned: Case, users: Users) -> None:
    case_transition(actor=users.judge, case=assigned, to_status=S.IN_TRIAL)
    for method in ("", "bribery"):
        with pytest.raises(ValidationFailed) as caught:
            case_transition(actor=users.judge, case=assigned, to_status=S.CLOSED, closing_method=method)
        assert caught.value.code == "closing_method_required"
    assigned.refresh_from_db()
    assert (assigned.status, assigned.closed_on) == (S.IN_TRIAL, None)


@pytest.mark.parametrize(
    ("path", "target", "allowed"),
    [
        ([], S.EFFECTIVE, [S.CLOSED, S.IN_TRIAL]),
        ([], S.ARCHIVED, [S.CLOSED, S.IN_TRIAL]),
        ([S.IN_TRIAL], S.EFFECTIVE, [S.CLOSED]),
        ([S.IN_TRIAL], S.REGISTERED, [S.CLOSED]),
        ([S.IN_TRIAL, S.CLOSED, S.ARCHIVED], S.IN_TRIAL, []),
        ([S.IN_TRIAL, S.CLOSED], S.INVESTIGATING, [S.ARCHIVED, S.EFFECTIVE]),
    ],
)
def test_illegal_transitions_are_a_409_with_details(
    assigned: Case, users: Users, path: list[CaseStatus], target: CaseStatus, allowed: list[str]
) -> None:
    for step in path:
        if step == S.ARCHIVED:
            case_archived_mark(actor=users.judge, case=assigned)
        else:
            case_transition(actor=users.judge, case=assigned, to_status=step, closing_method="mediation")
    before = (assigned.status, assigned.events.count())
    with pytest.raises(Conflict) as caught:
        case_transition(actor=users.judge, case=assigned, to_status=target, closing_method="mediation")
    error = caught.value
    assert (error.code, error.status) == ("illegal_transition", 409)
    assert error.details == {"from": assigned.status, "to": target, "allowed": allowed}
    assert "不能变更为" in error.message
    assigned.refresh_from_db()
    assert (assigned.status, assigned.events.count()) == before


def test_unknown_status_is_a_validation_error(assigned: Case, users: Users) -> None:
    with pytest.raises(ValidationFailed) as caught:
        case_transition(actor=users.judge, case=assigned, to_status="vanished")
    assert caught.value.code == "invalid_status"


def test_assigned_only_through_the_assignment_service(register: Register, users: Users) -> None:
    case = register()
    with pytest.raises(Conflict) as caught:
        case_transition(actor=users.division_head, case=case, to_status=S.IN_TRIAL)
    assert caught.value.code == "illegal_transition"
    assert caught.value.details == {"from": S.REGISTERED, "to": S.IN_TRIAL, "allowed": [S.ASSIGNED, S.CLOSED]}
    with pytest.raises(Conflict) as caught:
        case_transition(actor=users.division_head, case=case, to_status=S.ASSIGNED)
    assert caught.value.code == "use_assignment"
    case.refresh_from_db()
    assert case.status == S.REGISTERED


def test_only_the_judge_in_charge_or_a_leader_moves_the_case(assigned: Case, users: Users, courts: CourtTree) -> None:
    colleague = factories.staff_user("judge2", courts.chaoyang, Role.JUDGE)
    for actor in (colleague, users.clerk, users.auditor):
        with pytest.raises(PermissionDenied) as caught:
            case_transition(actor=actor, case=assigned, to_status=S.IN_TRIAL)
        assert caught.value.code == "not_case_handler"
    for actor in (users.outsider, users.higher_judge, users.sysadmin, users.litigant):
        with pytest.raises(NotFound):
            case_transition(actor=actor, case=assigned, to_status=S.IN_TRIAL)
    assigned.refresh_from_db()
    assert assigned.status == S.ASSIGNED
    case_transition(actor=users.division_head, case=assigned, to_status=S.IN_TRIAL)
    assert assigned.status == S.IN_TRIAL


def test_a_court_clerk_may_archive_but_not_close(assigned: Case, users: Users, courts: CourtTree) -> None:
    court_clerk = factories.staff_user("shuji", courts.chaoyang, Role.COURT_CLERK)
    case_transition(actor=users.judge, case=assigned, to_status=S.IN_TRIAL)
    with pytest.raises(PermissionDenied):
        case_transition(actor=court_clerk, case=assigned, to_status=S.CLOSED, closing_method="withdrawal")
    case_transition(actor=users.judge, case=assigned, to_status=S.CLOSED, closing_method="withdrawal")
    with pytest.raises(Conflict) as generic:
        case_transition(actor=court_clerk, case=assigned, to_status=S.ARCHIVED)
    assert generic.value.code == "use_archiving"
    assert Case.objects.get(pk=assigned.pk).status == S.CLOSED
    case_archived_mark(actor=court_clerk, case=assigned)
    assert Case.objects.get(pk=assigned.pk).status == S.ARCHIVED


def test_a_registered_case_can_be_closed_by_a_leader_before_assignment(register: Register, users: Users) -> None:
    case = register()
    with on_day(D(2025, 3, 5)):
        case_transition(actor=users.president, case=case, to_status=S.CLOSED, closing_method="transfer")
    assert (case.status, case.closed_on) == (S.CLOSED, D(2025, 3, 5))


def test_enforcement_cases_follow_their_own_table(
    register: Register, assign_to: Callable[..., Case], users: Users
) -> None:
    case = register(
        type_code="执",
        parties=[person(PartyRole.ENFORCEMENT_APPLICANT), person(PartyRole.ENFORCEMENT_RESPONDENT)],
    )
    assert case.category == CaseCategory.ENFORCEMENT
    assign_to(case, users.judge)
    with pytest.raises(Conflict):
        case_transition(actor=users.judge, case=case, to_status=S.IN_TRIAL)
    for step in (S.INVESTIGATING, S.DISPOSING, S.INVESTIGATING, S.CLOSED):
        case_transition(actor=users.judge, case=case, to_status=step, closing_method="fulfilled")
    with pytest.raises(Conflict) as caught:
        case_transition(actor=users.judge, case=case, to_status=S.EFFECTIVE)
    assert caught.value.details["allowed"] == [S.ARCHIVED]
    case_archived_mark(actor=users.judge, case=case)
    assert [to for _, _, to in transitions(case)] == [
        S.REGISTERED,
        S.ASSIGNED,
        S.INVESTIGATING,
        S.DISPOSING,
        S.INVESTIGATING,
        S.CLOSED,
        S.ARCHIVED,
    ]
