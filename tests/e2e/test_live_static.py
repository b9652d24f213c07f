"""The live server of the browser tests serves the current stylesheet from the apps' folders, not a
stale or missing copy in STATIC_ROOT (see the WhiteNoise settings in tests/e2e/conftest.py)."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any

SITE_CSS = Path(__file__).resolve().parents[2] / "src/tianping/core/static/tianping/css/site.css"


def test_live_server_serves_the_current_stylesheet(live_server: Any) -> None:
    with urllib.request.urlopen(f"{live_server.url}/static/tianping/css/site.css", timeout=10) as answer:  # noqa: S310
        assert answer.status == 200
        assert answer.read() == SITE_CSS.read_bytes()
