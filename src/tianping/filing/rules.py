"""The registration rules of each filing kind (domain.md §3): type code, review period, party
roles of the registered case, cause category and fee kind. Pure data and small functions."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

from tianping.cases.enums import CaseCategory, PartyRole
from tianping.core.workdays import WorkingCalendar
from tianping.courts.enums import DivisionKind
from tianping.filing.enums import FeeKind, FilingKind, FilingPartyRole, FilingStatus


@dataclasses.dataclass(frozen=True)
class KindRule:
    type_code: str
    review_days: int  # calendar days per CPL art. 85 (start day not counted, end moved past rest days)
    cause_category: str
    cause_required: bool
    roles: dict[str, str]  # FilingPartyRole → cases PartyRole
    fee_with_amount: FeeKind | None
    fee_without_amount: FeeKind | None
    document_title: str  # the heading of a ruling of this kind (民事裁定书 …)


_SUIT_ROLES: dict[str, str] = {
    FilingPartyRole.PLAINTIFF: PartyRole.PLAINTIFF,
    FilingPartyRole.DEFENDANT: PartyRole.DEFENDANT,
    FilingPartyRole.THIRD_PARTY: PartyRole.THIRD_PARTY,
}

KIND_RULES: dict[str, KindRule] = {
    FilingKind.CIVIL: KindRule(
        "民初", 7, CaseCategory.CIVIL, True, _SUIT_ROLES, FeeKind.PROPERTY, FeeKind.OTHER_NON_PROPERTY, "民事裁定书"
    ),
    FilingKind.ENFORCEMENT_OBJECTION: KindRule(
        "民初", 15, CaseCategory.CIVIL, True, _SUIT_ROLES, FeeKind.PROPERTY, FeeKind.OTHER_NON_PROPERTY, "民事裁定书"
    ),
    FilingKind.THIRD_PARTY_REVOCATION: KindRule(
        "民撤", 30, CaseCategory.CIVIL, True, _SUIT_ROLES, FeeKind.PROPERTY, FeeKind.OTHER_NON_PROPERTY, "民事裁定书"
    ),
    FilingKind.ADMINISTRATIVE: KindRule(
        "行初", 7, CaseCategory.ADMINISTRATIVE, True, _SUIT_ROLES,
        FeeKind.ADMINISTRATIVE_OTHER, FeeKind.ADMINISTRATIVE_OTHER, "行政裁定书",
    ),
    FilingKind.ENFORCEMENT: KindRule(
        "执", 7, CaseCategory.CIVIL, False,
        {FilingPartyRole.PLAINTIFF: PartyRole.ENFORCEMENT_APPLICANT,
         FilingPartyRole.DEFENDANT: PartyRole.ENFORCEMENT_RESPONDENT,
         FilingPartyRole.THIRD_PARTY: PartyRole.THIRD_PARTY},
        FeeKind.ENFORCEMENT, FeeKind.ENFORCEMENT_NO_AMOUNT, "执行裁定书",
    ),
    FilingKind.PRIVATE_PROSECUTION: KindRule(
        "刑初", 15, CaseCategory.CRIMINAL, True,
        {FilingPartyRole.PLAINTIFF: PartyRole.PRIVATE_PROSECUTOR,
         FilingPartyRole.DEFENDANT: PartyRole.ACCUSED,
         FilingPartyRole.THIRD_PARTY: PartyRole.VICTIM},
        None, None, "刑事裁定书",
    ),
}  # fmt: skip

# The division that hears a registered case of each kind, proposed when the clerk registers it.
HEARING_DIVISION: dict[str, str] = {
    FilingKind.CIVIL: DivisionKind.CIVIL,
    FilingKind.ENFORCEMENT_OBJECTION: DivisionKind.CIVIL,
    FilingKind.THIRD_PARTY_REVOCATION: DivisionKind.CIVIL,
    FilingKind.ADMINISTRATIVE: DivisionKind.ADMINISTRATIVE,
    FilingKind.ENFORCEMENT: DivisionKind.ENFORCEMENT,
    FilingKind.PRIVATE_PROSECUTION: DivisionKind.CRIMINAL,
}

# Declared status transitions; every status change goes through ``services._transition``.
TRANSITIONS: dict[str, frozenset[str]] = {
    FilingStatus.DRAFT: frozenset({FilingStatus.SUBMITTED, FilingStatus.WITHDRAWN}),
    FilingStatus.SUBMITTED: frozenset(
        {FilingStatus.SUPPLEMENT_REQUESTED, FilingStatus.REGISTERED, FilingStatus.REJECTED, FilingStatus.WITHDRAWN}
    ),
    # Supplements are asked for once only: there is no way back to SUPPLEMENT_REQUESTED.
    FilingStatus.SUPPLEMENT_REQUESTED: frozenset(
        {FilingStatus.RESUBMITTED, FilingStatus.REJECTED, FilingStatus.WITHDRAWN}
    ),
    FilingStatus.RESUBMITTED: frozenset({FilingStatus.REGISTERED, FilingStatus.REJECTED, FilingStatus.WITHDRAWN}),
}
EDITABLE_STATUSES = frozenset({FilingStatus.DRAFT, FilingStatus.SUPPLEMENT_REQUESTED})
AWAITING_DECISION = frozenset({FilingStatus.SUBMITTED, FilingStatus.RESUBMITTED})
UNDECIDED = frozenset({FilingStatus.SUBMITTED, FilingStatus.SUPPLEMENT_REQUESTED, FilingStatus.RESUBMITTED})
SUPPLEMENT_MIN_DAYS = 3
SUPPLEMENT_MAX_DAYS = 30
MAX_ATTACHMENTS = 40

# "Precise enough to identify": a street/village level place with a number or unit.
_ADDRESS_DETAIL = re.compile(r"[0-9０-９]|[号室村组栋楼弄巷院幢单元]")
MIN_ADDRESS_LENGTH = 8


def rule_for(kind: str) -> KindRule:
    return KIND_RULES[FilingKind(kind)]


def address_is_precise(address: str) -> bool:
    text = (address or "").strip()
    return len(text) >= MIN_ADDRESS_LENGTH and bool(_ADDRESS_DETAIL.search(text))


def fee_kind_for(kind: str, amount: Decimal | None) -> FeeKind | None:
    rule = rule_for(kind)
    return rule.fee_with_amount if amount is not None and amount > 0 else rule.fee_without_amount


def review_deadline(kind: str, start: dt.date, calendar: WorkingCalendar) -> dt.date:
    """The last day to decide: ``review_days`` after ``start`` by CPL art. 85 on the working-day calendar."""
    return calendar.add_days(start, rule_for(kind).review_days)
