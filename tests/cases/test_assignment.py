"""Assignment (分案): the verifiable weighted draw, recusal, designation, reassignment, supervision."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import on_day, person
from tests.conftest import CourtTree, Users
from tianping.accounts.enums import Role
from tianping.cases import draw, selectors
from tianping.cases.draw import Candidate
from tianping.cases.enums import (
    AgentKind,
    ApprovalStatus,
    AssignmentMethod,
    CaseStatus,
    LinkKind,
    PanelRole,
    PartyRole,
)
from tianping.cases.models import Assignment, Case
from tianping.cases.services import (
    AgentInput,
    assignment_decide,
    case_assign_random,
    case_create_linked,
    case_designate,
    case_reassign_request,
    case_take_effect,
    case_transition,
    judge_relation_declare,
    panel_set,
)
from tianping.core import clock
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord

S = CaseStatus
D = dt.date
Register = Callable[..., Case]
AssignTo = Callable[..., Case]


# --- the draw itself (pure) -------------------------------------------------------------------------------------


def test_lighter_caseloads_are_proportionally_likelier() -> None:
    """Weights 1/(1+0) and 1/(1+9): the light judge should win about ten times as often."""
    light, heavy = Candidate(7, "轻", 0), Candidate(3, "重", 9)
    wins = collections.Counter(draw.draw(f"seed-{n}", [light, heavy]).judge_id for n in range(2000))
    assert wins[7] + wins[3] == 2000
    assert 7 <= wins[7] / wins[3] <= 14, wins


def test_equal_caseloads_share_the_draw_evenly() -> None:
    candidates = [Candidate(i, f"法官{i}", 4) for i in (11, 12, 13, 14)]
    wins = collections.Counter(draw.draw(f"s{n}", candidates).judge_id for n in range(4000))
    assert set(wins) == {11, 12, 13, 14}
    assert all(850 <= count <= 1150 for count in wins.values()), wins


def test_the_draw_is_reproducible_and_ignores_list_order() -> None:
    candidates = [Candidate(5, "甲", 2), Candidate(2, "乙", 0), Candidate(9, "丙", 7)]
    for n in range(200):
        seed = f"{n:032x}"
        first = draw.draw(seed, candidates)
        assert draw.draw(seed, list(reversed(candidates))) == first
        assert draw.draw(seed, candidates) == first
    assert draw.draw("anything", [Candidate(4, "独", 100)]).judge_id == 4
    with pytest.raises(ValueError, match="no candidates"):
        draw.draw("seed", [])


def test_candidate_records_round_trip() -> None:
    candidate = Candidate(12, "李法官", 3)
    assert Candidate.from_record(candidate.as_record()) == candidate
    assert candidate.weight == pytest.approx(0.25)


# --- random assignment on a case --------------------------------------------------------------------------------


@pytest.fixture
def judges(users: Users) -> set[int]:
    """The judges of 朝阳 (the division head and the president also hold the judge role)."""
    return {users.judge.pk, users.division_head.pk, users.president.pk}


def test_random_assignment_draws_among_the_courts_judges_weighted_by_caseload(
    register: Register, assign_to: AssignTo, users: Users, judges: set[int]
) -> None:
    for _ in range(3):
        assign_to(register(), users.judge)  # three open cases for 李法官
    closed = assign_to(register(), users.president)
    case_transition(actor=users.president, case=closed, to_status=S.CLOSED, closing_method="withdrawal")
    case = register()
    assignment = case_assign_random(actor=users.clerk, case=case)
    loads = {c["judge_id"]: c["open_cases"] for c in assignment.candidates}
    assert loads == {users.judge.pk: 3, users.division_head.pk: 0, users.president.pk: 0}  # closed cases don't count
    assert assignment.judge_id in judges
    assert (assignment.method, assignment.status, assignment.excluded) == (
        AssignmentMethod.RANDOM,
        ApprovalStatus.APPROVED,
        [],
    )
    assert len(assignment.seed) == 32
    case.refresh_from_db()
    assert (case.status, case.judge_id) == (S.ASSIGNED, assignment.judge_id)
    [presiding] = case.panel.all()
    assert (presiding.role, presiding.user_id) == (PanelRole.PRESIDING, assignment.judge_id)
    event = case.events.get(to_status=S.ASSIGNED)
    assert (event.action, event.from_status) == ("随机分案", S.REGISTERED)
    record = AuditRecord.objects.get(action="case.assign_random", object_id=str(case.pk))
    assert record.changes == {"judge": [None, assignment.judge_id], "seed": [None, assignment.seed]}


def test_every_draw_is_verifiable_and_tampering_is_detected(register: Register, users: Users) -> None:
    case = register()
    assignment = case_assign_random(actor=users.clerk, case=case)
    stored = Assignment.objects.get(pk=assignment.pk)
    assert selectors.assignment_verify(assignment=stored) is True
    candidates = [Candidate.from_record(c) for c in stored.candidates]

    # A seed that would have chosen someone else.
    other_seed = next(
        s for s in (f"forged-{n}" for n in range(1000)) if draw.draw(s, candidates).judge_id != stored.judge_id
    )
    Assignment.objects.filter(pk=stored.pk).update(seed=other_seed)
    assert selectors.assignment_verify(assignment=Assignment.objects.get(pk=stored.pk)) is False

    # The chosen judge quietly removed from the list of candidates.
    Assignment.objects.filter(pk=stored.pk).update(
        seed=stored.seed, candidates=[c for c in stored.candidates if c["judge_id"] != stored.judge_id]
    )
    assert selectors.assignment_verify(assignment=Assignment.objects.get(pk=stored.pk)) is False

    # Caseloads rewritten so that the same seed lands elsewhere.
    def rigged(judge_id: int) -> list[dict[str, Any]]:
        return [{**c, "open_cases": 0 if c["judge_id"] == judge_id else 10**6} for c in stored.candidates]

    other_judge = next(c.judge_id for c in candidates if c.judge_id != stored.judge_id)
    Assignment.objects.filter(pk=stored.pk).update(candidates=rigged(other_judge))
    assert selectors.assignment_verify(assignment=Assignment.objects.get(pk=stored.pk)) is False

    # Untampered again: verifies.
    Assignment.objects.filter(pk=stored.pk).update(candidates=stored.candidates)
    assert selectors.assignment_verify(assignment=Assignment.objects.get(pk=stored.pk)) is True


def test_who_may_draw(register: Register, users: Users) -> None:
    case = register()
    with pytest.raises(PermissionDenied):
        case_assign_random(actor=users.judge, case=case)
    for outsider in (users.outsider, users.higher_judge):
        with pytest.raises(NotFound):
            case_assign_random(actor=outsider, case=case)
    case_assign_random(actor=users.division_head, case=case)
    with pytest.raises(Conflict) as caught:
        case_assign_random(actor=users.clerk, case=case)  # already assigned
    assert caught.value.code == "illegal_transition"
    assert case.assignments.count() == 1


# --- recusal ----------------------------------------------------------------------------------------------------


def test_a_declared_relation_to_a_party_excludes_the_judge(register: Register, users: Users) -> None:
    plaintiff = person(PartyRole.PLAINTIFF, "张三")
    judge_relation_declare(actor=users.judge, person_name="张三", relation="配偶", id_number=plaintiff.id_number)
    case = register(parties=[plaintiff, person(PartyRole.DEFENDANT)])
    assignment = case_assign_random(actor=users.clerk, case=case)
    assert {c["judge_id"] for c in assignment.candidates} == {users.division_head.pk, users.president.pk}
    assert assignment.excluded == [
        {"judge_id": users.judge.pk, "name": users.judge.display_name, "reason": "与当事人或代理人张三存在配偶关系"}
    ]
    assert assignment.judge_id != users.judge.pk
    assert AuditRecord.objects.filter(action="judge.relation_declared", actor_id=users.judge.pk).count() == 1


def test_a_relation_to_an_agent_by_name_excludes_the_judge(register: Register, users: Users) -> None:
    judge_relation_declare(actor=users.president, person_name="王律师", relation="同学")
    plaintiff = person(PartyRole.PLAINTIFF)
    plaintiff.agents = [AgentInput(kind=AgentKind.LAWYER, name="王律师")]
    case = register(parties=[plaintiff, person(PartyRole.DEFENDANT)])
    assignment = case_assign_random(actor=users.clerk, case=case)
    assert [e["judge_id"] for e in assignment.excluded] == [users.president.pk]
    with pytest.raises(Conflict) as caught:
        case_designate(actor=users.clerk, case=register(parties=[plaintiff, person(PartyRole.DEFENDANT)]),
                       judge_id=users.president.pk, reason="related_case")  # fmt: skip
    assert caught.value.code == "judge_must_recuse"


def test_only_judges_declare_relations(users: Users) -> None:
    with pytest.raises(PermissionDenied):
        judge_relation_declare(actor=users.clerk, person_name="张三", relation="亲属")
    with pytest.raises(ValidationFailed):
        judge_relation_declare(actor=users.judge, person_name=" ", relation="亲属")


def test_judges_who_sat_on_the_earlier_instance_are_excluded(
    register: Register, assign_to: AssignTo, users: Users, courts: CourtTree
) -> None:
    """A retrial at the same court: the judge in charge and the panel of the reopened case may not draw it."""
    origin = assign_to(register(), users.judge)
    panel_set(actor=users.judge, case=origin, judge_ids=[users.division_head.pk], assessor_names=["陪审员甲"])
    case_transition(actor=users.judge, case=origin, to_status=S.IN_TRIAL)
    case_transition(actor=users.judge, case=origin, to_status=S.CLOSED, closing_method="judgment")
    case_take_effect(case=origin, effective_on=clock.today())
    defendant = origin.parties.get(role=PartyRole.DEFENDANT)
    retrial = case_create_linked(
        actor=users.clerk, origin=origin, link_kind=LinkKind.RETRIAL, court_id=courts.chaoyang.pk, type_code="民再",
        movers={defendant.pk},
    )  # fmt: skip
    assignment = case_assign_random(actor=users.clerk, case=retrial)
    assert assignment.judge_id == users.president.pk  # the only one left
    assert [c["judge_id"] for c in assignment.candidates] == [users.president.pk]
    assert {e["judge_id"]: e["reason"] for e in assignment.excluded} == {
        users.judge.pk: "曾参与本案前审",
        users.division_head.pk: "曾参与本案前审",
    }
    assert selectors.assignment_verify(assignment=assignment)

    # A retrial of the retrial: the judges of both earlier decisions are out, and nobody is left.
    retrial.refresh_from_db()
    case_transition(actor=users.president, case=retrial, to_status=S.IN_TRIAL)
    case_transition(actor=users.president, case=retrial, to_status=S.CLOSED, closing_method="judgment")
    case_take_effect(case=retrial, effective_on=clock.today())
    again = case_create_linked(
        actor=users.clerk, origin=retrial, link_kind=LinkKind.RETRIAL, court_id=courts.chaoyang.pk, type_code="民再",
        movers={retrial.parties.get(role=PartyRole.RETRIAL_RESPONDENT).pk},
    )  # fmt: skip
    with pytest.raises(Conflict) as caught:
        case_assign_random(actor=users.clerk, case=again)
    assert caught.value.code == "no_eligible_judge"
    assert {e["judge_id"] for e in caught.value.details["excluded"]} == {
        users.judge.pk,
        users.division_head.pk,
        users.president.pk,
    }


def test_judges_of_every_earlier_instance_are_excluded_at_the_higher_court(
    register: Register, users: Users, courts: CourtTree
) -> None:
    """民初 (朝阳) → 民终 (京03, handled by 陈法官) → 民再 at 京03: 陈法官 is out of the retrial's draw."""
    third = courts.third_intermediate
    clerk3 = factories.staff_user("clerk3", third, Role.FILING_CLERK)
    head3 = factories.staff_user("divhead3", third, Role.DIVISION_HEAD, Role.JUDGE)
    colleague = factories.staff_user("judge3b", third, Role.JUDGE)
    origin = register()
    case_transition(actor=users.president, case=origin, to_status=S.CLOSED, closing_method="judgment")
    appellant = origin.parties.get(role=PartyRole.PLAINTIFF)
    appeal = case_create_linked(
        actor=clerk3, origin=origin, link_kind=LinkKind.APPEAL, court_id=third.pk, type_code="民终",
        movers={appellant.pk},
    )  # fmt: skip
    designation = case_designate(actor=clerk3, case=appeal, judge_id=users.higher_judge.pk, reason="specialized_panel")
    assignment_decide(actor=head3, assignment=designation, approve=True)
    appeal.refresh_from_db()
    panel_set(actor=users.higher_judge, case=appeal, judge_ids=[head3.pk], assessor_names=[])
    case_transition(actor=users.higher_judge, case=appeal, to_status=S.IN_TRIAL)
    case_transition(actor=users.higher_judge, case=appeal, to_status=S.CLOSED, closing_method="judgment")
    case_take_effect(case=appeal, effective_on=clock.today())
    retrial = case_create_linked(
        actor=clerk3, origin=appeal, link_kind=LinkKind.RETRIAL, court_id=third.pk, type_code="民再",
        movers={appeal.parties.get(role=PartyRole.APPELLEE).pk},
    )  # fmt: skip
    assignment = case_assign_random(actor=clerk3, case=retrial)
    assert assignment.judge_id == colleague.pk
    assert sorted(e["judge_id"] for e in assignment.excluded) == sorted([users.higher_judge.pk, head3.pk])


def test_no_eligible_judge_is_a_conflict(register: Register, users: Users) -> None:
    plaintiff = person(PartyRole.PLAINTIFF, "张三")
    for judge in (users.judge, users.division_head, users.president):
        judge_relation_declare(actor=judge, person_name="张三", relation="近亲属", id_number=plaintiff.id_number)
    case = register(parties=[plaintiff, person(PartyRole.DEFENDANT)])
    with pytest.raises(Conflict) as caught:
        case_assign_random(actor=users.clerk, case=case)
    assert (caught.value.code, caught.value.status) == ("no_eligible_judge", 409)
    assert len(caught.value.details["excluded"]) == 3
    case.refresh_from_db()
    assert (case.status, case.judge_id, case.assignments.count()) == (S.REGISTERED, None, 0)
    assert not AuditRecord.objects.filter(action="case.assign_random").exists()


# --- designation ------------------------------------------------------------------------------------------------


def test_designation_waits_for_a_division_heads_approval(register: Register, users: Users) -> None:
    case = register()
    with pytest.raises(ValidationFailed) as caught:
        case_designate(actor=users.clerk, case=case, judge_id=users.judge.pk, reason="friendship")
    assert caught.value.code == "invalid_reason"
    with pytest.raises(ValidationFailed) as caught:
        case_designate(actor=users.clerk, case=case, judge_id=users.outsider.pk, reason="related_case")
    assert caught.value.code == "invalid_judge"

    request = case_designate(actor=users.clerk, case=case, judge_id=users.judge.pk, reason="remanded", note="发回重审")
    case.refresh_from_db()
    assert (request.status, request.method, request.reason) == (ApprovalStatus.PENDING, "designated", "remanded")
    assert (case.status, case.judge_id) == (S.REGISTERED, None)
    assert case.events.last().action == "申请指定分案"
    for blocked in (
        lambda: case_assign_random(actor=users.clerk, case=case),
        lambda: case_designate(actor=users.clerk, case=case, judge_id=users.president.pk, reason="related_case"),
    ):
        with pytest.raises(Conflict) as caught:
            blocked()
        assert caught.value.code == "assignment_pending"
    for not_a_leader in (users.judge, users.clerk, users.auditor):
        with pytest.raises(PermissionDenied) as caught:
            assignment_decide(actor=not_a_leader, assignment=request, approve=True)
        assert caught.value.code in {"approver_required", "self_approval"}
    with pytest.raises(PermissionDenied):
        assignment_decide(actor=users.outsider, assignment=request, approve=True)

    with on_day(D(2025, 4, 1)):
        decided = assignment_decide(actor=users.division_head, assignment=request, approve=True, note="同意")
    case.refresh_from_db()
    assert (decided.status, decided.decided_by) == (ApprovalStatus.APPROVED, users.division_head)
    assert decided.decided_at.date() == D(2025, 4, 1)
    assert (case.status, case.judge_id) == (S.ASSIGNED, users.judge.pk)
    assert case.panel.get(role=PanelRole.PRESIDING).user_id == users.judge.pk
    assert case.events.get(to_status=S.ASSIGNED).action == "指定分案"
    with pytest.raises(Conflict) as caught:
        assignment_decide(actor=users.president, assignment=request, approve=False)
    assert caught.value.code == "already_decided"
    on_case = AuditRecord.objects.filter(object_type="cases.Case", object_id=str(case.pk)).order_by("seq")
    actions = list(on_case.values_list("action", flat=True))
    assert actions == ["case.register", "case.designation_requested", "case.assignment_decided"]
    decision = AuditRecord.objects.get(action="case.assignment_decided")
    assert decision.changes["decision"] == [None, "approved"]
    assert decision.actor_username == users.division_head.username


def test_nobody_approves_their_own_request(register: Register, users: Users) -> None:
    case = register()
    request = case_designate(actor=users.division_head, case=case, judge_id=users.division_head.pk,
                             reason="president_takes_up")  # fmt: skip
    with pytest.raises(PermissionDenied) as caught:
        assignment_decide(actor=users.division_head, assignment=request, approve=True)
    assert caught.value.code == "self_approval"
    assert Case.objects.get(pk=case.pk).status == S.REGISTERED
    assignment_decide(actor=users.president, assignment=request, approve=True)
    assert Case.objects.get(pk=case.pk).judge_id == users.division_head.pk


def test_a_rejected_designation_leaves_the_case_registered(register: Register, users: Users) -> None:
    case = register()
    request = case_designate(actor=users.clerk, case=case, judge_id=users.judge.pk, reason="related_case")
    assignment_decide(actor=users.president, assignment=request, approve=False, note="应随机分案")
    case.refresh_from_db()
    assert (case.status, case.judge_id) == (S.REGISTERED, None)
    assert Assignment.objects.get(pk=request.pk).status == ApprovalStatus.REJECTED
    assert case.events.last().action == "驳回分案申请"
    assert AuditRecord.objects.get(action="case.assignment_decided").changes["decision"] == [None, "rejected"]
    case_assign_random(actor=users.clerk, case=case)  # nothing pending any more
    assert Case.objects.get(pk=case.pk).status == S.ASSIGNED


# --- reassignment -----------------------------------------------------------------------------------------------


def test_reassignment_to_a_named_judge(register: Register, assign_to: AssignTo, users: Users) -> None:
    case = assign_to(register(), users.judge)
    with pytest.raises(ValidationFailed) as caught:
        case_reassign_request(actor=users.clerk, case=case, reason="whim", note="想换")
    assert caught.value.code == "invalid_reason"
    with pytest.raises(ValidationFailed) as caught:
        case_reassign_request(actor=users.clerk, case=case, reason="leave", note="  ")
    assert caught.value.code == "reason_required"
    with pytest.raises(ValidationFailed) as caught:
        case_reassign_request(actor=users.clerk, case=case, reason="leave", note="休假", judge_id=users.judge.pk)
    assert caught.value.code == "same_judge"

    request = case_reassign_request(
        actor=users.judge, case=case, reason="leave", note="长期病假", judge_id=users.president.pk
    )
    case.refresh_from_db()
    assert (request.status, request.previous_judge_id, request.judge_id) == (
        ApprovalStatus.PENDING,
        users.judge.pk,
        users.president.pk,
    )
    assert case.judge_id == users.judge.pk  # nothing changes before the approval
    assignment_decide(actor=users.division_head, assignment=request, approve=True)
    case.refresh_from_db()
    assert (case.judge_id, case.status) == (users.president.pk, S.ASSIGNED)
    assert list(case.panel.filter(role=PanelRole.PRESIDING).values_list("user_id", flat=True)) == [users.president.pk]
    assert case.events.last().action == "变更承办人"
    assert AuditRecord.objects.filter(action="case.reassignment_requested", object_id=str(case.pk)).count() == 1


def test_reassignment_by_a_new_draw_excludes_the_current_judge(
    register: Register, assign_to: AssignTo, users: Users
) -> None:
    case = assign_to(register(), users.judge)
    request = case_reassign_request(actor=users.clerk, case=case, reason="workload", note="案件量失衡")
    assert request.seed == "redraw"
    decided = assignment_decide(actor=users.division_head, assignment=request, approve=True)
    assert decided.judge_id in {users.division_head.pk, users.president.pk}
    assert decided.previous_judge_id == users.judge.pk
    assert users.judge.pk not in {c["judge_id"] for c in decided.candidates}
    assert {"judge_id": users.judge.pk, "name": users.judge.display_name, "reason": "原承办法官"} in decided.excluded
    assert len(decided.seed) == 32
    # The redraw is reproducible from what was stored.
    stored = Assignment.objects.get(pk=decided.pk)
    candidates = [Candidate.from_record(c) for c in stored.candidates]
    assert draw.draw(stored.seed, candidates).judge_id == stored.judge_id
    assert Case.objects.get(pk=case.pk).judge_id == decided.judge_id


def test_reassignment_needs_an_assigned_open_case_and_the_right_people(
    register: Register, assign_to: AssignTo, users: Users, courts: CourtTree
) -> None:
    with pytest.raises(Conflict) as caught:
        case_reassign_request(actor=users.clerk, case=register(), reason="leave", note="休假")
    assert caught.value.code == "not_assigned"
    case = assign_to(register(), users.judge)
    colleague = factories.staff_user("judge2", courts.chaoyang, Role.JUDGE)
    with pytest.raises(PermissionDenied):
        case_reassign_request(actor=colleague, case=case, reason="leave", note="休假")
    with pytest.raises(NotFound):
        case_reassign_request(actor=users.outsider, case=case, reason="leave", note="休假")
    request = case_reassign_request(actor=users.clerk, case=case, reason="recusal", note="申请回避")
    with pytest.raises(Conflict) as caught:
        case_reassign_request(actor=users.clerk, case=case, reason="recusal", note="再次申请")
    assert caught.value.code == "assignment_pending"
    assignment_decide(actor=users.president, assignment=request, approve=False)
    assert Case.objects.get(pk=case.pk).judge_id == users.judge.pk


# --- supervision ------------------------------------------------------------------------------------------------


def test_designations_and_reassignments_appear_in_the_supervision_list(
    register: Register, assign_to: AssignTo, users: Users
) -> None:
    drawn = register()
    case_assign_random(actor=users.clerk, case=drawn)
    designated = assign_to(register(), users.judge)
    reassignment = case_reassign_request(
        actor=users.clerk, case=designated, reason="leave", note="调离", judge_id=users.president.pk
    )
    listed = list(selectors.supervision_assignments(user=users.division_head))
    assert [(a.case_id, a.method) for a in listed] == [
        (designated.pk, AssignmentMethod.REASSIGNED),
        (designated.pk, AssignmentMethod.DESIGNATED),
    ]
    assert listed[0].pk == reassignment.pk
    assert list(selectors.supervision_assignments(user=users.higher_judge)) == listed  # the court above supervises
    assert list(selectors.supervision_assignments(user=users.outsider)) == []
    audited = set(AuditRecord.objects.values_list("action", flat=True))
    assert {
        "case.assign_random",
        "case.designation_requested",
        "case.assignment_decided",
        "case.reassignment_requested",
    } <= audited
