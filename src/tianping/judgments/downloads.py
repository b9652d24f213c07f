"""The HTTP answer for an issued document's file, shared by the API and the pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpResponse


def file_response(issued_file: Any, *, inline: bool = False) -> HttpResponse:
    """The stored bytes with their SHA-256 header (``X-Content-SHA256``, like every file the project hands out)."""
    response = HttpResponse(issued_file.data, content_type=issued_file.content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(issued_file.filename)}"
    response["X-Content-SHA256"] = issued_file.sha256
    response["Cache-Control"] = "private, no-store"
    return response


# The preview may be shown in a frame of our own issue page, never elsewhere, and never cached.
PREVIEW_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"


def preview_response(pdf: bytes) -> HttpResponse:
    """A draft's PDF preview, inline and frameable by our own pages only."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = PREVIEW_CSP
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
