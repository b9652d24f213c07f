"""A judge logs in with a real browser and reaches the staff home page."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tianping.accounts.enums import Role

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Any, live_server: Any, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


def test_staff_logs_in_and_sees_court_and_role(page: Any, live_server: Any) -> None:
    court = factories.court("京0105", "北京市朝阳区人民法院", "basic", division_code="110105", short_name="朝阳法院")
    factories.staff_user("e2e_judge", court, Role.JUDGE, real_name="林审判")

    _login(page, live_server, "e2e_judge", factories.PASSWORD)

    page.wait_for_url(f"{live_server.url}/accounts/home/")
    body = page.inner_text("body")
    assert "林审判" in body
    assert "北京市朝阳区人民法院" in body
    assert "法官" in body
    assert "法院名录" in body  # the navigation offers what exists so far
    assert page.console_errors == []  # no CSP violations or script errors


def test_wrong_password_shows_message_and_stays_on_login(page: Any, live_server: Any) -> None:
    court = factories.court("京0108", "北京市海淀区人民法院", "basic", division_code="110108")
    factories.staff_user("e2e_clerk", court, Role.FILING_CLERK)

    _login(page, live_server, "e2e_clerk", "not-the-password")

    assert "/accounts/login/" in page.url
    assert "用户名或密码错误" in page.inner_text("body")
