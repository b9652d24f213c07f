"""Notification pages: the delivery log (通知记录) with retry, 12368 messages for judges (12368 留言),
the 12368 dialling simulator (12368 模拟拨号), and the synthesized prompts' audio.
Views parse, call one selector or service and render; the services hold every rule."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from pydantic import ValidationError

from tianping.accounts import selectors as access
from tianping.core.errors import ApplicationError
from tianping.core.pages import not_found_page, optional_int, run_page_action
from tianping.notify import selectors, services, tts, voice
from tianping.notify.enums import Channel, NotificationStatus, VoiceMessageStatus
from tianping.notify.models import mask_address

PAGE_SIZE = 50
SIMULATOR_CALLER = "13800000000"


def _staff_only(request: HttpRequest) -> HttpResponse | None:
    if not access.is_staff_user(request.user):
        return not_found_page(request)
    return None


@login_required
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    if (refused := _staff_only(request)) is not None:
        return refused
    channel = request.GET.get("channel", "") if request.GET.get("channel") in Channel.values else ""
    status = request.GET.get("status", "") if request.GET.get("status") in NotificationStatus.values else ""
    filters = selectors.NotificationLogFilter(
        court_id=optional_int(request.GET.get("court")),
        channel=channel,
        status=status,
        template=request.GET.get("template", "")[:40],
        case_id=optional_int(request.GET.get("case")),
    )
    page = Paginator(selectors.notification_log(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for n in page.object_list:
        n.masked_address = mask_address(n.address)
    query = urlencode([(k, str(v)) for k, v in request.GET.items() if k != "page" and v])
    context: dict[str, Any] = {
        "page": page,
        "query": query,
        "filters": filters,
        "courts": [g.court for g in access.active_grants(request.user)],
        "channels": Channel.choices,
        "statuses": NotificationStatus.choices,
        "templates": selectors.notification_templates_in_use(user=request.user),
        "acting_courts": access.acting_court_ids(request.user),
        "failed": NotificationStatus.FAILED,
        "filtered": bool(query),
    }
    return render(request, "notify/log.html", context)


@login_required
@require_POST
def retry(request: HttpRequest, notification_id: int) -> HttpResponse:
    back = request.POST.get("back", "")
    return run_page_action(
        request,
        load=lambda: selectors.notification_for_user(request.user, notification_id),
        act=lambda notification: services.notification_retry(actor=request.user, notification=notification),
        success=_("已重新排队发送。"),
        then=lambda _n: f"{reverse('notify:log')}?{back}" if back else reverse("notify:log"),
    )


@login_required
@require_GET
def voice_messages(request: HttpRequest) -> HttpResponse:
    if (refused := _staff_only(request)) is not None:
        return refused
    status = request.GET.get("status", "") if request.GET.get("status") in VoiceMessageStatus.values else ""
    page = Paginator(selectors.voice_message_list(user=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for m in page.object_list:
        m.masked_caller = mask_address(m.caller)
    context = {
        "page": page,
        "status": status,
        "statuses": VoiceMessageStatus.choices,
        "new": VoiceMessageStatus.NEW,
        "query": urlencode({"status": status}) if status else "",
    }
    return render(request, "notify/voice_messages.html", context)


@login_required
@require_POST
def voice_message_handle(request: HttpRequest, message_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.voice_message_for_user(request.user, message_id),
        act=lambda message: services.voice_message_handle(
            actor=request.user, message=message, reply=request.POST.get("reply", "")
        ),
        success=_("留言已处理，答复将以短信告知来电人。"),
        then=lambda _m: reverse("notify:voice_messages"),
    )


SIMULATOR_KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"]


@login_required
def voice_simulator(request: HttpRequest) -> HttpResponse:
    """Drives the same menu service as the webhook, so a court's IT staff can try every branch."""
    if (refused := _staff_only(request)) is not None:
        return refused
    answer: dict[str, Any] | None = None
    call_id = request.POST.get("call_id", "") or f"sim-{secrets.token_hex(6)}"
    caller = request.POST.get("caller", "") or SIMULATOR_CALLER
    digits = request.POST.get("key", "") or request.POST.get("digits", "")
    if request.method == "POST":
        event = request.POST.get("event", "digits")
        if event == "start":
            call_id = f"sim-{secrets.token_hex(6)}"
        try:
            payload = voice.VoiceEventIn(
                call_id=call_id, caller=caller, event=event, digits=digits,
                transcript=request.POST.get("transcript", "") if event == "recording" else "",
            )  # fmt: skip
            answer = voice.voice_event_handle(event=payload)
        except ValidationError:
            messages.error(request, _("按键或号码格式有误。"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    context = {
        "answer": answer,
        "call_id": call_id,
        "caller": caller,
        "keys": SIMULATOR_KEYS,
        "tts_available": tts.tts_command() is not None,
        "call_log": selectors.simulated_call_log(call_id=call_id),
    }
    return render(request, "notify/voice_simulator.html", context)


@require_GET
def voice_audio(request: HttpRequest, token: str) -> FileResponse:
    """A synthesized prompt: the telephony platform fetches it with the signed token it was given."""
    name = tts.audio_name_for_token(token)
    if name is None:
        raise Http404
    return FileResponse(default_storage.open(name, "rb"), content_type="audio/wav")
