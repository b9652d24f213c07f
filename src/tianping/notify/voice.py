"""The 12368 webhook service: check the platform's signature, load the call session, run one
``voice_menu.step``, carry out its effect (audit an identification, store a message), save
the session and the call log, and answer the platform.

Every event of a call is a ``VoiceCallEvent`` row; key presses during identification are
stored masked, so the log never holds a query code or ID digits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from pydantic import BaseModel, Field, ValidationError

from tianping.cases import selectors as case_selectors
from tianping.core import audit, clock, ratelimit
from tianping.core.enums import AuditKind
from tianping.core.errors import NotFound, PermissionDenied, ValidationFailed
from tianping.core.validators import mask_mobile
from tianping.core.workdays import working_calendar
from tianping.courts import selectors as court_selectors
from tianping.notify import tts, voice_menu
from tianping.notify.enums import VoiceErrorCode, VoiceMessageKind
from tianping.notify.models import VoiceCall, VoiceCallEvent, VoiceMessage

SIGNATURE_HEADER = "X-Tianping-Signature"
OFFICE_OPENS = dt.time(8, 30)
OFFICE_CLOSES = dt.time(17, 30)


class VoiceEventIn(BaseModel):
    """What the telephony platform posts for each event of a call."""

    call_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
    caller: str = Field(min_length=1, max_length=24, pattern=r"^(\+?[0-9]+|anonymous)$")  # withheld: "anonymous"
    event: str = Field(pattern=r"^(start|digits|recording|hangup)$")
    digits: str = Field(default="", max_length=32, pattern=r"^[0-9*#]*$")
    recording_url: str = Field(default="", max_length=500, pattern=r"^(https?://\S+)?$")
    transcript: str = Field(default="", max_length=4000)
    court_code: str = Field(default="", max_length=20)


def signature_for(body: bytes, secret: str) -> str:
    """Hex HMAC-SHA256 of the raw request body: what the platform sends in ``X-Tianping-Signature``."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signature_check(*, body: bytes, signature: str) -> None:
    """Refuse (403) a body not signed with ``settings.VOICE_WEBHOOK_SECRET``; no secret set refuses all."""
    secret = settings.VOICE_WEBHOOK_SECRET
    given = signature.strip().removeprefix("sha256=")
    if not secret or not given or not hmac.compare_digest(given, signature_for(body, secret)):
        raise PermissionDenied("签名无效", code=VoiceErrorCode.BAD_SIGNATURE)


def voice_webhook(*, body: bytes, signature: str) -> dict[str, Any]:
    """The whole webhook: signature, payload, per-caller rate limit, then one menu step."""
    signature_check(body=body, signature=signature)
    try:
        event = VoiceEventIn.model_validate(json.loads(body or b"null"))
    except (ValueError, ValidationError) as exc:
        details = {"errors": [str(e.get("loc", "")) for e in exc.errors()]} if isinstance(exc, ValidationError) else {}
        raise ValidationFailed("事件格式有误", code="voice_bad_event", details=details) from exc
    ratelimit.hit("voice", event.caller, settings.RATE_LIMITS["voice"])
    return voice_event_handle(event=event)


def office_open(moment: dt.datetime | None = None) -> bool:
    """Staff answer 08:30–17:30 on working days (core.workdays: holidays and make-up days)."""
    local = (moment or clock.now()).astimezone(ZoneInfo(settings.TIME_ZONE))
    if not working_calendar().is_working_day(local.date()):
        return False
    return OFFICE_OPENS <= local.time() < OFFICE_CLOSES


def _lookup(keys: str, suffix: str) -> dict[str, Any] | None:
    if not keys:
        return None
    matches = case_selectors.party_case_status_by_code(code_pattern=voice_menu.code_pattern(keys), id_suffix=suffix)
    if len(matches) != 1:  # none, or (very unlikely) two parties share both keypad code and ID suffix
        return None
    found = matches[0]
    return {
        "case_id": found.case_id,
        "party_id": found.party_id,
        "number": found.number,
        "court_id": found.court_id,
        "court_code": found.court_code,
        "court_name": found.court_name,
        "status": found.status_label,
        "judge_id": found.judge_id,
        "judge_name": found.judge_name,
        "deadline": f"{found.deadline:%Y年%m月%d日}" if found.deadline else "",
    }


def _masked_digits(state: str, digits: str) -> str:
    return "*" * len(digits) if state in {voice_menu.CODE, voice_menu.ID} else digits


@transaction.atomic
def voice_event_handle(*, event: VoiceEventIn) -> dict[str, Any]:
    """Run one event of a call through the menu and answer the platform (the simulator page calls this too)."""
    now = clock.now()
    call = _call_session(event, now)
    previous = call.state
    context = voice_menu.CallContext(
        data=call.data, office_open=office_open(now), operator=settings.VOICE_OPERATOR, lookup=_lookup
    )
    state, reply = voice_menu.step(call.state, event.event, event.digits, context)
    _carry_out(call, reply, event)
    call.state, call.data, call.last_event_at = state, reply.data, now
    if state == voice_menu.ENDED and call.ended_at is None:
        call.ended_at = now
    call.save()
    VoiceCallEvent.objects.create(
        call=call, at=now, event=event.event, digits=_masked_digits(previous, event.digits), from_state=previous,
        to_state=state, action=reply.action, say=reply.say,
    )  # fmt: skip
    return {
        "call_id": call.call_id,
        "state": state,
        "say": reply.say,
        "audio_url": tts.audio_url(reply.say) if reply.say else None,
        "expect": {"max_digits": reply.max_digits, "terminator": "#", "timeout_seconds": reply.timeout_seconds},
        "action": reply.action,
        "transfer_to": reply.transfer_to,
    }


def _call_session(event: VoiceEventIn, now: dt.datetime) -> VoiceCall:
    """The call's session row, locked; created on its first event (two racing first events: one wins)."""
    call = VoiceCall.objects.select_for_update().filter(call_id=event.call_id).first()
    if call is not None:
        return call
    try:
        with transaction.atomic():
            return VoiceCall.objects.create(
                call_id=event.call_id, caller=event.caller, state=voice_menu.WELCOME, data={}, started_at=now,
                last_event_at=now,
            )  # fmt: skip
    except IntegrityError:
        return VoiceCall.objects.select_for_update().get(call_id=event.call_id)


def _carry_out(call: VoiceCall, reply: voice_menu.VoiceReply, event: VoiceEventIn) -> None:
    case = reply.data.get("case") or {}
    if reply.effect == voice_menu.IDENTIFIED:
        call.case_id = case["case_id"]
        audit.record(
            actor=None, action="notify.voice_identify", kind=AuditKind.READ, object_type="cases.Party",
            object_id=str(case["party_id"]), object_repr=f"12368 {case['number']}", court_code=case["court_code"],
            changes={"call_id": call.call_id, "caller": mask_mobile(call.caller), "result": "identified"},
        )  # fmt: skip
    elif reply.effect == voice_menu.IDENTIFY_FAILED:
        audit.record(
            actor=None, action="notify.voice_identify", kind=AuditKind.READ, object_type="notify.VoiceCall",
            object_id=str(call.pk), object_repr=f"12368 {call.call_id}", court_code="",
            changes={"call_id": call.call_id, "caller": mask_mobile(call.caller), "result": "failed",
                     "tries": reply.data.get("tries", 0)},
        )  # fmt: skip
    elif reply.effect in {voice_menu.STORE_JUDGE_MESSAGE, voice_menu.STORE_COMPLAINT}:
        _store_message(call, reply, event, case)


def _store_message(call: VoiceCall, reply: voice_menu.VoiceReply, event: VoiceEventIn, case: dict[str, Any]) -> None:
    judge_message = reply.effect == voice_menu.STORE_JUDGE_MESSAGE
    court_id = case.get("court_id") or _hotline_court_id(event.court_code)
    message = VoiceMessage.objects.create(
        kind=VoiceMessageKind.JUDGE_MESSAGE if judge_message else VoiceMessageKind.COMPLAINT,
        call=call,
        case_id=case.get("case_id"),
        court_id=court_id,
        judge_id=case.get("judge_id") if judge_message else None,
        caller=call.caller,
        recording_url=event.recording_url,
        transcript=event.transcript.strip(),
    )
    audit.record(
        actor=None, action="notify.voice_message", obj=message, object_repr=str(message),
        court_code=case.get("court_code", ""),
        changes={"kind": [None, message.kind], "case": [None, message.case_id], "judge": [None, message.judge_id]},
    )  # fmt: skip


def _hotline_court_id(court_code: str) -> int | None:
    code = court_code or settings.VOICE_COURT_CODE
    if not code:
        return None
    try:
        return court_selectors.court_get_by_code(code=code).pk
    except NotFound:  # an unknown code from the platform: the complaint is kept without a court
        return None
