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
