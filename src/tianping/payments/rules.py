"""Small pure rules of the payments context: transitions, limits, order numbers."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings

from tianping.core.errors import Conflict, ValidationFailed
from tianping.core.money import to_money
from tianping.core.workdays import working_calendar
from tianping.payments.enums import OrderStatus, PaymentStatus, ReliefStatus

# Declared status transitions of an order; every change goes through ``transition``.
TRANSITIONS: dict[str, frozenset[str]] = {
    OrderStatus.UNPAID: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED, OrderStatus.EXEMPTED}),
    OrderStatus.PAID: frozenset({OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED}),
    OrderStatus.PARTIALLY_REFUNDED: frozenset({OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED}),
}
# A payment attempt is collected or withdrawn once; a relief application is decided once.
PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    PaymentStatus.PENDING: frozenset({PaymentStatus.SUCCEEDED, PaymentStatus.VOIDED}),
}
RELIEF_TRANSITIONS: dict[str, frozenset[str]] = {
    ReliefStatus.PENDING: frozenset({ReliefStatus.APPROVED, ReliefStatus.REFUSED}),
}
# Statuses with money received (a receipt can be printed for them).
PAID_STATUSES = (OrderStatus.PAID, OrderStatus.PARTIALLY_REFUNDED, OrderStatus.REFUNDED)
MAX_AMOUNT = Decimal("100000000000.00")  # one hundred billion yuan: far above any fee or deposit
RELATED_TYPE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$")
IDEMPOTENCY_KEY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{7,127}$")
_NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def transition(order: object, to: str) -> str:
    """Move ``order`` to status ``to`` if the table allows it; returns the previous status."""
    return _move(order, TRANSITIONS, OrderStatus, "缴费单", to)


def payment_transition(payment: object, to: str) -> str:
    """Move a payment attempt to ``to`` (collected or voided) if it is still pending."""
    return _move(payment, PAYMENT_TRANSITIONS, PaymentStatus, "支付", to)


def relief_transition(relief: object, to: str) -> str:
    """Decide a relief application (approved or refused) if it is still pending."""
    return _move(relief, RELIEF_TRANSITIONS, ReliefStatus, "缓减免申请", to)


def _move(obj: object, table: dict[str, frozenset[str]], labels: type[Any], what: str, to: str) -> str:
    current = obj.status  # type: ignore[attr-defined]
    if to not in table.get(current, frozenset()):
        raise Conflict(
            f"{what}当前为“{labels(current).label}”，不能改为“{labels(to).label}”",
            code="invalid_transition",
            details={"status": current, "to": to},
        )
    obj.status = to  # type: ignore[attr-defined]
    return str(current)


def positive_amount(value: object, *, field: str = "amount") -> Decimal:
    """A money amount above zero and below ``MAX_AMOUNT``; anything else is a 422."""
    if isinstance(value, float):
        value = str(value)
    amount = to_money(value)  # type: ignore[arg-type]
    if amount <= 0:
        raise ValidationFailed("金额必须大于零", code="amount_not_positive", details={"field": field})
    if amount > MAX_AMOUNT:
        raise ValidationFailed("金额过大", code="amount_too_large", details={"field": field})
    return amount


def check_idempotency_key(key: str | None) -> str:
    key = (key or "").strip()
    if not IDEMPOTENCY_KEY_RE.match(key):
        raise ValidationFailed(
            "幂等键（Idempotency-Key）应为 8 至 128 位字母、数字或 _ . : -",
            code="invalid_idempotency_key",
        )
    return key


def due_date_from(issued_on: dt.date) -> dt.date:
    """The payment deadline: ``PAYMENT_DUE_DAYS`` calendar days, moved past a holiday (CPL art. 85)."""
    return working_calendar().add_days(issued_on, int(settings.PAYMENT_DUE_DAYS))


def new_order_number(today: dt.date) -> str:
    """``JF20261129K7Q2M9`` — readable, dated, hard to guess."""
    return f"JF{today:%Y%m%d}" + "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(6))


def new_reference(prefix: str) -> str:
    return prefix + secrets.token_hex(10).upper()


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_GROUP_UNITS = ("", "万", "亿", "万亿")


def _group_words(group: int) -> str:
    """1–9999 in capital numerals, zeros inside the group read once (1010 → 壹仟零壹拾)."""
    words, zero = "", False
    for place, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
        digit = group // place % 10
        if digit == 0:
            zero = zero or bool(words)
            continue
        if zero:
            words, zero = words + "零", False
        words += _DIGITS[digit] + unit
    return words


def _integer_words(number: int) -> str:
    groups: list[int] = []
    while number:
        number, group = divmod(number, 10000)
        groups.append(group)
    words, zero = "", False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            zero = zero or bool(words)
            continue
        if words and (zero or group < 1000):
            words += "零"
        words += _group_words(group) + _GROUP_UNITS[index]
        zero = False
    return words


def yuan_in_words(amount: Decimal) -> str:
    """The amount in capital numerals as written on receipts: 3300 → 叁仟叁佰元整, 0.05 → 伍分."""
    cents = int(to_money(amount) * 100)
    if cents < 0:
        raise ValueError("a negative amount has no receipt wording")
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    words = _integer_words(yuan) + "元" if yuan else ""
    if not rest:
        return (words or "零元") + "整"
    if yuan and not jiao:
        words += "零"
    if jiao:
        words += _DIGITS[jiao] + "角"
    if fen:
        words += _DIGITS[fen] + "分"
    return words
