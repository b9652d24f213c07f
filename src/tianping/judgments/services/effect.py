"""What issuing a document does to its case: closing now, appeal periods and effect later."""

from __future__ import annotations

from typing import Any

from tianping.cases import services as case_services
from tianping.cases.enums import CaseStatus
from tianping.judgments.models import IssuedDocument

__all__ = ["document_issued"]


def document_issued(*, actor: Any, document: IssuedDocument) -> None:
    """Called by the issuing service inside its transaction, once the document is frozen."""
    draft = document.draft
    if draft.closes_case:
        case_services.case_transition(
            actor=actor,
            case=document.case,
            to_status=CaseStatus.CLOSED,
            closing_method=draft.closing_method,
            closing_outcome=draft.outcome,
        )
