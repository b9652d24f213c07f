"""GET /api/v1/public/judgments: the public judgment search (no login, rate-limited)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema

from tianping.core import ratelimit
from tianping.core.middleware import client_ip
from tianping.search import selectors
from tianping.search.params import category_label, judgment_url, kind_label, parse_search_request

router = Router(tags=["public"])

PUBLIC_RATE_DEFAULT = "60/m"


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


class HitOut(Schema):
    publication_id: int
    title: str
    case_number: str
    court_id: int
    court_name: str
    cause_name: str
    document_kind: str
    document_kind_label: str
    judgment_date: dt.date
    snippet: str
    score: float | None
    url: str


class FacetOut(Schema):
    value: Any
    label: str
    count: int


class SearchOut(Schema):
    total: int
    page: int
    page_size: int
    pages: int
    sort: str
    case_number: str | None
    results: list[HitOut]
    facets: dict[str, list[FacetOut]]


def hit_out(hit: selectors.SearchHit) -> dict[str, Any]:
    row = hit.row
    return {
        "publication_id": row.publication_id, "title": row.title, "case_number": row.case_number,
        "court_id": row.court_id, "court_name": row.court_name, "cause_name": row.cause_name,
        "document_kind": row.document_kind, "document_kind_label": kind_label(row.document_kind),
        "judgment_date": row.judgment_date, "snippet": hit.snippet, "score": hit.score,
        "url": judgment_url(row.publication_id),
    }  # fmt: skip


def facets_out(facets: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    labels = {"kind": kind_label, "category": category_label}
    return {
        name: [{**f, "label": labels[name](f["value"]) if name in labels else str(f["label"])} for f in values]
        for name, values in facets.items()
    }


@router.get(
    "/public/judgments",
    auth=None,
    response={200: SearchOut, 422: ErrorOut, 429: ErrorOut},
    url_name="public_judgment_search",
)
def public_judgment_search(request: HttpRequest) -> dict[str, Any]:
    """Search published judgments (裁判文书检索). ``q``: words (all must occur), "quoted phrases",
    or a case number in any bracket style (found exactly). Filters: court (with its subordinate
    courts), level, category, type, cause, kind, procedure, year, date_from/date_to, region;
    ``sort`` relevance|date; ``page`` (20 a page). Snippets are HTML with <mark>; all else escaped."""
    ratelimit.hit("public_search", client_ip(request), settings.RATE_LIMITS.get("public", PUBLIC_RATE_DEFAULT))
    req = parse_search_request(request.GET)
    result = selectors.judgment_search(
        q=req.q, filters=req.filters, sort=req.sort, page=req.page, page_size=req.page_size
    )
    return {
        "total": result.total, "page": result.page, "page_size": result.page_size, "pages": result.pages,
        "sort": result.sort, "case_number": result.case_number, "results": [hit_out(h) for h in result.hits],
        "facets": facets_out(result.facets),
    }  # fmt: skip
