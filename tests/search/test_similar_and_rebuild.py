"""Similar cases (类案推送) and the rebuild command."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.template import Context, Template

import tianping.publicity.selectors as publicity_selectors
from tests.search.conftest import LOAN_TEXT, SALE_TEXT, Corpus, entry
from tianping.search.selectors import judgment_search, similar_judgments
from tianping.search.services import judgment_index_put

pytestmark = pytest.mark.django_db


def ids(rows: list[Any]) -> list[int]:
    return [row.publication_id for row in rows]


def test_similar_puts_the_same_cause_first_and_never_the_document_itself(corpus: Corpus, courts: Any) -> None:
    # A sale document that talks about loans a lot: text-similar to 101, but another cause.
    judgment_index_put(
        entry=entry(courts.haidian, 400, text=LOAN_TEXT + SALE_TEXT, cause_id=2, cause_name="买卖合同纠纷")
    )
    similar = ids(similar_judgments(publication_id=101, limit=3))
    assert 101 not in similar
    assert similar[0] == 102  # the only other 民间借贷 document comes first
    assert similar[1] == 400  # then the most similar text of another cause
    assert len(similar) == 3


def test_similar_for_a_case_uses_its_cause(corpus: Corpus) -> None:
    case = type("CaseLike", (), {"cause_id": 2, "cause": type("C", (), {"name": "买卖合同纠纷"})(), "number": ""})()
    assert ids(similar_judgments(case=case, limit=2))[0] == 103


def test_similar_of_unknown_publication_is_empty(corpus: Corpus) -> None:
    assert similar_judgments(publication_id=999999) == []


def test_similar_cases_tag_renders_the_list(corpus: Corpus) -> None:
    html = Template("{% load search_tags %}{% similar_cases publication_id=101 limit=2 %}").render(Context({}))
    assert "类案推送" in html
    assert "（2025）" not in html  # no stray case numbers of other years here
    assert "京0108民初102号" in html
    assert "京0105民初101号" not in html  # never the document itself


def test_rebuild_indexes_what_the_publication_pipeline_lists(
    corpus: Corpus, courts: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = [
        entry(courts.chaoyang, 501, text="原告诉请解除房屋租赁合同。", judgment_date=dt.date(2026, 5, 1)),
        entry(courts.haidian, 502, text="被告应支付拖欠的物业费。", judgment_date=dt.date(2026, 5, 2)),
    ]
    monkeypatch.setattr(publicity_selectors, "published_for_index", lambda: iter(published))
    out = StringIO()
    call_command("search_rebuild", stdout=out)
    assert "indexed 2" in out.getvalue()
    assert judgment_search().total == 2  # the old entries are gone
    assert [h.row.publication_id for h in judgment_search(q="物业费").hits] == [502]
    assert [h.row.publication_id for h in judgment_search(q="租赁").hits] == [501]
