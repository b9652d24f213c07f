from __future__ import annotations

from typing import Any

from tianping.accounts import selectors as access
from tianping.core import audit
from tianping.supervision.selectors import AUDIT_ROLES


def audit_chain_verify(*, actor: Any) -> audit.ChainReport:
    """Verify the whole chain on an auditor's request; the check itself is logged."""
    access.require_role(actor, *AUDIT_ROLES)
    report = audit.verify()
    audit.record(
        actor=actor,
        action="audit.verify",
        object_type="core.AuditRecord",
        changes={"checked": report.checked, "ok": report.ok, "problem": str(report.problem or "")},
    )
    return report
