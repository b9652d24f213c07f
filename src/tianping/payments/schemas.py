"""Request and response shapes of the payments API (/api/v1/payments …). Money is a string of
yuan with two places ("3300.00"); amounts sent in may be a JSON string or number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from tianping.payments.enums import (
    OrderStatus,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
    ReliefKind,
    ReliefStatus,
)


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class RefOut(Schema):
    id: int
    name: str


class PaymentOut(Schema):
    reference: str
    provider: str
    method: PaymentMethod
    amount: str
    status: PaymentStatus
    pay_url: str
    confirmed_at: dt.datetime | None
    order_id: int
    order_number: str


class RefundOut(Schema):
    id: int
    order_id: int
    amount: str
    reason: str
    provider_reference: str
    refunded_by: RefOut
    created_at: dt.datetime


class ReliefOut(Schema):
    id: int
    order_id: int
    kind: ReliefKind
    kind_label: str
    reason: str
    requested_amount: str | None
    requested_due_date: dt.date | None
    status: ReliefStatus
    status_label: str
    decision_note: str
    decided_at: dt.datetime | None
    amount_before: str | None
    amount_after: str | None
    due_before: dt.date | None
    due_after: dt.date | None
    created_at: dt.datetime


class OrderOut(Schema):
    id: int
    number: str
    court: RefOut
    payer_name: str
    purpose: PaymentPurpose
    purpose_label: str
    related_type: str
    related_id: int
    description: str
    amount_original: str
    amount_due: str
    amount_paid: str
    amount_refunded: str
    status: OrderStatus
    status_label: str
    issued_at: dt.datetime
    due_date: dt.date
    overdue: bool
    paid_at: dt.datetime | None
    receipt_url: str | None


class OrderDetailOut(OrderOut):
    payments: list[PaymentOut]
    refunds: list[RefundOut]
    reliefs: list[ReliefOut]


class CourtOrdersQuery(Schema):
    court: int | None = Field(default=None, description="court id; default: the caller's first court")
    filter: str = Field(default="all", description="all, unpaid, overdue, relief, paid, refunded")
    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0)


class RefundIn(Schema):
    amount: Decimal = Field(description="yuan, at most the amount paid less earlier refunds")
    reason: str = Field(max_length=300)


class CounterPaymentIn(Schema):
    method: PaymentMethod = Field(description="pos, bank_transfer or cash")
    voucher_no: str = Field(max_length=64, description="POS slip, bank transfer or cash receipt number")


class CancelIn(Schema):
    reason: str = Field(max_length=300)


class ReliefIn(Schema):
    kind: ReliefKind
    reason: str = Field(max_length=1000)
    requested_amount: Decimal | None = Field(default=None, description="reduction: the amount to take off")
    requested_percent: Decimal | None = Field(default=None, description="reduction: the percentage to take off")
    requested_due_date: dt.date | None = Field(default=None, description="deferral: pay by this date")


class ReliefDecisionIn(Schema):
    approve: bool
    note: str = Field(default="", max_length=1000)


class CallbackOut(Schema):
    received: bool
    order_number: str
    order_status: OrderStatus
