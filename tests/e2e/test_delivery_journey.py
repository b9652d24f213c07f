"""Electronic service in a real browser: the litigant confirms the electronic address on the case's
送达 page, the court clerk serves a ruling, the litigant finds it in 我的送达 and opens it."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.delivery.conftest import World, huey_immediate, media, world  # noqa: F401  (fixtures)
from tianping.delivery.enums import ServiceStatus
from tianping.delivery.models import Service

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/home/")


def test_consent_serve_and_open(page: Any, live_server: Any, world: World) -> None:  # noqa: F811
    case_page = f"{live_server.url}/delivery/cases/{world.case.pk}/"

    _login(page, live_server, "litigant")
    page.goto(case_page)
    page.fill("#consent-mobile", "13800138000")
    page.click("button:has-text('同意电子送达')")
    assert "已确认电子送达地址" in page.inner_text("body")

    _login(page, live_server, "courtclerk")
    page.goto(case_page)
    page.check(f"input[name=document][value='{world.ruling.pk}']")
    page.check(f"input[name=party][value='{world.plaintiff.pk}']")
    page.check(f"input[name=party][value='{world.defendant.pk}']")
    page.click("#serve button:has-text('送达')")
    assert "已电子送达 1 份，生成纸质送达任务 1 项" in page.inner_text("body")
    page.click("nav >> text=送达任务")
    assert "北京某某科技有限公司" in page.inner_text("body")

    _login(page, live_server, "litigant")
    page.click("nav >> text=我的送达")
    assert "1 份未查阅" in page.inner_text("body")
    page.click("text=民事裁定书")
    assert "尚未查阅" in page.inner_text("body")
    href = page.get_attribute("a:has-text('查看文书')", "href")
    opened = page.context.request.get(f"{live_server.url}{href}")
    assert opened.status == 200
    assert opened.headers["content-type"] == "application/pdf"
    page.reload()
    assert "尚未查阅" not in page.inner_text("body")
    served = Service.objects.get(party=world.plaintiff)
    assert served.status == ServiceStatus.OPENED
    assert page.console_errors == []
