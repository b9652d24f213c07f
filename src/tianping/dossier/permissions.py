"""Who may keep a case's dossier: one place for the rule the services enforce and the page offers."""

from __future__ import annotations

from typing import Any

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role

# Court staff of the case's court who keep its dossier.
KEEPER_ROLES = (
    Role.FILING_CLERK,
    Role.JUDGE,
    Role.JUDGE_ASSISTANT,
    Role.COURT_CLERK,
    Role.DIVISION_HEAD,
    Role.PRESIDENT,
)


def may_keep(actor: Any, case: Any) -> bool:
    """Whether ``actor`` may add documents and versions to the dossier of ``case``."""
    return access.has_role(actor, *KEEPER_ROLES, court_id=case.court_id)
