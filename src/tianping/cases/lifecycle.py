"""Declared status transitions per case category (domain.md §6 process nodes)."""

from __future__ import annotations

from collections.abc import Mapping

from tianping.cases.enums import CaseCategory, CaseStatus

S = CaseStatus

TRIAL_TRANSITIONS: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    S.PENDING: frozenset({S.REGISTERED, S.REJECTED}),
    S.REGISTERED: frozenset({S.ASSIGNED, S.CLOSED}),  # closed: withdrawn or transferred before assignment
    S.ASSIGNED: frozenset({S.IN_TRIAL, S.CLOSED}),
    S.IN_TRIAL: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.EFFECTIVE, S.ARCHIVED}),  # archived directly when nothing is left to take effect
    S.EFFECTIVE: frozenset({S.ARCHIVED}),
}

ENFORCEMENT_TRANSITIONS: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    S.PENDING: frozenset({S.REGISTERED, S.REJECTED}),
    S.REGISTERED: frozenset({S.ASSIGNED}),
    S.ASSIGNED: frozenset({S.INVESTIGATING, S.CLOSED}),
    S.INVESTIGATING: frozenset({S.DISPOSING, S.CLOSED}),
    S.DISPOSING: frozenset({S.INVESTIGATING, S.CLOSED}),
    S.CLOSED: frozenset({S.ARCHIVED}),
}

# Statuses reached only through their own procedure, never the generic status change.
OWN_PROCEDURES = {
    S.ASSIGNED: ("分案须通过分案程序进行", "use_assignment"),
    S.EFFECTIVE: ("裁判生效由文书送达和上诉期依法确定，不能手动变更", "use_effect"),
    S.ARCHIVED: ("归档须通过归档程序进行：检查归档事项并封存卷宗", "use_archiving"),
}

OPEN_STATUSES = frozenset({S.REGISTERED, S.ASSIGNED, S.IN_TRIAL, S.INVESTIGATING, S.DISPOSING})
FINISHED_STATUSES = frozenset({S.CLOSED, S.EFFECTIVE, S.ARCHIVED, S.REJECTED})


def transitions_for(category: str) -> Mapping[CaseStatus, frozenset[CaseStatus]]:
    return ENFORCEMENT_TRANSITIONS if category == CaseCategory.ENFORCEMENT else TRIAL_TRANSITIONS


def allowed_next(category: str, status: str) -> frozenset[CaseStatus]:
    return transitions_for(category).get(CaseStatus(status), frozenset())


def is_allowed(category: str, current: str, target: str) -> bool:
    return CaseStatus(target) in allowed_next(category, current)
