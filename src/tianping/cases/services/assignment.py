"""Assignment (分案): random first, designation second (随机为主、指定为辅).

A random draw is among the judges of the competent division, weighted by open caseload,
excluding judges who must recuse. Its seed and candidates are stored so that anyone can
re-run it (``selectors.assignment_verify``). Designations and reassignments need a listed
reason and the approval of a division head or the president, never the requester's own.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import draw, lifecycle
from tianping.cases.enums import (
    ApprovalStatus,
    AssignmentMethod,
    CaseStatus,
    DesignationReason,
    PanelRole,
    ReassignmentReason,
)
from tianping.cases.models import Assignment, Case, JudgeRelation, PanelMember
from tianping.cases.permissions import ASSIGNER_ROLES, LEADER_ROLES
from tianping.cases.selectors import open_caseloads
from tianping.cases.services.common import add_event, audit_case, mark_decided, require_case_scope, set_status
from tianping.core import audit, clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed


def recusal_reasons(case: Case, judge_ids: list[int]) -> dict[int, str]:
    """Judges who must not handle ``case``, with the reason: a declared relation to a party or
    agent, or having sat on an earlier instance of the same matter."""
    reasons: dict[int, str] = {}
    earlier = _earlier_instances(case)
    for judge_id in judge_ids:
        if earlier and (
            Case.objects.filter(pk__in=earlier, judge_id=judge_id).exists()
            or PanelMember.objects.filter(case_id__in=earlier, user_id=judge_id).exists()
        ):
            reasons[judge_id] = "曾参与本案前审"
    identifiers, names = _people_on_case(case)
    relations = JudgeRelation.objects.filter(judge_id__in=judge_ids)
    for relation in relations:
        if (relation.id_number and relation.id_number in identifiers) or (
            not relation.id_number and relation.person_name in names
        ):
            reasons.setdefault(relation.judge_id, f"与当事人或代理人{relation.person_name}存在{relation.relation}关系")
    return reasons


def _earlier_instances(case: Case) -> list[int]:
    ids, current, seen = [], case.origin_id, {case.pk}
    while current and current not in seen:
        ids.append(current)
        seen.add(current)
        current = Case.objects.filter(pk=current).values_list("origin_id", flat=True).first()
    return ids


def _people_on_case(case: Case) -> tuple[set[str], set[str]]:
    identifiers: set[str] = set()
    names: set[str] = set()
    for party in case.parties.prefetch_related("agents"):
        names.add(party.name)
        identifiers.update(v for v in (party.id_number, party.credit_code) if v)
        for agent in party.agents.all():
            names.add(agent.name)
            if agent.id_number:
                identifiers.add(agent.id_number)
    return identifiers, names


def eligible_candidates(
    case: Case, *, exclude: set[int] | None = None
) -> tuple[list[draw.Candidate], list[dict[str, Any]]]:
    """(candidates with caseloads, excluded judges with reasons) for a draw on ``case``."""
    judges = access.users_with_role(court_id=case.court_id, roles=[Role.JUDGE], division_id=case.division_id)
    judge_ids = [j.pk for j in judges]
    reasons = recusal_reasons(case, judge_ids)
    for judge_id in exclude or set():
        reasons.setdefault(judge_id, "原承办法官")
    loads = open_caseloads(judge_ids=judge_ids)
    candidates = [draw.Candidate(j.pk, j.display_name, loads[j.pk]) for j in judges if j.pk not in reasons]
    excluded = [{"judge_id": j.pk, "name": j.display_name, "reason": reasons[j.pk]} for j in judges if j.pk in reasons]
    return candidates, excluded


def _check_assignable(actor: Any, case: Case) -> None:
    require_case_scope(actor, case)
    if not access.has_role(actor, *ASSIGNER_ROLES, court_id=case.court_id):
        raise PermissionDenied("只有立案员或院庭长可以分案", code="role_required")
    if case.status != CaseStatus.REGISTERED:
        raise Conflict("只有已立案、尚未分案的案件可以分案", code="illegal_transition",
                       details={"from": case.status, "to": CaseStatus.ASSIGNED})  # fmt: skip
    if case.assignments.filter(status=ApprovalStatus.PENDING).exists():
        raise Conflict("该案已有待审批的指定分案", code="assignment_pending")


def _put_in_charge(case: Case, judge_id: int, *, actor: Any, action: str, note: str) -> None:
    """Make ``judge_id`` the judge in charge and presiding panel member."""
    case.judge_id = judge_id
    case.save(update_fields=["judge", "updated_at"])
    case.panel.filter(role=PanelRole.PRESIDING).delete()
    name = access.user_get(user_id=judge_id).display_name
    PanelMember.objects.create(case=case, role=PanelRole.PRESIDING, user_id=judge_id, name=name)
    if case.status == CaseStatus.REGISTERED:
        set_status(case, CaseStatus.ASSIGNED, actor=actor, action=action, note=note or name)
    else:
        add_event(case, action=action, actor=actor, note=note or name)


@transaction.atomic
def case_assign_random(*, actor: Any, case: Case) -> Assignment:
    """Draw the judge in charge at random; the seed and candidates are kept for verification."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_assignable(actor, case)
    candidates, excluded = eligible_candidates(case)
    if not candidates:
        raise Conflict("承办部门没有可参与随机分案的法官", code="no_eligible_judge", details={"excluded": excluded})
    seed = secrets.token_hex(16)
    chosen = draw.draw(seed, candidates)
    assignment = Assignment.objects.create(
        case=case, method=AssignmentMethod.RANDOM, judge_id=chosen.judge_id, seed=seed,
        candidates=[c.as_record() for c in candidates], excluded=excluded, requested_by=actor,
        status=ApprovalStatus.APPROVED, decided_at=clock.now(),
    )  # fmt: skip
    _put_in_charge(
        case, chosen.judge_id, actor=actor, action="随机分案", note=f"{chosen.name}（{len(candidates)}名候选）"
    )
    audit_case(actor, "case.assign_random", case, {"judge": [None, chosen.judge_id], "seed": [None, seed]})
    return assignment


@transaction.atomic
def case_designate(*, actor: Any, case: Case, judge_id: int, reason: str, note: str = "") -> Assignment:
    """Ask to designate a judge for a listed reason; takes effect when a division head or president approves."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_assignable(actor, case)
    if reason not in DesignationReason.values:
        raise ValidationFailed(
            "指定分案须选择规定的理由", code="invalid_reason", details={"allowed": DesignationReason.values}
        )
    _check_judge_for(case, judge_id)
    assignment = Assignment.objects.create(
        case=case, method=AssignmentMethod.DESIGNATED, judge_id=judge_id, reason=reason, note=note[:300],
        requested_by=actor, status=ApprovalStatus.PENDING,
    )  # fmt: skip
    add_event(case, action="申请指定分案", actor=actor, note=str(DesignationReason(reason).label))
    audit_case(actor, "case.designation_requested", case, {"judge": [None, judge_id], "reason": [None, reason]})
    return assignment


@transaction.atomic
def case_reassign_request(*, actor: Any, case: Case, reason: str, note: str, judge_id: int | None = None) -> Assignment:
    """Ask to change the judge in charge after assignment (to a named judge, or by a new draw)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_case_scope(actor, case)
    if case.judge_id is None or case.status not in lifecycle.OPEN_STATUSES:
        raise Conflict("只有已分案、尚未结案的案件可以变更承办人", code="not_assigned")
    if not (access.has_role(actor, *ASSIGNER_ROLES, court_id=case.court_id) or actor.pk == case.judge_id):
        raise PermissionDenied("无权申请变更承办人", code="role_required")
    if reason not in ReassignmentReason.values:
        raise ValidationFailed(
            "变更承办人须选择规定的理由", code="invalid_reason", details={"allowed": ReassignmentReason.values}
        )
    if not note.strip():
        raise ValidationFailed("请说明变更承办人的具体理由", code="reason_required")
    if case.assignments.filter(status=ApprovalStatus.PENDING).exists():
        raise Conflict("该案已有待审批的分案申请", code="assignment_pending")
    if judge_id is not None:
        if judge_id == case.judge_id:
            raise ValidationFailed("新承办法官不能与原承办法官相同", code="same_judge")
        _check_judge_for(case, judge_id)
    assignment = Assignment.objects.create(
        case=case, method=AssignmentMethod.REASSIGNED, judge_id=judge_id or case.judge_id,
        previous_judge_id=case.judge_id, reason=reason, note=note.strip()[:300], requested_by=actor,
        status=ApprovalStatus.PENDING,
        # No judge named: the approval re-draws among the others.
        seed="" if judge_id else "redraw",
    )  # fmt: skip
    add_event(case, action="申请变更承办人", actor=actor, note=str(ReassignmentReason(reason).label))
    audit_case(
        actor, "case.reassignment_requested", case, {"reason": [None, reason], "judge": [case.judge_id, judge_id]}
    )
    return assignment


@transaction.atomic
def assignment_decide(*, actor: Any, assignment: Assignment, approve: bool, note: str = "") -> Assignment:
    """A division head or the president (not the requester) approves or rejects."""
    assignment = Assignment.objects.select_for_update().select_related("case", "case__court").get(pk=assignment.pk)
    case = assignment.case
    if not access.has_role(actor, *LEADER_ROLES, court_id=case.court_id):
        raise PermissionDenied("应由庭长或院长审批", code="approver_required")
    if assignment.requested_by_id == actor.pk:
        raise PermissionDenied("申请人不能审批自己的申请", code="self_approval")
    mark_decided(assignment, actor=actor, approve=approve)
    if approve and assignment.seed == "redraw":
        _redraw(assignment, case)
    assignment.save()
    if approve:
        action = "指定分案" if assignment.method == AssignmentMethod.DESIGNATED else "变更承办人"
        _put_in_charge(case, assignment.judge_id, actor=actor, action=action, note=note)
    else:
        add_event(case, action="驳回分案申请", actor=actor, note=note)
    decision = {"decision": [None, assignment.status], "method": [None, assignment.method]}
    audit_case(actor, "case.assignment_decided", case, {**decision, "judge": [None, assignment.judge_id]})
    return assignment


def _redraw(assignment: Assignment, case: Case) -> None:
    candidates, excluded = eligible_candidates(case, exclude={case.judge_id} if case.judge_id else set())
    if not candidates:
        raise Conflict("没有其他可参与随机分案的法官", code="no_eligible_judge")
    assignment.seed = secrets.token_hex(16)
    chosen = draw.draw(assignment.seed, candidates)
    assignment.judge_id, assignment.candidates, assignment.excluded = (
        chosen.judge_id,
        [c.as_record() for c in candidates],
        excluded,
    )


def _check_judge_for(case: Case, judge_id: int) -> None:
    judges = {j.pk for j in access.users_with_role(court_id=case.court_id, roles=[Role.JUDGE])}
    if judge_id not in judges:
        raise ValidationFailed("所选法官不是本院法官", code="invalid_judge")
    reason = recusal_reasons(case, [judge_id]).get(judge_id)
    if reason:
        raise Conflict(f"所选法官应当回避：{reason}", code="judge_must_recuse")


@transaction.atomic
def judge_relation_declare(*, actor: Any, person_name: str, relation: str, id_number: str = "") -> JudgeRelation:
    """A judge declares a relation (回避申报) that keeps them off that person's cases."""
    if not access.has_role(actor, Role.JUDGE):
        raise PermissionDenied("只有法官需要申报回避关系", code="role_required")
    if not person_name.strip() or not relation.strip():
        raise ValidationFailed("请填写关系人和关系", code="relation_required")
    declared = JudgeRelation.objects.create(
        judge=actor,
        person_name=person_name.strip(),
        relation=relation.strip()[:40],
        id_number=id_number.strip().upper(),
    )
    audit.record(
        actor=actor, action="judge.relation_declared", obj=declared, changes={"relation": [None, declared.relation]}
    )
    return declared


@transaction.atomic
def panel_set(
    *, actor: Any, case: Case, judge_ids: list[int], assessor_names: list[str], clerk_id: int | None = None
) -> list[PanelMember]:
    """Form the collegial panel around the judge in charge: other judges, people's assessors, the clerk."""
    require_case_scope(actor, case)
    if not (actor.pk == case.judge_id or access.has_role(actor, *LEADER_ROLES, court_id=case.court_id)):
        raise PermissionDenied("只有承办法官或院庭长可以组成合议庭", code="not_case_handler")
    if case.judge_id is None:
        raise Conflict("请先分案", code="not_assigned")
    court_judges = {j.pk: j for j in access.users_with_role(court_id=case.court_id, roles=[Role.JUDGE])}
    unknown = [j for j in judge_ids if j not in court_judges]
    if unknown:
        raise ValidationFailed("合议庭成员须为本院法官", code="invalid_judge", details={"judge_ids": unknown})
    recusing = recusal_reasons(case, judge_ids)
    if recusing:
        raise Conflict("合议庭成员中有应当回避的法官", code="judge_must_recuse", details={"judges": recusing})
    if clerk_id is not None and clerk_id not in {
        u.pk for u in access.users_with_role(court_id=case.court_id, roles=[Role.COURT_CLERK])
    }:
        raise ValidationFailed("书记员须为本院书记员", code="invalid_clerk")
    case.panel.exclude(role=PanelRole.PRESIDING).delete()
    members = [PanelMember(case=case, role=PanelRole.JUDGE, user_id=j, name=court_judges[j].display_name)
               for j in judge_ids if j != case.judge_id]  # fmt: skip
    members += [PanelMember(case=case, role=PanelRole.ASSESSOR, name=n.strip()) for n in assessor_names if n.strip()]
    PanelMember.objects.bulk_create(members)
    case.clerk_id = clerk_id
    case.save(update_fields=["clerk", "updated_at"])
    add_event(case, action="组成合议庭", actor=actor, note="、".join(m.name for m in members))
    audit_case(
        actor,
        "case.panel_set",
        case,
        {"judges": [None, judge_ids], "assessors": [None, assessor_names], "clerk": [None, clerk_id]},
    )
    return list(case.panel.all())
