"""The notification API: the list (scoped by court or account), opting out of one's own address,
retrying a failed notification, 12368 messages for judges, and the 12368 webhook (``voice_router``,
mounted at /api/v1/voice: no login, the telephony platform signs each body)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from tianping.notify import selectors, services, voice
from tianping.notify.models import Notification, VoiceMessage, mask_address
from tianping.notify.schemas import (
    ErrorOut,
    NotificationListQuery,
    NotificationOut,
    NotificationPageOut,
    OptOutIn,
    OptOutOut,
    VoiceAnswerOut,
    VoiceMessageHandleIn,
    VoiceMessageListQuery,
    VoiceMessageOut,
    VoiceMessagePageOut,
)

router = Router(tags=["notifications"])
voice_router = Router(tags=["12368"], auth=None)


def notification_out(n: Notification) -> dict[str, Any]:
    return {
        "id": n.pk,
        "recipient_name": n.recipient_name,
        "address": mask_address(n.address),
        "channel": n.channel,
        "template": n.template,
        "subject": n.subject,
        "body": n.body,
        "related_type": n.related_type,
        "related_id": n.related_id,
        "court_code": n.court_code,
        "status": n.status,
        "attempts": n.attempts,
        "last_error": n.last_error,
        "created_at": n.created_at,
        "sent_at": n.sent_at,
    }


@router.get("", response={200: NotificationPageOut})
def notification_list(request: HttpRequest, query: Query[NotificationListQuery]) -> dict[str, Any]:
    """Court staff: the notifications of the courts they may read; others: those sent to their account."""
    notifications = selectors.notification_list(user=request.user, case_id=query.case_id, status=query.status)
    start = (query.page - 1) * query.page_size
    return {
        "count": notifications.count(),
        "page": query.page,
        "page_size": query.page_size,
        "items": [notification_out(n) for n in notifications[start : start + query.page_size]],
    }


@router.post("/opt-out", response={200: OptOutOut, 403: ErrorOut, 422: ErrorOut})
def opt_out(request: HttpRequest, payload: OptOutIn) -> dict[str, Any]:
    """Stop non-mandatory notifications to the signed-in user's own mobile (sms) or e-mail (email)."""
    created = services.opt_out_create(
        actor=request.user, address=payload.address, channel=payload.channel, reason=payload.reason
    )
    return {"address": mask_address(created.address), "channel": created.channel, "created_at": created.created_at}


@router.post("/{notification_id}/retry", response={200: NotificationOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut})
def notification_retry(request: HttpRequest, notification_id: int) -> dict[str, Any]:
    """Court staff: send a failed notification of their court again (delivery runs in the background)."""
    notification = selectors.notification_for_user(request.user, notification_id)
    return notification_out(services.notification_retry(actor=request.user, notification=notification))


def voice_message_out(m: VoiceMessage) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "case_id": m.case_id,
        "case_number": (m.case.number or "") if m.case else "",
        "caller": mask_address(m.caller),
        "recording_url": m.recording_url,
        "transcript": m.transcript,
        "status": m.status,
        "reply": m.reply,
        "created_at": m.created_at,
        "handled_at": m.handled_at,
    }


@router.get("/voice-messages", response={200: VoiceMessagePageOut})
def voice_message_list(request: HttpRequest, query: Query[VoiceMessageListQuery]) -> dict[str, Any]:
    """12368 messages: those left for the signed-in judge, and the court's for presidents and division heads."""
    messages = selectors.voice_message_list(user=request.user, status=query.status)
    start = (query.page - 1) * query.page_size
    return {
        "count": messages.count(),
        "page": query.page,
        "page_size": query.page_size,
        "items": [voice_message_out(m) for m in messages[start : start + query.page_size]],
    }


@router.post(
    "/voice-messages/{message_id}/handle",
    response={200: VoiceMessageOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def voice_message_handle(request: HttpRequest, message_id: int, payload: VoiceMessageHandleIn) -> dict[str, Any]:
    """Mark a 12368 message handled; the reply goes to the caller's mobile by SMS."""
    message = selectors.voice_message_for_user(request.user, message_id)
    return voice_message_out(services.voice_message_handle(actor=request.user, message=message, reply=payload.reply))


_VOICE_EVENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": voice.VoiceEventIn.model_json_schema()}},
    },
    "parameters": [
        {
            "name": voice.SIGNATURE_HEADER,
            "in": "header",
            "required": True,
            "schema": {"type": "string"},
            "description": "hex HMAC-SHA256 of the raw body with TIANPING_VOICE_WEBHOOK_SECRET",
        }
    ],
}


@voice_router.post(
    "/12368",
    response={200: VoiceAnswerOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    openapi_extra=_VOICE_EVENT_BODY,
)
def voice_12368(request: HttpRequest) -> dict[str, Any]:
    """The telephony platform posts each call event (start, digits, recording, hangup); the answer says
    what to speak and what to do next (gather digits, record, transfer, hang up)."""
    return voice.voice_webhook(body=request.body, signature=request.headers.get(voice.SIGNATURE_HEADER, ""))
