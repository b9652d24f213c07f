"""Online-hearing and transcript pages: the hearing page's panels, the join flow by link, the clerk's
editor with autosave, review and signature (with an account and by query code)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Users
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.hearings.conftest import World
from tests.hearings.online_support import Online, during, issue, online_hearing
from tianping.hearings import services
from tianping.hearings.enums import TranscriptStatus
from tianping.hearings.models import Attendance, Transcript, TranscriptSignature

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(world: World, users: Users, media: Path) -> Online:  # noqa: F811
    return online_hearing(world, users.judge)


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_hearing_page_shows_online_panel_to_staff_and_join_button_to_party(
    client: Client, online: Online, world: World, users: Users
) -> None:
    detail = reverse("hearings:detail", args=[online.hearing.pk])
    staff_page = login(client, world.court_clerk).get(detail).content.decode()
    assert "网上开庭" in staff_page
    assert "发送入庭链接" in staff_page
    assert "出庭记录" in staff_page
    assert reverse("hearings:transcript_edit", args=[online.hearing.pk]) in staff_page
    issue(online, world.court_clerk)
    party_page = login(Client(), users.litigant).get(detail).content.decode()
    assert "进入在线庭审" in party_page
    assert "出庭记录" not in party_page
    assert "发送入庭链接" not in party_page
    online.zhang.refresh_from_db()
    assert reverse("hearings:join", args=[services.join_token_for(online.zhang)]) in party_page


def test_issue_links_from_the_page_and_moderator_redirect(client: Client, online: Online, world: World) -> None:
    login(client, world.court_clerk)
    response = client.post(reverse("hearings:join_links", args=[online.hearing.pk]))
    assert response.status_code == 302
    online.zhang.refresh_from_db()
    assert online.zhang.join_nonce
    with during(online.hearing):
        video = client.post(reverse("hearings:moderator_join", args=[online.hearing.pk]))
    assert video.status_code == 302
    assert "?jwt=" in video["Location"]


def test_outsider_gets_404_on_every_court_page(client: Client, online: Online, users: Users) -> None:
    login(client, users.outsider)
    pk = online.hearing.pk
    for name in ("transcript_edit", "transcript_review"):
        assert client.get(reverse(f"hearings:{name}", args=[pk])).status_code == 404
    for name in ("join_links", "moderator_join", "transcript_submit", "transcript_sign"):
        assert client.post(reverse(f"hearings:{name}", args=[pk])).status_code == 404


def test_party_cannot_open_the_editor(client: Client, online: Online, users: Users) -> None:
    login(client, users.litigant)
    url = reverse("hearings:transcript_edit", args=[online.hearing.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "x", "revision": "0"}).status_code == 403
    assert not Transcript.objects.exists()


def test_join_by_query_code_then_leave(client: Client, online: Online, world: World) -> None:
    token = issue(online, world.court_clerk)["北京某某科技有限公司"]
    url = reverse("hearings:join", args=[token])
    party = world.defendant
    with during(online.hearing):
        form = client.get(url)
        assert form.status_code == 200
        assert "查询码" in form.content.decode()
        wrong = client.post(url, {"query_code": party.query_code, "id_suffix": "000000"})
        assert wrong.status_code == 422
        assert "还可尝试 2 次" in wrong.content.decode()
        page = client.post(url, {"query_code": party.query_code, "id_suffix": party.credit_code[-6:]})
        assert page.status_code == 200
        assert "?jwt=" in page.content.decode()
        attendance = Attendance.objects.get()
        left = client.post(reverse("hearings:join_leave", args=[token]), {"attendance": attendance.pk})
        assert left.status_code == 200
    attendance.refresh_from_db()
    assert attendance.left_at is not None
    # someone else's session cannot close this attendance
    with during(online.hearing):
        assert (
            Client().post(reverse("hearings:join_leave", args=[token]), {"attendance": attendance.pk}).status_code
            == 404
        )


def test_refused_links_explain_why(client: Client, online: Online, world: World, users: Users) -> None:
    old = issue(online, world.court_clerk)["张三"]
    new = issue(online, world.court_clerk)["张三"]
    with during(online.hearing):
        assert client.get(reverse("hearings:join", args=["forged"])).status_code == 404
        revoked = client.get(reverse("hearings:join", args=[old]))
        assert revoked.status_code == 403
        assert "最新" in revoked.content.decode()
        wrong_account = login(Client(), users.lawyer).get(reverse("hearings:join", args=[new])).content.decode()
        assert "不是该诉讼参与人" in wrong_account
    with during(online.hearing, 60 * 24):
        expired = client.get(reverse("hearings:join", args=[new]))
        assert expired.status_code == 403
        assert "已过期" in expired.content.decode()


def test_editor_autosave_by_htmx_and_stale_warning(client: Client, online: Online, world: World) -> None:
    login(client, world.court_clerk)
    url = reverse("hearings:transcript_edit", args=[online.hearing.pk])
    assert client.get(url).status_code == 200
    saved = client.post(url, {"text": "第一稿", "revision": "0"}, headers={"HX-Request": "true"})
    assert saved.status_code == 200
    assert "已自动保存" in saved.content.decode()
    assert 'value="1"' in saved.content.decode()
    stale = client.post(url, {"text": "旧页面的修改", "revision": "0"}, headers={"HX-Request": "true"})
    assert "已被他人更新" in stale.content.decode()
    assert Transcript.objects.get().text == "第一稿"


def test_sign_with_account_and_by_query_code_files_the_transcript(
    client: Client, online: Online, world: World, users: Users
) -> None:
    tokens = issue(online, world.court_clerk)
    party = world.defendant
    identity = {"query_code": party.query_code, "id_suffix": party.credit_code[-6:]}
    with during(online.hearing):
        Client().post(reverse("hearings:join", args=[tokens["北京某某科技有限公司"]]), identity)
    services.transcript_save(actor=world.court_clerk, hearing=online.hearing, text="笔录正文：双方陈述。", revision=0)
    login(client, world.court_clerk).post(reverse("hearings:transcript_submit", args=[online.hearing.pk]))
    version = Transcript.objects.get().versions.get()
    for who in (users.judge, world.court_clerk):
        signer = login(Client(), who)
        review = signer.get(reverse("hearings:transcript_review", args=[online.hearing.pk])).content.decode()
        assert "笔录正文：双方陈述。" in review
        assert version.sha256 in review
        assert "确认无误并签名" in review
        signer.post(reverse("hearings:transcript_sign", args=[online.hearing.pk]), {"text_sha256": version.sha256})
        after = signer.get(reverse("hearings:transcript_review", args=[online.hearing.pk])).content.decode()
        assert "确认无误并签名" not in after
    assert TranscriptSignature.objects.count() == 2
    not_a_signer = login(Client(), users.lawyer).get(reverse("hearings:transcript_review", args=[online.hearing.pk]))
    assert "笔录正文：双方陈述。" in not_a_signer.content.decode()
    assert "确认无误并签名" not in not_a_signer.content.decode()
    anonymous = Client()
    link = reverse("hearings:join_transcript", args=[tokens["北京某某科技有限公司"]])
    shown = anonymous.post(link, identity)
    assert "笔录正文：双方陈述。" in shown.content.decode()
    changed = anonymous.post(link, {**identity, "text_sha256": "f" * 64})
    assert "已变更" in changed.content.decode()
    assert TranscriptSignature.objects.count() == 2
    signed = anonymous.post(link, {**identity, "text_sha256": version.sha256})
    assert "签名成功" in signed.content.decode()
    assert Transcript.objects.get().status == TranscriptStatus.FILED
