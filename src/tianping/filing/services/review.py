"""The court's side (立案审查): register, ask once for supplements, or refuse with a ruling;
and the daily flag on submissions whose review period ran out (先行立案)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from tianping.accounts.enums import UserKind
from tianping.cases import services as case_services
from tianping.cases.enums import AgentKind
from tianping.core import clock, pdf
from tianping.core.errors import Conflict, ValidationFailed
from tianping.courts import selectors as court_selectors
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Source, Volume
from tianping.filing import fees, rules
from tianping.filing.enums import (
    AttachmentCategory,
    FilingErrorCode,
    FilingEventAction,
    FilingKind,
    FilingPartyRole,
    LegalBasis,
)
from tianping.filing.enums import FilingStatus as S
from tianping.filing.models import Filing, SupplementRequest
from tianping.filing.services.common import (
    check_transition,
    event,
    locked,
    record,
    require_reviewer,
    stored,
    transition,
)
from tianping.notify import services as notify_services
from tianping.payments import services as payment_services
from tianping.payments.enums import PaymentPurpose

MAX_SUPPLEMENT_ITEMS = 30
DOSSIER_CATEGORY: dict[str, str] = {
    AttachmentCategory.IDENTITY: Category.IDENTITY,
    AttachmentCategory.COMPLAINT: Category.COMPLAINT,
    AttachmentCategory.EVIDENCE: Category.EVIDENCE,
    AttachmentCategory.POWER_OF_ATTORNEY: Category.POWER_OF_ATTORNEY,
    AttachmentCategory.AGENT_IDENTITY: Category.IDENTITY,
    AttachmentCategory.OTHER: Category.OTHER,
}
APPEAL_DAYS = 10
CASE_TYPE = "cases.Case"


def _local_date(moment: dt.datetime | None) -> dt.date:
    return (moment or clock.now()).astimezone(ZoneInfo(settings.TIME_ZONE)).date()


# ---- Fee --------------------------------------------------------------------------------------


def filing_fee_quote(filing: Filing) -> fees.FeeQuote | None:
    """The acceptance (or application) fee due for the filing's kind and amount; None when none is charged."""
    fee_kind = rules.fee_kind_for(filing.kind, filing.claim_amount)
    if fee_kind is None:
        return None
    takes_amount = fee_kind in fees.AMOUNT_REQUIRED | fees.AMOUNT_OPTIONAL
    return fees.calculate(kind=fee_kind, amount=filing.claim_amount if takes_amount else None)


def _fee_due(filing: Filing, chosen: Decimal | None) -> Decimal | None:
    """The fee to order: the fixed amount, or for a ranged rule the clerk's choice within it (default: the minimum)."""
    quote = filing_fee_quote(filing)
    if quote is None:
        return None
    if chosen is None:
        return quote.amount_min
    if not chosen.is_finite() or not quote.amount_min <= chosen <= quote.amount_max:
        raise ValidationFailed(
            f"受理费应在 {quote.amount_min} 元至 {quote.amount_max} 元之间",
            code="invalid_fee_amount",
            details={"field": "fee_amount", "min": str(quote.amount_min), "max": str(quote.amount_max)},
        )
    return chosen


def _issue_fee_order(*, actor: Any, filing: Filing, case: Any, amount: Decimal) -> int:
    payer = next((p for p in filing.parties.all() if p.role == FilingPartyRole.PLAINTIFF), None)
    order = payment_services.fee_order_issue(
        actor=actor,
        court_id=filing.court_id,
        payer_account_id=filing.owner_id,
        payer_name=payer.name if payer else filing.owner.display_name,
        amount=amount,
        # 申请执行费 is an application fee; every suit pays the acceptance fee (案件受理费).
        purpose=PaymentPurpose.APPLICATION_FEE
        if filing.kind == FilingKind.ENFORCEMENT
        else PaymentPurpose.ACCEPTANCE_FEE,
        related_type=CASE_TYPE,
        related_id=case.pk,
        description=f"{case.number} 案件受理费",
    )
    return int(order.pk)


def _tell_filer(filing: Filing, outcome: str) -> None:
    """SMS / e-mail to the filer (sent after commit by the notify context)."""
    owner = filing.owner
    notify_services.notify(
        recipients=[notify_services.Recipient(
            name=owner.display_name, mobile=owner.mobile, email=owner.email, account_id=owner.pk
        )],
        template="filing_decided",
        context={"court": filing.court.name, "receipt": filing.receipt_number or "", "outcome": outcome},
        related=("filing.Filing", filing.pk),
        court_code=filing.court.code,
        court_id=filing.court_id,
    )  # fmt: skip


# ---- Register ---------------------------------------------------------------------------------


def _case_parties(filing: Filing) -> list[case_services.PartyInput]:
    rule = rules.rule_for(filing.kind)
    owner = filing.owner
    agent_kind = AgentKind.LAWYER if owner.kind == UserKind.LAWYER else AgentKind.OTHER
    parties = []
    for p in filing.parties.all():
        agents = []
        if filing.as_agent and p.represented:
            agents.append(case_services.AgentInput(
                kind=agent_kind, name=filing.agent_name, id_number=filing.agent_id_number,
                licence_no=filing.agent_licence_no, law_firm=filing.agent_law_firm, mobile=filing.agent_mobile,
                account_id=owner.pk,
            ))  # fmt: skip
        parties.append(case_services.PartyInput(
            kind=p.kind, role=rule.roles[p.role], name=p.name, id_number=p.id_number, credit_code=p.credit_code,
            legal_representative=p.legal_representative, address=p.address, mobile=p.mobile,
            account_id=owner.pk if p.is_filer and not filing.as_agent else None, agents=agents,
        ))  # fmt: skip
    return parties


def _copy_to_dossier(*, actor: Any, filing: Filing, case: Any) -> int:
    copied = 0
    for attachment in filing.attachments.all():
        with attachment.file.open("rb") as handle:
            data = handle.read()
        upload = ContentFile(data, name=attachment.original_name or f"{attachment.title}.{attachment.extension}")
        dossier_services.document_add(
            actor=actor, case=case, volume=Volume.MAIN, category=DOSSIER_CATEGORY[attachment.category],
            title=attachment.title, uploaded_file=upload, source=Source.FILING,
        )  # fmt: skip
        copied += 1
    return copied


@transaction.atomic
def filing_register(
    *,
    actor: Any,
    filing: Filing,
    procedure: str | None = None,
    fee_amount: Decimal | None = None,
    division_id: int | None = None,
) -> Filing:
    """Register the case (立案): through ``case_register`` with the filing's parties (the filer's
    account linked so they can read the case), copy the materials into the case's dossier and
    order the acceptance fee. The parties get number and query code by SMS from ``case_register``.
    ``division_id`` is the hearing division; without one, the division of the court that hears
    cases of the filing's kind is taken."""
    filing = locked(filing)
    require_reviewer(actor, filing)
    check_transition(filing, S.REGISTERED)
    fee_due = _fee_due(filing, fee_amount)
    case = case_services.case_register(
        actor=actor,
        court_id=filing.court_id,
        type_code=rules.rule_for(filing.kind).type_code,
        parties=_case_parties(filing),
        procedure=procedure or None,
        cause_id=filing.cause_id,
        claim_amount=filing.claim_amount,
        received_on=_local_date(filing.submitted_at),
        division_id=division_id if division_id is not None else getattr(proposed_division(filing), "pk", None),
    )
    copied = _copy_to_dossier(actor=actor, filing=filing, case=case)
    previous = transition(filing, S.REGISTERED)
    filing.case = case
    filing.decided_at, filing.decided_by = clock.now(), actor
    filing.review_deadline = None
    filing.save()
    event(filing, FilingEventAction.REGISTERED, actor=actor, previous=previous, note=f"案号 {case.number}")
    if fee_due:
        filing.fee_order_id = _issue_fee_order(actor=actor, filing=filing, case=case, amount=fee_due)
        filing.save(update_fields=["fee_order_id", "updated_at"])
        event(filing, FilingEventAction.FEE_ORDER_ISSUED, actor=actor, note=f"应交受理费 {fee_due} 元")
    record(actor, "register", filing, {"status": [previous, filing.status], "case": case.pk, "number": case.number,
           "documents_copied": copied, "fee_due": fee_due, "fee_order": filing.fee_order_id})  # fmt: skip
    return filing


def proposed_division(filing: Filing) -> Any | None:
    """The first division of the filing's court that hears cases of its kind (民事审判 for a civil
    suit …); None when the court has none, and the case is then registered without one."""
    kind = rules.HEARING_DIVISION.get(filing.kind)
    return court_selectors.division_list(court=filing.court).filter(kind=kind).first()


# ---- Supplements (一次性告知) ------------------------------------------------------------------


@transaction.atomic
def filing_request_supplement(
    *, actor: Any, filing: Filing, items: Sequence[str], deadline: dt.date, note: str = ""
) -> SupplementRequest:
    """One written list of everything missing, with a deadline; asked once only (no piecemeal requests)."""
    filing = locked(filing)
    require_reviewer(actor, filing)
    if SupplementRequest.objects.filter(filing=filing).exists():
        raise Conflict("已一次性告知补正事项，不得再次要求补正", code=FilingErrorCode.SUPPLEMENT_ALREADY_REQUESTED)
    check_transition(filing, S.SUPPLEMENT_REQUESTED)
    cleaned = [str(i).strip()[:500] for i in items if str(i or "").strip()]
    if not cleaned:
        raise ValidationFailed("请逐项列明需要补正的全部材料", code="items_required", details={"field": "items"})
    if len(cleaned) > MAX_SUPPLEMENT_ITEMS:
        raise ValidationFailed(
            f"补正事项最多 {MAX_SUPPLEMENT_ITEMS} 项", code="too_many_items", details={"field": "items"}
        )
    today = clock.today()
    if (
        not today + dt.timedelta(days=rules.SUPPLEMENT_MIN_DAYS)
        <= deadline
        <= today + dt.timedelta(days=rules.SUPPLEMENT_MAX_DAYS)
    ):
        raise ValidationFailed(
            f"补正期限应在 {rules.SUPPLEMENT_MIN_DAYS} 日至 {rules.SUPPLEMENT_MAX_DAYS} 日之内",
            code="invalid_deadline",
            details={"field": "deadline"},
        )
    request = SupplementRequest.objects.create(
        filing=filing, items=cleaned, note=(note or "").strip()[:2000], deadline=deadline, requested_by=actor
    )
    previous = transition(filing, S.SUPPLEMENT_REQUESTED)
    filing.review_deadline = None  # the clock stops until the supplement arrives
    filing.register_first_flagged_at = None
    filing.save()
    event(filing, FilingEventAction.SUPPLEMENT_REQUESTED, actor=actor, previous=previous,
          note=f"共 {len(cleaned)} 项，请于 {deadline:%Y-%m-%d} 前补正")  # fmt: skip
    _tell_filer(filing, f"需补正材料，请于{deadline:%Y年%m月%d日}前补正")
    record(actor, "request_supplement", filing, {"status": [previous, filing.status], "items": len(cleaned),
           "deadline": deadline})  # fmt: skip
    return request


# ---- Refusal with a ruling (不予受理裁定) ------------------------------------------------------


def ruling_storage_name(sha256: str) -> str:
    return f"filing/rulings/{sha256[:2]}/{sha256}.pdf"


def _ruling_pdf(*, filing: Filing, reasons: str, bases: list[str], day: dt.date) -> bytes:
    rule = rules.rule_for(filing.kind)
    return pdf.render_pdf(
        "print/filing_rejection.html",
        {
            "court": filing.court,
            "title": rule.document_title,
            "filing": filing,
            "parties": list(filing.parties.all()),
            "claims": filing.claims,
            "submitted_on": _local_date(filing.submitted_at),
            "reasons": reasons,
            "bases": [str(LegalBasis(b).label) for b in bases],
            "day": day,
            "appeal_days": APPEAL_DAYS,
            "appeal_court": filing.court.parent,
        },
    )


@transaction.atomic
def filing_reject(*, actor: Any, filing: Filing, reasons: str, legal_bases: Sequence[str]) -> Filing:
    """Refuse to accept with a written ruling (never a silent rejection): the PDF is generated,
    stored with its SHA-256 and offered to the filer. While a supplement is awaited, only after its deadline."""
    filing = locked(filing)
    require_reviewer(actor, filing)
    check_transition(filing, S.REJECTED)
    if filing.status == S.SUPPLEMENT_REQUESTED and clock.today() <= filing.supplement.deadline:
        raise Conflict("补正期限尚未届满，不能裁定不予受理", code="supplement_pending",
                       details={"deadline": filing.supplement.deadline.isoformat()})  # fmt: skip
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationFailed("请写明不予受理的理由", code="reasons_required", details={"field": "reasons"})
    if len(reasons) > 5000:
        raise ValidationFailed("理由不超过 5000 字", code="reasons_too_long", details={"field": "reasons"})
    bases = list(dict.fromkeys(str(b) for b in legal_bases))
    if not bases or any(b not in LegalBasis.values for b in bases):
        raise ValidationFailed(
            "请从列表中选择法律依据", code="invalid_legal_basis",
            details={"field": "legal_bases", "allowed": list(LegalBasis.values)},
        )  # fmt: skip
    data = _ruling_pdf(filing=filing, reasons=reasons, bases=bases, day=clock.today())
    sha256 = hashlib.sha256(data).hexdigest()

    def write(name: str) -> Filing:
        previous = transition(filing, S.REJECTED)
        filing.rejection_reasons, filing.legal_bases = reasons, bases
        filing.ruling_file, filing.ruling_sha256 = name, sha256
        filing.decided_at, filing.decided_by = clock.now(), actor
        filing.review_deadline = None
        filing.save()
        event(filing, FilingEventAction.REJECTED, actor=actor, previous=previous, note=reasons[:500])
        _tell_filer(filing, "已裁定不予受理，可下载裁定书")
        record(actor, "reject", filing, {"status": [previous, filing.status], "legal_bases": bases,
               "ruling_sha256": sha256})  # fmt: skip
        return filing

    return stored(ruling_storage_name(sha256), data, write, lambda n: Filing.objects.filter(ruling_file=n).exists())


# ---- Register first (先行立案) -------------------------------------------------------------------


@transaction.atomic
def filings_flag_register_first(*, today: dt.date | None = None) -> int:
    """Flag every undecided submission whose review period has run out; each once (idempotent)."""
    day = today or clock.today()
    due = (
        Filing.objects.select_for_update()
        .select_related("court")
        .filter(status__in=rules.AWAITING_DECISION, review_deadline__lt=day, register_first_flagged_at__isnull=True)
    )
    flagged = 0
    for filing in due:
        filing.register_first_flagged_at = clock.now()
        filing.save(update_fields=["register_first_flagged_at", "updated_at"])
        event(filing, FilingEventAction.REGISTER_FIRST_FLAGGED, actor=None,
              note=f"审查期限 {filing.review_deadline:%Y-%m-%d} 已届满")  # fmt: skip
        record(None, "register_first_flag", filing, {"review_deadline": filing.review_deadline})
        flagged += 1
    return flagged
