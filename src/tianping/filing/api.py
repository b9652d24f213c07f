"""The fee API: a public quote (rate limited per client address) and the list of kinds."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router

from tianping.core import ratelimit
from tianping.core.middleware import client_ip
from tianping.filing import selectors
from tianping.filing.fees import FeeQuote
from tianping.filing.schemas import ErrorOut, FeeKindOut, FeeQuoteIn, FeeQuoteOut

router = Router(tags=["fees"])


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def quote_out(quote: FeeQuote) -> dict[str, Any]:
    return {
        "kind": quote.kind,
        "procedure": quote.procedure,
        "appeal": quote.appeal,
        "base_amount": _money(quote.base_amount),
        "fixed": quote.is_fixed,
        "amount": _money(quote.amount),
        "amount_min": _money(quote.amount_min),
        "amount_max": _money(quote.amount_max),
        "lines": [
            {
                "label": line.label,
                "from": _money(line.lower),
                "to": _money(line.upper),
                "rate": _rate(line.rate),
                "amount": _money(line.amount),
                "amount_min": _money(line.amount_min),
                "amount_max": _money(line.amount_max),
            }
            for line in quote.lines
        ],
        "basis": quote.basis,
    }


@router.post("/quote", auth=None, response={200: FeeQuoteOut, 422: ErrorOut, 429: ErrorOut}, by_alias=True)
def fee_quote(request: HttpRequest, payload: FeeQuoteIn) -> dict[str, Any]:
    """The litigation fee under the 2007 rules (《诉讼费用交纳办法》), bracket by bracket, with its basis.
    Amounts are strings with two decimals; a rule with a range gives amount = null and min/max."""
    ratelimit.hit("fee_quote", client_ip(request), settings.RATE_LIMITS["fee_quote"])
    quote = selectors.fee_quote(
        kind=payload.kind, amount=payload.amount, procedure=payload.procedure, appeal=payload.appeal
    )
    return quote_out(quote)


@router.get("/kinds", auth=None, response=list[FeeKindOut])
def fee_kinds(request: HttpRequest) -> list[dict[str, Any]]:
    """Every fee kind with its Chinese label and whether it takes an amount."""
    return selectors.fee_kind_list()
