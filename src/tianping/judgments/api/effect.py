"""Effectiveness and archiving API (/api/v1/issued-documents/…, /effective-documents, /cases/{id}/archive…).

Handlers parse, load through the gatekeepers (a document or case the caller may not see is a 404),
call one service or selector and shape the answer; the rules live in ``services``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core.errors import NotFound
from tianping.judgments import selectors, services
from tianping.judgments.models import IssuedDocument

router = Router(tags=["judgments"])


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 500


class PeriodOut(Schema):
    party_id: int
    party_name: str
    role: str
    days: int
    served_on: dt.date | None
    ends_on: dt.date | None
    appealed_on: dt.date | None
    appeal_case_id: int | None
    appeal_case_number: str


class EffectOut(Schema):
    id: int
    case_id: int
    title: str
    kind: str
    issued_on: dt.date
    effect_status: str
    effect_status_label: str
    effective_on: dt.date | None
    periods: list[PeriodOut]


class AppealIn(Schema):
    party_id: int
    filed_on: dt.date


class AppealOut(Schema):
    party_id: int
    appealed_on: dt.date
    appeal_case_id: int
    appeal_case_number: str
    effect: EffectOut


class EffectiveDocumentOut(Schema):
    id: int
    case_id: int
    case_number: str
    court_code: str
    title: str
    kind: str
    issued_on: dt.date
    effective_on: dt.date | None
    pdf_document_id: int
    pdf_sha256: str


class EffectiveQuery(Schema):
    since: dt.date | None = None


class ChecklistItemOut(Schema):
    code: str
    label: str
    ok: bool
    detail: str


class MismatchOut(Schema):
    document_id: int
    title: str
    problem: str


class VerifyOut(Schema):
    ok: bool
    manifest_ok: bool
    recomputed_sha256: str
    mismatches: list[MismatchOut]


class ArchiveOut(Schema):
    case_id: int
    archive_no: str
    sealed_at: dt.datetime
    sealed_by: str
    manifest_sha256: str
    manifest: list[dict[str, Any]]
    checklist: list[dict[str, Any]]
    verify: VerifyOut | None = None


def effect_out(user: Any, document: IssuedDocument) -> dict[str, Any]:
    view = selectors.document_effect(user=user, document=document)
    return {
        "id": document.pk,
        "case_id": document.case_id,
        "title": document.title,
        "kind": document.kind,
        "issued_on": document.issued_on,
        "effect_status": document.effect_status,
        "effect_status_label": str(document.get_effect_status_display()),
        "effective_on": document.effective_on,
        "periods": [
            {"party_id": p.party_id, "party_name": p.party_name, "role": p.role_label, "days": p.days,
             "served_on": p.served_on, "ends_on": p.ends_on, "appealed_on": p.appealed_on,
             "appeal_case_id": p.appeal_case_id if p.appeal_case_number else None,
             "appeal_case_number": p.appeal_case_number}
            for p in view.periods
        ],
    }  # fmt: skip


def _staff_document(user: Any, document_id: int) -> IssuedDocument:
    """Writes and staff lists: the document through the gatekeeper, and staff only (others 404)."""
    document = selectors.issued_document_for_user(user, document_id)
    if not access.is_staff_user(user):
        raise NotFound("文书不存在或无权访问", code="issued_document_not_found")
    return document


@router.get("/issued-documents/{int:document_id}/effect", response={200: EffectOut, **ERRORS})
def document_effect(request: HttpRequest, document_id: int) -> dict[str, Any]:
    """An issued document's effect: status, effective date, each party's service date and period end."""
    return effect_out(request.user, selectors.issued_document_for_user(request.user, document_id))


@router.post("/issued-documents/{int:document_id}/refresh", response={200: EffectOut, **ERRORS})
def document_refresh(request: HttpRequest, document_id: int) -> dict[str, Any]:
    """Bring the periods up to date with the services now (the daily job does the same)."""
    document = _staff_document(request.user, document_id)
    services.effect_refresh(document=document, actor=request.user)
    return effect_out(request.user, selectors.issued_document_for_user(request.user, document_id))


@router.post("/issued-documents/{int:document_id}/appeals", response={201: AppealOut, **ERRORS})
def appeal_register(request: HttpRequest, document_id: int, payload: AppealIn) -> Status:
    """Register a party's appeal: in time → the second-instance case at the court above, dossier transferred."""
    document = _staff_document(request.user, document_id)
    period = services.appeal_register(
        actor=request.user, document=document, party_id=payload.party_id, filed_on=payload.filed_on
    )
    assert period.appeal_case is not None
    assert period.appealed_on is not None
    reloaded = selectors.issued_document_for_user(request.user, document_id)
    return Status(201, {
        "party_id": period.party_id, "appealed_on": period.appealed_on, "appeal_case_id": period.appeal_case_id,
        "appeal_case_number": period.appeal_case.number or "", "effect": effect_out(request.user, reloaded),
    })  # fmt: skip


@router.get("/effective-documents", response={200: list[EffectiveDocumentOut], **ERRORS})
def effective_documents(request: HttpRequest, filters: Query[EffectiveQuery]) -> list[dict[str, Any]]:
    """Staff: documents that took effect at the courts they may read (oldest effect first, at most 500)."""
    documents = selectors.effective_documents_for_user(user=request.user, since=filters.since)[:LIST_LIMIT]
    return [
        {"id": d.pk, "case_id": d.case_id, "case_number": d.case.number or "", "court_code": d.case.court.code,
         "title": d.title, "kind": d.kind, "issued_on": d.issued_on, "effective_on": d.effective_on,
         "pdf_document_id": d.pdf_document_id, "pdf_sha256": d.pdf_sha256}
        for d in documents
    ]  # fmt: skip


def _staff_case(user: Any, case_id: int) -> Any:
    case = case_selectors.case_for_user(user, case_id)
    if not access.is_staff_user(user):
        raise NotFound("案件不存在或无权访问", code="case_not_found")
    return case


@router.get("/cases/{int:case_id}/archive/checklist", response={200: list[ChecklistItemOut], **ERRORS})
def archive_checklist(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """What must hold before the case is archived, item by item, with the reason for each failure."""
    case = _staff_case(request.user, case_id)
    return [item.as_dict() for item in services.archive_checklist(case=case)]


def archive_out(view: selectors.ArchiveView, case_id: int) -> dict[str, Any]:
    archive = view.archive
    assert archive is not None
    verify = view.verify
    return {
        "case_id": case_id, "archive_no": archive.archive_no, "sealed_at": archive.sealed_at,
        "sealed_by": archive.sealed_by.real_name or archive.sealed_by.username,
        "manifest_sha256": archive.manifest_sha256, "manifest": archive.manifest, "checklist": archive.checklist,
        "verify": None if verify is None else {
            "ok": verify.ok, "manifest_ok": verify.manifest_ok, "recomputed_sha256": verify.recomputed_sha256,
            "mismatches": [m.__dict__ for m in verify.mismatches],
        },
    }  # fmt: skip


@router.post("/cases/{int:case_id}/archive", response={201: ArchiveOut, **ERRORS})
def case_archive(request: HttpRequest, case_id: int) -> Status:
    """Seal the dossier and archive the case (422 listing the failing checklist items)."""
    case = _staff_case(request.user, case_id)
    services.case_archive(actor=request.user, case=case)
    case = _staff_case(request.user, case_id)
    return Status(201, archive_out(selectors.archive_view(user=request.user, case=case), case_id))


@router.get("/cases/{int:case_id}/archive", response={200: ArchiveOut, **ERRORS})
def archive_get(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The seal of an archived case and the result of verifying it against the stored files now."""
    case = _staff_case(request.user, case_id)
    view = selectors.archive_view(user=request.user, case=case)
    if view.archive is None:
        raise NotFound("案件尚未归档", code="archive_not_found")
    return archive_out(view, case_id)
