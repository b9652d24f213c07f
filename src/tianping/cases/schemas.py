"""Request and response shapes of the case API (/api/v1/cases …)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field

# ---- Input ---------------------------------------------------------------------------------


class AgentIn(Schema):
    kind: str = Field(max_length=24, description="lawyer / legal_representative / other / defender")
    name: str = Field(max_length=60)
    id_number: str = Field(default="", max_length=24)
    licence_no: str = Field(default="", max_length=17)
    law_firm: str = Field(default="", max_length=100)
    mobile: str = Field(default="", max_length=20)


class PartyIn(Schema):
    kind: str = Field(max_length=12, description="natural / legal / other_org")
    role: str = Field(max_length=24, description="plaintiff, defendant, appellant … (cases.enums.PartyRole)")
    name: str = Field(max_length=100)
    gender: Literal["", "male", "female"] = ""
    birth_date: dt.date | None = None
    ethnicity: str = Field(default="", max_length=10)
    id_number: str = Field(default="", max_length=24, description="resident ID number (natural persons)")
    credit_code: str = Field(default="", max_length=24, description="unified social credit code (organisations)")
    legal_representative: str = Field(default="", max_length=60)
    address: str = Field(default="", max_length=200)
    mobile: str = Field(default="", max_length=20)
    agents: list[AgentIn] = Field(default_factory=list, max_length=10)


class CaseRegisterIn(Schema):
    court_id: int
    type_code: str = Field(max_length=3, description="类型代字, e.g. 民初")
    procedure: str | None = Field(default=None, max_length=32, description="default: the type's usual procedure")
    marker: str = Field(default="", max_length=1, description="specialized-trial marker, e.g. 知")
    cause_id: int | None = None
    claim_amount: str | None = Field(default=None, max_length=24, description="yuan as a decimal string")
    received_on: dt.date | None = None
    title: str = Field(default="", max_length=200)
    division_id: int | None = None
    is_secret: bool = False
    involves_minor: bool = False
    is_private: bool = False
    parties: list[PartyIn] = Field(max_length=100)


class CaseListQuery(Schema):
    status: str | None = Field(default=None, max_length=16)
    type: str | None = Field(default=None, max_length=3, description="type code (类型代字)")
    category: str | None = Field(default=None, max_length=16)
    cause: int | None = None
    judge: int | None = None
    court: int | None = None
    filed_from: dt.date | None = None
    filed_to: dt.date | None = None
    overdue: bool = False
    q: str | None = Field(default=None, max_length=60, description="text in the case number or a party's name")
    page: int = Field(default=1, ge=1, le=100_000)
    page_size: int = Field(default=20, ge=1, le=100)


class AssignmentIn(Schema):
    method: Literal["random", "designated"]
    judge_id: int | None = None
    reason: str = Field(default="", max_length=32, description="cases.enums.DesignationReason (designations)")
    note: str = Field(default="", max_length=300)


class ReassignIn(Schema):
    reason: str = Field(max_length=32, description="cases.enums.ReassignmentReason")
    note: str = Field(max_length=300)
    judge_id: int | None = Field(default=None, description="omit to re-draw among the other judges")


class LinkedCaseIn(Schema):
    link_kind: Literal["appeal", "retrial_review", "retrial", "enforcement", "resumed_enforcement", "jurisdiction"]
    court_id: int
    type_code: str = Field(max_length=3)
    mover_party_ids: list[int] = Field(default_factory=list, description="the parties who appeal or apply")
    procedure: str | None = Field(default=None, max_length=32)
    claim_amount: str | None = Field(default=None, max_length=24, description="defaults to the origin's amount")
    division_id: int | None = None


class DecisionIn(Schema):
    approve: bool
    note: str = Field(default="", max_length=300)


class TransitionIn(Schema):
    to_status: str = Field(max_length=16)
    note: str = Field(default="", max_length=300)
    closing_method: str = Field(default="", max_length=16)
    closing_outcome: str = Field(default="", max_length=200)


class ExtensionIn(Schema):
    months: int = Field(default=0, ge=0, le=120)
    days: int = Field(default=0, ge=0, le=3660)
    reason: str = Field(max_length=300)


class SuspensionIn(Schema):
    reason: str = Field(max_length=32, description="cases.enums.SuspensionReason")
    started_on: dt.date
    note: str = Field(default="", max_length=300)


class ResumptionIn(Schema):
    ended_on: dt.date


class PanelIn(Schema):
    judge_ids: list[int] = Field(default_factory=list, max_length=20)
    assessor_names: list[str] = Field(default_factory=list, max_length=20)
    clerk_id: int | None = None


class CauseQuery(Schema):
    q: str = Field(default="", max_length=40)
    category: str = Field(default="", max_length=16)
    limit: int = Field(default=30, ge=1, le=100)


# ---- Output --------------------------------------------------------------------------------


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class Ref(Schema):
    id: int
    name: str


class CourtRef(Schema):
    id: int
    code: str
    name: str


class CauseRef(Schema):
    id: int
    name: str
    path_name: str


class CaseRowOut(Schema):
    id: int
    number: str | None
    title: str
    court: CourtRef
    type_code: str
    type_name: str
    category: str
    procedure: str
    procedure_label: str
    cause: str | None
    status: str
    status_label: str
    judge: Ref | None
    filed_on: dt.date | None
    deadline: dt.date | None
    remaining_days: int | None
    urgency: str
    suspended: bool


class CasePageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[CaseRowOut]


class AgentOut(Schema):
    kind: str
    kind_label: str
    name: str
    law_firm: str
    licence_no: str
    mobile: str


class PartyOut(Schema):
    id: int
    kind: str
    kind_label: str
    role: str
    role_label: str
    name: str
    gender: str
    birth_date: dt.date | None
    ethnicity: str
    id_number: str
    credit_code: str
    legal_representative: str
    address: str
    mobile: str
    query_code: str
    masked: bool
    agents: list[AgentOut]


class PanelMemberOut(Schema):
    role: str
    role_label: str
    user_id: int | None
    name: str


class ExtensionOut(Schema):
    id: int
    case_id: int
    months: int
    days: int
    reason: str
    approver_level: str
    approver_level_label: str
    approver_court: CourtRef
    status: str
    requested_by: Ref
    decided_by: Ref | None
    decided_at: dt.datetime | None
    created_at: dt.datetime


class SuspensionOut(Schema):
    id: int
    case_id: int
    reason: str
    reason_label: str
    note: str
    started_on: dt.date
    ended_on: dt.date | None
    status: str
    started_by: Ref
    decided_by: Ref | None
    decided_at: dt.datetime | None


class TimeLimitOut(Schema):
    limit: str | None = Field(description="the statutory limit, e.g. 6个月; null where the law sets none")
    deadline: dt.date | None
    remaining_days: int | None
    urgency: str
    suspended: bool
    suspended_since: dt.date | None
    excluded_days: int
    extensions: list[ExtensionOut]
    suspensions: list[SuspensionOut]


class ChainItemOut(Schema):
    id: int
    number: str | None
    title: str
    court: CourtRef
    type_code: str
    status: str
    status_label: str
    link_kind: str
    is_current: bool


class EventOut(Schema):
    occurred_at: dt.datetime
    action: str
    from_status: str
    to_status: str
    actor: str
    note: str


class AssignmentOut(Schema):
    id: int
    case_id: int
    method: str
    method_label: str
    judge: Ref
    previous_judge: Ref | None
    reason: str
    reason_label: str
    note: str
    status: str
    status_label: str
    requested_by: Ref
    decided_by: Ref | None
    decided_at: dt.datetime | None
    created_at: dt.datetime
    seed: str
    candidates: list[dict[str, object]]
    excluded: list[dict[str, object]]
    verified: bool = Field(
        description="for draws (random assignment, re-draw on reassignment): re-running it picks the same judge"
    )


class VerifyOut(Schema):
    verified: bool
    seed: str
    candidates: list[dict[str, object]]
    judge_id: int


class CaseDetailOut(Schema):
    id: int
    number: str | None
    title: str
    court: CourtRef
    type_code: str
    type_name: str
    category: str
    category_label: str
    marker: str
    year: int
    serial: int | None
    procedure: str
    procedure_label: str
    cause: CauseRef | None
    claim_amount: str | None
    received_on: dt.date
    filed_on: dt.date | None
    division: Ref | None
    judge: Ref | None
    clerk: Ref | None
    status: str
    status_label: str
    allowed_next: list[str]
    closed_on: dt.date | None
    closing_method: str
    closing_outcome: str
    effective_on: dt.date | None
    is_secret: bool
    involves_minor: bool
    is_private: bool
    origin_id: int | None
    link_kind: str
    parties: list[PartyOut]
    panel: list[PanelMemberOut]
    time_limit: TimeLimitOut
    chain: list[ChainItemOut]
    events: list[EventOut]
    assignments: list[AssignmentOut]


class CaseNumberOut(Schema):
    style: str
    year: int
    court_code: str
    marker: str
    type_code: str
    serial: int
    formatted: str


class CaseTypeOut(Schema):
    code: str
    name: str
    category: str
    category_label: str
    instance: str
    default_procedure: str


class CauseOut(Schema):
    id: int
    category: str
    code: str
    name: str
    level: int
    parent_id: int | None
    path_name: str
