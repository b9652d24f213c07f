"""Full-text search over the index: words, phrases, case numbers, filters, sorting, snippets,
facets, pagination, incremental writes. Runs on the configured database (SQLite FTS5 or
PostgreSQL tsvector)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.search.conftest import LOAN_TEXT, Corpus, entry
from tianping.core.errors import ValidationFailed
from tianping.search.models import FacetGroup, IndexedJudgment, IndexedJudgmentText
from tianping.search.selectors import MAX_PAGE_SIZE, SearchFilters, judgment_search
from tianping.search.services import judgment_index_put, judgment_index_remove

pytestmark = pytest.mark.django_db


def found(q: str = "", **kwargs: Any) -> set[int]:
    return {hit.row.publication_id for hit in judgment_search(q=q, page_size=MAX_PAGE_SIZE, **kwargs).hits}


def test_two_character_words_find_their_compounds(corpus: Corpus) -> None:
    assert found("借贷") == {101, 102}  # 民间借贷 is one dictionary word; 借贷 still finds it
    assert found("盗窃") == {105}
    assert found("货款") == {103}


def test_all_loose_words_must_occur(corpus: Corpus) -> None:
    assert found("借款 利息") == {101, 102}
    assert found("借款 货款") == set()


def test_phrase_in_quotes_needs_the_words_adjacent(corpus: Corpus) -> None:
    assert found("归还 借款") == {101, 102}
    assert found('"归还借款"') == {101, 102}
    assert found("借款 归还") == {101, 102}
    assert found('"借款归还"') == set()  # the words occur, never in this order
    assert found("“不当得利”") == {104}  # Chinese quotes too


@pytest.mark.parametrize(
    "typed", ["（2026）京03民终104号", "(2026)京03民终104号", "[2026]京03民终104号", "〔2026〕京03民终104号"]
)
def test_case_number_in_any_bracket_style_found_exactly(corpus: Corpus, typed: str) -> None:
    result = judgment_search(q=typed)
    assert result.case_number == "(2026)京03民终104号"
    assert [h.row.publication_id for h in result.hits] == [104]


def test_unknown_case_number_finds_nothing(corpus: Corpus) -> None:
    assert found("（2026）京03民终999号") == set()


def test_filter_court_includes_subordinate_courts(corpus: Corpus, courts: Any) -> None:
    assert found(filters=SearchFilters(court_id=courts.third_intermediate.pk)) == {101, 104, 105}
    assert found(filters=SearchFilters(court_id=courts.chaoyang.pk)) == {101, 105}
    assert found(filters=SearchFilters(court_id=courts.high.pk)) == {101, 102, 103, 104, 105}
    assert found("借贷", filters=SearchFilters(court_id=courts.first_intermediate.pk)) == {102}


def test_unknown_court_is_rejected(corpus: Corpus) -> None:
    with pytest.raises(ValidationFailed) as exc:
        judgment_search(filters=SearchFilters(court_id=999999))
    assert exc.value.code == "unknown_court"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (SearchFilters(level="intermediate"), {104}),
        (SearchFilters(level="basic"), {101, 102, 103, 105}),
        (SearchFilters(category="criminal"), {105}),
        (SearchFilters(case_type="民终"), {104}),
        (SearchFilters(cause_id=2), {103}),
        (SearchFilters(kind="criminal_judgment"), {105}),
        (SearchFilters(procedure="ordinary"), {102}),
        (SearchFilters(year=2025), {102}),
        (SearchFilters(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 3, 31)), {101, 104}),
        (SearchFilters(region="110108"), {102, 103}),
    ],
)
def test_each_filter(corpus: Corpus, filters: SearchFilters, expected: set[int]) -> None:
    assert found(filters=filters) == expected


def test_reversed_date_range_is_rejected(corpus: Corpus) -> None:
    with pytest.raises(ValidationFailed) as exc:
        judgment_search(filters=SearchFilters(date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 1, 1)))
    assert exc.value.code == "invalid_date_range"


def test_sort_by_date_newest_first(corpus: Corpus) -> None:
    hits = judgment_search(q="本院认为", sort="date").hits
    assert [h.row.publication_id for h in hits] == [105, 101, 104, 103, 102]


def test_sort_by_relevance_puts_the_denser_document_first(corpus: Corpus, courts: Any) -> None:
    judgment_index_put(
        entry=entry(
            courts.haidian,
            200,
            title="借款借款借款",
            text="借款。" * 30 + LONG_FILLER,
            judgment_date=dt.date(2020, 1, 1),
        )
    )
    hits = judgment_search(q="借款", sort="relevance").hits
    assert hits[0].row.publication_id == 200
    assert hits[0].score is not None
    assert hits[0].score >= hits[-1].score


LONG_FILLER = "其他无关的陈述。"


def test_terms_deep_in_a_long_text_are_found_and_rank_after_the_document_about_them(
    corpus: Corpus, courts: Any
) -> None:
    # PostgreSQL ranks on the title and opening only (rank_tsv); the match is over the whole text
    deep = "当事人对案件事实陈述如下。" * 150 + "另查明，双方还存在民间借贷关系，约定了利息。"
    judgment_index_put(
        entry=entry(courts.haidian, 210, title="某公司与某物业公司物业服务合同纠纷一审民事判决书", text=deep,
                    cause_id=5, cause_name="物业服务合同纠纷", judgment_date=dt.date(2026, 6, 1))
    )  # fmt: skip
    result = judgment_search(q="借贷 利息", page_size=MAX_PAGE_SIZE)
    ids = [h.row.publication_id for h in result.hits]
    assert set(ids) == {101, 102, 210}
    assert result.total == 3
    assert ids[-1] == 210  # the loan judgments first, though 210 is the newest
    assert "<mark>利息</mark>" in result.hits[-1].snippet


def test_snippet_highlights_terms_and_escapes_html(corpus: Corpus, courts: Any) -> None:
    judgment_index_put(
        entry=entry(courts.haidian, 300, title="含标记的文书", text="被告<script>alert(1)</script>主张借款已经归还。")
    )
    hit = next(h for h in judgment_search(q="借款 归还").hits if h.row.publication_id == 300)
    assert "<mark>借款</mark>" in hit.snippet
    assert "<mark>归还</mark>" in hit.snippet
    assert "<script>" not in hit.snippet
    assert "&lt;script&gt;" in hit.snippet


def test_facet_counts_over_the_matched_set(corpus: Corpus, courts: Any) -> None:
    facets = judgment_search(q="本院认为", page_size=1).facets
    assert {f["label"]: f["count"] for f in facets["court"]} == {
        courts.chaoyang.name: 2, courts.haidian.name: 2, courts.third_intermediate.name: 1,
    }  # fmt: skip
    assert {f["value"]: f["count"] for f in facets["kind"]} == {"civil_judgment": 4, "criminal_judgment": 1}
    assert {f["value"]: f["count"] for f in facets["year"]} == {2026: 4, 2025: 1}
    assert {f["label"]: f["count"] for f in facets["cause"]}["民间借贷纠纷"] == 2
    assert {f["value"]: f["count"] for f in facets["category"]} == {"civil": 4, "criminal": 1}
    loan = judgment_search(q="借贷").facets
    assert {f["label"]: f["count"] for f in loan["cause"]} == {"民间借贷纠纷": 2}


def test_rows_share_their_facet_combination_and_facets_follow_filters(corpus: Corpus, courts: Any) -> None:
    groups = FacetGroup.objects.count()
    assert groups == 5  # the two loan judgments differ in court and year
    judgment_index_put(entry=entry(courts.chaoyang, 106, judgment_date=dt.date(2026, 7, 1)))  # as 101
    judgment_index_put(entry=entry(courts.chaoyang, 101, judgment_date=dt.date(2026, 3, 2)))  # replaced, same
    assert FacetGroup.objects.count() == groups
    judgment_index_put(entry=entry(courts.chaoyang, 107, cause_id=None, cause_name=""))
    assert FacetGroup.objects.count() == groups + 1
    result = judgment_search(q="借款", filters=SearchFilters(court_id=courts.chaoyang.pk))
    assert result.total == 3
    assert {f["value"]: f["count"] for f in result.facets["cause"]} == {1: 2}  # 107 has no cause
    assert {f["value"]: f["count"] for f in result.facets["court"]} == {courts.chaoyang.pk: 3}
    browse = judgment_search(filters=SearchFilters(year=2026)).facets
    assert sum(f["count"] for f in browse["category"]) == judgment_search(filters=SearchFilters(year=2026)).total


def test_pagination_and_page_size_cap(corpus: Corpus) -> None:
    first = judgment_search(q="本院认为", sort="date", page_size=2, page=1)
    third = judgment_search(q="本院认为", sort="date", page_size=2, page=3)
    assert first.total == 5
    assert first.pages == 3
    assert [h.row.publication_id for h in first.hits] == [105, 101]
    assert [h.row.publication_id for h in third.hits] == [102]
    ranked = [judgment_search(q="本院认为", page_size=2, page=p).hits for p in (1, 2, 3)]
    assert sorted(h.row.publication_id for page in ranked for h in page) == [101, 102, 103, 104, 105]
    with pytest.raises(ValidationFailed):
        judgment_search(page_size=MAX_PAGE_SIZE + 1)
    with pytest.raises(ValidationFailed):
        judgment_search(page=0)


def test_put_replaces_and_remove_deletes(corpus: Corpus, courts: Any) -> None:
    judgment_index_put(
        entry=entry(courts.chaoyang, 101, title="准予撤诉民事裁定书", text="双方达成和解，原告撤回起诉。")
    )
    assert 101 not in found("借贷")
    assert found("和解") == {101}
    judgment_index_remove(publication_id=101)
    assert found("和解") == set()
    assert 101 not in found()
    judgment_index_remove(publication_id=101)  # absent: no error


def test_the_text_lives_beside_the_narrow_filter_row(corpus: Corpus, courts: Any) -> None:
    assert {f.column for f in IndexedJudgment._meta.concrete_fields}.isdisjoint({"text", "tokens"})
    row = IndexedJudgment.objects.get(publication_id=101)
    assert row.body.text == LOAN_TEXT
    assert "借贷" in row.body.tokens.split()
    judgment_index_put(entry=entry(courts.chaoyang, 101, text="双方达成和解。"))
    assert IndexedJudgmentText.objects.get(judgment_id=row.pk).text == "双方达成和解。"  # replaced in place
    assert IndexedJudgmentText.objects.count() == IndexedJudgment.objects.count() == 5
    judgment_index_remove(publication_id=101)
    assert not IndexedJudgmentText.objects.filter(judgment_id=row.pk).exists()
    assert IndexedJudgmentText.objects.count() == 4
    assert judgment_search(q="和解").total == 0


def test_only_punctuation_finds_nothing(corpus: Corpus) -> None:
    assert judgment_search(q="，。！").total == 0


def test_query_count_does_not_grow_with_hits(corpus: Corpus) -> None:
    with CaptureQueriesContext(connection) as small:
        judgment_search(q="本院认为", page_size=1)
    with CaptureQueriesContext(connection) as large:
        judgment_search(q="本院认为", page_size=5)
    assert len(large) == len(small) <= 10


def test_runs_on_the_expected_backend() -> None:
    from tianping.search.engine import PostgresTsvectorBackend, SqliteFts5Backend, backend

    expected = {"sqlite": SqliteFts5Backend, "postgresql": PostgresTsvectorBackend}[connection.vendor]
    assert isinstance(backend(), expected)
