"""One search interface, a backend per database.

``index_put`` / ``index_remove`` keep ``IndexedJudgment`` and the vendor's full-text part in
step; ``backend()`` returns the full-text backend of the default connection:

* ``SqliteFts5Backend``: FTS5 ``MATCH`` over ``search_fts`` (words as quoted strings, phrases
  as one quoted string), ranked by ``bm25``;
* ``PostgresTsvectorBackend``: ``tsv @@ plainto_tsquery && phraseto_tsquery`` ('simple'
  configuration) over the whole text, ranked by ``ts_rank`` over ``rank_tsv``, the compact
  vector of the title and the opening (the first 1,000 characters of the segmented text,
  about 300 characters of the judgment: parties, cause, claims; migration 0002). Ranking on
  the whole ``tsv`` had to de-TOAST and scan every matched document's vector (140–600 ms for
  ~12,000 matches at 100,000 documents); the lead vector sits in the row. Matches whose
  opening has none of the terms rank last, newest index entry first.

Both take a filtered queryset of ``IndexedJudgment`` and return the matched subset or one
ranked page of ids, so filters, facets and pagination are written once (``selectors``).
"""

from __future__ import annotations

from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL

from tianping.search.models import FacetGroup, IndexedJudgment, IndexedJudgmentText
from tianping.search.services import IndexInput
from tianping.search.text import ParsedQuery, normalize_case_number, segment


class SearchBackend(Protocol):
    def matching(self, qs: QuerySet[IndexedJudgment], query: ParsedQuery) -> QuerySet[IndexedJudgment]:
        """The rows of ``qs`` that match ``query``."""

    def ranked_ids(
        self, qs: QuerySet[IndexedJudgment], query: ParsedQuery, *, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        """(id, score) of the matching rows of ``qs``, best first (higher score is better)."""

    def group_counts(self, qs: QuerySet[IndexedJudgment], query: ParsedQuery) -> list[tuple[int | None, int]]:
        """(facet_group_id, number of rows) over the rows of ``qs`` that match ``query``."""

    def ranked_ids_and_groups(
        self, qs: QuerySet[IndexedJudgment], query: ParsedQuery, *, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], list[tuple[int | None, int]]]:
        """``ranked_ids`` and ``group_counts`` together (in one pass where the database can)."""

    def write_text(self, *, row_id: int, tokens: str) -> None:
        """Store the segmented text of one row in the full-text part."""

    def delete_text(self, *, row_id: int) -> None: ...


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SqliteFts5Backend:
    def fts_query(self, query: ParsedQuery) -> str:
        parts = [_quoted(w) for w in query.loose] + [_quoted(" ".join(p)) for p in query.phrases]
        return (" OR " if query.any_of else " AND ").join(parts)

    def matching(self, qs: QuerySet[IndexedJudgment], query: ParsedQuery) -> QuerySet[IndexedJudgment]:
        matched = RawSQL("SELECT rowid FROM search_fts WHERE search_fts MATCH %s", [self.fts_query(query)])
        return qs.filter(id__in=matched)

    def ranked_ids(
        self, qs: QuerySet[IndexedJudgment], query: ParsedQuery, *, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        select = "SELECT rowid, bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH %s"
        params: tuple[Any, ...] = ()
        if qs.query.where:  # filters: keep the rows they allow (+rowid: FTS5 must not drive by rowid)
            inner, params = qs.order_by().values("id").query.sql_with_params()
            select += f" AND +rowid IN ({inner})"  # Django's compiled SQL; every value is a parameter
        sql = select + " ORDER BY score, rowid DESC LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.fts_query(query), *params, limit, offset])
            return [(row_id, -score) for row_id, score in cursor.fetchall()]

    def group_counts(self, qs: QuerySet[IndexedJudgment], query: ParsedQuery) -> list[tuple[int | None, int]]:
        # INDEXED BY: the planner would look each match up in the table; the covering index
        # (id, facet_group_id) is a fraction of its size
        sql = (
            "SELECT facet_group_id, count(*) FROM search_indexedjudgment INDEXED BY search_ij_id_facet_group"
            " WHERE id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        )
        params: tuple[Any, ...] = ()
        if qs.query.where:
            inner, params = qs.order_by().values("id").query.sql_with_params()
            sql += f" AND id IN ({inner})"  # Django's compiled SQL; every value is a parameter
        with connection.cursor() as cursor:
            cursor.execute(sql + " GROUP BY facet_group_id", [self.fts_query(query), *params])
            return [(group, n) for group, n in cursor.fetchall()]

    def ranked_ids_and_groups(
        self, qs: QuerySet[IndexedJudgment], query: ParsedQuery, *, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], list[tuple[int | None, int]]]:
        return self.ranked_ids(qs, query, limit=limit, offset=offset), self.group_counts(qs, query)

    def write_text(self, *, row_id: int, tokens: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [row_id])
            cursor.execute("INSERT INTO search_fts (rowid, tokens) VALUES (%s, %s)", [row_id, tokens])

    def delete_text(self, *, row_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [row_id])


RANK_PG = "ts_rank(rank_tsv, {query})"


class PostgresTsvectorBackend:
    def tsquery(self, query: ParsedQuery) -> tuple[str, list[str]]:
        parts: list[str] = []
        params: list[str] = []
        if query.any_of:
            parts.append("(" + " || ".join("plainto_tsquery('simple', %s)" for _w in query.loose) + ")")
            params.extend(query.loose)
        elif query.loose:
            parts.append("plainto_tsquery('simple', %s)")
            params.append(" ".join(query.loose))
        for phrase in query.phrases:
            parts.append("phraseto_tsquery('simple', %s)")
            params.append(" ".join(phrase))
        return "(" + " && ".join(parts) + ")", params

    def matching(self, qs: QuerySet[IndexedJudgment], query: ParsedQuery) -> QuerySet[IndexedJudgment]:
        sql, params = self.tsquery(query)
        select = f"SELECT judgment_id FROM search_indexedjudgmenttext WHERE tsv @@ {sql}"  # noqa: S608 (fixed)
        matched = RawSQL(select, params)  # noqa: S611 (values are parameters)
        return qs.filter(id__in=matched)

    def _scored(self, qs: QuerySet[IndexedJudgment], query: ParsedQuery) -> tuple[str, list[Any]]:
        """SELECT judgment_id, score, facet_group_id of the matching rows of ``qs`` (not ordered)."""
        sql, params = self.tsquery(query)
        select = (
            f"SELECT judgment_id, {RANK_PG.format(query=sql)} AS score, facet_group_id"  # noqa: S608 (fixed)
            f" FROM search_indexedjudgmenttext WHERE tsv @@ {sql}"
        )
        args: list[Any] = [*params, *params]
        if qs.query.where:  # filters: keep the rows they allow
            inner, inner_params = qs.order_by().values("id").query.sql_with_params()
            select += f" AND judgment_id IN ({inner})"  # Django's compiled SQL; every value is a parameter
            args.extend(inner_params)
        return select, args

    def ranked_ids(
        self, qs: QuerySet[IndexedJudgment], query: ParsedQuery, *, limit: int, offset: int
    ) -> list[tuple[int, float]]:
        select, args = self._scored(qs, query)
        with connection.cursor() as cursor:
            cursor.execute(select + " ORDER BY score DESC, judgment_id DESC LIMIT %s OFFSET %s", [*args, limit, offset])
            return [(row_id, float(score)) for row_id, score, _group in cursor.fetchall()]

    def ranked_ids_and_groups(
        self, qs: QuerySet[IndexedJudgment], query: ParsedQuery, *, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], list[tuple[int | None, int]]]:
        """One statement: the matched set is read (GIN, then the rows with their ``rank_tsv``
        and ``facet_group_id``) once, kept, and both ranked and grouped by facet combination."""
        select, args = self._scored(qs, query)
        sql = (
            f"WITH m AS MATERIALIZED ({select})"  # noqa: S608 (fixed fragments, values are parameters)
            " (SELECT 0 AS part, judgment_id AS key, score::float8 AS value FROM m"
            "  ORDER BY score DESC, judgment_id DESC LIMIT %s OFFSET %s)"
            " UNION ALL"
            " (SELECT 1, facet_group_id, count(*)::float8 FROM m GROUP BY facet_group_id)"
        )
        ranked: list[tuple[int, float]] = []
        groups: list[tuple[int | None, int]] = []
        with connection.cursor() as cursor:
            cursor.execute(sql, [*args, limit, offset])
            for part, key, value in cursor.fetchall():
                if part == 0:
                    ranked.append((key, float(value)))
                else:
                    groups.append((key, int(value)))
        return ranked, groups

    def group_counts(self, qs: QuerySet[IndexedJudgment], query: ParsedQuery) -> list[tuple[int | None, int]]:
        return group_counts(self.matching(qs, query))

    def write_text(self, *, row_id: int, tokens: str) -> None:
        """Nothing to do: ``tsv`` is a generated column over ``tokens``."""

    def delete_text(self, *, row_id: int) -> None:
        """Nothing to do: the row's delete removes its ``tsv``."""


def group_counts(qs: QuerySet[IndexedJudgment]) -> list[tuple[int | None, int]]:
    """(facet_group_id, number of rows) over ``qs``."""
    return list(qs.order_by().values_list("facet_group_id").annotate(n=Count("id")).values_list("facet_group_id", "n"))


def backend() -> SearchBackend:
    if connection.vendor == "sqlite":
        return SqliteFts5Backend()
    if connection.vendor == "postgresql":
        return PostgresTsvectorBackend()
    raise NotImplementedError(f"no full-text search backend for {connection.vendor}")


def _row_fields(entry: IndexInput) -> dict[str, object]:
    return {
        "title": entry.title,
        "case_number": entry.case_number,
        "case_number_norm": normalize_case_number(entry.case_number) or entry.case_number,
        "court_id": entry.court_id, "court_name": entry.court_name, "court_path": entry.court_path,
        "court_level": entry.court_level, "region_code": entry.region_code, "region_name": entry.region_name,
        "case_category": entry.case_category, "case_type_code": entry.case_type_code, "cause_id": entry.cause_id,
        "cause_name": entry.cause_name, "document_kind": entry.document_kind, "procedure": entry.procedure,
        "judgment_date": entry.judgment_date, "judgment_year": entry.judgment_date.year,
        "published_at": entry.published_at,
    }  # fmt: skip


def _facet_group(entry: IndexInput) -> FacetGroup:
    values = {
        "court_id": entry.court_id, "court_name": entry.court_name, "document_kind": entry.document_kind,
        "judgment_year": entry.judgment_date.year, "cause_id": entry.cause_id, "cause_name": entry.cause_name,
        "case_category": entry.case_category,
    }  # fmt: skip
    return FacetGroup.objects.filter(**values).order_by("id").first() or FacetGroup.objects.create(**values)


def index_put(*, entry: IndexInput) -> None:
    with transaction.atomic():
        row, _ = IndexedJudgment.objects.update_or_create(
            publication_id=entry.publication_id, defaults={**_row_fields(entry), "facet_group": _facet_group(entry)}
        )
        tokens = segment(f"{entry.title}\n{entry.text}")
        IndexedJudgmentText.objects.update_or_create(
            judgment=row, defaults={"text": entry.text, "tokens": tokens, "facet_group_id": row.facet_group_id}
        )
        backend().write_text(row_id=row.pk, tokens=tokens)


def index_remove(*, publication_id: int) -> None:
    with transaction.atomic():
        row = IndexedJudgment.objects.filter(publication_id=publication_id).first()
        if row is None:
            return
        backend().delete_text(row_id=row.pk)
        row.delete()  # and its IndexedJudgmentText (cascade)


def index_clear() -> None:
    with transaction.atomic():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
        IndexedJudgmentText.objects.all().delete()
        IndexedJudgment.objects.all().delete()
        FacetGroup.objects.all().delete()
