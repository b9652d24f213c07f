"""``{% case_drafting_section case user as section %}``: the case page's judgment documents (the cases view
does not load them): drafts, issued documents and whether the user may start a draft."""

from __future__ import annotations

from typing import Any

from django import template

from tianping.core.errors import NotFound
from tianping.judgments import selectors
from tianping.judgments.enums import DocumentKind, DraftStatus

register = template.Library()

DEFAULT_KIND = {"civil": "civil_judgment", "criminal": "criminal_judgment",
                "administrative": "administrative_judgment"}  # fmt: skip


@register.simple_tag
def case_drafting_section(case: Any, user: Any) -> dict[str, Any]:
    try:
        drafts = selectors.case_drafts_for_user(user=user, case=case)
    except NotFound:  # parties and lawyers see issued documents once served, in their inbox
        return {"visible": False}
    issued = selectors.issued_documents(case=case)
    return {
        "visible": True,
        "count": len(drafts),
        "drafts": [d for d in drafts if d.status != DraftStatus.ISSUED],
        "issued": issued,
        "may_draft": selectors.may_start_draft(user=user, case=case),
        "kinds": DocumentKind.choices,
        "default_kind": DEFAULT_KIND.get(case.category, "ruling"),
    }
