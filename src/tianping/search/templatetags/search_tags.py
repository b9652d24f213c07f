"""``{% similar_cases publication_id=… %}`` / ``{% similar_cases case=… %}``: similar published
judgments (类案推送) as a list, for the public judgment page and the judge's case page."""

from __future__ import annotations

from typing import Any

from django import template

from tianping.accounts import selectors as access
from tianping.search.params import judgment_url
from tianping.search.selectors import similar_judgments

register = template.Library()


@register.inclusion_tag("search/_similar_cases.html")
def similar_cases(
    *, publication_id: int | None = None, case: Any = None, staff_only_for: Any = None, limit: int = 5
) -> dict[str, Any]:
    """``staff_only_for=request.user``: nothing is shown unless that user is court staff (the case page)."""
    if staff_only_for is not None and not access.is_staff_user(staff_only_for):
        return {"hidden": True}
    rows = similar_judgments(publication_id=publication_id, case=case, limit=limit)
    return {"similar": [{"row": row, "url": judgment_url(row.publication_id)} for row in rows]}
