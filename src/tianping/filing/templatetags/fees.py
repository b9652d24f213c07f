from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value: Decimal | None) -> str:
    """``Decimal('3300')`` → ``'3,300.00'``; empty for ``None``."""
    return "" if value is None else f"{value:,.2f}"
