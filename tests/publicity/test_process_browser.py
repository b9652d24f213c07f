"""Browser journey (Chromium): from the public portal to a party's process view by query code and ID
number, a wrong pair refused on the page, and the layout on a phone-width screen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.delivery.conftest import World
from tests.e2e.conftest import browser, page  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_portal_to_process_view(page: Any, live_server: Any, world: World) -> None:  # noqa: F811
    page.goto(f"{live_server.url}/open/")
    page.get_by_role("link", name="审判流程公开").first.click()
    page.wait_for_url(f"{live_server.url}/open/process/")

    page.fill("#query_code", world.plaintiff.query_code)
    page.fill("#id_number", "110105199001011234")
    page.get_by_role("button", name="查询").click()
    assert page.get_by_role("alert").inner_text().strip() == "查询码或证件号码不正确"

    page.fill("#id_number", world.plaintiff.id_number)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"{live_server.url}/open/process/cases/{world.case.pk}/")
    body = page.inner_text("main")
    assert world.case.number in body
    assert "流程节点" in body
    assert world.plaintiff.id_number not in page.content()

    page.set_viewport_size({"width": 390, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "no horizontal scrolling on a phone"
    # the one refused attempt is answered 401, which the browser reports; nothing else went wrong
    assert [e for e in page.console_errors if "401" not in e] == []
