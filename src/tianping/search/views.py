"""The public judgment search page (裁判文书检索), no login."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tianping.cases.enums import CaseCategory, Procedure
from tianping.core import ratelimit
from tianping.core.errors import RateLimited, ValidationFailed
from tianping.core.middleware import client_ip
from tianping.courts import selectors as court_selectors
from tianping.courts.enums import CourtLevel
from tianping.judgments.enums import DocumentKind
from tianping.search import selectors
from tianping.search.api import PUBLIC_RATE_DEFAULT, facets_out
from tianping.search.params import judgment_url, parse_search_request

FACET_PARAMS = {"court": "court", "kind": "kind", "year": "year", "cause": "cause", "category": "category"}


def _with(params: QueryDict, **changes: Any) -> str:
    """The current query string with ``changes`` applied (None removes) and no page number."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = str(value)
    return query.urlencode()


def _facet_links(params: QueryDict, facets: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    groups = []
    for name, values in facets_out(facets).items():
        param = FACET_PARAMS[name]
        active = params.get(param, "")
        items = [
            {**f, "active": str(f["value"]) == active, "query": _with(params, **{param: f["value"]})} for f in values
        ]
        groups.append({"name": name, "items": items, "clear": _with(params, **{param: None}) if active else None})
    return groups


def _form_choices() -> dict[str, Any]:
    return {
        "courts": list(court_selectors.court_list().order_by("path")), "levels": CourtLevel.choices,
        "categories": CaseCategory.choices, "kinds": DocumentKind.choices, "procedures": Procedure.choices,
    }  # fmt: skip


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"params": request.GET, **_form_choices()}
    try:
        ratelimit.hit("public_search", client_ip(request), settings.RATE_LIMITS.get("public", PUBLIC_RATE_DEFAULT))
        req = parse_search_request(request.GET)
        result = selectors.judgment_search(
            q=req.q, filters=req.filters, sort=req.sort, page=req.page, page_size=req.page_size
        )
    except RateLimited as exc:
        return render(request, "search/search.html", {**context, "error": exc.message}, status=429)
    except ValidationFailed as exc:
        return render(request, "search/search.html", {**context, "error": exc.message}, status=422)
    context |= {
        "result": result,
        "hits": [{"hit": h, "url": judgment_url(h.row.publication_id)} for h in result.hits],
        "facet_groups": _facet_links(request.GET, result.facets),
        "prev_query": _with(request.GET, page=result.page - 1) if result.page > 1 else None,
        "next_query": _with(request.GET, page=result.page + 1) if result.page < result.pages else None,
        "sort_query": {s: _with(request.GET, sort=s) for s in selectors.SORTS},
    }
    return render(request, "search/search.html", context)
