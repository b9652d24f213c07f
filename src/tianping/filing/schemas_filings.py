"""Request and response shapes of the online-filing API (/api/v1/filings …)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from tianping.cases.enums import PartyKind
from tianping.filing.enums import AttachmentCategory, FilingKind, FilingPartyRole, FilingStatus, LegalBasis


class PartyIn(Schema):
    role: FilingPartyRole
    kind: PartyKind
    name: str = Field(max_length=120)
    id_number: str = Field(default="", max_length=18, description="natural persons; checked (GB 11643)")
    credit_code: str = Field(default="", max_length=18, description="legal persons and other organisations")
    legal_representative: str = Field(default="", max_length=60)
    address: str = Field(default="", max_length=200, description="defendants: precise enough to identify")
    mobile: str = Field(default="", max_length=11)
    is_filer: bool = Field(default=False, description="this party is the signed-in litigant (本人)")
    represented: bool = Field(default=False, description="the filing agent acts for this party")


class EvidenceIn(Schema):
    name: str = Field(max_length=300)
    purpose: str = Field(default="", max_length=300)
    source: str = Field(default="", max_length=300)


class AgentIn(Schema):
    name: str = Field(default="", max_length=60)
    id_number: str = Field(default="", max_length=18)
    licence_no: str = Field(default="", max_length=17)
    law_firm: str = Field(default="", max_length=100)
    mobile: str = Field(default="", max_length=11)


class FilingPatchIn(Schema):
    """Every field is optional; only the fields sent are changed. Lists replace the whole list."""

    court_id: int | None = Field(default=None, description="drafts only")
    kind: FilingKind | None = Field(default=None, description="drafts only")
    cause_id: int | None = None
    claim_amount: Decimal | str | None = Field(default=None, description='yuan, e.g. "150000.00"')
    claims: list[str] | None = None
    facts: str | None = Field(default=None, max_length=20000)
    evidence: list[EvidenceIn] | None = None
    parties: list[PartyIn] | None = None
    agent: AgentIn | None = None


class FilingCreateIn(FilingPatchIn):
    court_id: int
    kind: FilingKind


class AttachmentIn(Schema):
    category: AttachmentCategory
    title: str = Field(default="", max_length=200)


class WithdrawIn(Schema):
    reason: str = Field(default="", max_length=500)


class RegisterIn(Schema):
    procedure: str = Field(default="", description="default: the type's procedure")
    division_id: int | None = Field(
        default=None, description="hearing division; default: the court's division for the filing's kind"
    )
    fee_amount: Decimal | None = Field(
        default=None, description="only for a fee rule with a range; default: its minimum"
    )


class SupplementIn(Schema):
    items: list[str] = Field(description="one list of everything missing (一次性告知)")
    deadline: dt.date = Field(description="3 to 30 days from today")
    note: str = Field(default="", max_length=2000)


class RejectIn(Schema):
    reasons: str = Field(max_length=5000)
    legal_bases: list[LegalBasis]


class QueueQuery(Schema):
    court: int | None = None


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class RefOut(Schema):
    id: int
    name: str


class PartyOut(Schema):
    role: str
    role_label: str
    kind: str
    name: str
    id_number: str
    credit_code: str
    legal_representative: str
    address: str
    mobile: str
    is_filer: bool
    represented: bool


class AttachmentOut(Schema):
    id: int
    category: str
    category_label: str
    title: str
    content_type: str
    size: int
    pages: int
    sha256: str
    original_name: str
    created_at: dt.datetime
    download_url: str


class EventOut(Schema):
    action: str
    action_label: str
    from_status: str
    to_status: str
    actor: str
    note: str
    at: dt.datetime


class SupplementOut(Schema):
    items: list[str]
    note: str
    deadline: dt.date
    requested_at: dt.datetime
    answered_at: dt.datetime | None


class FeeOut(Schema):
    kind: str
    amount: str | None
    amount_min: str
    amount_max: str
    basis: str


class GapOut(Schema):
    code: str
    message: str


class FilingOut(Schema):
    id: int
    court: RefOut
    kind: FilingKind
    kind_label: str
    status: FilingStatus
    status_label: str
    as_agent: bool
    cause: RefOut | None
    claim_amount: str | None
    claims: list[str]
    facts: str
    evidence: list[EvidenceIn]
    parties: list[PartyOut]
    agent: AgentIn | None
    attachments: list[AttachmentOut]
    receipt_number: str | None
    submitted_at: dt.datetime | None
    review_deadline: dt.date | None
    register_first: bool
    fee: FeeOut | None
    missing: list[GapOut] = Field(description="what submission still needs (owner, editable filings)")
    supplement: SupplementOut | None
    case: RefOut | None
    rejection_reasons: str
    legal_bases: list[str]
    ruling_url: str | None
    ruling_sha256: str
    timeline: list[EventOut]
    created_at: dt.datetime
    updated_at: dt.datetime


class FilingSummaryOut(Schema):
    id: int
    court: RefOut
    kind: FilingKind
    kind_label: str
    status: FilingStatus
    status_label: str
    receipt_number: str | None
    submitted_at: dt.datetime | None
    case: RefOut | None
    created_at: dt.datetime


class QueueItemOut(Schema):
    filing: FilingSummaryOut
    filer: str
    parties: str
    review_deadline: dt.date | None
    remaining_days: int | None
    register_first: bool
