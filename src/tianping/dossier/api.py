"""The dossier API: a case's documents, uploads, new versions, downloads and text search.

Handlers parse, load through the gatekeepers (a case or document the caller may not see,
or a 副卷 document for a party, is a 404), call one service or selector and shape the answer.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from tianping.cases import selectors as case_selectors
from tianping.dossier import files, selectors, services
from tianping.dossier.models import Document, DocumentVersion
from tianping.dossier.schemas import (
    DocumentIn,
    DocumentOut,
    DossierOut,
    ErrorOut,
    SearchHitOut,
    SearchQuery,
    VersionOut,
)

router = Router(tags=["dossier"])

ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def version_out(version: DocumentVersion) -> dict[str, Any]:
    return {
        "id": version.pk,
        "number": version.number,
        "sha256": version.sha256,
        "content_type": version.content_type,
        "size": version.size,
        "pages": version.pages,
        "ocr_applied": version.ocr_applied,
        "original_name": version.original_name,
        "uploaded_by": version.uploaded_by.display_name,
        "created_at": version.created_at,
        "download_url": f"/api/v1/dossier/versions/{version.pk}/download",
    }


def document_out(document: Document) -> dict[str, Any]:
    version = document.current_version
    return {
        "id": document.pk,
        "case_id": document.case_id,
        "volume": document.volume,
        "volume_label": str(document.get_volume_display()),
        "category": document.category,
        "category_label": str(document.get_category_display()),
        "title": document.title,
        "source": document.source,
        "source_label": str(document.get_source_display()),
        "uploaded_by": document.uploaded_by.display_name,
        "created_at": document.created_at,
        "current_version": version_out(version) if version is not None else None,
    }


def _documents(queryset: Any) -> Any:
    return queryset.select_related("uploaded_by", "current_version__uploaded_by")


@router.get("/cases/{int:case_id}/dossier", response={200: DossierOut, 404: ErrorOut})
def list_dossier(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The documents of a case the caller may see (staff: 正卷 and 副卷; parties: 正卷) with current versions."""
    case = case_selectors.case_for_user(request.user, case_id)
    documents = _documents(selectors.dossier_for_user(request.user, case))
    return {
        "case_id": case.pk,
        "ocr_available": files.ocr_available(),
        "documents": [document_out(d) for d in documents],
    }


@router.post("/cases/{int:case_id}/dossier", response={201: DocumentOut, **ERRORS})
def add_document(request: HttpRequest, case_id: int, payload: Form[DocumentIn], file: File[UploadedFile]) -> Status:
    """Upload a document to the dossier (multipart: file, volume, category, title); court staff of the case's court."""
    case = case_selectors.case_for_user(request.user, case_id)
    document = services.document_add(
        actor=request.user,
        case=case,
        volume=payload.volume,
        category=payload.category,
        title=payload.title,
        uploaded_file=file,
    )
    return Status(201, document_out(_documents(Document.objects.filter(pk=document.pk)).get()))


@router.post("/dossier/documents/{int:document_id}/versions", response={201: VersionOut, **ERRORS})
def add_version(request: HttpRequest, document_id: int, file: File[UploadedFile]) -> Status:
    """Upload a new version of a document (multipart: file); it becomes the current version."""
    document = selectors.document_for_user(request.user, document_id)
    version = services.document_new_version(actor=request.user, document=document, uploaded_file=file)
    return Status(201, version_out(DocumentVersion.objects.select_related("uploaded_by").get(pk=version.pk)))


@router.get("/dossier/documents/{int:document_id}/versions", response={200: list[VersionOut], 404: ErrorOut})
def list_versions(request: HttpRequest, document_id: int) -> list[dict[str, Any]]:
    """Every version of a document, oldest first."""
    document = selectors.document_for_user(request.user, document_id)
    return [version_out(v) for v in selectors.document_versions(user=request.user, document=document)]


@router.get("/dossier/versions/{int:version_id}/download", response={404: ErrorOut})
def download(request: HttpRequest, version_id: int) -> FileResponse:
    """The stored file with its sniffed type; every download is audited."""
    version = selectors.version_file_for_user(request.user, version_id)
    return file_response(version)


def file_response(version: DocumentVersion) -> FileResponse:
    filename = f"{version.document.title}.{version.extension}"
    response = FileResponse(
        version.file.open("rb"), as_attachment=True, filename=filename, content_type=version.content_type
    )
    response["X-Content-SHA256"] = version.sha256
    return response


@router.get("/cases/{int:case_id}/dossier/search", response={200: list[SearchHitOut], 404: ErrorOut, 422: ErrorOut})
def search(request: HttpRequest, case_id: int, query: Query[SearchQuery]) -> list[dict[str, Any]]:
    """Documents of the case whose title or extracted text contains ``q``."""
    case = case_selectors.case_for_user(request.user, case_id)
    hits = selectors.document_search(request.user, case, query.q)
    documents = {d.pk: d for d in _documents(Document.objects.filter(pk__in=[h.pk for h in hits]))}
    return [
        {
            "document": document_out(documents[h.pk]),
            "snippet": selectors.snippet(h.current_version.text if h.current_version else "", query.q),
        }
        for h in hits
    ]
