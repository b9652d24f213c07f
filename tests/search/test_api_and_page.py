"""GET /api/v1/public/judgments and the public page /open/search/: no login, bad input 422,
rate limit, snippets escaped, links to the judgment."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.search.conftest import Corpus, entry
from tianping.search.services import judgment_index_put

pytestmark = pytest.mark.django_db
URL = "/api/v1/public/judgments"


def test_api_search_without_login(client: Client, corpus: Corpus, courts: Any) -> None:
    response = client.get(URL, {"q": "借贷", "court": courts.high.pk, "sort": "date"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 2
    assert [r["publication_id"] for r in body["results"]] == [101, 102]
    assert "<mark>借贷</mark>" in body["results"][0]["snippet"]
    assert body["results"][0]["url"].endswith("/101/") or body["results"][0]["url"].endswith("/101")
    assert {f["label"] for f in body["facets"]["kind"]} == {"民事判决书"}


def test_api_case_number_any_brackets(client: Client, corpus: Corpus) -> None:
    body = client.get(URL, {"q": "〔2026〕京0105刑初105号"}).json()
    assert body["case_number"] == "(2026)京0105刑初105号"
    assert [r["publication_id"] for r in body["results"]] == [105]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"page": "0"}, "invalid_page"),
        ({"page": "abc"}, "invalid_page"),
        ({"page": "100000"}, "invalid_page"),
        ({"sort": "random"}, "invalid_sort"),
        ({"court": "x"}, "invalid_court"),
        ({"court": "999999"}, "unknown_court"),
        ({"level": "galactic"}, "invalid_level"),
        ({"kind": "<script>"}, "invalid_kind"),
        ({"year": "20"}, "invalid_year"),
        ({"date_from": "2026-13-45"}, "invalid_date"),
        ({"date_from": "2026-05-01", "date_to": "2026-01-01"}, "invalid_date_range"),
        ({"region": "北京"}, "invalid_region"),
        ({"q": "借" * 201}, "query_too_long"),
    ],
)
def test_api_bad_parameters_are_422_with_a_code(client: Client, corpus: Corpus, params: dict, code: str) -> None:
    response = client.get(URL, params)
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert set(response.json()) == {"code", "message", "details"}


def test_api_is_rate_limited(client: Client, corpus: Corpus, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public": "2/m"}
    assert client.get(URL, {"q": "借款"}).status_code == 200
    assert client.get(URL, {"q": "借款"}).status_code == 200
    response = client.get(URL, {"q": "借款"})
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"


def test_api_query_count_is_bounded(client: Client, corpus: Corpus, courts: Any) -> None:
    for n in range(20):
        judgment_index_put(entry=entry(courts.haidian, 600 + n))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"q": "借款"}).status_code == 200
    assert len(queries) <= 12


def test_page_shows_hits_snippets_and_facets(client: Client, corpus: Corpus, courts: Any) -> None:
    judgment_index_put(entry=entry(courts.haidian, 700, text="被告<b>借款</b>未还"))
    response = client.get("/open/search/", {"q": "借款"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>借款</mark>" in html
    assert "&lt;b&gt;" in html
    assert "<b><mark>" not in html
    assert "京0105民初101号" in html
    assert "?q=%E5%80%9F%E6%AC%BE&amp;court=" in html  # a court facet as a clickable filter


def test_page_bad_input_says_so(client: Client, corpus: Corpus) -> None:
    response = client.get("/open/search/", {"sort": "random"})
    assert response.status_code == 422
    assert "排序方式无效" in response.content.decode()


def test_page_needs_no_login_and_shows_the_form(client: Client, db: Any) -> None:
    response = client.get("/open/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
