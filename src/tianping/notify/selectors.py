"""Reads of notifications, scoped: staff see their readable courts', a signed-in person their own;
12368 messages: the judge they were left for and the court's president and division heads."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Q, QuerySet

from tianping.accounts import selectors as access
from tianping.core.errors import NotFound
from tianping.notify.models import Notification, VoiceCallEvent, VoiceMessage
from tianping.notify.services import CASE, VOICE_MESSAGE_LEADERS
from tianping.notify.templates_text import template_label


def notification_list(*, user: Any, case_id: int | None = None, status: str = "") -> QuerySet[Notification]:
    notifications = Notification.objects.all()
    if access.is_staff_user(user):
        notifications = notifications.filter(court_id__in=access.readable_court_ids(user))
    elif getattr(user, "is_authenticated", False):
        notifications = notifications.filter(account=user)
    else:
        return notifications.none()
    if case_id is not None:
        notifications = notifications.filter(related_type=CASE, related_id=case_id)
    if status:
        notifications = notifications.filter(status=status)
    return notifications.order_by("-created_at", "-id")


@dataclasses.dataclass(frozen=True)
class NotificationLogFilter:
    court_id: int | None = None
    channel: str = ""
    status: str = ""
    template: str = ""
    case_id: int | None = None


def notification_log(*, user: Any, filters: NotificationLogFilter) -> QuerySet[Notification]:
    """The delivery log of the courts a staff member may read (nothing for anyone else)."""
    if not access.is_staff_user(user):
        return Notification.objects.none()
    courts = access.readable_court_ids(user)
    if filters.court_id is not None:
        courts = courts & {filters.court_id}
    log = Notification.objects.filter(court_id__in=courts)
    if filters.channel:
        log = log.filter(channel=filters.channel)
    if filters.status:
        log = log.filter(status=filters.status)
    if filters.template:
        log = log.filter(template=filters.template)
    if filters.case_id is not None:
        log = log.filter(related_type=CASE, related_id=filters.case_id)
    return log.order_by("-created_at", "-id")


def notification_for_user(user: Any, notification_id: int) -> Notification:
    """A notification of a court the staff member may read; otherwise NotFound."""
    found = notification_log(user=user, filters=NotificationLogFilter()).filter(pk=notification_id).first()
    if found is None:
        raise NotFound("通知不存在或无权访问", code="notification_not_found")
    return found


def notification_templates_in_use(*, user: Any) -> list[tuple[str, str]]:
    """(key, label) of the templates in the user's log, for the filter."""
    log = notification_log(user=user, filters=NotificationLogFilter())
    return [(key, template_label(key)) for key in sorted(set(log.values_list("template", flat=True).distinct()))]


def _voice_messages_visible(user: Any) -> QuerySet[VoiceMessage]:
    if not access.is_staff_user(user):
        return VoiceMessage.objects.none()
    led = [g.court_id for g in access.active_grants(user) if g.role in VOICE_MESSAGE_LEADERS]
    return VoiceMessage.objects.filter(Q(judge=user) | Q(court_id__in=led))


def voice_message_list(*, user: Any, status: str = "") -> QuerySet[VoiceMessage]:
    messages = _voice_messages_visible(user).select_related("case", "court", "judge", "handled_by")
    if status:
        messages = messages.filter(status=status)
    return messages.order_by("-created_at", "-id")


def voice_message_for_user(user: Any, message_id: int) -> VoiceMessage:
    found = _voice_messages_visible(user).select_related("court", "case").filter(pk=message_id).first()
    if found is None:
        raise NotFound("留言不存在或无权访问", code="voice_message_not_found")
    return found


def voice_call_log(*, message: VoiceMessage) -> list[VoiceCallEvent]:
    """The steps of the call that left ``message`` (digits already masked)."""
    return list(VoiceCallEvent.objects.filter(call_id=message.call_id).order_by("at", "id"))


SIMULATED_CALL_PREFIX = "sim-"


def simulated_call_log(*, call_id: str) -> list[VoiceCallEvent]:
    """The steps of a call made on the simulator page (real calls are not shown there)."""
    if not call_id.startswith(SIMULATED_CALL_PREFIX):
        return []
    return list(VoiceCallEvent.objects.filter(call__call_id=call_id).order_by("at", "id"))
