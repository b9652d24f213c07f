"""Helpers shared by the case services: scope check, events, the audit record."""

from __future__ import annotations

from typing import Any

from tianping.accounts import selectors as access
from tianping.cases.enums import ApprovalStatus, CaseStatus
from tianping.cases.models import Approvable, Case, CaseEvent
from tianping.core import audit, clock
from tianping.core.errors import Conflict, NotFound


def require_case_scope(actor: Any, case: Case) -> None:
    """Writes need a role at the case's own court; anything else looks like a missing case."""
    if case.court_id not in access.acting_court_ids(actor):
        raise NotFound("案件不存在或无权访问", code="case_not_found")


def add_event(
    case: Case, *, action: str, actor: Any, note: str = "", from_status: str = "", to_status: str = ""
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        occurred_at=clock.now(),
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "pk", None) else None,
        note=note[:300],
    )


def case_event_add(*, case: Case, action: str, actor: Any, note: str = "") -> CaseEvent:
    """A line on the case's timeline for something another context did (a hearing scheduled …).
    Callers audit their own write; this only records the event."""
    return add_event(case, action=action[:40], actor=actor, note=note)


def audit_case(actor: Any, action: str, case: Case, changes: dict[str, Any] | None = None) -> None:
    audit.record(actor=actor, action=action, obj=case, changes=changes or {}, court_code=case.court.code)


def set_status(case: Case, to_status: CaseStatus, *, actor: Any, action: str, note: str = "") -> None:
    """Change the status (callers have checked the transition table) and log it on the timeline."""
    previous = case.status
    case.status = to_status
    case.save(update_fields=["status", "updated_at"])
    add_event(case, action=action, actor=actor, note=note, from_status=previous, to_status=to_status)


def mark_decided(request: Approvable, *, actor: Any, approve: bool) -> None:
    """Record the decision on a pending request (saved by the caller); a decided one is a 409."""
    if request.status != ApprovalStatus.PENDING:
        raise Conflict("该申请已处理", code="already_decided")
    request.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    request.decided_by, request.decided_at = actor, clock.now()
