"""Page templates work under the Content-Security-Policy (``style-src 'self'; script-src 'self'``):
no inline style attributes or blocks, no inline scripts or event handlers — the browser blocks them
(and logs a console error). Print templates (WeasyPrint, never served as pages) are exempt."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "tianping"
INLINE = re.compile(r"""\sstyle\s*=|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=\s*["']""", re.IGNORECASE)


def page_templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*.html") if "print" not in p.relative_to(SRC).parts)


def test_there_are_page_templates_to_check() -> None:
    assert len(page_templates()) > 50


@pytest.mark.parametrize("template", page_templates(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_inline_style_or_script(template: Path) -> None:
    found = [m.group(0).strip() for m in INLINE.finditer(template.read_text(encoding="utf-8"))]
    assert found == [], f"{template.relative_to(SRC)}: {found} is blocked by the CSP; use a class in site.css"
