"""Reads of the filing context. The fee quote is a pure calculation (``fees.calculate``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from tianping.accounts import selectors as access
from tianping.core import audit, clock
from tianping.core.enums import AuditKind
from tianping.core.errors import ApplicationError, NotFound
from tianping.core.validators import mask_id_number, mask_mobile
from tianping.courts import selectors as court_selectors
from tianping.filing import fees, rules
from tianping.filing.enums import FeeKind, FeeProcedure, FilingErrorCode, FilingStatus
from tianping.filing.fees import FeeQuote
from tianping.filing.models import Filing, FilingAttachment, FilingEvent, FilingParty, SupplementRequest
from tianping.filing.services import REVIEW_ROLES, Gap, completeness_gaps, filing_fee_quote
from tianping.filing.services import proposed_division as proposed_division  # the review page proposes it

QUEUE_LIMIT = 500


def fee_quote(
    *,
    kind: FeeKind | str,
    amount: Decimal | int | str | None = None,
    procedure: FeeProcedure | str = FeeProcedure.ORDINARY,
    appeal: bool = False,
) -> FeeQuote:
    """The litigation fee under the 2007 rules; ``ValidationFailed`` for bad input."""
    return fees.calculate(kind=kind, amount=amount, procedure=procedure, appeal=appeal)


def fee_kind_list() -> list[dict[str, str | bool]]:
    """Every fee kind with its label and whether it takes an amount (required / optional / no)."""
    return [
        {
            "value": kind.value,
            "label": str(kind.label),
            "amount": "required"
            if kind in fees.AMOUNT_REQUIRED
            else "optional"
            if kind in fees.AMOUNT_OPTIONAL
            else "none",
            "procedure_applies": kind in fees.CASE_FEE_KINDS,
        }
        for kind in FeeKind
    ]


# ---- Online filings ---------------------------------------------------------------------------
# A filing is visible to its owner; once submitted, also to staff of its court (and of courts
# above it, which supervise). Anyone else — and staff, for a draft — gets NotFound.


@dataclasses.dataclass(frozen=True)
class QueueItem:
    filing: Filing
    deadline: dt.date | None
    remaining_days: int | None
    register_first: bool


def filings_for_user(user: Any) -> QuerySet[Filing]:
    """The signed-in user's own filings, newest first (for the party portal and "我的立案")."""
    if not getattr(user, "is_authenticated", False):
        return Filing.objects.none()
    return Filing.objects.filter(owner_id=user.pk).select_related("court", "case").order_by("-created_at", "-id")


def _not_found() -> NotFound:
    return NotFound("立案申请不存在或无权访问", code=FilingErrorCode.FILING_NOT_FOUND)


def filing_for_user(user: Any, filing_id: int) -> Filing:
    """The filing if ``user`` may read it; otherwise NotFound, exactly like a missing one."""
    filing = Filing.objects.select_related("court", "owner", "cause", "case", "decided_by").filter(pk=filing_id).first()
    if filing is None:
        raise _not_found()
    if filing.owner_id == getattr(user, "pk", None):
        return filing
    if (
        filing.status != FilingStatus.DRAFT
        and access.is_staff_user(user)
        and filing.court_id in access.readable_court_ids(user)
    ):
        return filing
    raise _not_found()


def attachment_for_user(user: Any, filing_id: int, attachment_id: int) -> FilingAttachment:
    filing = filing_for_user(user, filing_id)
    attachment = filing.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound("材料不存在或无权访问", code="attachment_not_found")
    attachment.filing = filing
    return attachment


def attachment_read(*, user: Any, attachment: FilingAttachment) -> None:
    """Record that ``user`` downloaded an attachment (identity papers are sensitive)."""
    audit.record(
        actor=user, action="filing.attachment_download", obj=attachment.filing, kind=AuditKind.READ,
        court_code=attachment.filing.court.code, changes={"attachment": attachment.pk, "sha256": attachment.sha256},
    )  # fmt: skip


def filing_timeline(*, filing: Filing) -> list[FilingEvent]:
    return list(filing.events.select_related("actor").order_by("created_at", "id"))


def filing_parties(*, filing: Filing) -> list[FilingParty]:
    return list(filing.parties.all())


def filing_attachments(*, filing: Filing) -> list[FilingAttachment]:
    return list(filing.attachments.select_related("uploaded_by"))


def filing_supplement(*, filing: Filing) -> SupplementRequest | None:
    return SupplementRequest.objects.filter(filing=filing).select_related("requested_by").first()


def reviewer_court_ids(user: Any) -> list[int]:
    """Courts where ``user`` reviews online filings."""
    if not access.is_staff_user(user):
        return []
    return sorted({g.court_id for g in access.active_grants(user) if g.role in REVIEW_ROLES})


def may_review(user: Any, filing: Filing) -> bool:
    return filing.court_id in reviewer_court_ids(user)


def queue_item(filing: Filing, today: dt.date | None = None) -> QueueItem:
    day = today or clock.today()
    deadline = filing.review_deadline
    remaining = (deadline - day).days if deadline else None
    overdue = filing.status in rules.AWAITING_DECISION and remaining is not None and remaining < 0
    return QueueItem(filing, deadline, remaining, overdue or filing.register_first_flagged_at is not None)


def review_queue(*, user: Any, court_id: int | None = None, include_waiting: bool = True) -> list[QueueItem]:
    """Undecided submissions of the courts the user reviews: overdue ones (先行立案) first, then by
    deadline; filings waiting for a supplement (no running clock) last."""
    courts = reviewer_court_ids(user)
    if court_id is not None:
        courts = [c for c in courts if c == court_id]
    statuses = rules.UNDECIDED if include_waiting else rules.AWAITING_DECISION
    filings = (
        Filing.objects.filter(court_id__in=courts, status__in=statuses)
        .select_related("court", "owner", "cause", "supplement")
        .prefetch_related("parties")
        .order_by("review_deadline", "submitted_at", "id")[:QUEUE_LIMIT]
    )
    today = clock.today()
    items = [queue_item(f, today) for f in filings]
    far = dt.date.max
    return sorted(items, key=lambda i: (not i.register_first, i.deadline is None, i.deadline or far))


def filing_fee(*, filing: Filing) -> FeeQuote | None:
    """The fee due for the filing's kind and amount (None for a criminal private prosecution)."""
    try:
        return filing_fee_quote(filing)
    except ApplicationError:
        return None


def allowed_actions(*, user: Any, filing: Filing) -> dict[str, bool]:
    """What the page may offer ``user`` on ``filing`` (the services check it again)."""
    owner = filing.owner_id == getattr(user, "pk", None)
    reviewer = may_review(user, filing)
    status = filing.status
    allowed = rules.TRANSITIONS.get(status, frozenset())
    return {
        "edit": owner and status in rules.EDITABLE_STATUSES,
        "submit": owner and status == FilingStatus.DRAFT,
        "resubmit": owner and status == FilingStatus.SUPPLEMENT_REQUESTED,
        "withdraw": owner and FilingStatus.WITHDRAWN in allowed,
        "register": reviewer and status in rules.AWAITING_DECISION,
        "supplement": reviewer and status in rules.AWAITING_DECISION and not has_supplement(filing),
        "reject": reviewer and FilingStatus.REJECTED in allowed,
    }


def has_supplement(filing: Filing) -> bool:
    return SupplementRequest.objects.filter(filing=filing).exists()


def _sees_full_identity(user: Any, filing: Filing) -> bool:
    return filing.owner_id == getattr(user, "pk", None) or may_review(user, filing)


def party_rows(*, user: Any, filing: Filing) -> list[dict[str, Any]]:
    """The parties as shown to ``user``: ID numbers and mobiles in full for the filer and the
    reviewing clerks (a clerk's showing is an audited read), masked for supervisors above."""
    full = _sees_full_identity(user, filing)
    parties = filing_parties(filing=filing)
    if full and filing.owner_id != getattr(user, "pk", None) and any(p.id_number or p.mobile for p in parties):
        audit.record_read(actor=user, obj=filing, fields=["id_number", "mobile"], purpose="filing_review")
    return [
        {
            "role": p.role,
            "role_label": str(p.get_role_display()),
            "kind": p.kind,
            "kind_label": str(p.get_kind_display()),
            "name": p.name,
            "id_number": p.id_number if full else mask_id_number(p.id_number) if p.id_number else "",
            "credit_code": p.credit_code,
            "legal_representative": p.legal_representative,
            "address": p.address,
            "mobile": p.mobile if full else mask_mobile(p.mobile) if p.mobile else "",
            "is_filer": p.is_filer,
            "represented": p.represented,
        }
        for p in parties
    ]


def agent_row(*, user: Any, filing: Filing) -> dict[str, str] | None:
    if not filing.as_agent:
        return None
    full = _sees_full_identity(user, filing)
    return {
        "name": filing.agent_name,
        "id_number": filing.agent_id_number
        if full or not filing.agent_id_number
        else mask_id_number(filing.agent_id_number),
        "licence_no": filing.agent_licence_no,
        "law_firm": filing.agent_law_firm,
        "mobile": filing.agent_mobile if full or not filing.agent_mobile else mask_mobile(filing.agent_mobile),
    }


def filing_gaps(*, user: Any, filing: Filing) -> list[Gap]:
    """What the owner still has to provide before (re)submitting; empty for anyone else."""
    if filing.owner_id != getattr(user, "pk", None) or filing.status not in rules.EDITABLE_STATUSES:
        return []
    return completeness_gaps(filing)


def event_actor_label(event: FilingEvent) -> str:
    return event.actor.display_name if event.actor is not None else "系统"


def parties_line(filing: Filing) -> str:
    """ "原告 诉 被告" for the queue (uses prefetched parties)."""
    parties = list(filing.parties.all())
    claimants = "、".join(p.name for p in parties if p.role == "plaintiff")
    respondents = "、".join(p.name for p in parties if p.role == "defendant")
    return f"{claimants} 诉 {respondents}" if respondents else claimants


def hearing_divisions(*, filing: Filing) -> list[Any]:
    """The divisions of the filing's court a registered case may be given to."""
    return list(court_selectors.division_list(court=filing.court))


def case_claims(*, case_id: int) -> list[str]:
    """The claims (诉讼请求) of the online filing that became ``case_id``; empty when it was filed otherwise
    (the judgments context pre-fills a draft's claims with them)."""
    filing = Filing.objects.filter(case_id=case_id).only("claims").order_by("-id").first()
    return [str(c).strip() for c in (filing.claims if filing else []) if str(c).strip()]
