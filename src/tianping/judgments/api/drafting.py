"""The drafting API (/api/v1): drafts of a case, editing with revisions, submit / return / issue (签发),
my drafts, the issue queue, issued documents and their PDF / .docx.

Handlers parse, load through the gatekeepers (a case or draft the caller may not see is a 404),
call one service or selector and shape the answer; the rules live in ``services``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from pydantic import Field

from tianping.cases import selectors as case_selectors
from tianping.judgments import selectors, services
from tianping.judgments.downloads import file_response
from tianping.judgments.models import Draft, IssuedDocument

router = Router(tags=["judgments"])


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class DraftCreateIn(Schema):
    kind: str = Field(max_length=32)


class DraftUpdateIn(Schema):
    revision: int
    sections: dict[str, str] | None = None
    title: str | None = Field(default=None, max_length=200)
    closes_case: bool | None = None
    closing_method: str | None = Field(default=None, max_length=32)
    outcome: str | None = Field(default=None, max_length=400)
    approval_level: str | None = Field(default=None, max_length=32)


class ReturnIn(Schema):
    note: str = Field(max_length=1000)


class SectionOut(Schema):
    key: str
    label: str
    required: bool
    text: str


class DraftOut(Schema):
    id: int
    case_id: int
    case_number: str
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    approval_level: str
    approval_level_label: str
    closes_case: bool
    closing_method: str
    outcome: str
    revision: int
    sections: list[SectionOut]
    missing_sections: list[str]
    drafted_by: str
    submitted_at: dt.datetime | None
    review_note: str
    issued_by: str | None
    issued_at: dt.datetime | None
    issued_document_id: int | None
    updated_at: dt.datetime


class IssuedOut(Schema):
    id: int
    draft_id: int
    case_id: int
    case_number: str
    kind: str
    title: str
    issued_on: dt.date
    issued_by: str
    text: str
    text_sha256: str
    pdf_sha256: str
    docx_sha256: str
    pdf_document_id: int
    docx_document_id: int
    effect_status: str
    pdf_url: str
    docx_url: str


ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 500


def draft_out(draft: Draft) -> dict[str, Any]:
    issued = selectors.issued_of_draft(draft=draft)
    return {
        "id": draft.pk,
        "case_id": draft.case_id,
        "case_number": draft.case.number or "",
        "kind": draft.kind,
        "kind_label": str(draft.get_kind_display()),
        "title": draft.title,
        "status": draft.status,
        "status_label": str(draft.get_status_display()),
        "approval_level": draft.approval_level,
        "approval_level_label": str(draft.get_approval_level_display()),
        "closes_case": draft.closes_case,
        "closing_method": draft.closing_method,
        "outcome": draft.outcome,
        "revision": draft.revision,
        "sections": [
            {"key": s["key"], "label": s["label"], "required": s["required"], "text": s["text"]}
            for s in selectors.draft_form_sections(draft)
        ],
        "missing_sections": services.missing_sections(draft),
        "drafted_by": draft.drafted_by.display_name,
        "submitted_at": draft.submitted_at,
        "review_note": draft.review_note,
        "issued_by": draft.issued_by.display_name if draft.issued_by else None,
        "issued_at": draft.issued_at,
        "issued_document_id": issued.pk if issued else None,
        "updated_at": draft.updated_at,
    }


def issued_out(document: IssuedDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "draft_id": document.draft_id,
        "case_id": document.case_id,
        "case_number": document.case.number or "",
        "kind": document.kind,
        "title": document.title,
        "issued_on": document.issued_on,
        "issued_by": document.draft.issued_by.display_name if document.draft.issued_by else "",
        "text": document.text,
        "text_sha256": document.text_sha256,
        "pdf_sha256": document.pdf_sha256,
        "docx_sha256": document.docx_sha256,
        "pdf_document_id": document.pdf_document_id,
        "docx_document_id": document.docx_document_id,
        "effect_status": document.effect_status,
        "pdf_url": f"/api/v1/issued-documents/{document.pk}/pdf",
        "docx_url": f"/api/v1/issued-documents/{document.pk}/docx",
    }


# ---- Drafts ------------------------------------------------------------------------------------


@router.post("/cases/{int:case_id}/drafts", response={201: DraftOut, **ERRORS})
def create_draft(request: HttpRequest, case_id: int, payload: DraftCreateIn) -> Status:
    """Start a draft of ``kind`` (civil_judgment, criminal_judgment, administrative_judgment, ruling, mediation,
    payment_order, decision), every section the case knows pre-filled."""
    case = case_selectors.case_for_user(request.user, case_id)
    draft = services.draft_create(actor=request.user, case=case, kind=payload.kind)
    return Status(201, draft_out(selectors.draft_for_user(request.user, draft.pk)))


@router.get("/cases/{int:case_id}/drafts", response={200: list[DraftOut], 404: ErrorOut})
def list_case_drafts(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = case_selectors.case_for_user(request.user, case_id)
    return [draft_out(d) for d in selectors.case_drafts_for_user(user=request.user, case=case)[:LIST_LIMIT]]


@router.get("/drafts/mine", response={200: list[DraftOut]})
def list_my_drafts(request: HttpRequest) -> list[dict[str, Any]]:
    """Drafts the caller wrote or whose case they handle (我的文书)."""
    return [draft_out(d) for d in selectors.my_drafts(user=request.user)[:LIST_LIMIT]]


@router.get("/drafts/issue-queue", response={200: list[DraftOut]})
def list_issue_queue(request: HttpRequest) -> list[dict[str, Any]]:
    """Submitted drafts awaiting the caller's signature (待签发)."""
    return [draft_out(d) for d in selectors.issue_queue(user=request.user)[:LIST_LIMIT]]


@router.get("/drafts/{int:draft_id}", response={200: DraftOut, 404: ErrorOut})
def get_draft(request: HttpRequest, draft_id: int) -> dict[str, Any]:
    return draft_out(selectors.draft_for_user(request.user, draft_id))


@router.patch("/drafts/{int:draft_id}", response={200: DraftOut, **ERRORS})
def update_draft(request: HttpRequest, draft_id: int, payload: DraftUpdateIn) -> dict[str, Any]:
    """Save changes made from ``revision``; a stale revision is a 409 ``stale_revision``."""
    draft = selectors.draft_for_user(request.user, draft_id)
    services.draft_update(actor=request.user, draft=draft, **payload.dict())
    return draft_out(selectors.draft_for_user(request.user, draft_id))


@router.post("/drafts/{int:draft_id}/submit", response={200: DraftOut, **ERRORS})
def submit_draft(request: HttpRequest, draft_id: int) -> dict[str, Any]:
    draft = selectors.draft_for_user(request.user, draft_id)
    services.draft_submit(actor=request.user, draft=draft)
    return draft_out(selectors.draft_for_user(request.user, draft_id))


@router.post("/drafts/{int:draft_id}/return", response={200: DraftOut, **ERRORS})
def return_draft(request: HttpRequest, draft_id: int, payload: ReturnIn) -> dict[str, Any]:
    draft = selectors.draft_for_user(request.user, draft_id)
    services.draft_return(actor=request.user, draft=draft, note=payload.note)
    return draft_out(selectors.draft_for_user(request.user, draft_id))


@router.post("/drafts/{int:draft_id}/issue", response={201: IssuedOut, **ERRORS})
def issue_draft(request: HttpRequest, draft_id: int) -> Status:
    """签发: the document is frozen, hashed, rendered (.docx, PDF) and filed in the dossier."""
    draft = selectors.draft_for_user(request.user, draft_id)
    issued = services.draft_issue(actor=request.user, draft=draft)
    return Status(201, issued_out(selectors.issued_for_user(request.user, issued.pk)))


# ---- Issued documents -------------------------------------------------------------------------


@router.get("/issued-documents/{int:document_id}", response={200: IssuedOut, 404: ErrorOut})
def get_issued(request: HttpRequest, document_id: int) -> dict[str, Any]:
    return issued_out(selectors.issued_for_user(request.user, document_id))


@router.get("/issued-documents/{int:document_id}/pdf", response={404: ErrorOut, 409: ErrorOut})
def download_pdf(request: HttpRequest, document_id: int) -> HttpResponse:
    """The issued PDF as stored in the dossier (header ``X-Content-SHA256``)."""
    document = selectors.issued_for_user(request.user, document_id)
    return file_response(selectors.issued_file(user=request.user, document=document, file_format="pdf"))


@router.get("/issued-documents/{int:document_id}/docx", response={404: ErrorOut, 409: ErrorOut})
def download_docx(request: HttpRequest, document_id: int) -> HttpResponse:
    """The issued .docx as stored in the dossier (header ``X-Content-SHA256``)."""
    document = selectors.issued_for_user(request.user, document_id)
    return file_response(selectors.issued_file(user=request.user, document=document, file_format="docx"))
