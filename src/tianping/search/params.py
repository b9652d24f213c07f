"""The search request as the page and the API receive it (GET parameters), parsed once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from tianping.cases.enums import CaseCategory, Procedure
from tianping.core.errors import ValidationFailed
from tianping.courts.enums import CourtLevel
from tianping.judgments.enums import DocumentKind
from tianping.search.selectors import DEFAULT_PAGE_SIZE, SORTS, SearchFilters

_SLUG = re.compile(r"^[0-9A-Za-z_\u4e00-\u9fff]{1,32}$")
_REGION = re.compile(r"^\d{2,6}$")
MAX_PAGE = 500  # deeper pages are refused: narrow the query instead


@dataclass(frozen=True)
class SearchRequest:
    q: str
    filters: SearchFilters
    sort: str
    page: int
    page_size: int


def _int(params: Mapping[str, str], name: str, *, low: int, high: int) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationFailed(_("参数无效"), code=f"invalid_{name}", details={"field": name})
    return int(raw)


def _choice(params: Mapping[str, str], name: str, allowed: list[str] | None) -> str:
    raw = (params.get(name) or "").strip()
    if raw and ((allowed is not None and raw not in allowed) or not _SLUG.match(raw)):
        raise ValidationFailed(_("参数无效"), code=f"invalid_{name}", details={"field": name})
    return raw


def _date(params: Mapping[str, str], name: str) -> dt.date | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        parsed = parse_date(raw)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationFailed(_("日期格式不正确"), code="invalid_date", details={"field": name})
    return parsed


def parse_search_request(params: Mapping[str, str], *, page_size: int = DEFAULT_PAGE_SIZE) -> SearchRequest:
    """Every parameter checked; a bad one is a ValidationFailed naming it (422)."""
    region = (params.get("region") or "").strip()
    if region and not _REGION.match(region):
        raise ValidationFailed(_("参数无效"), code="invalid_region", details={"field": "region"})
    sort = (params.get("sort") or "").strip() or "relevance"
    if sort not in SORTS:
        raise ValidationFailed(_("排序方式无效"), code="invalid_sort", details={"allowed": list(SORTS)})
    filters = SearchFilters(
        court_id=_int(params, "court", low=1, high=2**62),
        level=_choice(params, "level", list(CourtLevel.values)),
        category=_choice(params, "category", list(CaseCategory.values)),
        case_type=_choice(params, "type", None),
        cause_id=_int(params, "cause", low=1, high=2**62),
        kind=_choice(params, "kind", list(DocumentKind.values)),
        procedure=_choice(params, "procedure", list(Procedure.values)),
        year=_int(params, "year", low=1949, high=2999),
        date_from=_date(params, "date_from"),
        date_to=_date(params, "date_to"),
        region=region,
    )
    page = _int(params, "page", low=1, high=MAX_PAGE) or 1
    return SearchRequest(q=(params.get("q") or "").strip(), filters=filters, sort=sort, page=page, page_size=page_size)


def judgment_url(publication_id: int) -> str:
    """The public judgment page (publicity context); its public API while the page is missing."""
    for name in ("publicity:judgment", "api:public_judgment"):
        try:
            return reverse(name, args=[publication_id])
        except NoReverseMatch:
            continue
    return ""


def kind_label(value: str) -> str:
    return str(DocumentKind(value).label) if value in DocumentKind.values else value


def category_label(value: str) -> str:
    return str(CaseCategory(value).label) if value in CaseCategory.values else value
