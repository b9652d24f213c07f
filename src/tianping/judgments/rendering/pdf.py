"""The document as PDF: the blocks laid out by WeasyPrint on A4 in Noto Serif CJK (``print/base.html``)."""

from __future__ import annotations

from typing import Any

from tianping.core.pdf import render_pdf
from tianping.judgments.rendering.text import SIGNATURE, DocumentData, blocks, chinese_date

TEMPLATE = "print/judgments/document.html"


def _print_blocks(data: DocumentData) -> list[dict[str, Any]]:
    """Blocks with the two layout hints the print template needs: the first signature line
    (space above the panel) and the date line."""
    out: list[dict[str, Any]] = []
    first_seen = False
    date_line = chinese_date(data.day)
    for block in blocks(data):
        first = block.style == SIGNATURE and not first_seen
        first_seen = first_seen or block.style == SIGNATURE
        out.append({"style": block.style, "text": block.text, "first": first, "date": block.text == date_line})
    return out


def document_pdf(data: DocumentData, *, draft: bool = False) -> bytes:
    """The PDF of the document; ``draft`` marks every page 草稿 · 未签发 (the preview)."""
    return render_pdf(
        TEMPLATE, {"blocks": _print_blocks(data), "title": data.title, "case_number": data.case_number, "draft": draft}
    )
