"""The case API: registration, lists, the case record, assignment, lifecycle and time limits.

Handlers parse, load through the gatekeepers in ``selectors`` (a case the user may not
read is a 404), call one service and shape the answer. Errors are raised by the services
and turned into ``{"code", "message", "details"}`` by the one handler in ``tianping.api``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from tianping.cases import lifecycle, selectors, services
from tianping.cases.enums import AssignmentMethod, DesignationReason, ReassignmentReason
from tianping.cases.models import Assignment, Case, Suspension, TimeLimitExtension
from tianping.cases.numbers import parse_case_number
from tianping.cases.schemas import (
    AssignmentIn,
    AssignmentOut,
    CaseDetailOut,
    CaseListQuery,
    CaseNumberOut,
    CasePageOut,
    CaseRegisterIn,
    CaseTypeOut,
    CauseOut,
    CauseQuery,
    DecisionIn,
    ErrorOut,
    ExtensionIn,
    ExtensionOut,
    LinkedCaseIn,
    PanelIn,
    PanelMemberOut,
    ReassignIn,
    ResumptionIn,
    SuspensionIn,
    SuspensionOut,
    TransitionIn,
    VerifyOut,
)
from tianping.core import clock
from tianping.core.errors import ValidationFailed

router = Router(tags=["cases"])
# Objects with their own ids (assignments, extensions, suspensions) and reference data.
reference_router = Router(tags=["cases"])

ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


# ---- Shaping -------------------------------------------------------------------------------


def _ref(user: Any) -> dict[str, Any] | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


def _court(court: Any) -> dict[str, Any]:
    return {"id": court.pk, "code": court.code, "name": court.name}


def case_row(case: Case, today: Any) -> dict[str, Any]:
    remaining = selectors.remaining_days(case, today)
    return {
        "id": case.pk,
        "number": case.number,
        "title": case.title,
        "court": _court(case.court),
        "type_code": case.case_type_id,
        "type_name": case.case_type.name,
        "category": case.category,
        "procedure": case.procedure,
        "procedure_label": str(case.get_procedure_display()),
        "cause": case.cause.name if case.cause else None,
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "judge": _ref(case.judge),
        "filed_on": case.filed_on,
        "deadline": case.deadline,
        "remaining_days": remaining,
        "urgency": selectors.urgency_for(remaining),
        "suspended": case.suspended_since is not None,
    }


def extension_out(extension: TimeLimitExtension) -> dict[str, Any]:
    return {
        "id": extension.pk,
        "case_id": extension.case_id,
        "months": extension.months,
        "days": extension.days,
        "reason": extension.reason,
        "approver_level": extension.approver_level,
        "approver_level_label": str(extension.get_approver_level_display()),
        "approver_court": _court(extension.approver_court),
        "status": extension.status,
        "requested_by": _ref(extension.requested_by),
        "decided_by": _ref(extension.decided_by),
        "decided_at": extension.decided_at,
        "created_at": extension.created_at,
    }


def suspension_out(suspension: Suspension) -> dict[str, Any]:
    return {
        "id": suspension.pk,
        "case_id": suspension.case_id,
        "reason": suspension.reason,
        "reason_label": str(suspension.get_reason_display()),
        "note": suspension.note,
        "started_on": suspension.started_on,
        "ended_on": suspension.ended_on,
        "status": suspension.status,
        "started_by": _ref(suspension.started_by),
        "decided_by": _ref(suspension.decided_by),
        "decided_at": suspension.decided_at,
    }


def _reason_label(assignment: Assignment) -> str:
    choices = DesignationReason if assignment.method == AssignmentMethod.DESIGNATED else ReassignmentReason
    return str(dict(choices.choices).get(assignment.reason, assignment.reason))


def assignment_out(assignment: Assignment) -> dict[str, Any]:
    return {
        "id": assignment.pk,
        "case_id": assignment.case_id,
        "method": assignment.method,
        "method_label": str(assignment.get_method_display()),
        "judge": _ref(assignment.judge),
        "previous_judge": _ref(assignment.previous_judge),
        "reason": assignment.reason,
        "reason_label": _reason_label(assignment),
        "note": assignment.note,
        "status": assignment.status,
        "status_label": str(assignment.get_status_display()),
        "requested_by": _ref(assignment.requested_by),
        "decided_by": _ref(assignment.decided_by),
        "decided_at": assignment.decided_at,
        "created_at": assignment.created_at,
        "seed": assignment.seed,
        "candidates": assignment.candidates,
        "excluded": assignment.excluded,
        "verified": selectors.assignment_verify(assignment=assignment),
    }


def case_detail(user: Any, case: Case) -> dict[str, Any]:
    time_limit = selectors.time_limit_view(case=case)
    return {
        "id": case.pk,
        "number": case.number,
        "title": case.title,
        "court": _court(case.court),
        "type_code": case.case_type_id,
        "type_name": case.case_type.name,
        "category": case.category,
        "category_label": str(case.get_category_display()),
        "marker": case.marker,
        "year": case.year,
        "serial": case.serial,
        "procedure": case.procedure,
        "procedure_label": str(case.get_procedure_display()),
        "cause": {"id": case.cause.pk, "name": case.cause.name, "path_name": case.cause.path_name}
        if case.cause
        else None,
        "claim_amount": str(case.claim_amount) if case.claim_amount is not None else None,
        "received_on": case.received_on,
        "filed_on": case.filed_on,
        "division": {"id": case.division.pk, "name": case.division.name} if case.division else None,
        "judge": _ref(case.judge),
        "clerk": _ref(case.clerk),
        "status": case.status,
        "status_label": str(case.get_status_display()),
        "allowed_next": sorted(lifecycle.allowed_next(case.category, case.status)),
        "closed_on": case.closed_on,
        "closing_method": case.closing_method,
        "closing_outcome": case.closing_outcome,
        "effective_on": case.effective_on,
        "is_secret": case.is_secret,
        "involves_minor": case.involves_minor,
        "is_private": case.is_private,
        "origin_id": case.origin_id,
        "link_kind": case.link_kind,
        "parties": selectors.party_views(user=user, case=case),
        "panel": [
            {"role": m.role, "role_label": str(m.get_role_display()), "user_id": m.user_id, "name": m.name}
            for m in selectors.case_panel(case=case)
        ],
        "time_limit": {
            "limit": str(time_limit.rule.limit) if time_limit.rule else None,
            "deadline": time_limit.deadline,
            "remaining_days": time_limit.remaining_days,
            "urgency": time_limit.urgency,
            "suspended": time_limit.suspended,
            "suspended_since": case.suspended_since,
            "excluded_days": time_limit.excluded_days,
            "extensions": [extension_out(e) for e in time_limit.extensions],
            "suspensions": [suspension_out(s) for s in time_limit.suspensions],
        },
        "chain": [
            {
                "id": c.pk,
                "number": c.number,
                "title": c.title,
                "court": _court(c.court),
                "type_code": c.case_type_id,
                "status": c.status,
                "status_label": str(c.get_status_display()),
                "link_kind": c.link_kind,
                "is_current": c.pk == case.pk,
            }
            for c in selectors.case_chain(user=user, case=case)
        ],
        "events": [
            {
                "occurred_at": e.occurred_at,
                "action": e.action,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor": e.actor.display_name if e.actor else "",
                "note": e.note,
            }
            for e in selectors.case_events(case=case)
        ],
        "assignments": [assignment_out(a) for a in selectors.assignment_list(case=case)],
    }


def _reload(user: Any, case: Case) -> Case:
    return selectors.case_for_user(user, case.pk)


# ---- Cases ---------------------------------------------------------------------------------


@router.post("", response={201: CaseDetailOut, **ERRORS})
def register_case(request: HttpRequest, payload: CaseRegisterIn) -> Status:
    """Register a case at the counter (窗口立案): number, parties with query codes, time limit."""
    data = payload.dict()
    parties = [
        services.PartyInput(**{**p, "agents": [services.AgentInput(**a) for a in p["agents"]]})
        for p in data.pop("parties")
    ]
    case = services.case_register(actor=request.user, parties=parties, **data)
    return Status(201, case_detail(request.user, _reload(request.user, case)))


@router.post("/{int:case_id}/linked", response={201: CaseDetailOut, **ERRORS})
def create_linked_case(request: HttpRequest, case_id: int, payload: LinkedCaseIn) -> Status:
    """Register an appeal, retrial, enforcement, resumed enforcement or jurisdiction case that
    comes from this one; its parties are carried over with their new roles."""
    origin = selectors.case_for_user(request.user, case_id)
    case = services.case_create_linked(
        actor=request.user,
        origin=origin,
        link_kind=payload.link_kind,
        court_id=payload.court_id,
        type_code=payload.type_code,
        movers=set(payload.mover_party_ids),
        procedure=payload.procedure,
        claim_amount=payload.claim_amount,
        division_id=payload.division_id,
    )
    return Status(201, case_detail(request.user, _reload(request.user, case)))


@router.get("", response=CasePageOut)
def list_cases(request: HttpRequest, filters: Query[CaseListQuery]) -> dict[str, Any]:
    """Cases in the caller's scope (own court and the courts below; litigants: their own cases)."""
    query = selectors.CaseFilter(
        status=filters.status or "",
        type_code=filters.type or "",
        category=filters.category or "",
        cause_id=filters.cause,
        judge_id=filters.judge,
        court_id=filters.court,
        filed_from=filters.filed_from,
        filed_to=filters.filed_to,
        overdue=filters.overdue,
        text=(filters.q or "").strip(),
    )
    cases = selectors.case_list(user=request.user, filters=query)
    start = (filters.page - 1) * filters.page_size
    today = clock.today()
    return {
        "count": cases.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [case_row(c, today) for c in cases[start : start + filters.page_size]],
    }


@router.get("/{int:case_id}", response={200: CaseDetailOut, 404: ErrorOut})
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The case record: parties (masked unless the caller handles them), panel, time limit,
    linked cases, timeline and assignments."""
    return case_detail(request.user, selectors.case_for_user(request.user, case_id))


@router.post("/{int:case_id}/assignment", response={201: AssignmentOut, **ERRORS})
def assign_case(request: HttpRequest, case_id: int, payload: AssignmentIn) -> Status:
    """A verifiable random draw, or a designation for a listed reason (pending approval)."""
    case = selectors.case_for_user(request.user, case_id)
    if payload.method == "random":
        assignment = services.case_assign_random(actor=request.user, case=case)
    else:
        if payload.judge_id is None:
            raise ValidationFailed("指定分案须选择承办法官", code="judge_required")
        assignment = services.case_designate(
            actor=request.user, case=case, judge_id=payload.judge_id, reason=payload.reason, note=payload.note
        )
    return Status(201, assignment_out(selectors.assignment_for_user(request.user, assignment.pk)))


@router.post("/{int:case_id}/assignment/reassign", response={201: AssignmentOut, **ERRORS})
def reassign_case(request: HttpRequest, case_id: int, payload: ReassignIn) -> Status:
    """Ask to change the judge in charge; a division head or the president decides."""
    case = selectors.case_for_user(request.user, case_id)
    assignment = services.case_reassign_request(
        actor=request.user, case=case, reason=payload.reason, note=payload.note, judge_id=payload.judge_id
    )
    return Status(201, assignment_out(selectors.assignment_for_user(request.user, assignment.pk)))


@router.post("/{int:case_id}/transitions", response={200: CaseDetailOut, **ERRORS})
def transition_case(request: HttpRequest, case_id: int, payload: TransitionIn) -> dict[str, Any]:
    """Move the case along its declared lifecycle; anything else is 409 ``illegal_transition``."""
    case = selectors.case_for_user(request.user, case_id)
    services.case_transition(actor=request.user, case=case, **payload.dict())
    return case_detail(request.user, _reload(request.user, case))


@router.post("/{int:case_id}/panel", response={200: list[PanelMemberOut], **ERRORS})
def set_panel(request: HttpRequest, case_id: int, payload: PanelIn) -> list[dict[str, Any]]:
    """Form the collegial panel around the judge in charge."""
    case = selectors.case_for_user(request.user, case_id)
    members = services.panel_set(actor=request.user, case=case, **payload.dict())
    return [{"role": m.role, "role_label": str(m.get_role_display()), "user_id": m.user_id, "name": m.name}
            for m in members]  # fmt: skip


@router.post("/{int:case_id}/time-limit/extensions", response={201: ExtensionOut, **ERRORS})
def request_extension(request: HttpRequest, case_id: int, payload: ExtensionIn) -> Status:
    """Ask to extend the time limit; the approving court follows the procedure."""
    case = selectors.case_for_user(request.user, case_id)
    extension = services.extension_request(actor=request.user, case=case, **payload.dict())
    return Status(201, extension_out(selectors.extension_for_user(request.user, extension.pk)))


@router.post("/{int:case_id}/time-limit/suspensions", response={201: SuspensionOut, **ERRORS})
def request_suspension(request: HttpRequest, case_id: int, payload: SuspensionIn) -> Status:
    """Stop the clock for an excluded period (a judge's request waits for approval)."""
    case = selectors.case_for_user(request.user, case_id)
    suspension = services.suspension_request(actor=request.user, case=case, **payload.dict())
    return Status(201, suspension_out(selectors.suspension_for_user(request.user, suspension.pk)))


@router.post("/{int:case_id}/time-limit/resumptions", response={200: SuspensionOut, **ERRORS})
def resume_time_limit(request: HttpRequest, case_id: int, payload: ResumptionIn) -> dict[str, Any]:
    """End the running excluded period; the deadline moves by the days it lasted."""
    case = selectors.case_for_user(request.user, case_id)
    suspension = services.suspension_end(actor=request.user, case=case, ended_on=payload.ended_on)
    return suspension_out(selectors.suspension_for_user(request.user, suspension.pk))


# ---- Decisions on requests, verification, reference data ----------------------------------


@reference_router.post("/assignments/{int:assignment_id}/decision", response={200: AssignmentOut, **ERRORS})
def decide_assignment(request: HttpRequest, assignment_id: int, payload: DecisionIn) -> dict[str, Any]:
    """A division head or the president (never the requester) approves or rejects."""
    assignment = selectors.assignment_for_user(request.user, assignment_id)
    services.assignment_decide(actor=request.user, assignment=assignment, approve=payload.approve, note=payload.note)
    return assignment_out(selectors.assignment_for_user(request.user, assignment_id))


@reference_router.get("/assignments/{int:assignment_id}/verify", response={200: VerifyOut, 404: ErrorOut})
def verify_assignment(request: HttpRequest, assignment_id: int) -> dict[str, Any]:
    """Re-run a random draw from its stored seed and candidates."""
    assignment = selectors.assignment_for_user(request.user, assignment_id)
    return {
        "verified": selectors.assignment_verify(assignment=assignment),
        "seed": assignment.seed,
        "candidates": assignment.candidates,
        "judge_id": assignment.judge_id,
    }


@reference_router.post("/extensions/{int:extension_id}/decision", response={200: ExtensionOut, **ERRORS})
def decide_extension(request: HttpRequest, extension_id: int, payload: DecisionIn) -> dict[str, Any]:
    """The president of the approving court decides; an approval moves the deadline."""
    extension = selectors.extension_for_user(request.user, extension_id)
    services.extension_decide(actor=request.user, extension=extension, approve=payload.approve, note=payload.note)
    return extension_out(selectors.extension_for_user(request.user, extension_id))


@reference_router.post("/suspensions/{int:suspension_id}/decision", response={200: SuspensionOut, **ERRORS})
def decide_suspension(request: HttpRequest, suspension_id: int, payload: DecisionIn) -> dict[str, Any]:
    """A division head or the president approves or rejects a judge's excluded period."""
    suspension = selectors.suspension_for_user(request.user, suspension_id)
    services.suspension_decide(actor=request.user, suspension=suspension, approve=payload.approve)
    return suspension_out(selectors.suspension_for_user(request.user, suspension_id))


@reference_router.get("/case-numbers/parse", response={200: CaseNumberOut, 422: ErrorOut})
def parse_number(request: HttpRequest, number: str = Query(..., max_length=60)) -> dict[str, Any]:
    """Split a case number (current or pre-2016 style, full- or half-width brackets) into its parts."""
    parsed = parse_case_number(number)
    return {
        "style": parsed.style,
        "year": parsed.year,
        "court_code": parsed.court_code,
        "marker": parsed.marker,
        "type_code": parsed.type_code,
        "serial": parsed.serial,
        "formatted": parsed.formatted(),
    }


@reference_router.get("/case-types", response=list[CaseTypeOut])
def list_case_types(request: HttpRequest, category: str = "") -> list[dict[str, Any]]:
    """The type codes (类型代字) of the SPC rules."""
    return [
        {"code": t.code, "name": t.name, "category": t.category, "category_label": str(t.get_category_display()),
         "instance": t.instance, "default_procedure": t.default_procedure}
        for t in selectors.case_types(category=category[:16])
    ]  # fmt: skip


@reference_router.get("/causes", response=list[CauseOut])
def search_causes(request: HttpRequest, filters: Query[CauseQuery]) -> list[dict[str, Any]]:
    """Causes of action and charges by name (or exact code), optionally within a category."""
    causes = selectors.cause_search(query=filters.q.strip(), category=filters.category, limit=filters.limit)
    return [
        {"id": c.pk, "category": c.category, "code": c.code, "name": c.name, "level": c.level,
         "parent_id": c.parent_id, "path_name": c.path_name}
        for c in causes
    ]  # fmt: skip
