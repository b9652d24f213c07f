"""HTTP answers shared by the API and the pages: files handed out and masked contact details."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpResponse

from tianping.core.validators import mask_email, mask_mobile
from tianping.delivery import selectors, services
from tianping.delivery.models import Service
from tianping.dossier import selectors as dossier_selectors

EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "application/ofd": "ofd"}


def masked_mobile(value: str) -> str:
    return mask_mobile(value) if value else ""


def masked_email(value: str) -> str:
    return mask_email(value) if value else ""


def _file_response(data: bytes, *, content_type: str, filename: str, sha256: str, inline: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["X-Content-SHA256"] = sha256
    response["Cache-Control"] = "private, no-store"
    return response


def open_served_file(user: Any, service: Service) -> HttpResponse:
    """The recipient opens the served version: its bytes are read (and checked against the
    SHA-256) first, so an opening — the moment of service — is recorded only for a document
    actually handed out; then the version is shown inline when the browser can (PDF, images)."""
    version = service.version
    data = dossier_selectors.version_bytes(version)
    services.service_open(actor=user, service=service)
    extension = EXTENSIONS.get(version.content_type, "bin")
    return _file_response(
        data,
        content_type=version.content_type,
        filename=f"{service.document_title}.{extension}",
        sha256=version.sha256,
        inline=extension != "ofd",
    )


def proof_response(user: Any, service: Service) -> HttpResponse:
    version, data = selectors.proof_file_for_user(user, service)
    return _file_response(
        data,
        content_type="application/pdf",
        filename=f"送达回证-{service.pk}.pdf",
        sha256=version.sha256,
        inline=False,
    )
