"""Browser tests: Playwright driving Debian's Chromium against Django's live server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import django.test.testcases
import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler

CHROMIUM = os.environ.get("TIANPING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# pytest-django's live server serves /static/ through the apps' finders only when the literal
# "django.contrib.staticfiles" is in INSTALLED_APPS; ours is a subclass of its AppConfig, so it fell back
# to Django's handler for STATIC_ROOT: stale after a CSS change (a copy left by an earlier collectstatic)
# or missing (a fresh clone), and the pages were shown with old or no styles. Serve through the finders,
# as in development. Set at import, before any live server starts (browser tests elsewhere import this).
django.test.testcases._StaticFilesHandler = StaticFilesHandler  # type: ignore[misc]


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# One Chromium per test session. Test modules outside tests/e2e import these fixtures, which makes
# pytest register a second definition of ``browser``; a second sync Playwright cannot start while
# the first runs, so every definition shares the one instance started first.
_running: dict[str, Any] = {}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if "browser" in _running:
        yield _running["browser"]
        return
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # the test itself (to set up data) are still synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-packages` (Debian package chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        _running["browser"] = instance
        try:
            yield instance
        finally:
            _running.clear()
            instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    context.close()
