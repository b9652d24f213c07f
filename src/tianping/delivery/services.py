"""Writes of electronic service (电子送达): consent, serving, opening, paper tasks, proofs of service.

Rules (domain §10): a document is served electronically only to a party who consented to
an electronic address — the platform inbox of an account linked to the party (their own or
an agent's). The service time is the moment the document reaches that inbox, which is the
moment of serving (``clock.now()``). Everyone else gets a paper-service task for the court
clerk. Only 正卷 documents are served; the proof of service goes into the 正卷 as well.
Every write runs in one transaction with its audit record; the alert messages go out after
commit (``notify`` schedules them with ``on_commit``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases.enums import CaseStatus
from tianping.core import audit, clock
from tianping.core.enums import AuditKind
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.validators import parse_mobile
from tianping.delivery import proof
from tianping.delivery.enums import (
    PAPER_METHODS,
    ConsentMethod,
    ConsentStatus,
    ErrorCode,
    PaperOutcome,
    PaperReason,
    ServiceMethod,
    ServiceStatus,
)
from tianping.delivery.models import Consent, Service
from tianping.dossier import selectors as dossier_selectors
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Source, Volume
from tianping.notify import services as notify_services

# Court staff of the case's court who serve documents and keep the paper-service tasks.
SERVING_ROLES = (Role.JUDGE, Role.JUDGE_ASSISTANT, Role.COURT_CLERK)
MAX_DOCUMENTS = 20
MAX_PARTIES = 50
ALERT_TEMPLATE = "document_served"

# Declared status transitions; every status change goes through ``_transition``.
SERVICE_TRANSITIONS: dict[str, frozenset[str]] = {
    ServiceStatus.SERVED: frozenset({ServiceStatus.OPENED}),
    ServiceStatus.PAPER_PENDING: frozenset({ServiceStatus.PAPER_DELIVERED, ServiceStatus.PAPER_FAILED}),
}
CONSENT_TRANSITIONS: dict[str, frozenset[str]] = {
    ConsentStatus.ACTIVE: frozenset({ConsentStatus.WITHDRAWN}),
}
# A service that still stands: serving the same version to the same party again is refused.
STANDING_STATUSES = (
    ServiceStatus.SERVED,
    ServiceStatus.OPENED,
    ServiceStatus.PAPER_PENDING,
    ServiceStatus.PAPER_DELIVERED,
)


# ---- Who may do what -----------------------------------------------------------------------


def may_serve(actor: Any, case: Any) -> bool:
    """Judges, judge assistants and court clerks of the case's court."""
    return access.is_staff_user(actor) and access.has_role(actor, *SERVING_ROLES, court_id=case.court_id)


def _require_server(actor: Any, case: Any) -> None:
    if not may_serve(actor, case):
        raise PermissionDenied("仅本院法官、法官助理和书记员可以办理送达", code=ErrorCode.NOT_A_SERVER)


def _require_open_case(case: Any) -> None:
    if case.status == CaseStatus.ARCHIVED:
        raise Conflict("案件已归档，不能再办理送达", code=ErrorCode.CASE_ARCHIVED)


def linked_account_ids(party: Any) -> set[int]:
    """Accounts that speak for ``party``: its own linked account and its agents' accounts."""
    ids = {a.account_id for a in party.agents.all() if a.account_id}
    if party.account_id:
        ids.add(party.account_id)
    return ids


def speaks_for(user: Any, party: Any) -> bool:
    return getattr(user, "pk", None) in linked_account_ids(party)


def _transition(obj: Any, table: dict[str, frozenset[str]], to: str) -> str:
    if to not in table.get(obj.status, frozenset()):
        raise Conflict(
            f"当前状态为“{obj.get_status_display()}”，不能执行此操作",
            code=ErrorCode.INVALID_TRANSITION,
            details={"status": obj.status, "to": to},
        )
    previous, obj.status = obj.status, to
    return previous


# ---- Consent ---------------------------------------------------------------------------------


def _party_of(case: Any, party_id: int) -> Any:
    party = case.parties.prefetch_related("agents").filter(pk=party_id).first()
    if party is None:
        raise ValidationFailed("当事人不属于本案", code=ErrorCode.UNKNOWN_PARTIES, details={"party_ids": [party_id]})
    return party


def _clean_alerts(mobile: str, email: str) -> tuple[str, str]:
    mobile = parse_mobile(mobile) if (mobile or "").strip() else ""
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except DjangoValidationError as exc:
            raise ValidationFailed(
                "电子邮箱格式不正确", code="invalid_email", details={"field": "alert_email"}
            ) from exc
    if not mobile and not email:
        raise ValidationFailed("请至少填写手机号码或电子邮箱，用于送达提醒", code=ErrorCode.ALERT_REQUIRED)
    return mobile, email


def _save_consent(*, actor: Any, case: Any, party: Any, replaced: Consent | None, **fields: Any) -> Consent:
    if replaced is not None:
        _close_consent(actor=actor, consent=replaced, reason="被新的确认书取代")
    try:
        with transaction.atomic():
            consent = Consent.objects.create(case=case, party=party, recorded_by=actor, **fields)
    except IntegrityError as exc:  # the partial unique constraint: a concurrent consent won
        raise Conflict("该当事人已有有效的确认书", code=ErrorCode.CONSENT_EXISTS) from exc
    audit.record(
        actor=actor,
        action="delivery.consent_record",
        obj=consent,
        court_code=case.court.code,
        changes={"case": case.pk, "party": party.pk, "method": consent.method,
                 "inbox_account": consent.inbox_account_id, "consented_on": consent.consented_on,
                 "alert_mobile": bool(consent.alert_mobile),
                 "alert_email": bool(consent.alert_email), "form_document": consent.form_document_id,
                 "replaces": replaced.pk if replaced else None},
    )  # fmt: skip
    return consent


def _active_consent(party: Any) -> Consent | None:
    return Consent.objects.select_for_update().filter(party=party, status=ConsentStatus.ACTIVE).first()


@transaction.atomic
def consent_record(*, actor: Any, case: Any, party_id: int, alert_mobile: str = "", alert_email: str = "") -> Consent:
    """Online consent by the party themself or their agent: the inbox is ``actor``'s own account.
    A consent already in force is replaced by the new one."""
    party = _party_of(case, party_id)
    if not speaks_for(actor, party):
        raise PermissionDenied("只有当事人本人或其代理人可以在线确认电子送达", code=ErrorCode.NOT_THE_PARTY)
    _require_open_case(case)
    mobile, email = _clean_alerts(alert_mobile, alert_email)
    return _save_consent(
        actor=actor,
        case=case,
        party=party,
        replaced=_active_consent(party),
        inbox_account=actor,
        alert_mobile=mobile,
        alert_email=email,
        consented_on=clock.today(),
        method=ConsentMethod.ONLINE,
    )


@transaction.atomic
def consent_record_from_form(
    *,
    actor: Any,
    case: Any,
    party_id: int,
    inbox_account_id: int,
    consented_on: dt.date,
    form_file: Any,
    alert_mobile: str = "",
    alert_email: str = "",
) -> Consent:
    """Court staff record a signed paper consent form; the scan goes into the dossier (正卷)."""
    _require_server(actor, case)
    _require_open_case(case)
    party = _party_of(case, party_id)
    if inbox_account_id not in linked_account_ids(party):
        raise ValidationFailed(
            "送达收件账户须为该当事人或其代理人的平台账户",
            code=ErrorCode.INBOX_NOT_LINKED,
            details={"field": "inbox_account_id"},
        )
    if consented_on > clock.today():
        raise ValidationFailed("确认日期不能晚于今天", code="date_in_future", details={"field": "consented_on"})
    mobile, email = _clean_alerts(alert_mobile, alert_email)
    if form_file is None:
        raise ValidationFailed("请上传当事人签署的确认书", code="form_required", details={"field": "form_file"})
    form = dossier_services.document_add(
        actor=actor,
        case=case,
        volume=Volume.MAIN,
        category=Category.OTHER,
        title=f"送达地址确认书及电子送达同意书（{party.name}）"[:200],
        uploaded_file=form_file,
        source=Source.STAFF_UPLOAD,
    )
    return _save_consent(
        actor=actor,
        case=case,
        party=party,
        replaced=_active_consent(party),
        inbox_account_id=inbox_account_id,
        alert_mobile=mobile,
        alert_email=email,
        consented_on=consented_on,
        method=ConsentMethod.PAPER_FORM,
        form_document=form,
    )


def _close_consent(*, actor: Any, consent: Consent, reason: str) -> Consent:
    previous = _transition(consent, CONSENT_TRANSITIONS, ConsentStatus.WITHDRAWN)
    consent.withdrawn_at = clock.now()
    consent.withdrawn_by = actor
    consent.withdraw_reason = (reason or "").strip()[:200]
    consent.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdraw_reason", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.consent_withdraw",
        obj=consent,
        court_code=consent.case.court.code,
        changes={"status": [previous, consent.status], "party": consent.party_id, "reason": consent.withdraw_reason},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: Consent, reason: str = "") -> Consent:
    """Withdraw consent (the party or their agent, or serving staff recording a written withdrawal);
    documents go on paper from then on."""
    consent = Consent.objects.select_for_update(of=("self",)).select_related("case__court", "party").get(pk=consent.pk)
    if not (speaks_for(actor, consent.party) or may_serve(actor, consent.case)):
        raise PermissionDenied("只有当事人本人、其代理人或本院办案人员可以撤回", code=ErrorCode.NOT_THE_PARTY)
    return _close_consent(actor=actor, consent=consent, reason=reason)


# ---- Serving -----------------------------------------------------------------------------------


def _unique_ids(values: Iterable[Any], field: str, limit: int) -> list[int]:
    try:
        ids = list(dict.fromkeys(int(v) for v in values))
    except (TypeError, ValueError) as exc:
        raise ValidationFailed("编号应为整数", code="validation_failed", details={"field": field}) from exc
    if not ids:
        raise ValidationFailed("请至少选择一项", code="selection_required", details={"field": field})
    if len(ids) > limit:
        raise ValidationFailed(f"一次最多选择 {limit} 项", code="too_many", details={"field": field, "max": limit})
    return ids


def _servable_documents(actor: Any, case: Any, document_ids: list[int]) -> list[Any]:
    found = {d.pk: d for d in dossier_selectors.dossier_for_user(actor, case).filter(pk__in=document_ids)}
    missing = [i for i in document_ids if i not in found]
    if missing:
        raise ValidationFailed(
            "所选材料不属于本案", code=ErrorCode.UNKNOWN_DOCUMENTS, details={"document_ids": missing}
        )
    documents = [found[i] for i in document_ids]
    secondary = [d.pk for d in documents if d.volume != Volume.MAIN]
    if secondary:
        raise ValidationFailed(
            "副卷材料不对当事人公开，不能送达", code=ErrorCode.SECONDARY_VOLUME, details={"document_ids": secondary}
        )
    empty = [d.pk for d in documents if d.current_version is None]
    if empty:
        raise ValidationFailed("材料没有可送达的文件", code="document_without_file", details={"document_ids": empty})
    return documents


def _case_parties(case: Any, party_ids: list[int]) -> list[Any]:
    found = {p.pk: p for p in case.parties.prefetch_related("agents").filter(pk__in=party_ids)}
    missing = [i for i in party_ids if i not in found]
    if missing:
        raise ValidationFailed("所选当事人不属于本案", code=ErrorCode.UNKNOWN_PARTIES, details={"party_ids": missing})
    return [found[i] for i in party_ids]


def _refuse_repeats(documents: list[Any], parties: list[Any]) -> None:
    repeats = list(
        Service.objects.filter(
            version_id__in=[d.current_version_id for d in documents],
            party_id__in=[p.pk for p in parties],
            status__in=STANDING_STATUSES,
        ).values_list("document_id", "party_id")
    )
    if repeats:
        raise Conflict(
            "所选文书已向所选当事人送达（或正在纸质送达）",
            code=ErrorCode.ALREADY_SERVED,
            details={"pairs": [{"document_id": d, "party_id": p} for d, p in repeats]},
        )


def _electronic_inbox(party: Any, consents: dict[int, Consent]) -> tuple[Consent | None, str]:
    """The consent to serve ``party`` under, or None and the reason for paper."""
    consent = consents.get(party.pk)
    if consent is None:
        return None, PaperReason.NO_CONSENT if linked_account_ids(party) else PaperReason.NO_ACCOUNT
    account = consent.inbox_account
    if account.pk not in linked_account_ids(party) or not account.is_active:
        return None, PaperReason.NO_ACCOUNT
    return consent, ""


def _attach_proof(*, actor: Any, service: Service) -> None:
    data = proof.proof_pdf(service)
    document = dossier_services.document_add(
        actor=actor,
        case=service.case,
        volume=Volume.MAIN,
        category=Category.SERVICE_RECEIPT,
        title=proof.proof_title(service),
        uploaded_file=ContentFile(data, name=f"送达回证-{service.pk}.pdf"),
        source=Source.GENERATED,
    )
    service.proof_document = document
    service.proof_shows_opening = service.first_opened_at is not None
    service.save(update_fields=["proof_document", "proof_shows_opening", "updated_at"])


def _alert(*, case: Any, consent: Consent, party: Any, services: list[Service]) -> None:
    """The mandatory SMS / e-mail telling the recipient a document is in their inbox."""
    if not (consent.alert_mobile or consent.alert_email):
        return
    served_at = timezone.localtime(services[0].served_at).strftime("%Y-%m-%d %H:%M")
    notify_services.notify(
        recipients=[
            notify_services.Recipient(
                name=party.name,
                mobile=consent.alert_mobile,
                email=consent.alert_email,
                account_id=consent.inbox_account_id,
            )
        ],
        template=ALERT_TEMPLATE,
        context={
            "court": case.court.name,
            "number": case.number or "",
            "count": len(services),
            "titles": "、".join(s.document_title for s in services),
            "served_at": served_at,
        },
        related=("cases.Case", case.pk),
        court_code=case.court.code,
        court_id=case.court_id,
    )


def _audit_service(actor: Any, service: Service, action: str, **changes: Any) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=service,
        court_code=service.case.court.code,
        changes={"case": service.case_id, "document": service.document_id, "version": service.version_id,
                 "sha256": service.sha256, "party": service.party_id, "method": service.method,
                 "status": service.status, **changes},
    )  # fmt: skip


@transaction.atomic
def document_serve(
    *,
    actor: Any,
    case: Any,
    document_ids: Sequence[int],
    party_ids: Sequence[int],
    paper_method: str = ServiceMethod.POST,
) -> list[Service]:
    """Serve 正卷 documents of ``case`` to its parties: electronically (into the inbox, now) where
    the party consented, otherwise as a paper-service task by ``paper_method``."""
    _require_server(actor, case)
    _require_open_case(case)
    if paper_method not in PAPER_METHODS:
        raise ValidationFailed("纸质送达方式无效", code="invalid_paper_method", details={"field": "paper_method"})
    documents = _servable_documents(actor, case, _unique_ids(document_ids, "document_ids", MAX_DOCUMENTS))
    parties = _case_parties(case, _unique_ids(party_ids, "party_ids", MAX_PARTIES))
    _refuse_repeats(documents, parties)
    consents = {
        c.party_id: c
        for c in Consent.objects.select_related("inbox_account").filter(party__in=parties, status=ConsentStatus.ACTIVE)
    }
    now = clock.now()
    created: list[Service] = []
    for party in parties:
        consent, reason = _electronic_inbox(party, consents)
        electronic: list[Service] = []
        for document in documents:
            service = Service.objects.create(
                case=case,
                document=document,
                version=document.current_version,
                document_title=document.title,
                sha256=document.current_version.sha256,
                party=party,
                recipient_name=party.name,
                served_by=actor,
                method=ServiceMethod.ELECTRONIC if consent else paper_method,
                status=ServiceStatus.SERVED if consent else ServiceStatus.PAPER_PENDING,
                consent=consent,
                recipient_account=consent.inbox_account if consent else None,
                served_at=now if consent else None,
                tasked_at=None if consent else now,
                paper_reason=reason,
            )
            _audit_service(actor, service, "delivery.serve", served_at=service.served_at, paper_reason=reason)
            if consent:
                _attach_proof(actor=actor, service=service)
                electronic.append(service)
            created.append(service)
        if consent and electronic:
            _alert(case=case, consent=consent, party=party, services=electronic)
    return created


# ---- The recipient ---------------------------------------------------------------------------


@transaction.atomic
def service_open(*, actor: Any, service: Service) -> Service:
    """The recipient opens a served document: the first opening time is kept, later ones counted."""
    service = Service.objects.select_for_update(of=("self",)).select_related("case__court").get(pk=service.pk)
    if not service.is_electronic or service.recipient_account_id != getattr(actor, "pk", None):
        raise NotFound("送达记录不存在或无权访问", code=ErrorCode.SERVICE_NOT_FOUND)
    now = clock.now()
    first = service.first_opened_at is None
    previous = service.status
    if first:
        _transition(service, SERVICE_TRANSITIONS, ServiceStatus.OPENED)
        service.first_opened_at = now
    service.last_opened_at = now
    service.open_count += 1
    service.save(update_fields=["status", "first_opened_at", "last_opened_at", "open_count", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.open",
        obj=service,
        kind=AuditKind.READ,
        court_code=service.case.court.code,
        changes={"case": service.case_id, "version": service.version_id, "sha256": service.sha256,
                 "first": first, "count": service.open_count, "status": [previous, service.status]},
    )  # fmt: skip
    return service


@transaction.atomic
def paper_request(*, actor: Any, service: Service, note: str = "") -> Service:
    """The recipient of an electronic service asks for the document on paper as well."""
    service = Service.objects.select_for_update(of=("self",)).select_related("case__court", "party").get(pk=service.pk)
    if not service.is_electronic or service.recipient_account_id != getattr(actor, "pk", None):
        raise NotFound("送达记录不存在或无权访问", code=ErrorCode.SERVICE_NOT_FOUND)
    if service.paper_requests.filter(status__in=STANDING_STATUSES).exists():
        raise Conflict("已申请纸质送达", code=ErrorCode.PAPER_ALREADY_REQUESTED)
    task = Service.objects.create(
        case=service.case,
        document_id=service.document_id,
        version_id=service.version_id,
        document_title=service.document_title,
        sha256=service.sha256,
        party=service.party,
        recipient_name=service.recipient_name,
        served_by=service.served_by,
        method=ServiceMethod.POST,
        status=ServiceStatus.PAPER_PENDING,
        paper_reason=PaperReason.REQUESTED,
        requested_from=service,
        tasked_at=clock.now(),
    )
    _audit_service(actor, task, "delivery.paper_request", requested_from=service.pk, note=(note or "")[:200])
    return task


# ---- Court staff after serving -------------------------------------------------------------


@transaction.atomic
def paper_outcome_record(
    *,
    actor: Any,
    service: Service,
    outcome: str,
    method: str = "",
    delivered_on: dt.date | None = None,
    reason: str = "",
    receipt_file: Any = None,
) -> Service:
    """The court clerk records how a paper-service task ended: delivered on a date by a method,
    or failed with a reason; an optional receipt scan goes into the dossier."""
    service = Service.objects.select_for_update(of=("self",)).select_related("case__court").get(pk=service.pk)
    _require_server(actor, service.case)
    if outcome not in PaperOutcome.values:
        raise ValidationFailed("送达结果应为 delivered 或 failed", code="invalid_outcome", details={"field": "outcome"})
    previous = service.status
    if outcome == PaperOutcome.DELIVERED:
        method = method or service.method
        if method not in PAPER_METHODS:
            raise ValidationFailed("纸质送达方式无效", code="invalid_paper_method", details={"field": "method"})
        if delivered_on is None:
            raise ValidationFailed("请填写送达日期", code="date_required", details={"field": "delivered_on"})
        tasked_on = timezone.localtime(service.tasked_at or service.created_at).date()
        if delivered_on > clock.today() or delivered_on < tasked_on:
            raise ValidationFailed(
                "送达日期应在送达任务创建之后、今天之前", code="invalid_date", details={"field": "delivered_on"}
            )
        _transition(service, SERVICE_TRANSITIONS, ServiceStatus.PAPER_DELIVERED)
        service.method, service.delivered_on = method, delivered_on
    else:
        reason = (reason or "").strip()
        if not reason:
            raise ValidationFailed("请填写未能送达的原因", code="reason_required", details={"field": "reason"})
        _transition(service, SERVICE_TRANSITIONS, ServiceStatus.PAPER_FAILED)
        service.failure_reason = reason[:200]
    if receipt_file is not None:
        service.receipt_document = dossier_services.document_add(
            actor=actor,
            case=service.case,
            volume=Volume.MAIN,
            category=Category.SERVICE_RECEIPT,
            title=f"送达回证（{service.document_title} · {service.recipient_name} · 纸质）"[:200],
            uploaded_file=receipt_file,
            source=Source.STAFF_UPLOAD,
        )
    service.outcome_by, service.outcome_at = actor, clock.now()
    service.save()
    _audit_service(
        actor, service, "delivery.paper_outcome", status=[previous, service.status], delivered_on=service.delivered_on,
        reason=service.failure_reason, receipt_document=service.receipt_document_id,
    )  # fmt: skip
    return service


@transaction.atomic
def service_proof_regenerate(*, actor: Any, service: Service) -> Service:
    """A new version of the proof of service, now showing the first opening time."""
    service = (
        Service.objects.select_for_update(of=("self",))
        .select_related("case__court", "party", "recipient_account", "served_by", "proof_document")
        .get(pk=service.pk)
    )
    _require_server(actor, service.case)
    if not service.is_electronic or service.proof_document is None:
        raise Conflict("只有电子送达有系统生成的送达回证", code=ErrorCode.INVALID_TRANSITION)
    if service.first_opened_at is None:
        raise Conflict("受送达人尚未查阅，回证无需更新", code="not_yet_opened")
    if service.proof_shows_opening:
        raise Conflict("送达回证已含查阅时间", code="proof_up_to_date")
    data = proof.proof_pdf(service)
    version = dossier_services.document_new_version(
        actor=actor,
        document=service.proof_document,
        uploaded_file=ContentFile(data, name=f"送达回证-{service.pk}-v2.pdf"),
    )
    service.proof_shows_opening = True
    service.save(update_fields=["proof_shows_opening", "updated_at"])
    _audit_service(actor, service, "delivery.proof_regenerate", proof_version=version.pk)
    return service
