"""The public fee calculator page (/fees/): no login, works without JavaScript."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tianping.core import ratelimit
from tianping.core.errors import ApplicationError, RateLimited
from tianping.core.middleware import client_ip
from tianping.filing import selectors
from tianping.filing.forms import FeeQuoteForm


@require_http_methods(["GET", "POST"])
def fee_calculator(request: HttpRequest) -> HttpResponse:
    """GET shows the form; POST (or GET with ``kind``) shows the quote below it."""
    data = request.POST if request.method == "POST" else (request.GET if "kind" in request.GET else None)
    form = FeeQuoteForm(data)
    quote = None
    if data is not None:
        try:
            ratelimit.hit("fee_quote", client_ip(request), settings.RATE_LIMITS["fee_quote"])
        except RateLimited as exc:
            form.add_error(None, exc.message)
            return render(request, "filing/fees.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                quote = selectors.fee_quote(
                    kind=form.cleaned_data["kind"],
                    amount=form.cleaned_data["amount"],
                    procedure=form.cleaned_data["procedure"],
                    appeal=form.cleaned_data["appeal"],
                )
            except ApplicationError as exc:
                field = exc.details.get("field") if isinstance(exc.details, dict) else None
                form.add_error(field if field in form.fields else None, exc.message)
    return render(request, "filing/fees.html", {"form": form, "quote": quote})
