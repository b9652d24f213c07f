"""``{% credit_case_section case user as section %}``: the enforcement case page's credit section
(the cases view does not load it): listings and restriction orders with their forms."""

from __future__ import annotations

from typing import Any

from django import template

from tianping.accounts import selectors as access
from tianping.cases.enums import CaseCategory, PartyRole
from tianping.credit import selectors, services
from tianping.credit.enums import DishonestConduct, Performance, RemovalReason, RestrictedRole

register = template.Library()


@register.simple_tag
def credit_case_section(case: Any, user: Any) -> dict[str, Any]:
    if case.category != CaseCategory.ENFORCEMENT or not access.is_staff_user(user):
        return {"visible": False}
    may_decide = services.is_credit_officer(user, case)
    listings, restrictions = selectors.case_listings(case=case), selectors.case_restrictions(case=case)
    selectors.record_full_id_read(user=user, records=[*listings, *restrictions], purpose="case_detail")
    return {
        "visible": True,
        "may_decide": may_decide,
        "open": case.status in services.LISTABLE_CASE_STATUSES,
        "listings": [selectors.listing_view(user=user, listing=x) for x in listings],
        "restrictions": [selectors.restriction_view(user=user, restriction=x) for x in restrictions],
        "respondents": list(case.parties.filter(role=PartyRole.ENFORCEMENT_RESPONDENT)),
        "conducts": DishonestConduct.choices,
        "performances": Performance.choices,
        "removal_reasons": RemovalReason.choices,
        "lift_reasons": [(v, label) for v, label in RemovalReason.choices if v in services.LIFT_REASONS],
        "restricted_roles": RestrictedRole.choices,
        "person_rows": range(3),
    }
