"""Browser check (Chromium) of the enforcement disclosure page: from the portal to a query by name and
by ID number, the layout on a desktop and a phone-width screen (no horizontal scrolling, the table
stacked), and no console errors. Screenshots go to $TIANPING_SCREENSHOTS when set (looked at by hand)."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.e2e.conftest import browser, page  # noqa: F401  (fixtures)
from tests.publicity.enforcement_world import ZHANG_ID, EnforcementWorld
from tianping.core.validators import mask_id_number

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page: Any, name: str) -> None:  # noqa: F811
    folder = os.environ.get("TIANPING_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_portal_to_enforcement_queries(page: Any, live_server: Any, enforcement_world: EnforcementWorld) -> None:  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/open/")
    assert "失信被执行人" in page.inner_text("main")  # the portal's enforcement figures
    shoot(page, "portal-home-desktop")
    page.get_by_role("link", name="执行信息公开").first.click()
    page.wait_for_url(f"{live_server.url}/open/enforcement/")
    page.get_by_role("link", name="失信被执行人").click()
    page.fill("#name", "张伟")
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    assert "name=" in page.url  # a name query is a shareable address
    body = page.inner_text("main")
    assert "共 1 条" in body
    assert mask_id_number(ZHANG_ID) in body
    shoot(page, "enforcement-desktop-dishonest")

    page.get_by_role("link", name="被执行人", exact=True).click()
    page.fill("#number", ZHANG_ID)
    with page.expect_navigation():
        page.get_by_role("button", name="查询").click()
    assert ZHANG_ID not in page.url
    assert ZHANG_ID not in page.content()
    assert "125,000.00" in page.inner_text("main")

    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "no horizontal scrolling on a phone"
    shoot(page, "enforcement-mobile-debtors")
    page.goto(f"{live_server.url}/open/enforcement/dishonest/{enforcement_world.acme_listing.pk}/")
    assert "统一社会信用代码" in page.inner_text("main")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    shoot(page, "enforcement-mobile-detail")
    assert page.console_errors == []
