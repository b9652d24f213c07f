"""Status changes of a case, checked against the declared transition table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tianping.cases import lifecycle
from tianping.cases.enums import CaseStatus, ClosingMethod
from tianping.cases.models import Case
from tianping.cases.permissions import may_move
from tianping.cases.services.common import audit_case, require_case_scope, set_status
from tianping.core import clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.notify import services as notify_services

ACTION_NAMES = {
    CaseStatus.REGISTERED: "立案",
    CaseStatus.REJECTED: "不予受理",
    CaseStatus.ASSIGNED: "分案",
    CaseStatus.IN_TRIAL: "开始审理",
    CaseStatus.INVESTIGATING: "财产查控",
    CaseStatus.DISPOSING: "财产处置",
    CaseStatus.CLOSED: "结案",
    CaseStatus.EFFECTIVE: "裁判生效",
    CaseStatus.ARCHIVED: "归档",
}


def check_transition(case: Case, target: str) -> CaseStatus:
    """The target status if the table allows it from the current one; otherwise a 409."""
    if target not in CaseStatus.values:
        raise ValidationFailed("未知的案件状态", code="invalid_status", details={"status": target})
    if not lifecycle.is_allowed(case.category, case.status, target):
        allowed = sorted(lifecycle.allowed_next(case.category, case.status))
        raise Conflict(
            f"案件当前为“{case.get_status_display()}”，不能变更为“{CaseStatus(target).label}”",
            code="illegal_transition",
            details={"from": case.status, "to": target, "allowed": allowed},
        )
    return CaseStatus(target)


@transaction.atomic
def case_transition(
    *,
    actor: Any,
    case: Case,
    to_status: str,
    note: str = "",
    closing_method: str = "",
    closing_outcome: str = "",
) -> Case:
    """Move a case along its lifecycle; closing needs a method, and dates are set as it goes. 已分案,
    已生效 and 已归档 have procedures of their own (``lifecycle.OWN_PROCEDURES``)."""
    require_case_scope(actor, case)
    target = check_transition(case, to_status)
    if target in lifecycle.OWN_PROCEDURES:
        message, code = lifecycle.OWN_PROCEDURES[target]
        raise Conflict(message, code=code)
    return _move(
        actor=actor, case=case, target=target, note=note, closing_method=closing_method,
        closing_outcome=closing_outcome,
    )  # fmt: skip


@transaction.atomic
def case_archived_mark(*, actor: Any, case: Case, note: str = "") -> Case:
    """ARCHIVED, for the archiving procedure only (``judgments.case_archive``), once it has checked the
    archiving list and sealed the dossier; every other way to archive is refused (``lifecycle.OWN_PROCEDURES``)."""
    require_case_scope(actor, case)
    target = check_transition(case, CaseStatus.ARCHIVED)
    return _move(actor=actor, case=case, target=target, note=note)


def _move(
    *,
    actor: Any,
    case: Case,
    target: CaseStatus,
    note: str,
    closing_method: str = "",
    closing_outcome: str = "",
) -> Case:
    if not may_move(actor, case, target):
        raise PermissionDenied("只有承办法官或院庭长可以变更案件状态", code="not_case_handler")
    changes: dict[str, Any] = {"status": [case.status, target]}
    if target == CaseStatus.CLOSED:
        if closing_method not in ClosingMethod.values:
            raise ValidationFailed(
                "结案须选择结案方式", code="closing_method_required", details={"allowed": ClosingMethod.values}
            )
        case.closed_on, case.closing_method, case.closing_outcome = clock.today(), closing_method, closing_outcome[:200]
        changes["closing_method"] = [None, closing_method]
    case.save()
    set_status(case, target, actor=actor, action=ACTION_NAMES[target], note=note)
    audit_case(actor, "case.transition", case, changes)
    if target == CaseStatus.CLOSED:
        notify_services.case_closed_notify(case_id=case.pk)
    return case


@transaction.atomic
def case_trial_begin(*, actor: Any, case: Case, note: str = "") -> Case:
    """An assigned case goes in trial when its court schedules the first sitting (hearings calls this
    after its own check that the actor may schedule: the judge, the panel, the clerk, an assistant)."""
    case = Case.objects.select_for_update().select_related("court").get(pk=case.pk)
    require_case_scope(actor, case)
    if case.status == CaseStatus.IN_TRIAL:
        return case
    check_transition(case, CaseStatus.IN_TRIAL)
    previous = case.status
    set_status(case, CaseStatus.IN_TRIAL, actor=actor, action=ACTION_NAMES[CaseStatus.IN_TRIAL], note=note)
    audit_case(actor, "case.transition", case, {"status": [previous, CaseStatus.IN_TRIAL]})
    return case


@transaction.atomic
def case_take_effect(*, case: Case, effective_on: dt.date, note: str = "") -> Case:
    """The decision took effect by operation of law (its appeal periods ran out unappealed, or it was
    served where no appeal lies). Nobody acts, so there is no permission check (the judgments context's
    refresh and its daily job call this); the transition table still applies. Audited without an actor."""
    target = check_transition(case, CaseStatus.EFFECTIVE)
    case.effective_on = effective_on
    case.save(update_fields=["effective_on", "updated_at"])
    previous = case.status
    set_status(case, target, actor=None, action=ACTION_NAMES[target], note=note)
    audit_case(None, "case.transition", case, {"status": [previous, target], "effective_on": [None, effective_on]})
    return case
