"""Drafting pages: the case section, 我的文书, the drafting page (save with revision, preview, submit),
待签发, the issue page (return, 签发) and the issued document with its downloads."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.judgments.drafting_world import FILLED, ISSUE_DAY, World, ready, world_fixture  # noqa: F401
from tianping.core import clock
from tianping.judgments import services
from tianping.judgments.enums import DraftStatus
from tianping.judgments.models import Draft, IssuedDocument

pytestmark = pytest.mark.django_db


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def form(draft: Draft, **overrides: Any) -> dict[str, Any]:
    data = {f"section_{k}": v for k, v in draft.sections.items()}
    data.update({"revision": draft.revision, "title": draft.title, "approval_level": draft.approval_level,
                 "closes_case": "1", "closing_method": draft.closing_method, "outcome": ""})  # fmt: skip
    data.update(overrides)
    return data


def test_case_page_offers_drafting_and_lists_documents(client: Client, world: World) -> None:
    login(client, world.users.judge)
    page = client.get(reverse("cases:detail", args=[world.case.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "起草文书" in html
    assert 'value="civil_judgment" selected' in html
    created = client.post(reverse("judgments:draft_create", args=[world.case.pk]), {"kind": "civil_judgment"})
    draft = Draft.objects.get()
    assert created.status_code == 302
    assert created["Location"] == reverse("judgments:draft", args=[draft.pk])
    html = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert reverse("judgments:draft", args=[draft.pk]) in html
    login(client, world.users.litigant)
    html = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "起草文书" not in html
    assert reverse("judgments:draft", args=[draft.pk]) not in html


def test_drafting_page_saves_with_revision_and_previews(client: Client, world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind="civil_judgment")
    login(client, world.users.judge)
    page = client.get(reverse("judgments:draft", args=[draft.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for label in ("当事人及诉讼代理人", "本院查明", "本院认为", "判决主文", "判决如下：", "提交签发"):
        assert label in html
    saved = client.post(reverse("judgments:draft_save", args=[draft.pk]),
                        form(draft, section_facts=FILLED["facts"]), follow=True)  # fmt: skip
    assert "已保存" in saved.content.decode()
    assert "尚未填写：本院认为、判决主文</p>" in saved.content.decode()  # the empty required sections, no stray 、
    draft.refresh_from_db()
    assert (draft.revision, draft.sections["facts"]) == (1, FILLED["facts"])
    stale = client.post(reverse("judgments:draft_save", args=[draft.pk]), form(draft, revision=0), follow=True)
    assert "文书已被他人修改" in stale.content.decode()
    preview = client.get(reverse("judgments:draft_preview", args=[draft.pk]))
    assert preview.status_code == 200
    assert preview.content.startswith(b"%PDF-")
    missing = client.post(reverse("judgments:draft_submit", args=[draft.pk]), follow=True)
    assert "本院认为" in missing.content.decode()
    assert Draft.objects.get().status == DraftStatus.DRAFTING


def test_queue_issue_page_return_and_issue(client: Client, world: World) -> None:
    draft = ready(world, approval_level="division_head")
    login(client, world.head)
    queue = client.get(reverse("judgments:issue_queue")).content.decode()
    assert draft.title in queue
    assert reverse("judgments:issue", args=[draft.pk]) in queue
    page = client.get(reverse("judgments:issue", args=[draft.pk])).content.decode()
    assert "退回修改" in page
    assert reverse("judgments:draft_preview", args=[draft.pk]) in page
    client.post(reverse("judgments:draft_return", args=[draft.pk]), {"note": "请补充证据"})
    assert Draft.objects.get().status == DraftStatus.RETURNED
    services.draft_submit(actor=world.users.judge, draft=Draft.objects.get())
    login(client, world.users.judge)  # not the division head: the page says so and the post is refused
    assert "本文书应由庭长签发" in client.get(reverse("judgments:issue", args=[draft.pk])).content.decode()
    client.post(reverse("judgments:draft_issue", args=[draft.pk]))
    assert IssuedDocument.objects.count() == 0
    login(client, world.head)
    with clock.frozen_at(ISSUE_DAY):
        issued = client.post(reverse("judgments:draft_issue", args=[draft.pk]), follow=True)
    document = IssuedDocument.objects.get()
    html = issued.content.decode()
    assert "已签发" in html
    assert document.text_sha256 in html
    assert "二〇二六年十一月二十九日" in html
    pdf = client.get(reverse("judgments:issued_file", args=[document.pk, "pdf"]))
    assert pdf["X-Content-SHA256"] == hashlib.sha256(pdf.content).hexdigest() == document.pdf_sha256
    docx = client.get(reverse("judgments:issued_file", args=[document.pk, "docx"]))
    assert docx["X-Content-SHA256"] == document.docx_sha256
    assert client.get(reverse("judgments:issued_file", args=[document.pk, "exe"])).status_code == 404


def test_my_drafts_and_navigation(client: Client, world: World) -> None:
    draft = services.draft_create(actor=world.court_clerk, case=world.case, kind="ruling")
    login(client, world.users.judge)
    html = client.get(reverse("judgments:my_drafts")).content.decode()
    assert "我的文书" in html
    assert "待签发" in html
    assert draft.title in html


@pytest.mark.parametrize("who", ["outsider", "litigant", "lawyer"])
def test_outsiders_get_the_404_page(client: Client, world: World, who: str) -> None:
    draft = ready(world)
    issued = services.draft_issue(actor=world.users.judge, draft=draft)
    login(client, getattr(world.users, who))
    for url in (reverse("judgments:draft", args=[draft.pk]), reverse("judgments:issue", args=[draft.pk]),
                reverse("judgments:draft_preview", args=[draft.pk]), reverse("judgments:issued", args=[issued.pk]),
                reverse("judgments:issued_file", args=[issued.pk, "pdf"])):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("judgments:draft_create", args=[world.case.pk]), {"kind": "ruling"}).status_code == 404
    assert Draft.objects.count() == 1


@pytest.mark.parametrize("body", [{"revision": "x"}, {"revision": ""}, {"revision": "0", "approval_level": "?"},
                                  {"revision": "0", "section_facts": "长" * 30000}])  # fmt: skip
def test_bad_forms_are_messages_not_500(client: Client, world: World, body: dict[str, str]) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind="civil_judgment")
    login(client, world.users.judge)
    response = client.post(reverse("judgments:draft_save", args=[draft.pk]), body, follow=True)
    assert response.status_code == 200
    assert "未保存" in response.content.decode()
    assert Draft.objects.get().revision == 0
