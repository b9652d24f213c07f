"""The electronic-service API: consent, serving, the case's services, paper-service outcomes,
proofs of service (/api/v1/service/…) and the recipient's inbox (/api/v1/inbox/…).

Handlers parse, load through the gatekeepers (a case, service or consent the caller may not
see is a 404), call one service or selector and shape the answer; the rules live in ``services``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from tianping.cases import selectors as case_selectors
from tianping.core.errors import ValidationFailed
from tianping.delivery import responses, selectors, services
from tianping.delivery.enums import ServiceStatus
from tianping.delivery.models import Consent, Service
from tianping.delivery.schemas import (
    ConsentIn,
    ConsentOut,
    ErrorOut,
    InboxItemOut,
    OutcomeIn,
    PaperConsentIn,
    PaperRequestIn,
    PartyConsentOut,
    ServeIn,
    ServiceOut,
    WithdrawIn,
)

router = Router(tags=["delivery"])

ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 500


def consent_out(consent: Consent) -> dict[str, Any]:
    return {
        "id": consent.pk,
        "case_id": consent.case_id,
        "party_id": consent.party_id,
        "party_name": consent.party.name,
        "inbox_account": consent.inbox_account.username,
        "alert_mobile": responses.masked_mobile(consent.alert_mobile),
        "alert_email": responses.masked_email(consent.alert_email),
        "consented_on": consent.consented_on,
        "method": consent.method,
        "method_label": str(consent.get_method_display()),
        "form_document_id": consent.form_document_id,
        "status": consent.status,
        "status_label": str(consent.get_status_display()),
        "withdrawn_at": consent.withdrawn_at,
        "withdraw_reason": consent.withdraw_reason,
        "created_at": consent.created_at,
    }


def service_out(service: Service) -> dict[str, Any]:
    return {
        "id": service.pk,
        "case_id": service.case_id,
        "case_number": service.case.number or "",
        "court": service.case.court.name,
        "document_id": service.document_id,
        "document_title": service.document_title,
        "sha256": service.sha256,
        "party_id": service.party_id,
        "recipient_name": service.recipient_name,
        "method": service.method,
        "method_label": str(service.get_method_display()),
        "status": service.status,
        "status_label": str(service.get_status_display()),
        "served_at": service.served_at,
        "first_opened_at": service.first_opened_at,
        "open_count": service.open_count,
        "paper_reason": service.paper_reason,
        "delivered_on": service.delivered_on,
        "failure_reason": service.failure_reason,
        "requested_from_id": service.requested_from_id,
        "proof_url": f"/api/v1/service/records/{service.pk}/proof" if service.proof_document_id else None,
        "created_at": service.created_at,
    }


def inbox_out(service: Service) -> dict[str, Any]:
    return {
        "id": service.pk,
        "case_id": service.case_id,
        "case_number": service.case.number or "",
        "court": service.case.court.name,
        "document_title": service.document_title,
        "sha256": service.sha256,
        "served_at": service.served_at,
        "first_opened_at": service.first_opened_at,
        "open_count": service.open_count,
        "file_url": f"/api/v1/inbox/{service.pk}/file",
    }


def _consent(consent_id: int) -> Consent:
    return Consent.objects.select_related("case__court", "party", "inbox_account").get(pk=consent_id)


# ---- Consent ---------------------------------------------------------------------------------


@router.get("/service/cases/{int:case_id}/consents", response={200: list[PartyConsentOut], 404: ErrorOut})
def list_consents(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """The consent in force per party (staff: every party; a party or agent: the parties they speak for)."""
    case = case_selectors.case_for_user(request.user, case_id)
    return [
        {"party_id": s.party.pk, "party_name": s.party.name, "consent": consent_out(s.consent) if s.consent else None}
        for s in selectors.party_states(user=request.user, case=case)
    ]


@router.post("/service/cases/{int:case_id}/consents", response={201: ConsentOut, **ERRORS})
def record_consent(request: HttpRequest, case_id: int, payload: ConsentIn) -> Status:
    """Online consent by the party or their agent; the inbox is the caller's own account."""
    case = case_selectors.case_for_user(request.user, case_id)
    consent = services.consent_record(
        actor=request.user,
        case=case,
        party_id=payload.party_id,
        alert_mobile=payload.alert_mobile,
        alert_email=payload.alert_email,
    )
    return Status(201, consent_out(_consent(consent.pk)))


@router.post("/service/cases/{int:case_id}/consents/paper", response={201: ConsentOut, **ERRORS})
def record_paper_consent(
    request: HttpRequest, case_id: int, payload: Form[PaperConsentIn], form_file: File[UploadedFile]
) -> Status:
    """Court staff record a signed paper consent form (multipart: the fields and ``form_file``)."""
    case = case_selectors.case_for_user(request.user, case_id)
    consent = services.consent_record_from_form(
        actor=request.user,
        case=case,
        party_id=payload.party_id,
        inbox_account_id=payload.inbox_account_id,
        consented_on=payload.consented_on,
        form_file=form_file,
        alert_mobile=payload.alert_mobile,
        alert_email=payload.alert_email,
    )
    return Status(201, consent_out(_consent(consent.pk)))


@router.get("/service/consents/{int:consent_id}", response={200: ConsentOut, 404: ErrorOut})
def get_consent(request: HttpRequest, consent_id: int) -> dict[str, Any]:
    return consent_out(selectors.consent_for_user(request.user, consent_id))


@router.post("/service/consents/{int:consent_id}/withdraw", response={200: ConsentOut, **ERRORS})
def withdraw_consent(request: HttpRequest, consent_id: int, payload: WithdrawIn) -> dict[str, Any]:
    """Withdraw a consent: documents go on paper from then on."""
    consent = selectors.consent_for_user(request.user, consent_id)
    services.consent_withdraw(actor=request.user, consent=consent, reason=payload.reason)
    return consent_out(_consent(consent_id))


# ---- Serving and the case's services ----------------------------------------------------------


@router.post("/service/cases/{int:case_id}/services", response={201: list[ServiceOut], **ERRORS})
def serve(request: HttpRequest, case_id: int, payload: ServeIn) -> Status:
    """Serve 正卷 documents to parties: electronic where consented, otherwise a paper-service task."""
    case = case_selectors.case_for_user(request.user, case_id)
    created = services.document_serve(
        actor=request.user,
        case=case,
        document_ids=payload.document_ids,
        party_ids=payload.party_ids,
        paper_method=payload.paper_method,
    )
    ids = [s.pk for s in created]
    rows = selectors.case_services(case=case).filter(pk__in=ids).order_by("id")
    return Status(201, [service_out(s) for s in rows])


@router.get("/service/cases/{int:case_id}/services", response={200: list[ServiceOut], 404: ErrorOut})
def list_services(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """The services of a case (staff: all; a party: those served to their own inbox)."""
    case = case_selectors.case_for_user(request.user, case_id)
    rows = selectors.services_of_case_for_user(user=request.user, case=case)[:LIST_LIMIT]
    return [service_out(s) for s in rows]


@router.get("/service/tasks", response={200: list[ServiceOut], 422: ErrorOut})
def list_tasks(
    request: HttpRequest, status: str = ServiceStatus.PAPER_PENDING, mine: bool = False
) -> list[dict[str, Any]]:
    """Paper-service tasks of the courts where the caller serves (status: paper_pending by default; '' for all;
    ``mine=true``: only cases where the caller is the clerk)."""
    if status and status not in ServiceStatus.values:
        raise ValidationFailed("未知的状态", code="invalid_status", details={"field": "status"})
    tasks = selectors.paper_tasks_for_user(user=request.user, status=status, mine=mine)
    return [service_out(s) for s in tasks[:LIST_LIMIT]]


@router.get("/service/records/{int:service_id}", response={200: ServiceOut, 404: ErrorOut})
def get_service(request: HttpRequest, service_id: int) -> dict[str, Any]:
    return service_out(selectors.service_for_user(request.user, service_id))


@router.post("/service/records/{int:service_id}/outcome", response={200: ServiceOut, **ERRORS})
def record_outcome(
    request: HttpRequest,
    service_id: int,
    payload: Form[OutcomeIn],
    receipt: File[UploadedFile] | None = None,
) -> dict[str, Any]:
    """Outcome of a paper-service task (multipart: outcome, method, delivered_on, reason, optional receipt)."""
    service = selectors.service_for_user(request.user, service_id)
    services.paper_outcome_record(
        actor=request.user,
        service=service,
        outcome=payload.outcome,
        method=payload.method,
        delivered_on=payload.delivered_on,
        reason=payload.reason,
        receipt_file=receipt,
    )
    return service_out(selectors.service_for_user(request.user, service_id))


@router.get("/service/records/{int:service_id}/proof", response={404: ErrorOut})
def download_proof(request: HttpRequest, service_id: int) -> HttpResponse:
    """The proof of service (送达回证) PDF, current version; staff of the case or the recipient."""
    service = selectors.service_for_user(request.user, service_id)
    return responses.proof_response(request.user, service)


@router.post("/service/records/{int:service_id}/proof", response={200: ServiceOut, **ERRORS})
def regenerate_proof(request: HttpRequest, service_id: int) -> dict[str, Any]:
    """A new version of the proof showing the first opening time (after the recipient opened it)."""
    service = selectors.service_for_user(request.user, service_id)
    services.service_proof_regenerate(actor=request.user, service=service)
    return service_out(selectors.service_for_user(request.user, service_id))


# ---- The inbox -----------------------------------------------------------------------------------


@router.get("/inbox", response=list[InboxItemOut])
def inbox(request: HttpRequest) -> list[dict[str, Any]]:
    """Documents served to my inbox, newest first."""
    return [inbox_out(s) for s in selectors.inbox_for_user(request.user)[:LIST_LIMIT]]


@router.get("/inbox/{int:service_id}", response={200: InboxItemOut, 404: ErrorOut})
def inbox_item(request: HttpRequest, service_id: int) -> dict[str, Any]:
    return inbox_out(selectors.inbox_service_for_user(request.user, service_id))


@router.get("/inbox/{int:service_id}/file", response={404: ErrorOut})
def open_document(request: HttpRequest, service_id: int) -> HttpResponse:
    """The served document; the first opening time is recorded, later openings counted (audited)."""
    service = selectors.inbox_service_for_user(request.user, service_id)
    return responses.open_served_file(request.user, service)


@router.post("/inbox/{int:service_id}/paper-request", response={201: ServiceOut, **ERRORS})
def request_paper(request: HttpRequest, service_id: int, payload: PaperRequestIn) -> Status:
    """Ask for the served document on paper as well (creates a paper-service task)."""
    service = selectors.inbox_service_for_user(request.user, service_id)
    task = services.paper_request(actor=request.user, service=service, note=payload.note)
    return Status(201, service_out(Service.objects.select_related("case__court").get(pk=task.pk)))
