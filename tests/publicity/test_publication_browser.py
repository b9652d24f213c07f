"""Browser journey (Chromium): an effective judgment is taken in and anonymized → the court clerk
reviews it side by side, adds a replacement, publishes → the public reads it and finds it by a
search. With TIANPING_SHOTS=dir, screenshots at 1280 and 390 px."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests import factories
from tests.e2e.conftest import browser, page  # noqa: F401  (fixtures)
from tests.publicity.publication_world import (
    EFFECTIVE_ON,
    PubWorld,
    pub_fixture,  # noqa: F401  (fixture)
)
from tianping.publicity import services
from tianping.publicity.enums import PublicationStatus

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def _login(tab: Any, live_server: Any, username: str) -> None:
    tab.context.clear_cookies()
    tab.goto(f"{live_server.url}/accounts/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", factories.PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/accounts/home/")


def _shots(tab: Any, name: str) -> None:
    folder = os.environ.get("TIANPING_SHOTS")
    if not folder:
        return
    for width in (1280, 390):
        tab.set_viewport_size({"width": width, "height": 900})
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    tab.set_viewport_size({"width": 1280, "height": 900})


def test_review_publish_and_read(page: Any, live_server: Any, pub: PubWorld) -> None:  # noqa: F811
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    _login(page, live_server, "courtclerk")
    page.click("nav >> text=文书公开审核")
    page.click(f"text={publication.case_number}")
    page.wait_for_load_state("load")  # review.js listens for the selection only once it has run
    assert "张三" in page.inner_text("#original-text")
    assert "张三" not in page.inner_text("#anonymized-text")
    _shots(page, "publication-review")
    page.evaluate(
        """() => { const node = [...document.querySelectorAll('#original-text')][0];
        const start = node.textContent.indexOf('10000元'); const walker = document.createTreeWalker(node, 4);
        let offset = 0, text;
        while ((text = walker.nextNode())) {
          if (offset + text.length > start) { const range = document.createRange();
            range.setStart(text, start - offset); range.setEnd(text, start - offset + 6);
            const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range); break; }
          offset += text.length; }
        node.dispatchEvent(new MouseEvent('mouseup', {bubbles: true})); }"""
    )
    assert page.input_value("input[name=term]") == "10000元"  # selected in the original
    with page.expect_navigation():  # the form posts and redirects back: read the page after it
        page.click("button:has-text('添加')")
    assert "××××××" in page.inner_text("#anonymized-text")
    with page.expect_navigation():
        page.click("button:has-text('审核通过并公开')")
    assert "已公开" in page.inner_text("body")
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/open/judgments/{publication.pk}/")
    text = page.inner_text("body")
    assert "张某" in text
    assert "张三" not in text
    assert "10000元" not in text
    _shots(page, "publication-public")
    page.goto(f"{live_server.url}/open/search/?q={publication.case_number}")
    assert publication.case_number in page.inner_text("body")
