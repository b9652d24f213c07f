"""Court documents as PDF: a Django template rendered to HTML, laid out by WeasyPrint.

Every document extends ``print/base.html`` (A4, the margins of official court documents,
Noto CJK fonts from Debian's ``fonts-noto-cjk``). Nothing is fetched from the network:
the URL fetcher serves only ``data:`` URLs, so a template cannot leak a request.
"""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from pypdf import PdfReader

from tianping.core.language import site_language


class ExternalResourceRefused(Exception):
    """A document template asked for a resource outside the document."""


def html_to_pdf(html: str) -> bytes:
    """Lay out ``html`` as PDF bytes; a reference to anything but a ``data:`` URL is refused."""
    from weasyprint import HTML  # imported on use: loading Pango costs time at start-up
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    try:
        pdf: bytes = HTML(string=html, url_fetcher=fetcher, base_url=".").write_pdf()
    except FatalURLFetchingError as exc:
        raise ExternalResourceRefused(str(exc)) from exc
    return pdf


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render ``template_name`` (a template extending ``print/base.html``) to PDF bytes.

    Print documents are Chinese by design: choice labels (``get_*_display``) are rendered in the site
    language even when the user who causes the document works in English."""
    with site_language():
        html = render_to_string(template_name, context)
    return html_to_pdf(html)


def pdf_text(data: bytes) -> str:
    """The text of every page, joined by newlines (for checks and for search)."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
