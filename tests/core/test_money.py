"""Exact yuan: half-up rounding to the cent, no floats, no garbage."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tianping.core.errors import ValidationFailed
from tianping.core.money import MoneyField, format_yuan, to_money


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("0.004999", "0.00"),
        ("0.025", "0.03"),  # half-up, not banker's rounding (which gives 0.02)
        ("2.675", "2.68"),  # the float 2.675 would round to 2.67
        ("-0.005", "-0.01"),  # halves go away from zero
        ("-1.234", "-1.23"),
        ("13800", "13800.00"),
        ("1e2", "100.00"),
        (" 7.1 ", "7.10"),
        (50, "50.00"),
        (-3, "-3.00"),
        (Decimal("99.995"), "100.00"),
        (Decimal("0.1"), "0.10"),
        ("999999999999999.99", "999999999999999.99"),
    ],
)
def test_to_money_rounds_half_up_to_the_cent(value: object, expected: str) -> None:
    amount = to_money(value)  # type: ignore[arg-type]
    assert isinstance(amount, Decimal)
    assert str(amount) == expected
    assert amount.as_tuple().exponent == -2


@pytest.mark.parametrize("value", [0.1, 1.0, float("nan"), float("inf")])
def test_floats_are_refused(value: float) -> None:
    with pytest.raises(TypeError, match="float"):
        to_money(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["", "abc", "1,000", "¥100", "1.2.3", "12元", "NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf", "1e30"]
)
def test_garbage_and_non_finite_values_are_invalid(value: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        to_money(value)
    assert info.value.code == "invalid_amount"
    assert info.value.details == {"value": value}


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_non_finite_decimals_are_invalid(value: Decimal) -> None:
    with pytest.raises(ValidationFailed) as info:
        to_money(value)
    assert info.value.code == "invalid_amount"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(10**17), max_value=10**17))
def test_rounding_matches_integer_arithmetic(thousandths: int) -> None:
    """For any amount with three decimals, the cent is the half-up rounding done in integers."""
    sign = -1 if thousandths < 0 else 1
    cents = sign * ((abs(thousandths) + 5) // 10)
    amount = to_money(str(Decimal(thousandths).scaleb(-3)))
    assert amount == Decimal(cents).scaleb(-2)
    assert to_money(amount) == amount  # idempotent


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("13800"), "13,800.00 元"),
        (Decimal("1234567.891"), "1,234,567.89 元"),
        (Decimal("0.005"), "0.01 元"),
        (Decimal("999.995"), "1,000.00 元"),
        (Decimal("-2500.5"), "-2,500.50 元"),
        (0, "0.00 元"),
    ],
)
def test_format_yuan(amount: Decimal, text: str) -> None:
    assert format_yuan(amount) == text


def test_money_field_defaults() -> None:
    field = MoneyField()
    assert (field.max_digits, field.decimal_places) == (17, 2)
    assert MoneyField(max_digits=12).max_digits == 12
