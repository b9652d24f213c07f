"""Request and response shapes of the electronic-service API (/api/v1/service/…, /api/v1/inbox/…)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from tianping.delivery.enums import ConsentMethod, ConsentStatus, PaperOutcome, ServiceMethod, ServiceStatus


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class ConsentIn(Schema):
    party_id: int
    alert_mobile: str = Field(default="", max_length=20)
    alert_email: str = Field(default="", max_length=254)


class PaperConsentIn(Schema):
    party_id: int
    inbox_account_id: int
    consented_on: dt.date
    alert_mobile: str = Field(default="", max_length=20)
    alert_email: str = Field(default="", max_length=254)


class WithdrawIn(Schema):
    reason: str = Field(default="", max_length=200)


class ConsentOut(Schema):
    id: int
    case_id: int
    party_id: int
    party_name: str
    inbox_account: str
    alert_mobile: str
    alert_email: str
    consented_on: dt.date
    method: ConsentMethod
    method_label: str
    form_document_id: int | None
    status: ConsentStatus
    status_label: str
    withdrawn_at: dt.datetime | None
    withdraw_reason: str
    created_at: dt.datetime


class PartyConsentOut(Schema):
    party_id: int
    party_name: str
    consent: ConsentOut | None


class ServeIn(Schema):
    document_ids: list[int] = Field(min_length=1, max_length=20)
    party_ids: list[int] = Field(min_length=1, max_length=50)
    paper_method: ServiceMethod = ServiceMethod.POST


class OutcomeIn(Schema):
    outcome: PaperOutcome
    method: str = ""
    delivered_on: dt.date | None = None
    reason: str = Field(default="", max_length=200)


class PaperRequestIn(Schema):
    note: str = Field(default="", max_length=200)


class ServiceOut(Schema):
    id: int
    case_id: int
    case_number: str
    court: str
    document_id: int
    document_title: str
    sha256: str
    party_id: int
    recipient_name: str
    method: ServiceMethod
    method_label: str
    status: ServiceStatus
    status_label: str
    served_at: dt.datetime | None
    first_opened_at: dt.datetime | None
    open_count: int
    paper_reason: str
    delivered_on: dt.date | None
    failure_reason: str
    requested_from_id: int | None
    proof_url: str | None
    created_at: dt.datetime


class InboxItemOut(Schema):
    id: int
    case_id: int
    case_number: str
    court: str
    document_title: str
    sha256: str
    served_at: dt.datetime
    first_opened_at: dt.datetime | None
    open_count: int
    file_url: str
