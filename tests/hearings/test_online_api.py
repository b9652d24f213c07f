"""The online-hearing and transcript API: court side by bearer token, participant side by join link."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import Users, bearer
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.hearings.conftest import World
from tests.hearings.online_support import Online, during, online_hearing, token_of
from tianping.hearings import services
from tianping.hearings.enums import TranscriptStatus
from tianping.hearings.models import Attendance, Transcript, TranscriptSignature

pytestmark = pytest.mark.django_db

TEXT = "审判长：现在开庭。\n书记员：核对当事人身份。"


@pytest.fixture
def online(world: World, users: Users, media: Path) -> Online:  # noqa: F811
    return online_hearing(world, users.judge)


def url(online: Online, tail: str = "") -> str:
    return f"/api/v1/hearings/{online.hearing.pk}{tail}"


def assert_error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    assert set(body) == {"code", "message", "details"}


def issue_links(api_client: Client, online: Online) -> dict[str, str]:
    response = api_client.post(
        url(online, "/join-links"), {}, content_type="application/json", headers=bearer(api_client, "courtclerk")
    )
    assert response.status_code == 200, response.content
    return {row["name"]: token_of(row["url"]) for row in response.json()}


def test_join_links_by_the_clerk_refused_to_party_hidden_from_outsider(
    api_client: Client, online: Online, world: World
) -> None:
    tokens = issue_links(api_client, online)
    assert set(tokens) == {"张三", "北京某某科技有限公司", "李律师"}
    party = api_client.post(
        url(online, "/join-links"), {}, content_type="application/json", headers=bearer(api_client, "litigant")
    )
    assert_error(party, 403, "not_hearing_staff")
    outsider = api_client.post(
        url(online, "/join-links"), {}, content_type="application/json", headers=bearer(api_client, "outsider")
    )
    assert_error(outsider, 404, "hearing_not_found")
    unknown = api_client.post(
        url(online, "/join-links"),
        {"participant_ids": [999999]},
        content_type="application/json",
        headers=bearer(api_client, "courtclerk"),
    )
    assert_error(unknown, 422, "unknown_participants")


def test_join_flow_without_account_and_attendance_list(api_client: Client, online: Online, world: World) -> None:
    token = issue_links(api_client, online)["北京某某科技有限公司"]
    party = world.defendant
    with during(online.hearing, 2):
        info = api_client.get(f"/api/v1/hearings/join/{token}")
        assert info.status_code == 200
        assert info.json()["participant_name"] == "北京某某科技有限公司"
        wrong = api_client.post(
            f"/api/v1/hearings/join/{token}",
            {"query_code": party.query_code, "id_suffix": "123456"},
            content_type="application/json",
        )
        assert_error(wrong, 422, "identity_failed")
        joined = api_client.post(
            f"/api/v1/hearings/join/{token}",
            {"query_code": party.query_code, "id_suffix": party.credit_code[-6:]},
            content_type="application/json",
            headers={"User-Agent": "TestBrowser/1.0"},
        )
        assert joined.status_code == 200, joined.content
        assert joined.json()["video_url"].startswith("https://")
        attendance_id = joined.json()["attendance_id"]
        left = api_client.post(
            f"/api/v1/hearings/join/{token}/leave", {"attendance_id": attendance_id}, content_type="application/json"
        )
        assert left.status_code == 200
    rows = api_client.get(url(online, "/attendance"), headers=bearer(api_client, "judge")).json()
    assert [(r["participant_name"], r["identity_method"], r["left_at"] is not None) for r in rows] == [
        ("北京某某科技有限公司", "query_code", True)
    ]
    assert Attendance.objects.get().user_agent == "TestBrowser/1.0"
    assert_error(
        api_client.get(url(online, "/attendance"), headers=bearer(api_client, "litigant")), 403, "not_hearing_staff"
    )
    assert_error(
        api_client.get(url(online, "/attendance"), headers=bearer(api_client, "outsider")), 404, "hearing_not_found"
    )


def test_join_link_misuse_over_the_api(api_client: Client, online: Online, world: World) -> None:
    tokens = issue_links(api_client, online)
    with during(online.hearing):
        assert_error(api_client.get("/api/v1/hearings/join/forged-token"), 404, "join_link_invalid")
        other = api_client.post(f"/api/v1/hearings/join/{tokens['张三']}/enter", headers=bearer(api_client, "lawyer"))
        assert_error(other, 403, "join_wrong_account")
        own = api_client.post(f"/api/v1/hearings/join/{tokens['张三']}/enter", headers=bearer(api_client, "litigant"))
        assert own.status_code == 200, own.content
    with during(online.hearing, 60 * 24):
        assert_error(api_client.get(f"/api/v1/hearings/join/{tokens['张三']}"), 403, "join_link_expired")


def test_transcript_autosave_stale_permissions_and_signing(
    api_client: Client, online: Online, world: World, users: Users
) -> None:
    tokens = issue_links(api_client, online)
    with during(online.hearing):
        assert (
            api_client.post(
                f"/api/v1/hearings/join/{tokens['张三']}/enter", headers=bearer(api_client, "litigant")
            ).status_code
            == 200
        )
    clerk = bearer(api_client, "courtclerk")
    empty = api_client.get(url(online, "/transcript"), headers=clerk).json()
    assert (empty["status"], empty["revision"], empty["text"]) == ("none", 0, "")
    saved = api_client.put(
        url(online, "/transcript"), {"text": TEXT, "revision": 0}, content_type="application/json", headers=clerk
    )
    assert saved.json()["revision"] == 1
    stale = api_client.put(
        url(online, "/transcript"), {"text": "覆盖", "revision": 0}, content_type="application/json", headers=clerk
    )
    assert_error(stale, 409, "transcript_stale")
    assert stale.json()["details"]["revision"] == 1
    party = bearer(api_client, "litigant")
    assert_error(
        api_client.put(
            url(online, "/transcript"), {"text": "x", "revision": 1}, content_type="application/json", headers=party
        ),
        403,
        "not_transcript_clerk",
    )
    assert_error(
        api_client.get(url(online, "/transcript"), headers=bearer(api_client, "outsider")), 404, "hearing_not_found"
    )
    seen_by_party = api_client.get(url(online, "/transcript"), headers=party).json()
    assert seen_by_party["text"] is None
    assert seen_by_party["latest_version"] is None
    version = api_client.post(url(online, "/transcript/submit"), {}, content_type="application/json", headers=clerk)
    assert version.status_code == 200
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    assert version.json()["sha256"] == digest
    assert api_client.get(url(online, "/transcript/versions/1"), headers=party).json()["text"] == TEXT
    assert_error(
        api_client.get(url(online, "/transcript/versions/7"), headers=party), 404, "transcript_version_not_found"
    )
    changed = api_client.post(
        url(online, "/transcript/sign"), {"text_sha256": "0" * 64}, content_type="application/json", headers=party
    )
    assert_error(changed, 409, "transcript_changed")
    assert not TranscriptSignature.objects.exists()
    for who in ("litigant", "judge", "courtclerk"):
        signed = api_client.post(
            url(online, "/transcript/sign"),
            {"text_sha256": digest},
            content_type="application/json",
            headers=bearer(api_client, who),
        )
        assert signed.status_code == 200, signed.content
    assert signed.json()["transcript_status"] == TranscriptStatus.FILED
    final = api_client.get(url(online, "/transcript"), headers=party).json()
    assert final["dossier_document_id"] == Transcript.objects.get().dossier_document_id
    assert [s["name"] for s in final["signers"]] == ["李法官", "钱书记", "张三"]


def test_query_code_review_and_signature_by_link(api_client: Client, online: Online, world: World) -> None:
    token = issue_links(api_client, online)["北京某某科技有限公司"]
    party = world.defendant
    identity = {"query_code": party.query_code, "id_suffix": party.credit_code[-6:]}
    with during(online.hearing):
        assert (
            api_client.post(f"/api/v1/hearings/join/{token}", identity, content_type="application/json").status_code
            == 200
        )
    clerk = bearer(api_client, "courtclerk")
    api_client.put(
        url(online, "/transcript"), {"text": TEXT, "revision": 0}, content_type="application/json", headers=clerk
    )
    api_client.post(url(online, "/transcript/submit"), {}, content_type="application/json", headers=clerk)
    with during(online.hearing, 60 * 24 * 3):  # days later: the link still serves review and signature
        shown = api_client.post(f"/api/v1/hearings/join/{token}/transcript", identity, content_type="application/json")
        assert shown.status_code == 200, shown.content
        signed = api_client.post(
            f"/api/v1/hearings/join/{token}/transcript/sign",
            {**identity, "text_sha256": shown.json()["sha256"]},
            content_type="application/json",
        )
    assert signed.status_code == 200, signed.content
    signature = TranscriptSignature.objects.get()
    assert (signature.signer_name, signature.identity_method, signature.signer_id) == (
        "北京某某科技有限公司",
        "query_code",
        None,
    )


def test_attendance_list_query_count_does_not_grow(api_client: Client, online: Online, world: World) -> None:
    headers = bearer(api_client, "judge")

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api_client.get(url(online, "/attendance"), headers=headers).status_code == 200
        return len(captured)

    services.attendance_mark_in_court(actor=world.court_clerk, hearing=online.hearing, participant_id=online.zhang.pk)
    queries_for_list()  # the token's first use writes its last-used time
    one = queries_for_list()
    for participant in (online.company, online.lawyer):
        services.attendance_mark_in_court(
            actor=world.court_clerk, hearing=online.hearing, participant_id=participant.pk
        )
    assert queries_for_list() == one
