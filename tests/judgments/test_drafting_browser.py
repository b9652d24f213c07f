"""Browser journey (Chromium): the judge drafts a judgment from the case page, saves and submits it;
the division head returns it; the judge corrects and resubmits; the division head signs it (签发)
and downloads the PDF. With TIANPING_SHOTS=dir, screenshots at 1280 and 390 px."""

from __future__ import annotations

import hashlib
import os
from typing import Any

import pytest

from tests import factories
from tests.e2e.conftest import browser, page  # noqa: F401  (fixtures)
from tests.judgments.drafting_world import FILLED, World, world_fixture  # noqa: F401  (fixture)
from tianping.judgments.models import Draft, IssuedDocument

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _login(page: Any, live_server: Any, username: str) -> None:  # noqa: F811
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/home/")


def _shots(page: Any, name: str) -> None:  # noqa: F811
    folder = os.environ.get("TIANPING_SHOTS")
    if not folder:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_draft_submit_return_and_issue(page: Any, live_server: Any, world: World) -> None:  # noqa: F811
    _login(page, live_server, "judge")
    page.goto(f"{live_server.url}/cases/{world.case.pk}/")
    page.click("button:has-text('起草文书')")
    assert "案件已知信息已预先填入" in page.inner_text("body")
    assert "原告：张三，男，1985年3月12日出生" in page.input_value("#section-parties")
    _shots(page, "draft-new")
    page.click("button:has-text('提交签发')")
    assert "本院查明" in page.inner_text(".messages")
    for key in ("facts", "reasoning", "decision"):
        page.fill(f"#section-{key}", FILLED[key])
    page.select_option("#draft-level", "division_head")
    page.click("button:has-text('保存')")
    assert "已保存" in page.inner_text("body")
    page.click("button:has-text('提交签发')")
    assert "已提交签发" in page.inner_text("body")

    _login(page, live_server, "head1")
    page.click("nav >> text=待签发")
    _shots(page, "issue-queue")
    page.click("text=审核签发")
    _shots(page, "issue-page")
    page.fill("#return-note", "请写明证据名称")
    page.click("button:has-text('退回修改')")
    assert "已退回起草人修改" in page.inner_text("body")

    _login(page, live_server, "judge")
    page.click("nav >> text=我的文书")
    page.click("text=民事判决书")
    assert "请写明证据名称" in page.inner_text("body")
    page.fill("#section-facts", FILLED["facts"] + "以上事实，有买卖合同、送货单在案为证。")
    page.click("button:has-text('保存')")
    page.click("button:has-text('提交签发')")
    _shots(page, "draft-submitted")

    _login(page, live_server, "head1")
    page.goto(f"{live_server.url}/judgments/issue-queue/")
    page.click("text=审核签发")
    page.click("button:has-text('签发')")
    assert "已签发，PDF 与 Word 文书已存入电子卷宗" in page.inner_text("body")
    _shots(page, "issued")
    document = IssuedDocument.objects.get()
    href = page.get_attribute("a:has-text('下载 PDF')", "href")
    pdf = page.context.request.get(f"{live_server.url}{href}")
    assert pdf.status == 200
    assert pdf.headers["x-content-sha256"] == hashlib.sha256(pdf.body()).hexdigest() == document.pdf_sha256
    assert Draft.objects.get().issued_by.username == "head1"
    page.goto(f"{live_server.url}/cases/{world.case.pk}/")
    _shots(page, "case-section")
    assert page.console_errors == []
