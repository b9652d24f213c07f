"""Reads for supervision: the audit log as auditors see it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.core.models import AuditRecord
from tianping.courts import selectors as court_selectors

AUDIT_ROLES = (Role.AUDITOR, Role.SYSADMIN)


def may_browse_audit_log(user: Any) -> bool:
    return access.has_role(user, *AUDIT_ROLES)


@dataclasses.dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    kind: str = ""
    court_code: str = ""
    object_type: str = ""
    object_id: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def audit_record_list(*, user: Any, filters: AuditFilter) -> QuerySet[AuditRecord]:
    """Records of the courts in the auditor's scope, plus the auditor's own and court-less ones
    (logins, failed logins) for auditors at the top of the tree."""
    access.require_role(user, *AUDIT_ROLES)
    court_ids = access.readable_court_ids(user)
    codes = list(court_selectors.court_list().filter(pk__in=court_ids).values_list("code", flat=True))
    scope = Q(court_code__in=codes)
    if any(g.court.parent_id is None for g in access.active_grants(user)):
        scope |= Q(court_code="")
    records = AuditRecord.objects.filter(scope)
    return _apply(records, filters)


def _apply(records: QuerySet[AuditRecord], f: AuditFilter) -> QuerySet[AuditRecord]:
    if f.actor:
        records = records.filter(actor_username__icontains=f.actor)
    if f.action:
        records = records.filter(action__startswith=f.action)
    if f.kind:
        records = records.filter(kind=f.kind)
    if f.court_code:
        records = records.filter(court_code=f.court_code)
    if f.object_type:
        records = records.filter(object_type=f.object_type)
    if f.object_id:
        records = records.filter(object_id=f.object_id)
    if f.since:
        records = records.filter(occurred_at__date__gte=f.since)
    if f.until:
        records = records.filter(occurred_at__date__lte=f.until)
    return records.order_by("-seq")


def audit_action_names() -> list[str]:
    return list(AuditRecord.objects.order_by("action").values_list("action", flat=True).distinct())


# ---- Assignment supervision (随机为主、指定为辅): designations and reassignments -------------

ASSIGNMENT_SUPERVISION_ROLES = (Role.DIVISION_HEAD, Role.PRESIDENT, Role.AUDITOR)


def may_supervise_assignments(user: Any) -> bool:
    return access.has_role(user, *ASSIGNMENT_SUPERVISION_ROLES)


def assignment_supervision_list(*, user: Any, method: str = "", status: str = "") -> QuerySet[Any]:
    """Designations and reassignments in the user's court scope, newest first."""
    access.require_role(user, *ASSIGNMENT_SUPERVISION_ROLES)
    assignments = case_selectors.supervision_assignments(user=user)
    if method:
        assignments = assignments.filter(method=method)
    if status:
        assignments = assignments.filter(status=status)
    return assignments
