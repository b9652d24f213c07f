"""Who may do what to a case: one place for the rules the services enforce and the pages offer."""

from __future__ import annotations

from typing import Any

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases.enums import CaseStatus
from tianping.cases.models import Case

REGISTRAR_ROLES = (Role.FILING_CLERK, Role.DIVISION_HEAD, Role.PRESIDENT)
ASSIGNER_ROLES = (Role.FILING_CLERK, Role.DIVISION_HEAD, Role.PRESIDENT)
LEADER_ROLES = (Role.DIVISION_HEAD, Role.PRESIDENT)


def is_leader(actor: Any, case: Case) -> bool:
    return access.has_role(actor, *LEADER_ROLES, court_id=case.court_id)


def is_case_handler(actor: Any, case: Case) -> bool:
    """The judge in charge, or a division head / president of the court."""
    return case.judge_id == getattr(actor, "pk", None) or is_leader(actor, case)


def may_assign(actor: Any, case: Case) -> bool:
    return access.has_role(actor, *ASSIGNER_ROLES, court_id=case.court_id)


def may_move(actor: Any, case: Case, target: str) -> bool:
    """Status changes: the handler; archiving also the court's clerks."""
    if is_case_handler(actor, case):
        return True
    return target == CaseStatus.ARCHIVED and access.has_role(actor, Role.COURT_CLERK, court_id=case.court_id)
