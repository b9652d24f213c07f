"""The effect API: the effective-documents list (scope, since, constant query count), refresh, bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cases.conftest import on_day
from tests.conftest import CourtTree, Users, bearer
from tests.judgments.test_effect_support import World, issue, register_case, serve_all

pytestmark = pytest.mark.django_db
D = dt.date


def effective_case(users: Users, courts: CourtTree, clerk: Any) -> Any:
    with on_day(D(2026, 9, 1)):
        case = register_case(users, courts, "民初")
    document = issue(users, case)
    serve_all(users, clerk, document, D(2026, 9, 21))
    return document


def test_effective_documents_for_staff_in_scope(world: World, users: Users, courts: CourtTree, api_client: Any) -> None:
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    url = "/api/v1/effective-documents"
    judge = bearer(api_client, "judge")
    with on_day(D(2026, 9, 25)):
        assert (
            api_client.post(f"/api/v1/issued-documents/{document.pk}/refresh", headers=judge).json()["effect_status"]
            == "appeal_period"
        )
        assert api_client.get(url, headers=judge).json() == []
    with on_day(D(2026, 10, 20)):
        refreshed = api_client.post(f"/api/v1/issued-documents/{document.pk}/refresh", headers=judge).json()
    assert (refreshed["effect_status"], refreshed["effective_on"]) == (
        "effective",
        "2026-10-09",
    )  # 09-21 + 15 = 10-06 (国庆) → 10-08
    [row] = api_client.get(url, headers=judge).json()
    assert (row["id"], row["case_number"], row["pdf_sha256"]) == (document.pk, world.case.number, document.pdf_sha256)
    assert api_client.get(url, {"since": "2026-10-10"}, headers=judge).json() == []
    assert api_client.get(url, headers=bearer(api_client, "judge3")).json() == [row]  # the court above reads it
    assert api_client.get(url, headers=bearer(api_client, "outsider")).json() == []
    assert api_client.get(url, headers=bearer(api_client, "litigant")).json() == []
    bad = api_client.get(url, {"since": "not-a-date"}, headers=judge)
    assert bad.status_code == 422
    assert set(bad.json()) == {"code", "message", "details"}


def test_effective_documents_query_count_does_not_grow(
    world: World, users: Users, courts: CourtTree, api_client: Any
) -> None:
    judge = bearer(api_client, "judge")
    documents = [effective_case(users, courts, world.court_clerk) for _ in range(2)]
    with on_day(D(2026, 10, 20)):
        for d in documents:
            api_client.post(f"/api/v1/issued-documents/{d.pk}/refresh", headers=judge)
    with CaptureQueriesContext(connection) as two:
        assert len(api_client.get("/api/v1/effective-documents", headers=judge).json()) == 2
    documents.append(effective_case(users, courts, world.court_clerk))
    with on_day(D(2026, 10, 20)):
        api_client.post(f"/api/v1/issued-documents/{documents[-1].pk}/refresh", headers=judge)
    with CaptureQueriesContext(connection) as three:
        assert len(api_client.get("/api/v1/effective-documents", headers=judge).json()) == 3
    assert len(three.captured_queries) == len(two.captured_queries)


def test_bad_appeal_input_is_a_422_and_writes_nothing(world: World, users: Users, api_client: Any) -> None:
    document = issue(users, world.case)
    url = f"/api/v1/issued-documents/{document.pk}/appeals"
    headers = bearer(api_client, "clerk3")
    for body in ({}, {"party_id": "x", "filed_on": "2026-10-01"}, {"party_id": 1, "filed_on": "yesterday"}):
        response = api_client.post(url, body, content_type="application/json", headers=headers)
        assert response.status_code == 422, body
        assert set(response.json()) == {"code", "message", "details"}
    with on_day(D(2026, 9, 15)):
        future = api_client.post(url, {"party_id": world.defendant.pk, "filed_on": "2026-12-01"},
                                 content_type="application/json", headers=headers)  # fmt: skip
    assert (future.status_code, future.json()["code"]) == (422, "invalid_filed_on")
    document.refresh_from_db()
    assert document.effect_status == "awaiting_service"
    assert api_client.post("/api/v1/issued-documents/999999/appeals", {"party_id": 1, "filed_on": "2026-10-01"},
                           content_type="application/json", headers=headers).status_code == 404  # fmt: skip
