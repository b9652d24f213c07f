"""Static checks of the page templates (print templates for WeasyPrint, never served as pages, are exempt).

- They work under the Content-Security-Policy (``style-src 'self'; script-src 'self'``): no inline style
  attributes or blocks, no inline scripts or event handlers — the browser blocks them (console error).
- A ``<dl class="facts">`` list wraps each term and its value in a ``<div>``: the grid lays out the divs;
  bare ``<dt>``/``<dd>`` flow into the grid cells one by one and a label stands over another's value.
- A description list's classes exist in site.css (an unknown class leaves the browser's indented list)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "tianping"
INLINE = re.compile(r"""\sstyle\s*=|<style[\s>]|<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
FACTS_LIST = re.compile(r"""<dl class="facts[^"]*">(.*?)</dl>""", re.DOTALL)
SITE_CSS = SRC / "core" / "static" / "tianping" / "css" / "site.css"
LIST_CLASSES = re.compile(r"""<dl class="([^"{]*)">""")
TEMPLATE_TAG = re.compile(r"{%.*?%}", re.DOTALL)


def page_templates() -> list[Path]:
    return sorted(p for p in SRC.rglob("templates/**/*.html") if "print" not in p.relative_to(SRC).parts)


def bare_terms(template_text: str) -> list[str]:
    """The ``<dt>`` of facts lists not opened right after a ``<div>`` (template tags between them ignored)."""
    found = []
    for block in FACTS_LIST.findall(template_text):
        plain = TEMPLATE_TAG.sub("", block)
        for match in re.finditer(r"<dt[\s>]", plain):
            before = plain[: match.start()].rstrip()
            if not re.search(r"<div[^>]*>$", before):
                found.append(plain[match.start() : match.start() + 40])
    return found


def test_there_are_page_templates_to_check() -> None:
    assert len(page_templates()) > 50


def test_bare_terms_are_found() -> None:
    assert len(bare_terms('<dl class="facts"><dt>甲</dt><dd>1</dd><dt>乙</dt><dd>2</dd></dl>')) == 2
    assert bare_terms('<dl class="facts">{% if x %}<div><dt>甲</dt><dd>1</dd></div>{% endif %}</dl>') == []


@pytest.mark.parametrize("template", page_templates(), ids=lambda p: str(p.relative_to(SRC)))
def test_no_inline_style_or_script(template: Path) -> None:
    found = [m.group(0).strip() for m in INLINE.finditer(template.read_text(encoding="utf-8"))]
    assert found == [], f"{template.relative_to(SRC)}: {found} is blocked by the CSP; use a class in site.css"


@pytest.mark.parametrize("template", page_templates(), ids=lambda p: str(p.relative_to(SRC)))
def test_facts_lists_wrap_each_pair(template: Path) -> None:
    assert bare_terms(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("template", page_templates(), ids=lambda p: str(p.relative_to(SRC)))
def test_description_list_classes_are_styled(template: Path) -> None:
    css = SITE_CSS.read_text(encoding="utf-8")
    classes = {c for found in LIST_CLASSES.findall(template.read_text(encoding="utf-8")) for c in found.split()}
    assert {c for c in classes if not re.search(rf"\.{re.escape(c)}\b", css)} == set()
