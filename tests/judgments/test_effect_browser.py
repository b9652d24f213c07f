"""Browser journeys (Chromium): the court above registers an appeal from the case page; the court clerk
refreshes the effect and seals the archive. With TIANPING_SHOTS=dir, screenshots at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import on_day
from tests.conftest import Users
from tests.e2e.conftest import browser, page  # noqa: F401  (fixtures)
from tests.judgments.test_effect_support import World, issue, serve_all
from tianping.judgments.enums import EffectStatus
from tianping.judgments.models import Archive

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
D = dt.date


def _login(tab: Any, live_server: Any, username: str) -> None:
    tab.context.clear_cookies()
    tab.goto(f"{live_server.url}/accounts/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", factories.PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/accounts/home/")


def _shots(tab: Any, name: str, selector: str = "") -> None:
    folder = os.environ.get("TIANPING_SHOTS")
    if not folder:
        return
    for width in (1280, 390):
        tab.set_viewport_size({"width": width, "height": 900})
        target = tab.locator(selector) if selector else tab
        target.screenshot(path=f"{folder}/{name}-{width}.png", **({} if selector else {"full_page": True}))
    tab.set_viewport_size({"width": 1280, "height": 900})


def test_appeal_registered_from_the_case_page(page: Any, live_server: Any, world: World, users: Users) -> None:  # noqa: F811
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 20))
    _login(page, live_server, "courtclerk")
    with on_day(D(2026, 9, 25)):
        page.goto(f"{live_server.url}/cases/{world.case.pk}/#effect")
        page.click("#effect button:has-text('按送达情况刷新')")
        assert "上诉期内" in page.inner_text("#effect")
        _shots(page, "effect-section-clerk", "#effect")
    _login(page, live_server, "clerk3")
    with on_day(D(2026, 10, 8)):
        page.goto(f"{live_server.url}/cases/{world.case.pk}/#effect")
        page.click("#effect summary:has-text('登记上诉')")
        page.select_option("#effect select[name=party_id]", str(world.defendant.pk))
        page.fill("#effect input[name=filed_on]", "2026-10-08")
        page.click("#effect button[type=submit]:has-text('登记上诉')")
        assert "（2026）京03民终1号" in page.inner_text("body")
        _shots(page, "effect-section-appealed", "#effect")
    document.refresh_from_db()
    assert document.effect_status == EffectStatus.APPEALED
    assert page.console_errors == []


def test_archive_sealed_from_the_archive_page(page: Any, live_server: Any, world: World, users: Users) -> None:  # noqa: F811
    document = issue(users, world.case)
    _login(page, live_server, "courtclerk")
    page.goto(f"{live_server.url}/judgments/cases/{world.case.pk}/archive/")
    assert "✗" in page.inner_text("#checklist")
    _shots(page, "archive-checklist-failing")
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    with on_day(D(2026, 10, 20)):
        page.goto(f"{live_server.url}/cases/{world.case.pk}/#effect")
        page.click("#effect button:has-text('按送达情况刷新')")
        assert "已生效" in page.inner_text("#effect")
        page.click("#effect a:has-text('归档')")
        _shots(page, "archive-checklist-ready")
        page.click("button:has-text('封存并归档')")
        assert "京0105-2026-档-000001" in page.inner_text("body")
        assert "核验通过" in page.inner_text("#seal")
        _shots(page, "archive-sealed")
    assert Archive.objects.filter(case=world.case).exists()
    assert page.console_errors == []
