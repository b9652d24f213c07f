"""The online-filing API (/api/v1/filings): drafts, attachments, submission, and the court's review.

Handlers parse, load through the gatekeeper ``selectors.filing_for_user`` (another person's
filing — or any draft, for staff — is a 404), call one service and shape the answer.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from tianping.core.errors import NotFound
from tianping.filing import selectors, services
from tianping.filing.models import Filing, FilingAttachment
from tianping.filing.schemas_filings import (
    AttachmentIn,
    AttachmentOut,
    ErrorOut,
    FilingCreateIn,
    FilingOut,
    FilingPatchIn,
    FilingSummaryOut,
    QueueItemOut,
    QueueQuery,
    RegisterIn,
    RejectIn,
    SupplementIn,
    WithdrawIn,
)

router = Router(tags=["filings"])

ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 200


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def _ref(obj: Any, name: str) -> dict[str, Any] | None:
    return None if obj is None else {"id": obj.pk, "name": name}


def attachment_out(filing: Filing, attachment: FilingAttachment) -> dict[str, Any]:
    return {
        "id": attachment.pk,
        "category": attachment.category,
        "category_label": str(attachment.get_category_display()),
        "title": attachment.title,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "pages": attachment.pages,
        "sha256": attachment.sha256,
        "original_name": attachment.original_name,
        "created_at": attachment.created_at,
        "download_url": reverse("api:filing_attachment_download", args=[filing.pk, attachment.pk]),
    }


def summary_out(filing: Filing) -> dict[str, Any]:
    return {
        "id": filing.pk,
        "court": _ref(filing.court, filing.court.name),
        "kind": filing.kind,
        "kind_label": str(filing.get_kind_display()),
        "status": filing.status,
        "status_label": str(filing.get_status_display()),
        "receipt_number": filing.receipt_number,
        "submitted_at": filing.submitted_at,
        "case": _ref(filing.case, filing.case.number or "") if filing.case is not None else None,
        "created_at": filing.created_at,
    }


def filing_out(user: Any, filing: Filing) -> dict[str, Any]:
    fee = selectors.filing_fee(filing=filing)
    supplement = selectors.filing_supplement(filing=filing)
    owner = filing.owner_id == user.pk
    return {
        **summary_out(filing),
        "as_agent": filing.as_agent,
        "cause": _ref(filing.cause, filing.cause.name) if filing.cause is not None else None,
        "claim_amount": _money(filing.claim_amount),
        "claims": filing.claims,
        "facts": filing.facts,
        "evidence": filing.evidence,
        "parties": selectors.party_rows(user=user, filing=filing),
        "agent": selectors.agent_row(user=user, filing=filing),
        "attachments": [attachment_out(filing, a) for a in selectors.filing_attachments(filing=filing)],
        "review_deadline": filing.review_deadline,
        "register_first": selectors.queue_item(filing).register_first,
        "fee": None
        if fee is None
        else {
            "kind": fee.kind,
            "amount": _money(fee.amount),
            "amount_min": _money(fee.amount_min),
            "amount_max": _money(fee.amount_max),
            "basis": fee.basis,
        },
        "missing": [{"code": g.code, "message": g.message} for g in selectors.filing_gaps(user=user, filing=filing)]
        if owner
        else [],
        "supplement": None
        if supplement is None
        else {
            "items": supplement.items,
            "note": supplement.note,
            "deadline": supplement.deadline,
            "requested_at": supplement.created_at,
            "answered_at": supplement.answered_at,
        },
        "rejection_reasons": filing.rejection_reasons,
        "legal_bases": filing.legal_bases,
        "ruling_url": reverse("api:filing_ruling", args=[filing.pk]) if filing.ruling_file else None,
        "ruling_sha256": filing.ruling_sha256,
        "timeline": [
            {
                "action": e.action,
                "action_label": str(e.get_action_display()),
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor": selectors.event_actor_label(e),
                "note": e.note,
                "at": e.created_at,
            }
            for e in selectors.filing_timeline(filing=filing)
        ],
        "updated_at": filing.updated_at,
    }


def _detail(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    return filing_out(request.user, selectors.filing_for_user(request.user, filing_id))


@router.get("", response=list[FilingSummaryOut])
def list_filings(request: HttpRequest) -> list[dict[str, Any]]:
    """My filings (the signed-in litigant's or lawyer's), newest first."""
    return [summary_out(f) for f in selectors.filings_for_user(request.user)[:LIST_LIMIT]]


@router.post("", response={201: FilingOut, **ERRORS})
def create_filing(request: HttpRequest, payload: FilingCreateIn) -> Status:
    """A new draft (verified litigants and lawyers). A litigant's first party is themselves (本人);
    a lawyer files as agent with the details of their verified account."""
    data = payload.model_dump(exclude_unset=True, exclude={"court_id", "kind"})
    filing = services.filing_create(actor=request.user, court_id=payload.court_id, kind=payload.kind, data=data)
    return Status(201, _detail(request, filing.pk))


@router.get("/queue", response={200: list[QueueItemOut], 422: ErrorOut})
def review_queue(request: HttpRequest, query: Query[QueueQuery]) -> list[dict[str, Any]]:
    """立案审查: undecided submissions of the courts where the caller reviews filings; overdue ones
    (register first, 先行立案) first, then by review deadline."""
    items = selectors.review_queue(user=request.user, court_id=query.court)
    return [
        {
            "filing": summary_out(i.filing),
            "filer": i.filing.owner.display_name,
            "parties": selectors.parties_line(i.filing),
            "review_deadline": i.deadline,
            "remaining_days": i.remaining_days,
            "register_first": i.register_first,
        }
        for i in items
    ]


@router.get("/{int:filing_id}", response={200: FilingOut, 404: ErrorOut})
def get_filing(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    return _detail(request, filing_id)


@router.patch("/{int:filing_id}", response={200: FilingOut, **ERRORS})
def update_filing(request: HttpRequest, filing_id: int, payload: FilingPatchIn) -> dict[str, Any]:
    """Change a draft (or, after a supplement request, the filing); owner only. Send only the fields to change."""
    filing = selectors.filing_for_user(request.user, filing_id)
    services.filing_update(actor=request.user, filing=filing, data=payload.model_dump(exclude_unset=True))
    return _detail(request, filing_id)


@router.post("/{int:filing_id}/attachments", response={201: AttachmentOut, **ERRORS})
def add_attachment(
    request: HttpRequest, filing_id: int, payload: Form[AttachmentIn], file: File[UploadedFile]
) -> Status:
    """Upload a PDF/JPG/PNG/OFD (multipart: file, category, title). Type from the content; wrong type,
    oversized or damaged files are a 422 and nothing is stored."""
    filing = selectors.filing_for_user(request.user, filing_id)
    attachment = services.filing_attachment_add(
        actor=request.user, filing=filing, category=payload.category, uploaded_file=file, title=payload.title
    )
    return Status(201, attachment_out(filing, attachment))


@router.delete("/{int:filing_id}/attachments/{int:attachment_id}", response={204: None, **ERRORS})
def delete_attachment(request: HttpRequest, filing_id: int, attachment_id: int) -> Status:
    attachment = selectors.attachment_for_user(request.user, filing_id, attachment_id)
    services.filing_attachment_delete(actor=request.user, attachment=attachment)
    return Status(204, None)


@router.get(
    "/{int:filing_id}/attachments/{int:attachment_id}/download",
    response={404: ErrorOut},
    url_name="filing_attachment_download",
)
def download_attachment(request: HttpRequest, filing_id: int, attachment_id: int) -> FileResponse:
    """The stored file with its sniffed type (the filer and the court's staff); every download is audited."""
    attachment = selectors.attachment_for_user(request.user, filing_id, attachment_id)
    return attachment_response(request.user, attachment)


def attachment_response(user: Any, attachment: FilingAttachment) -> FileResponse:
    selectors.attachment_read(user=user, attachment=attachment)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=f"{attachment.title}.{attachment.extension}",
        content_type=attachment.content_type,
    )
    response["X-Content-SHA256"] = attachment.sha256
    return response


@router.post("/{int:filing_id}/submit", response={200: FilingOut, **ERRORS})
def submit(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    """Submit a complete draft: receipt number, review queue. Incomplete: 422 ``filing_incomplete``
    with every gap in ``details.missing``."""
    services.filing_submit(actor=request.user, filing=selectors.filing_for_user(request.user, filing_id))
    return _detail(request, filing_id)


@router.post("/{int:filing_id}/resubmit", response={200: FilingOut, **ERRORS})
def resubmit(request: HttpRequest, filing_id: int) -> dict[str, Any]:
    """Hand in the supplemented filing; the review period restarts today."""
    services.filing_resubmit(actor=request.user, filing=selectors.filing_for_user(request.user, filing_id))
    return _detail(request, filing_id)


@router.post("/{int:filing_id}/withdraw", response={200: FilingOut, **ERRORS})
def withdraw(request: HttpRequest, filing_id: int, payload: WithdrawIn) -> dict[str, Any]:
    filing = selectors.filing_for_user(request.user, filing_id)
    services.filing_withdraw(actor=request.user, filing=filing, reason=payload.reason)
    return _detail(request, filing_id)


@router.post("/{int:filing_id}/register", response={200: FilingOut, **ERRORS})
def register(request: HttpRequest, filing_id: int, payload: RegisterIn) -> dict[str, Any]:
    """Register the case (filing clerk, division head or president of the filing's court): case number,
    query codes and SMS, materials copied into the dossier, fee order issued."""
    filing = selectors.filing_for_user(request.user, filing_id)
    services.filing_register(
        actor=request.user, filing=filing, procedure=payload.procedure or None, fee_amount=payload.fee_amount,
        division_id=payload.division_id,
    )  # fmt: skip
    return _detail(request, filing_id)


@router.post("/{int:filing_id}/supplement-request", response={200: FilingOut, **ERRORS})
def request_supplement(request: HttpRequest, filing_id: int, payload: SupplementIn) -> dict[str, Any]:
    """One written list of everything missing with a deadline; a second request is a 409
    ``supplement_already_requested``."""
    filing = selectors.filing_for_user(request.user, filing_id)
    services.filing_request_supplement(
        actor=request.user, filing=filing, items=payload.items, deadline=payload.deadline, note=payload.note
    )
    return _detail(request, filing_id)


@router.post("/{int:filing_id}/reject", response={200: FilingOut, **ERRORS})
def reject(request: HttpRequest, filing_id: int, payload: RejectIn) -> dict[str, Any]:
    """Refuse to accept with a generated ruling (不予受理裁定书, PDF) citing the chosen provisions."""
    filing = selectors.filing_for_user(request.user, filing_id)
    services.filing_reject(
        actor=request.user, filing=filing, reasons=payload.reasons, legal_bases=[str(b) for b in payload.legal_bases]
    )
    return _detail(request, filing_id)


@router.get("/{int:filing_id}/ruling", response={404: ErrorOut}, url_name="filing_ruling")
def download_ruling(request: HttpRequest, filing_id: int) -> FileResponse:
    """The ruling PDF (the filer and the court's staff)."""
    filing = selectors.filing_for_user(request.user, filing_id)
    return ruling_response(request.user, filing)


def ruling_response(user: Any, filing: Filing) -> FileResponse:
    if not filing.ruling_file:
        raise NotFound("没有不予受理裁定书", code="ruling_not_found")
    response = FileResponse(
        filing.ruling_file.open("rb"),
        as_attachment=True,
        filename=f"不予受理裁定书-{filing.receipt_number}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-SHA256"] = filing.ruling_sha256
    return response
