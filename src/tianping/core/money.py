"""Money is exact decimal yuan with two places; never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models

from tianping.core.errors import ValidationFailed

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    """Parse ``value`` into yuan rounded half-up to the cent; floats are refused."""
    if isinstance(value, float):
        raise TypeError("money must not be a float; pass a str, int or Decimal")
    try:
        amount = Decimal(value)
        if amount.is_finite():
            # quantize raises InvalidOperation when the result exceeds the context precision (1e26 and up)
            return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as exc:
        raise ValidationFailed("金额格式不正确", code="invalid_amount", details={"value": str(value)}) from exc
    raise ValidationFailed("金额格式不正确", code="invalid_amount", details={"value": str(value)})


def format_yuan(amount: Decimal) -> str:
    """``Decimal('13800')`` → ``'13,800.00 元'``."""
    return f"{to_money(amount):,.2f} 元"


class MoneyField(models.DecimalField):
    """A DecimalField for yuan: up to 999 trillion with two places."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max_digits", 17)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
