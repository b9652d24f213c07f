"""Small display helpers for the case pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from tianping.cases.enums import AssignmentMethod, DesignationReason, ReassignmentReason
from tianping.core.money import format_yuan

register = template.Library()


@register.filter
def days_left(remaining: int | None) -> str:
    """``12`` → 剩余 12 日; ``0`` → 今日届满; ``-3`` → 超期 3 日; None → —."""
    if remaining is None:
        return "—"
    if remaining < 0:
        return _("超期 %(n)d 日") % {"n": -remaining}
    if remaining == 0:
        return _("今日届满")
    return _("剩余 %(n)d 日") % {"n": remaining}


@register.filter
def reason_label(assignment: object) -> str:
    """The label of a designation or reassignment reason."""
    reason = getattr(assignment, "reason", "")
    if not reason:
        return ""
    method = getattr(assignment, "method", "")
    choices = DesignationReason if method == AssignmentMethod.DESIGNATED else ReassignmentReason
    return str(dict(choices.choices).get(reason, reason))


@register.filter
def yuan(amount: object) -> str:
    """``Decimal('2380000')`` → 2,380,000.00 元; None → —."""
    return format_yuan(amount) if amount is not None else "—"  # type: ignore[arg-type]
