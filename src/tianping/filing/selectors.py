"""Reads of the filing context. The fee quote is a pure calculation (``fees.calculate``)."""

from __future__ import annotations

from decimal import Decimal

from tianping.filing import fees
from tianping.filing.enums import FeeKind, FeeProcedure
from tianping.filing.fees import FeeQuote


def fee_quote(
    *,
    kind: FeeKind | str,
    amount: Decimal | int | str | None = None,
    procedure: FeeProcedure | str = FeeProcedure.ORDINARY,
    appeal: bool = False,
) -> FeeQuote:
    """The litigation fee under the 2007 rules; ``ValidationFailed`` for bad input."""
    return fees.calculate(kind=kind, amount=amount, procedure=procedure, appeal=appeal)


def fee_kind_list() -> list[dict[str, str | bool]]:
    """Every fee kind with its label and whether it takes an amount (required / optional / no)."""
    return [
        {
            "value": kind.value,
            "label": str(kind.label),
            "amount": "required"
            if kind in fees.AMOUNT_REQUIRED
            else "optional"
            if kind in fees.AMOUNT_OPTIONAL
            else "none",
            "procedure_applies": kind in fees.CASE_FEE_KINDS,
        }
        for kind in FeeKind
    ]
