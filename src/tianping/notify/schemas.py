"""Request and response shapes of the notification API (/api/v1/notifications …)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema
from pydantic import Field


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class NotificationListQuery(Schema):
    case_id: int | None = None
    status: Literal["", "queued", "sent", "failed", "suppressed"] = ""
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=20, ge=1, le=100)


class NotificationOut(Schema):
    id: int
    recipient_name: str
    address: str = Field(description="masked: 138****8000 / z***@example.com")
    channel: str
    template: str
    subject: str
    body: str
    related_type: str
    related_id: int | None
    court_code: str
    status: str
    attempts: int
    last_error: str
    created_at: dt.datetime
    sent_at: dt.datetime | None


class NotificationPageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[NotificationOut]


class OptOutIn(Schema):
    address: str = Field(max_length=254)
    channel: Literal["sms", "email"]
    reason: str = Field(default="", max_length=200)


class OptOutOut(Schema):
    address: str
    channel: str
    created_at: dt.datetime
