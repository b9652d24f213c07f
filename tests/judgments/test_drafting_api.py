"""The drafting API end to end: create, edit with revisions, submit, return, issue, queues, issued
documents and their files; bad input and other people get 4xx with {code, message, details}."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import bearer
from tests.judgments.drafting_world import FILLED, ISSUE_DAY, World, world_fixture  # noqa: F401
from tianping.core import clock
from tianping.judgments.models import Draft, IssuedDocument

pytestmark = pytest.mark.django_db


def auth(api_client: Client, user: Any) -> dict[str, str]:
    return bearer(api_client, user.username)


def create(api_client: Client, headers: dict[str, str], case_id: int, kind: str = "civil_judgment") -> Any:
    return api_client.post(f"/api/v1/cases/{case_id}/drafts", {"kind": kind}, content_type="application/json",
                           headers=headers)  # fmt: skip


def patch(api_client: Client, headers: dict[str, str], draft_id: int, body: dict[str, Any]) -> Any:
    return api_client.patch(f"/api/v1/drafts/{draft_id}", body, content_type="application/json", headers=headers)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    if code:
        assert body["code"] == code
    return body


def test_draft_to_issue_through_the_api(world: World, api_client: Client) -> None:
    judge = auth(api_client, world.users.judge)
    created = create(api_client, judge, world.case.pk)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["title"] == "民事判决书"
    assert body["revision"] == 0
    assert [s["key"] for s in body["sections"]][:3] == ["parties", "procedure", "claims"]
    assert body["missing_sections"] == ["facts", "reasoning", "decision"]
    draft_id = body["id"]

    submit = api_client.post(f"/api/v1/drafts/{draft_id}/submit", headers=judge)
    assert assert_error(submit, 422, "sections_missing")["details"]["missing"] == ["facts", "reasoning", "decision"]

    saved = patch(api_client, judge, draft_id, {"revision": 0, "sections": FILLED, "outcome": "部分支持"})
    assert saved.status_code == 200, saved.content
    assert saved.json()["revision"] == 1
    assert saved.json()["missing_sections"] == []
    assert_error(patch(api_client, judge, draft_id, {"revision": 0, "title": "旧稿"}), 409, "stale_revision")

    assert api_client.post(f"/api/v1/drafts/{draft_id}/submit", headers=judge).json()["status"] == "submitted"
    queue = api_client.get("/api/v1/drafts/issue-queue", headers=judge).json()
    assert [d["id"] for d in queue] == [draft_id]
    mine = api_client.get("/api/v1/drafts/mine", headers=judge).json()
    assert [d["id"] for d in mine] == [draft_id]

    with clock.frozen_at(ISSUE_DAY):
        issued = api_client.post(f"/api/v1/drafts/{draft_id}/issue", headers=judge)
    assert issued.status_code == 201, issued.content
    document = issued.json()
    assert document["issued_on"] == "2026-11-29"
    assert document["text"].startswith("北京市朝阳区人民法院\n民事判决书")
    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK")):
        response = api_client.get(f"/api/v1/issued-documents/{document['id']}/{fmt}", headers=judge)
        assert response.status_code == 200
        assert response.content.startswith(magic)
        assert response["X-Content-SHA256"] == hashlib.sha256(response.content).hexdigest()
        assert response["X-Content-SHA256"] == document[f"{fmt}_sha256"]
    got = api_client.get(f"/api/v1/issued-documents/{document['id']}", headers=judge).json()
    assert got["text_sha256"] == hashlib.sha256(got["text"].encode()).hexdigest()
    assert_error(patch(api_client, judge, draft_id, {"revision": 2, "title": "改"}), 409, "document_issued")
    listed = api_client.get(f"/api/v1/cases/{world.case.pk}/drafts", headers=judge).json()
    assert listed[0]["status"] == "issued"
    assert listed[0]["issued_document_id"] == document["id"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"revision": "one"},
        {"revision": 0, "sections": {"facts": 5}},
        {"revision": 0, "sections": "facts"},
        {"revision": 0, "sections": {"poem": "x"}},
        {"revision": 0, "closes_case": "maybe"},
        {"revision": 0, "approval_level": "emperor"},
        {"revision": 0, "title": "x" * 300},
    ],
)
def test_bad_patches_are_4xx_and_change_nothing(world: World, api_client: Client, body: dict[str, Any]) -> None:
    judge = auth(api_client, world.users.judge)
    draft_id = create(api_client, judge, world.case.pk).json()["id"]
    response = patch(api_client, judge, draft_id, body)
    assert_error(response, 422)
    assert Draft.objects.get(pk=draft_id).revision == 0


@pytest.mark.parametrize("kind", ["", "poem", "x" * 40])
def test_bad_kind_is_422(world: World, api_client: Client, kind: str) -> None:
    assert_error(create(api_client, auth(api_client, world.users.judge), world.case.pk, kind), 422)
    assert Draft.objects.count() == 0


def test_outsiders_get_404_and_wrong_roles_403(world: World, api_client: Client) -> None:
    judge = auth(api_client, world.users.judge)
    draft_id = create(api_client, judge, world.case.pk).json()["id"]
    for user in (world.users.outsider, world.users.litigant, world.users.lawyer):
        headers = auth(api_client, user)
        assert_error(create(api_client, headers, world.case.pk), 404)
        assert_error(api_client.get(f"/api/v1/drafts/{draft_id}", headers=headers), 404)
        assert_error(patch(api_client, headers, draft_id, {"revision": 0, "title": "x"}), 404)
        assert_error(api_client.post(f"/api/v1/drafts/{draft_id}/issue", headers=headers), 404)
    other = auth(api_client, world.other_judge)
    assert_error(create(api_client, other, world.case.pk), 403, "not_case_drafter")
    assert_error(patch(api_client, other, draft_id, {"revision": 0, "title": "x"}), 403, "not_case_drafter")
    patch(api_client, judge, draft_id, {"revision": 0, "sections": FILLED})
    api_client.post(f"/api/v1/drafts/{draft_id}/submit", headers=judge)
    assert_error(api_client.post(f"/api/v1/drafts/{draft_id}/issue", headers=other), 403, "not_issuer")
    assert_error(api_client.post(f"/api/v1/drafts/{draft_id}/return", {"note": "x"}, content_type="application/json",
                                 headers=other), 403, "not_issuer")  # fmt: skip
    assert_error(api_client.post(f"/api/v1/drafts/{draft_id}/return", {}, content_type="application/json",
                                 headers=judge), 422)  # fmt: skip
    assert IssuedDocument.objects.count() == 0
    assert_error(api_client.get("/api/v1/issued-documents/999999", headers=judge), 404)
    assert_error(api_client.get("/api/v1/drafts/999999", headers=judge), 404)


@pytest.mark.parametrize("path", ["/api/v1/drafts/mine", "/api/v1/cases/{case}/drafts", "/api/v1/drafts/issue-queue"])
def test_list_queries_do_not_grow_with_the_list(world: World, api_client: Client, path: str) -> None:
    judge = auth(api_client, world.users.judge)
    url = path.format(case=world.case.pk)

    def queries_for(drafts: int) -> int:
        while Draft.objects.count() < drafts:
            draft_id = create(api_client, judge, world.case.pk).json()["id"]
            patch(api_client, judge, draft_id, {"revision": 0, "sections": FILLED})
            api_client.post(f"/api/v1/drafts/{draft_id}/submit", headers=judge)
        with CaptureQueriesContext(connection) as captured:
            listed = api_client.get(url, headers=judge).json()
        assert len(listed) == drafts
        return len(captured)

    assert queries_for(1) == queries_for(4)
