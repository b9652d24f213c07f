"""Judgment publication API: the public full document (GET /public/judgments/{id}, no login, rate
limited) and the staff review pipeline (/publications/…). The search context owns the public list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema

from tianping.core import ratelimit
from tianping.core.errors import ValidationFailed
from tianping.core.middleware import client_ip
from tianping.publicity import selectors, services
from tianping.publicity.enums import PublicationStatus
from tianping.publicity.models import Publication

router = Router(tags=["public"])

PUBLIC_RATE_DEFAULT = "60/m"


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class PublicJudgmentOut(Schema):
    id: int
    status: str
    status_label: str
    case_number: str
    court_name: str
    judgment_date: dt.date
    document_kind: str
    title: str
    text: str
    exclusion_reason: str
    exclusion_reason_label: str
    published_at: dt.datetime | None
    withdrawn_at: dt.datetime | None
    withdraw_reason: str


class ReplacementOut(Schema):
    start: int
    end: int
    original: str
    replacement: str
    kind: str
    source: str


class PublicationOut(Schema):
    id: int
    status: str
    case_number: str
    court_name: str
    title: str
    document_kind: str
    effective_on: dt.date
    deadline: dt.date | None
    flagged: bool
    anonymized_text: str
    replacements: list[ReplacementOut]
    return_note: str
    published_at: dt.datetime | None
    withdraw_reason: str


class TermIn(Schema):
    term: str


class NoteIn(Schema):
    note: str


class ReasonIn(Schema):
    reason: str


def public_out(publication: Publication) -> dict[str, Any]:
    """Only published documents give their title and text; excluded ones their reason; withdrawn ones a notice."""
    published = publication.status == PublicationStatus.PUBLISHED
    return {
        "id": publication.pk,
        "status": publication.status,
        "status_label": str(publication.get_status_display()),
        "case_number": publication.case_number,
        "court_name": publication.court.name,
        "judgment_date": publication.judgment_date,
        "document_kind": publication.document_kind,
        "title": publication.title if published else "",
        "text": publication.anonymized_text if published else "",
        "exclusion_reason": publication.exclusion_reason,
        "exclusion_reason_label": str(publication.get_exclusion_reason_display()),
        "published_at": publication.published_at,
        "withdrawn_at": publication.withdrawn_at,
        "withdraw_reason": publication.withdraw_reason,
    }


def staff_out(publication: Publication) -> dict[str, Any]:
    return {
        "id": publication.pk, "status": publication.status, "case_number": publication.case_number,
        "court_name": publication.court.name, "title": publication.title,
        "document_kind": publication.document_kind, "effective_on": publication.effective_on,
        "deadline": publication.deadline, "flagged": publication.flagged_at is not None,
        "anonymized_text": publication.anonymized_text, "replacements": publication.replacements,
        "return_note": publication.return_note, "published_at": publication.published_at,
        "withdraw_reason": publication.withdraw_reason,
    }  # fmt: skip


@router.get(
    "/public/judgments/{int:publication_id}", auth=None, response={200: PublicJudgmentOut, **ERRORS, 429: ErrorOut}
)
def public_judgment(request: HttpRequest, publication_id: int) -> dict[str, Any]:
    """One judgment as the public sees it (裁判文书公开): the anonymized full text when published; case
    number, court, date and the reason when not published; a notice when withdrawn."""
    ratelimit.hit("public_judgments", client_ip(request), settings.RATE_LIMITS.get("public", PUBLIC_RATE_DEFAULT))
    return public_out(selectors.publication_for_public(publication_id=publication_id))


@router.get("/publications", response={200: list[PublicationOut], **ERRORS}, tags=["publicity"])
def review_queue(request: HttpRequest, status: str = "") -> list[dict[str, Any]]:
    """The review queue of the caller's courts (reviewers: judge assistants, court clerks, division heads)."""
    if status and status not in PublicationStatus.values:
        raise ValidationFailed("状态无效", code="invalid_status", details={"field": "status"})
    return [staff_out(p) for p in selectors.review_queue(user=request.user, status=status)[:500]]


def _load(request: HttpRequest, publication_id: int) -> Publication:
    return selectors.publication_for_reviewer(user=request.user, publication_id=publication_id)


@router.get("/publications/{int:publication_id}", response={200: PublicationOut, **ERRORS}, tags=["publicity"])
def publication_detail(request: HttpRequest, publication_id: int) -> dict[str, Any]:
    return staff_out(_load(request, publication_id))


@router.post("/publications/{int:publication_id}/publish", response={200: PublicationOut, **ERRORS}, tags=["publicity"])
def publish(request: HttpRequest, publication_id: int) -> dict[str, Any]:
    return staff_out(services.publication_publish(actor=request.user, publication=_load(request, publication_id)))


@router.post("/publications/{int:publication_id}/return", response={200: PublicationOut, **ERRORS}, tags=["publicity"])
def send_back(request: HttpRequest, publication_id: int, payload: NoteIn) -> dict[str, Any]:
    publication = _load(request, publication_id)
    return staff_out(services.publication_return(actor=request.user, publication=publication, note=payload.note))


@router.post(
    "/publications/{int:publication_id}/withdraw", response={200: PublicationOut, **ERRORS}, tags=["publicity"]
)
def withdraw(request: HttpRequest, publication_id: int, payload: ReasonIn) -> dict[str, Any]:
    publication = _load(request, publication_id)
    return staff_out(services.publication_withdraw(actor=request.user, publication=publication, reason=payload.reason))


@router.post(
    "/publications/{int:publication_id}/replacements", response={200: PublicationOut, **ERRORS}, tags=["publicity"]
)
def add_replacement(request: HttpRequest, publication_id: int, payload: TermIn) -> dict[str, Any]:
    publication = _load(request, publication_id)
    return staff_out(
        services.publication_add_replacement(actor=request.user, publication=publication, term=payload.term)
    )


@router.post(
    "/publications/{int:publication_id}/replacements/undo", response={200: PublicationOut, **ERRORS}, tags=["publicity"]
)
def undo_replacement(request: HttpRequest, publication_id: int, payload: TermIn) -> dict[str, Any]:
    publication = _load(request, publication_id)
    return staff_out(
        services.publication_undo_replacement(actor=request.user, publication=publication, term=payload.term)
    )
