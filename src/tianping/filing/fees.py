"""The litigation-fee calculator of the 2007 rules (《诉讼费用交纳办法》; domain.md §4).

Pure: no database, no request. Every amount is a ``Decimal`` in yuan, rounded half-up to the
cent. A quote lists its lines bracket by bracket (per-case amounts, percentage parts, and the
adjustments: halving, one third, the preservation cap) so that the lines always add up to the
total; a rule that gives a range (离婚 50–300 元 …) yields ``amount_min`` < ``amount_max``.
"""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from tianping.core.errors import ValidationFailed
from tianping.core.money import CENT, to_money
from tianping.filing.enums import FeeErrorCode, FeeKind, FeeProcedure

MAX_AMOUNT = Decimal("999999999999999.99")  # what a MoneyField holds
RULES = "《诉讼费用交纳办法》"

# (lower, upper or None, rate) — the part of the amount above ``lower`` up to ``upper``.
Bracket = tuple[Decimal, Decimal | None, Decimal]


def _d(value: str) -> Decimal:
    return Decimal(value)


PROPERTY_BASE = (_d("10000"), _d("50"))  # up to 10,000: 50 per case
PROPERTY_BRACKETS: tuple[Bracket, ...] = (
    (_d("10000"), _d("100000"), _d("0.025")),
    (_d("100000"), _d("200000"), _d("0.02")),
    (_d("200000"), _d("500000"), _d("0.015")),
    (_d("500000"), _d("1000000"), _d("0.01")),
    (_d("1000000"), _d("2000000"), _d("0.009")),
    (_d("2000000"), _d("5000000"), _d("0.008")),
    (_d("5000000"), _d("10000000"), _d("0.007")),
    (_d("10000000"), _d("20000000"), _d("0.006")),
    (_d("20000000"), None, _d("0.005")),
)
ENFORCEMENT_BASE = (_d("10000"), _d("50"))
ENFORCEMENT_BRACKETS: tuple[Bracket, ...] = (
    (_d("10000"), _d("500000"), _d("0.015")),
    (_d("500000"), _d("5000000"), _d("0.01")),
    (_d("5000000"), _d("10000000"), _d("0.005")),
    (_d("10000000"), None, _d("0.001")),
)
PRESERVATION_BASE = (_d("1000"), _d("30"))
PRESERVATION_BRACKETS: tuple[Bracket, ...] = (
    (_d("1000"), _d("100000"), _d("0.01")),
    (_d("100000"), None, _d("0.005")),
)
PRESERVATION_CAP = _d("5000")
DIVORCE_BRACKETS: tuple[Bracket, ...] = ((_d("200000"), None, _d("0.005")),)
PERSONALITY_BRACKETS: tuple[Bracket, ...] = (
    (_d("50000"), _d("100000"), _d("0.01")),
    (_d("100000"), None, _d("0.005")),
)

# Kinds charged as 案件受理费 (第十三条): the procedure halving and the appeal flag apply to them.
CASE_FEE_KINDS = frozenset(
    {
        FeeKind.PROPERTY,
        FeeKind.DIVORCE,
        FeeKind.PERSONALITY_RIGHTS,
        FeeKind.OTHER_NON_PROPERTY,
        FeeKind.LABOUR,
        FeeKind.IP_NO_AMOUNT,
        FeeKind.ADMINISTRATIVE_SPECIAL,
        FeeKind.ADMINISTRATIVE_OTHER,
    }
)
AMOUNT_REQUIRED = frozenset({FeeKind.PROPERTY, FeeKind.ENFORCEMENT, FeeKind.PAYMENT_ORDER})
AMOUNT_OPTIONAL = frozenset({FeeKind.DIVORCE, FeeKind.PERSONALITY_RIGHTS, FeeKind.PRESERVATION})

# Fixed or ranged per-case fees of the kinds without an amount: (min, max, article).
PER_CASE: dict[FeeKind, tuple[Decimal, Decimal, str]] = {
    FeeKind.OTHER_NON_PROPERTY: (_d("50"), _d("100"), "第十三条第一款第（二）项第3目"),
    FeeKind.LABOUR: (_d("10"), _d("10"), "第十三条第一款第（四）项"),
    FeeKind.IP_NO_AMOUNT: (_d("500"), _d("1000"), "第十三条第一款第（三）项"),
    FeeKind.ADMINISTRATIVE_SPECIAL: (_d("100"), _d("100"), "第十三条第一款第（五）项第1目"),
    FeeKind.ADMINISTRATIVE_OTHER: (_d("50"), _d("50"), "第十三条第一款第（五）项第2目"),
    FeeKind.JURISDICTION_OBJECTION: (_d("50"), _d("100"), "第十三条第一款第（六）项"),
    FeeKind.ENFORCEMENT_NO_AMOUNT: (_d("50"), _d("500"), "第十四条第（一）项第1目"),
    FeeKind.PUBLIC_SUMMONS: (_d("100"), _d("100"), "第十四条第（四）项"),
}


@dataclasses.dataclass(frozen=True)
class FeeLine:
    """One part of a fee: a per-case amount, a bracket's percentage, or an adjustment."""

    label: str
    lower: Decimal | None = None  # the bracket's "from" (yuan), None for per-case amounts and adjustments
    upper: Decimal | None = None  # the bracket's "to", None when open-ended
    rate: Decimal | None = None  # 0.025 for 2.5 %, None for per-case amounts and adjustments
    amount_min: Decimal = Decimal("0.00")
    amount_max: Decimal = Decimal("0.00")

    @property
    def amount(self) -> Decimal | None:
        return self.amount_min if self.amount_min == self.amount_max else None

    @property
    def rate_percent(self) -> str:
        """``Decimal('0.025')`` → ``'2.5%'``; empty without a rate."""
        if self.rate is None:
            return ""
        return f"{(self.rate * 100).normalize():f}%"


@dataclasses.dataclass(frozen=True)
class FeeQuote:
    kind: FeeKind
    procedure: FeeProcedure
    appeal: bool
    base_amount: Decimal | None  # the claimed / appealed / enforced / preserved amount
    amount_min: Decimal
    amount_max: Decimal
    lines: tuple[FeeLine, ...]
    basis: str

    @property
    def amount(self) -> Decimal | None:
        """The fee when it is fixed; ``None`` when the rule gives a range."""
        return self.amount_min if self.amount_min == self.amount_max else None

    @property
    def is_fixed(self) -> bool:
        return self.amount_min == self.amount_max


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _yuan_label(value: Decimal) -> str:
    """10000 → '1万元', 1000 → '1000元', 20000000 → '2000万元'."""
    if value >= 10000 and value % 10000 == 0:
        return _("%(n)s万元") % {"n": f"{(value / 10000).normalize():f}"}
    return _("%(n)s元") % {"n": f"{value.normalize():f}"}


def _bracket_label(lower: Decimal, upper: Decimal | None) -> str:
    if upper is None:
        return _("超过%(lower)s的部分") % {"lower": _yuan_label(lower)}
    return _("超过%(lower)s至%(upper)s的部分") % {"lower": _yuan_label(lower), "upper": _yuan_label(upper)}


def _brackets(value: Decimal, brackets: tuple[Bracket, ...]) -> list[FeeLine]:
    """The percentage parts of ``value`` falling into each bracket it reaches."""
    lines = []
    for lower, upper, rate in brackets:
        if value <= lower:
            break
        applied_top = value if upper is None else min(value, upper)
        amount = _round((applied_top - lower) * rate)
        # The label names the bracket; from/to are the part of the amount that falls into it.
        lines.append(FeeLine(_bracket_label(lower, upper), lower, applied_top, rate, amount, amount))
    return lines


def _per_case(label: str, low: Decimal, high: Decimal, upper: Decimal | None = None) -> FeeLine:
    lower = Decimal("0") if upper is not None else None
    return FeeLine(label, lower, upper, None, _round(low), _round(high))


def _total(lines: list[FeeLine]) -> tuple[Decimal, Decimal]:
    return sum((x.amount_min for x in lines), Decimal("0.00")), sum((x.amount_max for x in lines), Decimal("0.00"))


def _adjustment(label: str, before: tuple[Decimal, Decimal], after: tuple[Decimal, Decimal]) -> FeeLine:
    """A line that takes the total from ``before`` to ``after`` (negative amounts)."""
    return FeeLine(label, amount_min=after[0] - before[0], amount_max=after[1] - before[1])


def _parse_amount(amount: Decimal | int | str | None) -> Decimal | None:
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        return None
    if isinstance(amount, float | bool):
        raise ValidationFailed(_("金额格式不正确"), code=FeeErrorCode.INVALID_AMOUNT, details={"field": "amount"})
    try:
        value = to_money(amount.strip().replace(",", "") if isinstance(amount, str) else amount)
    except ValidationFailed as exc:
        raise ValidationFailed(
            _("金额格式不正确，请填写以元为单位的数字"), code=FeeErrorCode.INVALID_AMOUNT, details={"field": "amount"}
        ) from exc
    if value < 0:
        raise ValidationFailed(_("金额不能为负数"), code=FeeErrorCode.INVALID_AMOUNT, details={"field": "amount"})
    if value > MAX_AMOUNT:
        raise ValidationFailed(_("金额超出可计算范围"), code=FeeErrorCode.INVALID_AMOUNT, details={"field": "amount"})
    return value


def _parse_kind(kind: FeeKind | str) -> FeeKind:
    try:
        return FeeKind(kind)
    except ValueError as exc:
        raise ValidationFailed(_("费用种类不正确"), code=FeeErrorCode.INVALID_KIND, details={"field": "kind"}) from exc


def _parse_procedure(procedure: FeeProcedure | str) -> FeeProcedure:
    try:
        return FeeProcedure(procedure or FeeProcedure.ORDINARY)
    except ValueError as exc:
        raise ValidationFailed(
            _("审理程序不正确"), code=FeeErrorCode.MODIFIER_NOT_APPLICABLE, details={"field": "procedure"}
        ) from exc


def _property_lines(value: Decimal) -> list[FeeLine]:
    upper, base = PROPERTY_BASE
    return [_per_case(_("不超过1万元（每件）"), base, base, upper), *_brackets(value, PROPERTY_BRACKETS)]


def calculate(
    *,
    kind: FeeKind | str,
    amount: Decimal | int | str | None = None,
    procedure: FeeProcedure | str = FeeProcedure.ORDINARY,
    appeal: bool = False,
) -> FeeQuote:
    """The fee for ``kind``. ``amount`` is the amount in dispute (the amount appealed when
    ``appeal``; the amount to enforce or to preserve; the property part of a divorce; the
    damages claimed for personality rights). Raises ``ValidationFailed`` for bad input."""
    fee_kind = _parse_kind(kind)
    fee_procedure = _parse_procedure(procedure)
    value = _parse_amount(amount)

    if fee_kind not in CASE_FEE_KINDS and (fee_procedure != FeeProcedure.ORDINARY or appeal):
        raise ValidationFailed(
            _("该类费用不适用简易程序减半或上诉"),
            code=FeeErrorCode.MODIFIER_NOT_APPLICABLE,
            details={"field": "procedure" if fee_procedure != FeeProcedure.ORDINARY else "appeal"},
        )
    if appeal and fee_procedure != FeeProcedure.ORDINARY:
        raise ValidationFailed(
            _("第二审案件不适用简易程序或小额诉讼程序"),
            code=FeeErrorCode.MODIFIER_NOT_APPLICABLE,
            details={"field": "procedure"},
        )
    if fee_kind in AMOUNT_REQUIRED and value is None:
        raise ValidationFailed(_("请填写金额"), code=FeeErrorCode.AMOUNT_REQUIRED, details={"field": "amount"})
    if fee_kind in AMOUNT_REQUIRED and value is not None and value == 0:
        raise ValidationFailed(_("金额须大于零"), code=FeeErrorCode.INVALID_AMOUNT, details={"field": "amount"})
    if value is not None and fee_kind not in AMOUNT_REQUIRED | AMOUNT_OPTIONAL:
        raise ValidationFailed(
            _("该类费用按件计收，不按金额计算，请勿填写金额"),
            code=FeeErrorCode.AMOUNT_NOT_APPLICABLE,
            details={"field": "amount"},
        )

    articles: list[str] = []
    lines: list[FeeLine]
    if fee_kind == FeeKind.PROPERTY:
        assert value is not None
        lines = _property_lines(value)
        articles.append("第十三条第一款第（一）项")
    elif fee_kind == FeeKind.DIVORCE:
        lines = [_per_case(_("离婚案件（每件）"), Decimal("50"), Decimal("300"))]
        lines += _brackets(value or Decimal("0"), DIVORCE_BRACKETS)
        articles.append("第十三条第一款第（二）项第1目")
    elif fee_kind == FeeKind.PERSONALITY_RIGHTS:
        lines = [_per_case(_("人格权案件（每件）"), Decimal("100"), Decimal("500"))]
        lines += _brackets(value or Decimal("0"), PERSONALITY_BRACKETS)
        articles.append("第十三条第一款第（二）项第2目")
    elif fee_kind == FeeKind.ENFORCEMENT:
        assert value is not None
        upper, base = ENFORCEMENT_BASE
        lines = [_per_case(_("不超过1万元（每件）"), base, base, upper), *_brackets(value, ENFORCEMENT_BRACKETS)]
        articles.append("第十四条第（一）项第2目")
    elif fee_kind == FeeKind.PRESERVATION:
        upper, base = PRESERVATION_BASE
        label = _("不超过1000元或不涉及财产数额（每件）")
        lines = [_per_case(label, base, base, upper), *_brackets(value or Decimal("0"), PRESERVATION_BRACKETS)]
        before = _total(lines)
        if before[1] > PRESERVATION_CAP:
            capped = (min(before[0], PRESERVATION_CAP), PRESERVATION_CAP)
            lines.append(_adjustment(_("最多不超过5000元"), before, capped))
        articles.append("第十四条第（二）项")
    elif fee_kind == FeeKind.PAYMENT_ORDER:
        assert value is not None
        lines = _property_lines(value)
        before = _total(lines)
        third = (_round(before[0] / 3), _round(before[1] / 3))
        lines.append(_adjustment(_("按财产案件受理费标准的三分之一交纳"), before, third))
        articles += ["第十四条第（三）项", "第十三条第一款第（一）项"]
    else:
        low, high, article = PER_CASE[fee_kind]
        lines = [_per_case(_("每件"), low, high)]
        articles.append(article)

    if fee_procedure != FeeProcedure.ORDINARY:
        before = _total(lines)
        half = (_round(before[0] / 2), _round(before[1] / 2))
        label = _("适用简易程序，减半交纳") if fee_procedure == FeeProcedure.SIMPLIFIED else _("小额诉讼，减半交纳")
        lines.append(_adjustment(label, before, half))
        articles.append("第十六条")
    if appeal and fee_kind in AMOUNT_REQUIRED | AMOUNT_OPTIONAL:
        articles.append("第十七条")

    amount_min, amount_max = _total(lines)
    return FeeQuote(
        kind=fee_kind,
        procedure=fee_procedure,
        appeal=appeal,
        base_amount=value,
        amount_min=amount_min,
        amount_max=amount_max,
        lines=tuple(lines),
        basis=RULES + "、".join(articles),
    )
