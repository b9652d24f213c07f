"""Template filters of the payment pages."""

from __future__ import annotations

from decimal import Decimal

from django import template

from tianping.core.money import to_money

register = template.Library()


@register.filter
def money(value: Decimal | int | str | None) -> str:
    """``Decimal('3300')`` → ``'3,300.00'`` (yuan with thousands separators, always two places)."""
    if value is None or value == "":
        return "—"
    return f"{to_money(value):,.2f}"
