"""``{% case_effect_section case user as section %}``: the case page's effect section (the cases view
does not load it): each issued document with its periods, and whether the user may archive."""

from __future__ import annotations

from typing import Any

from django import template

from tianping.accounts import selectors as access
from tianping.cases.enums import CaseStatus
from tianping.judgments import selectors

register = template.Library()
ARCHIVE_PAGE_STATUSES = frozenset({CaseStatus.CLOSED, CaseStatus.EFFECTIVE, CaseStatus.ARCHIVED})


@register.simple_tag
def case_effect_section(case: Any, user: Any) -> dict[str, Any]:
    staff = access.is_staff_user(user)
    return {
        "documents": selectors.case_effect_views(user=user, case=case),
        "staff": staff,
        "archive": staff and case.status in ARCHIVE_PAGE_STATUSES,
    }
