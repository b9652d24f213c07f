"""``{% case_hearing_section case user as section %}``: the case page's hearings (the cases view does
not load them) and whether the user may schedule one."""

from __future__ import annotations

from typing import Any

from django import template

from tianping.hearings import selectors

register = template.Library()


@register.simple_tag
def case_hearing_section(case: Any, user: Any) -> dict[str, Any]:
    return {
        "hearings": list(selectors.case_hearings(case=case)[:100]),
        "may_schedule": selectors.may_schedule(user, case),
    }
