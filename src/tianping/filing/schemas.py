"""Request and response shapes of the fee API (/api/v1/fees …)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from tianping.filing.enums import FeeKind, FeeProcedure


class FeeQuoteIn(Schema):
    kind: FeeKind = Field(description="fee kind (GET /api/v1/fees/kinds)")
    amount: Decimal | str | None = Field(
        default=None,
        description='yuan as a decimal string or number, e.g. "150000.00"; the amount appealed when appeal is true',
    )
    procedure: FeeProcedure = FeeProcedure.ORDINARY
    appeal: bool = False


class FeeLineOut(Schema):
    label: str
    from_: str | None = Field(alias="from", description="the bracket's lower bound (yuan)")
    to: str | None = Field(description="the bracket's upper bound (yuan); null when open-ended")
    rate: str | None = Field(description='e.g. "0.025" for 2.5 %; null for per-case amounts and adjustments')
    amount: str | None = Field(description="null when the line is a range")
    amount_min: str
    amount_max: str


class FeeQuoteOut(Schema):
    kind: FeeKind
    procedure: FeeProcedure
    appeal: bool
    base_amount: str | None
    fixed: bool
    amount: str | None = Field(description="the fee when fixed; null when the rule gives a range")
    amount_min: str
    amount_max: str
    currency: Literal["CNY"] = "CNY"
    lines: list[FeeLineOut]
    basis: str


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class FeeKindOut(Schema):
    value: str
    label: str
    amount: Literal["required", "optional", "none"]
    procedure_applies: bool
