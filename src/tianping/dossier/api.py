"""The dossier API: a case's documents, uploads, new versions, downloads and text search,
and 网上阅卷 — reading requests, grants, and watermarked copies for readers.

Handlers parse, load through the gatekeepers (a case or document the caller may not see,
or a 副卷 document for a party, is a 404), call one service or selector and shape the answer.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from tianping.cases import selectors as case_selectors
from tianping.dossier import files, selectors, services
from tianping.dossier.enums import ReadingPurpose
from tianping.dossier.models import Document, DocumentVersion, ReadingRequest
from tianping.dossier.schemas import (
    DocumentIn,
    DocumentOut,
    DossierOut,
    ErrorOut,
    ReadingGrantIn,
    ReadingRequestIn,
    ReadingRequestOut,
    ReasonIn,
    SearchHitOut,
    SearchQuery,
    VersionOut,
)

router = Router(tags=["dossier"])

ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
COPY_ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 429: ErrorOut}


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


def document_out(document: Document, reading: selectors.ReadingAccess | None = None) -> dict[str, Any]:
    """A document; with ``reading`` (the caller's access to its case) also the links to read it."""
    version = document.current_version
    readable = version is not None and reading is not None and reading.may_read(document)
    downloadable = readable and reading is not None and reading.may_download(document)
    return {
        "read_url": f"/api/v1/dossier/documents/{document.pk}/view" if readable else None,
        "watermarked_download_url": f"/api/v1/dossier/documents/{document.pk}/download" if downloadable else None,
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
    """The documents of a case the caller may see (staff: 正卷 and 副卷; parties: 正卷) with current versions;
    ``read_url`` is set for the documents the caller may read now (parties: under an active grant)."""
    case = case_selectors.case_for_user(request.user, case_id)
    documents = _documents(selectors.dossier_for_user(request.user, case))
    reading = selectors.reading_access(request.user, case)
    return {
        "case_id": case.pk,
        "ocr_available": files.ocr_available(),
        "documents": [document_out(d, reading) for d in documents],
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


@router.get("/dossier/versions/{int:version_id}/download", response={403: ErrorOut, 404: ErrorOut})
def download(request: HttpRequest, version_id: int) -> FileResponse:
    """The stored original with its sniffed type, for court staff; every download is audited.
    Parties and lawyers get 403 ``reading_grant_required`` (or ``original_staff_only`` under a grant)."""
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
    hits = selectors.document_search_hits(request.user, case, query.q)
    documents = {d.pk: d for d in _documents(Document.objects.filter(pk__in=[h.pk for h, _ in hits]))}
    return [{"document": document_out(documents[h.pk]), "snippet": snippet} for h, snippet in hits]


# ---- 网上阅卷 (online file reading) ---------------------------------------------------------


def reading_request_out(r: ReadingRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "case_id": r.case_id,
        "case_number": r.case.number or "",
        "requester": r.requester.display_name,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "state": selectors.reading_state(r),
        "whole_main_volume": r.whole_main_volume,
        "requested_document_ids": sorted(d.pk for d in r.requested_documents.all()),
        "purpose": r.purpose,
        "preferred_from": r.preferred_from,
        "preferred_to": r.preferred_to,
        "decided_by": r.decided_by.display_name if r.decided_by else None,
        "decided_at": r.decided_at,
        "refusal_reason": r.refusal_reason,
        "all_main_volume": r.all_main_volume,
        "granted_document_ids": sorted(d.pk for d in r.granted_documents.all()),
        "expires_at": r.expires_at,
        "may_download": r.may_download,
        "revoked_at": r.revoked_at,
        "revoke_reason": r.revoke_reason,
        "created_at": r.created_at,
    }


def _reloaded(reading_request: ReadingRequest) -> dict[str, Any]:
    return reading_request_out(selectors.reading_request_list_by_ids([reading_request.pk])[0])


@router.post("/cases/{int:case_id}/dossier/reading-requests", response={201: ReadingRequestOut, **ERRORS})
def request_reading(request: HttpRequest, case_id: int, payload: ReadingRequestIn) -> Status:
    """A party of the case or their agent asks to read its 正卷 (empty ``document_ids``: all of it)."""
    case = case_selectors.case_for_user(request.user, case_id)
    created = services.reading_request_create(
        actor=request.user,
        case=case,
        purpose=payload.purpose,
        document_ids=payload.document_ids,
        preferred_from=payload.preferred_from,
        preferred_to=payload.preferred_to,
    )
    return Status(201, _reloaded(created))


@router.get("/cases/{int:case_id}/dossier/reading-requests", response={200: list[ReadingRequestOut], 404: ErrorOut})
def list_reading_requests(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """Reading requests of a case: all of them for its court staff, the caller's own for a party."""
    case = case_selectors.case_for_user(request.user, case_id)
    return [reading_request_out(r) for r in selectors.reading_request_list(user=request.user, case=case)]


@router.get("/dossier/reading-requests/mine", response={200: list[ReadingRequestOut]})
def my_reading_requests(request: HttpRequest) -> list[dict[str, Any]]:
    """Every reading request the caller made, newest first, with its state (``expired`` included)."""
    return [reading_request_out(r) for r in selectors.reading_requests_mine(user=request.user)]


@router.get("/dossier/reading-requests/{int:request_id}", response={200: ReadingRequestOut, 404: ErrorOut})
def get_reading_request(request: HttpRequest, request_id: int) -> dict[str, Any]:
    return reading_request_out(selectors.reading_request_for_user(request.user, request_id))


@router.post("/dossier/reading-requests/{int:request_id}/grant", response={200: ReadingRequestOut, **ERRORS})
def grant_reading(request: HttpRequest, request_id: int, payload: ReadingGrantIn) -> dict[str, Any]:
    """The case's handler grants: the whole 正卷 or listed 正卷 documents, until ``expires_at`` (副卷: 422)."""
    reading_request = selectors.reading_request_for_user(request.user, request_id)
    granted = services.reading_request_grant(
        actor=request.user,
        reading_request=reading_request,
        expires_at=payload.expires_at,
        all_main_volume=payload.all_main_volume,
        document_ids=payload.document_ids,
        may_download=payload.may_download,
    )
    return _reloaded(granted)


@router.post("/dossier/reading-requests/{int:request_id}/refuse", response={200: ReadingRequestOut, **ERRORS})
def refuse_reading(request: HttpRequest, request_id: int, payload: ReasonIn) -> dict[str, Any]:
    """The case's handler refuses a pending request with a reason."""
    reading_request = selectors.reading_request_for_user(request.user, request_id)
    return _reloaded(
        services.reading_request_refuse(actor=request.user, reading_request=reading_request, reason=payload.reason)
    )


@router.post("/dossier/reading-requests/{int:request_id}/revoke", response={200: ReadingRequestOut, **ERRORS})
def revoke_reading(request: HttpRequest, request_id: int, payload: ReasonIn) -> dict[str, Any]:
    """The case's handler ends a grant at once."""
    reading_request = selectors.reading_request_for_user(request.user, request_id)
    return _reloaded(
        services.reading_request_revoke(actor=request.user, reading_request=reading_request, reason=payload.reason)
    )


@router.get("/dossier/documents/{int:document_id}/view", response=COPY_ERRORS)
def view_document(request: HttpRequest, document_id: int) -> HttpResponse:
    """The current version as a watermarked PDF shown inline (an audited read, purpose ``view``)."""
    copy = services.document_read(actor=request.user, document_id=document_id, purpose=ReadingPurpose.VIEW)
    return copy_response(copy, inline=True)


@router.get("/dossier/documents/{int:document_id}/download", response=COPY_ERRORS)
def download_copy(request: HttpRequest, document_id: int) -> HttpResponse:
    """The current version as a watermarked PDF to save (needs a grant that allows downloading)."""
    copy = services.document_read(actor=request.user, document_id=document_id, purpose=ReadingPurpose.DOWNLOAD)
    return copy_response(copy, inline=False)


# The copy may be shown in a frame of our own reading page, never elsewhere, and never cached.
COPY_CSP = "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"


def copy_response(copy: services.ReadCopy, *, inline: bool) -> HttpResponse:
    response = HttpResponse(copy.data, content_type=copy.content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, copy.filename) or ""
    response["X-Original-SHA256"] = copy.sha256
    response["Cache-Control"] = "no-store, private"
    response["Content-Security-Policy"] = COPY_CSP
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
