"""Online hearing in a real browser: the clerk sends the links and writes the transcript (HTMX autosave
under the strict CSP), a party without an account joins by query code, reads and signs the transcript.
``TIANPING_SCREENSHOTS=<dir>`` keeps screenshots of every page at 1280 and 390 px."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests import factories
from tests.conftest import Users
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.e2e.conftest import browser, page  # noqa: F401  (fixtures)
from tests.hearings.conftest import World
from tests.hearings.online_support import during, issue, online_hearing
from tianping.hearings.models import Attendance, Transcript

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

SHOTS = os.environ.get("TIANPING_SCREENSHOTS", "")


def shoot(page: Any, name: str) -> None:  # noqa: F811
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def login(page: Any, live_server: Any, username: str) -> None:  # noqa: F811
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/home/")


def test_links_autosave_join_and_sign(page: Any, live_server: Any, world: World, users: Users, media: Path) -> None:  # noqa: F811
    online = online_hearing(world, users.judge)
    hearing_url = f"{live_server.url}/hearings/{online.hearing.pk}/"
    with during(online.hearing, 1):
        login(page, live_server, "courtclerk")
        page.goto(hearing_url)
        page.click("button:has-text('发送入庭链接')")
        assert "已向 3 位在线参加人发送入庭链接" in page.inner_text("body")
        shoot(page, "hearing-online-panel")

        page.click("a:has-text('记录笔录')")
        page.fill("#transcript-text", "审判长：现在开庭。\n原告：坚持诉讼请求。")
        page.wait_for_selector("#autosave-status:has-text('已自动保存')", timeout=10_000)
        shoot(page, "transcript-editor")
        assert Transcript.objects.get().revision == 1
        page.click("button:has-text('提交核对签名')")
        assert "已提交核对签名" in page.inner_text("body")

        tokens = issue(online, world.court_clerk)
        party = world.defendant
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/hearings/join/{tokens['北京某某科技有限公司']}/")
        shoot(page, "join-identity")
        page.fill("#query-code", party.query_code)
        page.fill("#id-suffix", party.credit_code[-6:])
        page.click("button:has-text('核验身份并入庭')")
        assert "身份核验通过" in page.inner_text("body")
        assert "?jwt=" in (page.get_attribute("a:has-text('打开庭审视频')", "href") or "")
        shoot(page, "join-video")
        assert Attendance.objects.filter(participant=online.company).count() == 1

        page.click("a:has-text('核对庭审笔录')")
        page.fill("#query-code", party.query_code)
        page.fill("#id-suffix", party.credit_code[-6:])
        page.click("button:has-text('查看笔录')")
        assert "原告：坚持诉讼请求。" in page.inner_text("body")
        shoot(page, "join-transcript")
        page.click("button:has-text('确认无误并签名')")
        assert "签名成功" in page.inner_text("body")

        login(page, live_server, "judge")
        page.goto(f"{live_server.url}/hearings/{online.hearing.pk}/transcript/review/")
        shoot(page, "transcript-review")
        page.click("button:has-text('确认无误并签名')")
        assert "签名成功" in page.inner_text("body")
    assert page.console_errors == []
