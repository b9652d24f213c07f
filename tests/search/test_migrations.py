"""Migrations 0002–0004 on existing index entries, on the configured database (SQLite
FTS5 or PostgreSQL tsvector): the long columns move beside the row, the row gets its facet
group, and the entries stay searchable with their facets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.search.conftest import LOAN_TEXT
from tianping.search.models import FacetGroup, IndexedJudgment, IndexedJudgmentText
from tianping.search.selectors import judgment_search
from tianping.search.text import segment

BEFORE = [("search", "0001_initial")]
AFTER = [("search", "0004_text_facet_group")]


def migrate(target: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    return MigrationExecutor(connection)  # a fresh graph for the next step


@pytest.mark.django_db(transaction=True)
def test_0002_to_0004_keep_existing_entries_searchable() -> None:
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("search", "IndexedJudgment")
    tokens = segment(f"张某与李某民间借贷纠纷一审民事判决书\n{LOAN_TEXT}")
    row = old.objects.create(
        publication_id=9001, title="张某与李某民间借贷纠纷一审民事判决书", text=LOAN_TEXT, tokens=tokens,
        case_number="（2026）京0105民初9001号", case_number_norm="(2026)京0105民初9001号", court_id=1,
        court_name="北京市朝阳区人民法院", court_path="/1/", court_level="basic", region_code="110105",
        region_name="朝阳区", case_category="civil", case_type_code="民初", cause_id=1, cause_name="民间借贷纠纷",
        document_kind="civil_judgment", procedure="simplified", judgment_date=dt.date(2026, 3, 1),
        judgment_year=2026, published_at=dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC),
    )  # fmt: skip
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Django's flush after an earlier transactional test empties the model tables but not the
            # FTS5 virtual table, so a stale row may hold this rowid.
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [row.pk])
            cursor.execute("INSERT INTO search_fts (rowid, tokens) VALUES (%s, %s)", [row.pk, tokens])
    try:
        migrate(AFTER)
        moved = IndexedJudgmentText.objects.get(judgment_id=row.pk)
        assert moved.text == LOAN_TEXT
        assert moved.tokens == tokens
        result = judgment_search(q="民间借贷 利息")
        assert [h.row.publication_id for h in result.hits] == [9001]
        assert "<mark>利息</mark>" in result.hits[0].snippet
        assert result.total == 1
        assert result.facets["cause"] == [{"value": 1, "label": "民间借贷纠纷", "count": 1}]
        assert result.facets["court"] == [{"value": 1, "label": "北京市朝阳区人民法院", "count": 1}]
        grouped = IndexedJudgment.objects.get(pk=row.pk).facet_group_id
        assert grouped is not None
        assert IndexedJudgmentText.objects.get(judgment_id=row.pk).facet_group_id == grouped
    finally:
        IndexedJudgment.objects.all().delete()
        FacetGroup.objects.all().delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fts")
        migrate(AFTER)
