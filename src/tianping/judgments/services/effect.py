"""What issuing a document does to its case: closing now, appeal periods and effect later.

Issuing closes the case (when the draft closes it) and opens one appeal period per party who may
appeal (``periods.period_rule``). Service drives the periods: ``effect_refresh`` reads each party's
service date of the issued PDF, sets the end of their period on the working-day calendar, and once
every period has run out unappealed the document takes effect (the day after the last end) and a
closed case becomes EFFECTIVE by operation of law. Documents that take effect on service (second
instance, mediation, decisions …) do so on the day the last party was served.

The refresh runs from the daily job (``tasks.effect_refresh_daily``) and from the staff's 刷新
action; delivery does not call it (a hook there would make delivery depend on judgments).

Appeals (``appeal_register``) are registered by a registrar (立案员, 庭长, 院长) of the court above,
who may read the first-instance case: ``cases.case_create_linked`` registers the second-instance
case at that court, and the first instance's 正卷 is transferred by reference to the same files.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import CaseStatus, LinkKind
from tianping.core import audit, clock
from tianping.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tianping.core.workdays import working_calendar
from tianping.courts.enums import CourtLevel
from tianping.delivery import selectors as delivery_selectors
from tianping.dossier import services as dossier_services
from tianping.judgments import periods
from tianping.judgments.enums import DocumentKind, EffectStatus
from tianping.judgments.models import AppealPeriod, IssuedDocument

__all__ = [
    "APPEAL_REGISTRAR_ROLES",
    "appeal_register",
    "document_facts",
    "document_issued",
    "effect_refresh",
    "effect_refresh_due",
    "may_register_appeal",
]

logger = logging.getLogger(__name__)

APPEAL_REGISTRAR_ROLES = (Role.FILING_CLERK, Role.DIVISION_HEAD, Role.PRESIDENT)
PENDING_STATUSES = (EffectStatus.AWAITING_SERVICE, EffectStatus.APPEAL_PERIOD, EffectStatus.NOT_APPEALABLE)


def document_facts(document: IssuedDocument) -> periods.DocumentFacts:
    case, draft = document.case, document.draft
    return periods.DocumentFacts(
        kind=document.kind,
        category=case.category,
        instance=case.case_type.instance,
        procedure=case.procedure,
        supreme_court=case.court.level == CourtLevel.SUPREME,
        ruling_subject=periods.ruling_subject(str((draft.sections or {}).get("ruling_subject", "")),
                                              draft.closing_method),
    )  # fmt: skip


def _audit(actor: Any, action: str, document: IssuedDocument, changes: dict[str, Any]) -> None:
    audit.record(actor=actor, action=action, obj=document, changes=changes, court_code=document.case.court.code)


def document_issued(*, actor: Any, document: IssuedDocument) -> None:
    """Called by the issuing service inside its transaction, once the document is frozen: close the
    case when the draft closes it, and open the appeal periods (or mark it effective on service)."""
    draft = document.draft
    if draft.closes_case:
        case_services.case_transition(
            actor=actor,
            case=document.case,
            to_status=CaseStatus.CLOSED,
            closing_method=draft.closing_method,
            closing_outcome=draft.outcome,
        )
    rule = periods.period_rule(document_facts(document))
    parties = [p for p in document.case.parties.all() if p.role in rule.roles] if rule.appealable else []
    for party in parties:
        days = periods.party_days(rule, document.case.category)  # no "domicile abroad" flag on parties yet
        AppealPeriod.objects.create(document=document, party=party, days=days)
    document.effect_status = EffectStatus.AWAITING_SERVICE if parties else EffectStatus.NOT_APPEALABLE
    document.save(update_fields=["effect_status", "updated_at"])
    _audit(actor, "judgments.periods_open", document, {
        "effect_status": document.effect_status, "reason": rule.reason, "objection": rule.objection,
        "periods": [{"party": p.pk, "days": periods.party_days(rule, document.case.category)} for p in parties],
    })  # fmt: skip


def _locked(document: IssuedDocument) -> IssuedDocument:
    return (
        IssuedDocument.objects.select_for_update(of=("self",))
        .select_related("case__court", "case__case_type", "draft")
        .get(pk=document.pk)
    )


@transaction.atomic
def effect_refresh(*, document: IssuedDocument, today: dt.date | None = None, actor: Any = None) -> IssuedDocument:
    """Bring the document's periods and effect up to date with its services (idempotent: a second run
    with nothing new changes and records nothing). ``actor``: who asked, for the audit (None: the job)."""
    today = today or clock.today()
    document = _locked(document)
    if document.effect_status not in PENDING_STATUSES:
        return document
    served = delivery_selectors.service_dates(document_id=document.pdf_document_id)
    before = document.effect_status
    changes: dict[str, Any] = {}
    if document.effect_status == EffectStatus.NOT_APPEALABLE:
        party_ids = list(document.case.parties.values_list("pk", flat=True))
        if party_ids and all(pk in served for pk in party_ids):
            _take_effect(document, max(served[pk] for pk in party_ids), changes)
    else:
        _refresh_periods(document, served, today, changes)
    if changes or document.effect_status != before:
        changes["effect_status"] = [before, document.effect_status]
        _audit(actor, "judgments.effect_refresh", document, changes)
    return document


def _refresh_periods(
    document: IssuedDocument, served: dict[int, dt.date], today: dt.date, changes: dict[str, Any]
) -> None:
    calendar = working_calendar()
    appeal_periods = list(document.appeal_periods.select_for_update().order_by("id"))
    for period in appeal_periods:
        served_on = served.get(period.party_id)
        if served_on is not None and served_on != period.served_on:
            period.served_on, period.ends_on = served_on, periods.period_end(calendar, served_on, period.days)
            period.save(update_fields=["served_on", "ends_on", "updated_at"])
            changes.setdefault("periods", []).append(
                {"party": period.party_id, "served_on": served_on, "ends_on": period.ends_on}
            )
    if any(p.appealed_on for p in appeal_periods):
        return
    ends = [p.ends_on for p in appeal_periods]
    if ends and all(e is not None and e < today for e in ends):
        _take_effect(document, periods.effective_date([e for e in ends if e is not None]), changes)
    elif any(e is not None for e in ends):
        document.effect_status = EffectStatus.APPEAL_PERIOD
        document.save(update_fields=["effect_status", "updated_at"])


def _take_effect(document: IssuedDocument, effective_on: dt.date, changes: dict[str, Any]) -> None:
    document.effect_status, document.effective_on = EffectStatus.EFFECTIVE, effective_on
    document.save(update_fields=["effect_status", "effective_on", "updated_at"])
    changes["effective_on"] = effective_on
    case = document.case
    if document.draft.closes_case and case.status == CaseStatus.CLOSED:
        case_services.case_take_effect(case=case, effective_on=effective_on, note=document.title)


def effect_refresh_due(*, today: dt.date | None = None) -> int:
    """The daily job: refresh every document still waiting for service or in its periods; returns
    how many took effect. Each document in its own transaction."""
    took_effect = 0
    for document in IssuedDocument.objects.filter(effect_status__in=PENDING_STATUSES).order_by("id"):
        try:
            refreshed = effect_refresh(document=document, today=today)
        except ApplicationError as exc:  # one document's problem must not stop the others; it is retried tomorrow
            logger.warning("effect refresh of issued document %s failed: %s (%s)", document.pk, exc.message, exc.code)
            continue
        took_effect += refreshed.effect_status == EffectStatus.EFFECTIVE
    return took_effect


# ---- Appeals ---------------------------------------------------------------------------------


def may_register_appeal(actor: Any, document: IssuedDocument) -> bool:
    """Registrars of the court above the document's court (they register the second-instance case)."""
    parent_id = document.case.court.parent_id
    return parent_id is not None and access.has_role(actor, *APPEAL_REGISTRAR_ROLES, court_id=parent_id)


@transaction.atomic
def appeal_register(*, actor: Any, document: IssuedDocument, party_id: int, filed_on: dt.date) -> AppealPeriod:
    """Register a party's appeal (上诉) against ``document``: in time it creates the second-instance case
    at the court above, transfers the dossier there and marks the document appealed."""
    document = effect_refresh(document=document, actor=actor)
    case = document.case
    if document.kind == DocumentKind.PAYMENT_ORDER:
        raise Conflict("支付令不得上诉，债务人可在期间内向本院提出书面异议", code="not_appealable")
    if case.court.parent_id is None:
        raise Conflict("本院为最高审级，裁判不得上诉", code="no_appeal_court")
    if not may_register_appeal(actor, document):
        raise PermissionDenied("仅上一级法院的立案人员可以登记上诉", code="not_appeal_registrar")
    if filed_on > clock.today():
        raise ValidationFailed("上诉日期不能晚于今天", code="invalid_filed_on", details={"field": "filed_on"})
    period = document.appeal_periods.select_for_update().select_related("party").filter(party_id=party_id).first()
    if period is None:
        raise ValidationFailed(
            "该当事人对本文书没有上诉期（不得上诉或非本案当事人）", code="not_an_appellant",
            details={"party_id": party_id, "effect_status": document.effect_status},
        )  # fmt: skip
    if period.appealed_on is not None:
        raise Conflict("该当事人已提起上诉", code="already_appealed", details={"appealed_on": period.appealed_on})
    late = document.effect_status == EffectStatus.EFFECTIVE or (
        period.ends_on is not None and filed_on > period.ends_on
    )
    if late:
        raise Conflict(
            "已超过上诉期限，不能登记上诉", code="appeal_out_of_time",
            details={"served_on": period.served_on, "ends_on": period.ends_on, "days": period.days,
                     "filed_on": filed_on},
        )  # fmt: skip
    appeal_case = _appeal_case(actor, document, party_id)
    period.appealed_on, period.appeal_case = filed_on, appeal_case
    period.save(update_fields=["appealed_on", "appeal_case", "updated_at"])
    before, document.effect_status = document.effect_status, EffectStatus.APPEALED
    document.save(update_fields=["effect_status", "updated_at"])
    _audit(actor, "judgments.appeal_register", document, {
        "party": party_id, "filed_on": filed_on, "ends_on": period.ends_on, "appeal_case": appeal_case.pk,
        "appeal_number": appeal_case.number, "effect_status": [before, document.effect_status],
    })  # fmt: skip
    return period


def _appeal_case(actor: Any, document: IssuedDocument, party_id: int) -> Any:
    """The second-instance case: the one an earlier appeal against this document created, or a new one."""
    earlier = document.appeal_periods.filter(appeal_case__isnull=False).select_related("appeal_case").first()
    if earlier is not None:
        return earlier.appeal_case
    case = document.case
    type_code = periods.APPEAL_TYPE_CODES.get(case.category)
    if type_code is None:
        raise Conflict("该类案件不适用上诉程序", code="not_appealable")
    parent_id = case.court.parent_id
    assert parent_id is not None  # checked by the caller
    appeal_case = case_services.case_create_linked(
        actor=actor, origin=case, link_kind=LinkKind.APPEAL, court_id=parent_id, type_code=type_code,
        movers={party_id},
    )  # fmt: skip
    dossier_services.dossier_transfer(actor=actor, origin=case, target=appeal_case)
    return appeal_case
