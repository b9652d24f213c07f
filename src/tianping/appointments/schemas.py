"""Request and response shapes of the appointment API (/api/v1/appointments …)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from tianping.appointments.enums import AttendanceOutcome, BookingStatus, ServiceKind


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class RefOut(Schema):
    id: int
    name: str


class ServiceQuery(Schema):
    court: int = Field(description="court id")


class ServiceIn(Schema):
    court_id: int
    kind: ServiceKind
    name: str = Field(max_length=60)
    location: str = Field(default="", max_length=120)
    slot_minutes: int = Field(default=30, ge=5, le=240)
    capacity: int = Field(default=1, ge=1, le=500)
    windows: list[tuple[str, str]] = Field(
        default=[("09:00", "12:00"), ("13:30", "17:00")], description='local "HH:MM" pairs inside 08:30–17:30'
    )
    judge_id: int | None = None


class ServiceOut(Schema):
    id: int
    court: RefOut
    kind: ServiceKind
    kind_label: str
    name: str
    location: str
    slot_minutes: int
    capacity: int
    windows: list[list[str]]
    active: bool
    judge: RefOut | None


class SlotQuery(Schema):
    date: dt.date = Field(description="YYYY-MM-DD (court-local date)")


class SlotOut(Schema):
    start: dt.datetime
    end: dt.datetime
    capacity: int
    remaining: int
    available: bool


class SlotDayOut(Schema):
    service_id: int
    date: dt.date
    working_day: bool
    slots: list[SlotOut]


class BookingIn(Schema):
    service_id: int
    slot_start: dt.datetime = Field(description="the slot's start; without an offset it is read as Asia/Shanghai")
    note: str = Field(default="", max_length=300)
    case_number: str = Field(default="", max_length=60)


class BookingListQuery(Schema):
    scope: str = Field(default="", description='"mine" or "court"; default: court for staff, mine otherwise')
    court: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    status: BookingStatus | None = None


class CancelIn(Schema):
    reason: str = Field(default="", max_length=200)


class AttendanceIn(Schema):
    outcome: AttendanceOutcome


class BookingOut(Schema):
    id: int
    reference: str
    service: ServiceOut
    user: RefOut
    slot_start: dt.datetime
    slot_end: dt.datetime
    status: BookingStatus
    status_label: str
    case_number: str
    note: str
    cancelled_at: dt.datetime | None
    cancel_reason: str
    marked_at: dt.datetime | None
    created_at: dt.datetime
