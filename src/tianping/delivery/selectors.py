"""Reads of electronic service, with its gatekeepers.

A service record is visible to the serving staff's court scope (through the case gatekeeper)
and to its recipient (the inbox account); to anyone else — another litigant of the same
case included — it does not exist (404). Consents are visible to the staff who may read the
case and to the accounts that speak for the party.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core import audit
from tianping.core.enums import AuditKind
from tianping.core.errors import NotFound
from tianping.delivery import services
from tianping.delivery.enums import (
    PAPER_METHODS,
    ConsentStatus,
    ErrorCode,
    PaperOutcome,
    ServiceMethod,
    ServiceStatus,
)
from tianping.delivery.models import Consent, Service
from tianping.dossier import selectors as dossier_selectors
from tianping.dossier.enums import Category, Volume

_RELATED = ("case__court", "party", "recipient_account", "served_by", "proof_document__current_version",
            "receipt_document__current_version", "version")  # fmt: skip


def _service_not_found() -> NotFound:
    return NotFound("送达记录不存在或无权访问", code=ErrorCode.SERVICE_NOT_FOUND)


# ---- For other contexts ----------------------------------------------------------------------


def inbox_for_user(user: Any) -> QuerySet[Service]:
    """The documents served electronically to ``user``'s inbox, newest first (the party portal's 我的送达)."""
    if not getattr(user, "is_authenticated", False):
        return Service.objects.none()
    return (
        Service.objects.filter(recipient_account_id=user.pk, method=ServiceMethod.ELECTRONIC)
        .select_related("case__court")
        .order_by("-served_at", "-id")
    )


def case_services(*, case: Any) -> QuerySet[Service]:
    """Every service of ``case`` (electronic and paper), newest first. No access check: the caller
    has loaded ``case`` through ``case_for_user`` (trial-process disclosure, the case page)."""
    return Service.objects.filter(case_id=case.pk).select_related(*_RELATED).order_by("-created_at", "-id")


# ---- Gatekeepers -------------------------------------------------------------------------------


def inbox_service_for_user(user: Any, service_id: int) -> Service:
    """One service in ``user``'s own inbox; any other service is NotFound."""
    service = inbox_for_user(user).select_related(*_RELATED).filter(pk=service_id).first()
    if service is None:
        raise _service_not_found()
    return service


def service_for_user(user: Any, service_id: int) -> Service:
    """A service record for its recipient, or for staff who may read its case; else NotFound."""
    service = Service.objects.select_related(*_RELATED).filter(pk=service_id).first()
    if service is None:
        raise _service_not_found()
    if service.recipient_account_id is not None and service.recipient_account_id == getattr(user, "pk", None):
        return service
    if not access.is_staff_user(user):
        raise _service_not_found()
    try:
        service.case = case_selectors.case_for_user(user, service.case_id)
    except NotFound:
        raise _service_not_found() from None
    return service


def consent_for_user(user: Any, consent_id: int) -> Consent:
    """A consent for staff who may read its case, or for an account speaking for its party."""
    consent = Consent.objects.select_related("case__court", "party", "inbox_account").filter(pk=consent_id).first()
    if consent is None:
        raise NotFound("确认书不存在或无权访问", code=ErrorCode.CONSENT_NOT_FOUND)
    try:
        case_selectors.case_for_user(user, consent.case_id)
    except NotFound:
        raise NotFound("确认书不存在或无权访问", code=ErrorCode.CONSENT_NOT_FOUND) from None
    party = consent.case.parties.prefetch_related("agents").get(pk=consent.party_id)
    if access.is_staff_user(user) or services.speaks_for(user, party):
        return consent
    raise NotFound("确认书不存在或无权访问", code=ErrorCode.CONSENT_NOT_FOUND)


def proof_version(service: Service) -> Any:
    """The current version of the proof of service (or None before there is one)."""
    document = service.proof_document
    return document.current_version if document is not None else None


# ---- Views of a case ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PartyState:
    party: Any
    consent: Consent | None
    linked_accounts: list[Any]
    mine: bool  # the viewing user speaks for this party

    @property
    def electronic(self) -> bool:
        return self.consent is not None


def consents_of_case(*, case: Any) -> dict[int, Consent]:
    """The consent in force per party id."""
    active = Consent.objects.filter(case_id=case.pk, status=ConsentStatus.ACTIVE).select_related("inbox_account")
    return {c.party_id: c for c in active}


def party_states(*, user: Any, case: Any) -> list[PartyState]:
    """Each party with its consent in force; a litigant sees only the parties they speak for."""
    parties = list(case.parties.prefetch_related("agents__account").select_related("account"))
    consents = consents_of_case(case=case)
    staff = access.is_staff_user(user)
    states = []
    for party in parties:
        mine = services.speaks_for(user, party)
        if not (staff or mine):
            continue
        accounts = [party.account] if party.account_id else []
        accounts += [a.account for a in party.agents.all() if a.account_id]
        states.append(PartyState(party=party, consent=consents.get(party.pk), linked_accounts=accounts, mine=mine))
    return states


def consent_history(*, user: Any, case: Any) -> list[Consent]:
    """Every consent (in force and withdrawn) of the parties the user may see, newest first."""
    consents = Consent.objects.filter(case_id=case.pk).select_related("party", "inbox_account", "recorded_by")
    if not access.is_staff_user(user):
        party_ids = [s.party.pk for s in party_states(user=user, case=case)]
        consents = consents.filter(party_id__in=party_ids)
    return list(consents.order_by("-created_at", "-id"))


def servable_documents(*, user: Any, case: Any) -> list[Any]:
    """正卷 documents of the case with a file (what the serve form offers), proofs of service left out."""
    documents = dossier_selectors.dossier_for_user(user, case).filter(volume=Volume.MAIN, current_version__isnull=False)
    return list(documents.exclude(category=Category.SERVICE_RECEIPT))


def services_of_case_for_user(*, user: Any, case: Any) -> QuerySet[Service]:
    """The services of a case loaded through ``case_for_user``: staff see all of them, a party or
    agent only those served to their own inbox."""
    services_ = case_services(case=case)
    if access.is_staff_user(user):
        return services_
    return services_.filter(recipient_account_id=getattr(user, "pk", None))


@dataclasses.dataclass(frozen=True)
class CaseDeliveryView:
    case: Any
    may_serve: bool
    parties: list[PartyState]
    documents: list[Any]
    services: list[Service]
    consents: list[Consent]
    paper_methods: list[tuple[str, str]]
    outcomes: list[tuple[str, str]]

    @property
    def has_history(self) -> bool:
        """Whether a consent was ever withdrawn or replaced (the record is then worth showing)."""
        return any(c.status != ConsentStatus.ACTIVE for c in self.consents)


def case_delivery_view(*, user: Any, case: Any) -> CaseDeliveryView:
    """What the case's 送达 page shows to ``user`` (staff: everything; a party: their own records)."""
    may = services.may_serve(user, case)
    shown = list(services_of_case_for_user(user=user, case=case))
    return CaseDeliveryView(
        case=case,
        may_serve=may,
        parties=party_states(user=user, case=case),
        documents=servable_documents(user=user, case=case) if may else [],
        services=shown,
        consents=consent_history(user=user, case=case),
        paper_methods=paper_method_choices(),
        outcomes=[(o, str(label)) for o, label in PaperOutcome.choices],
    )


def paper_method_choices() -> list[tuple[str, str]]:
    labels = dict(ServiceMethod.choices)
    return [(m, str(labels[m])) for m in PAPER_METHODS]


def paper_tasks_for_user(
    *, user: Any, status: str = ServiceStatus.PAPER_PENDING, mine: bool = False
) -> QuerySet[Service]:
    """Paper-service tasks of the courts where ``user`` serves (court clerks' 送达任务), oldest first;
    ``mine``: only those of cases where ``user`` is the clerk."""
    court_ids = [g.court_id for g in access.active_grants(user) if g.role in services.SERVING_ROLES]
    if not access.is_staff_user(user) or not court_ids:
        return Service.objects.none()
    tasks = Service.objects.filter(case__court_id__in=court_ids).exclude(method=ServiceMethod.ELECTRONIC)
    if status:
        tasks = tasks.filter(status=status)
    if mine:
        tasks = tasks.filter(case__clerk=user)
    return tasks.select_related("case__court", "case__clerk", "party", "served_by").order_by("created_at", "id")


def proof_file_for_user(user: Any, service: Service) -> tuple[Any, bytes]:
    """The current proof-of-service version of a service loaded through ``service_for_user``, and its
    bytes; the read is audited. No proof (a paper service) is NotFound."""
    version = proof_version(service)
    if version is None:
        raise NotFound("该送达没有系统生成的送达回证", code="proof_not_found")
    data = dossier_selectors.version_bytes(version)  # an altered file is refused before the read is logged
    audit.record(
        actor=user,
        action="delivery.proof_download",
        obj=service,
        kind=AuditKind.READ,
        court_code=service.case.court.code,
        changes={"case": service.case_id, "proof_document": service.proof_document_id, "version": version.number,
                 "sha256": version.sha256},
    )  # fmt: skip
    return version, data


def service_dates(*, document_id: int) -> dict[int, dt.date]:
    """The day each party was first served ``document_id`` (a dossier document): the inbox arrival
    date (court time) of an electronic service, the recorded delivery date of a paper one. Parties
    not (yet) served are absent. No access check: for other contexts' period arithmetic."""
    dates: dict[int, dt.date] = {}
    rows = Service.objects.filter(document_id=document_id).values_list("party_id", "served_at", "delivered_on")
    for party_id, served_at, delivered_on in rows:
        day = timezone.localtime(served_at).date() if served_at else delivered_on
        if day is not None and (party_id not in dates or day < dates[party_id]):
            dates[party_id] = day
    return dates
