"""Reads of the search index: the public judgment search and similar cases (类案推送)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tianping.core.errors import NotFound, ValidationFailed
from tianping.courts import selectors as court_selectors
from tianping.search.engine import backend, group_counts
from tianping.search.models import FacetGroup, IndexedJudgment
from tianping.search.text import ParsedQuery, normalize_case_number, parse_query, plain_words, snippet

__all__ = [
    "MAX_PAGE_SIZE",
    "SearchFilters",
    "SearchHit",
    "SearchResult",
    "judgment_search",
    "similar_judgments",
]

MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
FACET_SIZE = 20
SORTS = ("relevance", "date")
SIMILAR_TERMS = 12
_STOP_WORDS = frozenset(
    {
        "本院",
        "原告",
        "被告",
        "认为",
        "以下",
        "如下",
        "规定",
        "根据",
        "依照",
        "第一",
        "第二",
        "第三",
        "判决",
        "本案",
        "上述",
        "没有",
        "对于",
        "其中",
        "因此",
        "可以",
        "应当",
        "已经",
        "提出",
        "一致",
        "相关",
        "进行",
        "予以",
        "关于",
        "情况",
        "诉称",
        "被告人",
        "公诉",
        "机关",
    }
)


@dataclass(frozen=True)
class SearchFilters:
    court_id: int | None = None
    level: str = ""
    category: str = ""
    case_type: str = ""
    cause_id: int | None = None
    kind: str = ""
    procedure: str = ""
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    region: str = ""


@dataclass(frozen=True)
class SearchHit:
    row: IndexedJudgment
    score: float | None
    snippet: str


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    total: int
    page: int
    page_size: int
    sort: str
    case_number: str | None = None
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def _filtered(filters: SearchFilters) -> QuerySet[IndexedJudgment]:
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise ValidationFailed(_("结束日期不能早于开始日期"), code="invalid_date_range")
    qs = IndexedJudgment.objects.all()
    if filters.court_id is not None:
        try:
            court = court_selectors.court_get(court_id=filters.court_id)
        except NotFound:
            raise ValidationFailed(_("法院不存在"), code="unknown_court") from None
        qs = qs.filter(court_path__startswith=court.path)
    exact = {
        "court_level": filters.level, "case_category": filters.category, "case_type_code": filters.case_type,
        "document_kind": filters.kind, "procedure": filters.procedure, "region_code": filters.region,
    }  # fmt: skip
    qs = qs.filter(**{column: value for column, value in exact.items() if value})
    if filters.cause_id is not None:
        qs = qs.filter(cause_id=filters.cause_id)
    if filters.year is not None:
        qs = qs.filter(judgment_year=filters.year)
    if filters.date_from:
        qs = qs.filter(judgment_date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(judgment_date__lte=filters.date_to)
    return qs


FACETS = {  # facet: (value column, label column)
    "court": ("court_id", "court_name"),
    "kind": ("document_kind", "document_kind"),
    "year": ("judgment_year", "judgment_year"),
    "cause": ("cause_id", "cause_name"),
    "category": ("case_category", "case_category"),
}


def _total_and_facets(groups: list[tuple[int | None, int]]) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """The matched count and every facet from the matched set grouped by its rows' facet
    combination (``FacetGroup``, one GROUP BY): the few combinations are summed per facet here."""
    total = sum(n for _group, n in groups)
    combinations = FacetGroup.objects.in_bulk([group for group, _n in groups if group is not None])
    counts: dict[str, Counter[Any]] = {name: Counter() for name in FACETS}
    labels: dict[str, dict[Any, Any]] = {name: {} for name in FACETS}
    for group, n in sorted(groups, key=lambda item: item[0] or 0):  # the newest label of a value wins
        combination = combinations.get(group) if group is not None else None
        if combination is None:
            continue
        for name, (value_column, label_column) in FACETS.items():
            value = getattr(combination, value_column)
            if value is not None:
                counts[name][value] += n
                labels[name][value] = getattr(combination, label_column)
    facets = {
        name: [
            {"value": value, "label": labels[name][value], "count": n}
            for value, n in sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))[:FACET_SIZE]
        ]
        for name, counter in counts.items()
    }
    return total, facets


def _with_text(qs: QuerySet[IndexedJudgment]) -> QuerySet[IndexedJudgment]:
    """The shown rows with their text (for the snippet), not its segmented form."""
    return qs.select_related("body").defer("body__tokens")


def judgment_search(
    *,
    q: str = "",
    filters: SearchFilters | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    with_facets: bool = True,
) -> SearchResult:
    """Published judgments matching ``q`` (words, "phrases", or a case number in any bracket
    style, matched exactly) and ``filters``; one page of hits with highlighted snippets, the
    total and facet counts over the whole matched set."""
    if sort not in SORTS:
        raise ValidationFailed(_("排序方式无效"), code="invalid_sort", details={"allowed": list(SORTS)})
    if page < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValidationFailed(_("页码或每页条数无效"), code="invalid_page", details={"max_page_size": MAX_PAGE_SIZE})
    q = q.strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise ValidationFailed(_("检索词过长"), code="query_too_long", details={"max_length": MAX_QUERY_LENGTH})
    qs = _filtered(filters or SearchFilters())
    case_number = normalize_case_number(q) if q else None
    query = parse_query(q) if q and not case_number else ParsedQuery()
    if case_number:
        qs = qs.filter(case_number_norm=case_number)
    elif q and not query:
        qs = qs.none()  # only punctuation: nothing to look for
    engine = backend()
    matched = engine.matching(qs, query) if query else qs
    offset = (page - 1) * page_size
    scored: list[tuple[IndexedJudgment, float | None]]
    groups: list[tuple[int | None, int]] | None = None
    if query and sort == "relevance":
        if with_facets:
            ranked, groups = engine.ranked_ids_and_groups(qs, query, limit=page_size, offset=offset)
        else:
            ranked = engine.ranked_ids(qs, query, limit=page_size, offset=offset)
        rows = _with_text(IndexedJudgment.objects.all()).in_bulk([row_id for row_id, _score in ranked])
        scored = [(rows[row_id], score) for row_id, score in ranked if row_id in rows]
    else:
        page_rows = _with_text(matched.order_by("-judgment_date", "-id"))[offset : offset + page_size]
        scored = [(row, None) for row in page_rows]
    terms = query.highlight if query else ((q,) if case_number else ())
    hits = [SearchHit(row=row, score=score, snippet=snippet(row.body.text, terms)) for row, score in scored]
    facets: dict[str, list[dict[str, Any]]] = {}
    if not with_facets:
        total = matched.count()
    else:
        if groups is None:
            groups = engine.group_counts(qs, query) if query else group_counts(qs)
        total, facets = _total_and_facets(groups)
    return SearchResult(
        hits=hits, total=total, page=page, page_size=page_size, sort=sort, case_number=case_number, facets=facets
    )


def _top_terms(text: str, limit: int = SIMILAR_TERMS) -> list[str]:
    counts = Counter(w for w in plain_words(text) if len(w) >= 2 and not w.isdigit() and w not in _STOP_WORDS)
    return [w for w, _n in counts.most_common(limit)]


def _ranked_similar(qs: QuerySet[IndexedJudgment], terms: list[str], limit: int) -> list[IndexedJudgment]:
    """The rows of ``qs`` containing any of ``terms``, best first (bm25 / ts_rank weighs the rare ones)."""
    ranked = backend().ranked_ids(qs, ParsedQuery(loose=tuple(terms), any_of=True), limit=limit, offset=0)
    rows = IndexedJudgment.objects.in_bulk([row_id for row_id, _score in ranked])
    return [rows[row_id] for row_id, _score in ranked if row_id in rows]


def similar_judgments(*, publication_id: int | None = None, case: Any = None, limit: int = 5) -> list[IndexedJudgment]:
    """The published judgments most like a publication (or a case): same cause first, then
    text similarity over the document's most frequent words; never the document itself."""
    if publication_id is not None:
        source = _with_text(IndexedJudgment.objects.filter(publication_id=publication_id)).first()
        if source is None:
            return []
        cause_id, text, exclude = source.cause_id, f"{source.title}\n{source.body.text}", Q(pk=source.pk)
    elif case is not None:
        cause_id = getattr(case, "cause_id", None)
        cause = getattr(case, "cause", None)
        text = " ".join(filter(None, [getattr(cause, "name", ""), getattr(case, "title", "")]))
        number = getattr(case, "number", "")
        exclude = Q(case_number=number) if number else Q(pk__in=[])
    else:
        return []
    terms = _top_terms(text)
    candidates = IndexedJudgment.objects.exclude(exclude)
    result: list[IndexedJudgment] = []
    if cause_id is not None:
        same_cause = candidates.filter(cause_id=cause_id)
        result = _ranked_similar(same_cause, terms, limit) if terms else []
        if len(result) < limit:
            taken = {r.pk for r in result}
            result += list(same_cause.exclude(pk__in=taken)[: limit - len(result)])
    if len(result) < limit and terms:
        others = candidates.exclude(pk__in=[r.pk for r in result])
        if cause_id is not None:
            others = others.exclude(cause_id=cause_id)
        result += _ranked_similar(others, terms, limit - len(result))
    return result[:limit]
