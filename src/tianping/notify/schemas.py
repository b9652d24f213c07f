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


class VoiceExpectOut(Schema):
    max_digits: int
    terminator: str
    timeout_seconds: int


class VoiceAnswerOut(Schema):
    call_id: str
    state: str
    say: str = Field(description="Chinese text for the platform to speak")
    audio_url: str | None = Field(description="signed path of a WAV of `say` when text-to-speech is installed")
    expect: VoiceExpectOut
    action: Literal["gather", "transfer", "record", "hangup"]
    transfer_to: str | None


class VoiceMessageOut(Schema):
    id: int
    kind: str
    case_id: int | None
    case_number: str
    caller: str = Field(description="masked")
    recording_url: str
    transcript: str
    status: str
    reply: str
    created_at: dt.datetime
    handled_at: dt.datetime | None


class VoiceMessagePageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[VoiceMessageOut]


class VoiceMessageListQuery(Schema):
    status: Literal["", "new", "handled"] = ""
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=20, ge=1, le=100)


class VoiceMessageHandleIn(Schema):
    reply: str = Field(min_length=1, max_length=300)
