"""The notification service: render, check opt-out and per-recipient limits, store, and
deliver after the caller's transaction commits (a Huey job with retries)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.core import audit, clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.validators import parse_mobile
from tianping.notify.enums import Channel, NotificationStatus, VoiceErrorCode, VoiceMessageStatus
from tianping.notify.models import Notification, OptOut, VoiceMessage, mask_address
from tianping.notify.templates_text import template_get

CASE = "cases.Case"


@dataclasses.dataclass(frozen=True)
class Recipient:
    """A person to notify: every address given is one notification; ``context`` adds per-person values."""

    name: str
    mobile: str = ""
    email: str = ""
    fax: str = ""
    account_id: int | None = None
    context: dict[str, Any] = dataclasses.field(default_factory=dict)


def daily_limit(channel: str) -> int:
    limits: dict[str, int] = {Channel.SMS: settings.SMS_DAILY_LIMIT, Channel.EMAIL: settings.EMAIL_DAILY_LIMIT}
    return int(limits.get(channel, settings.FAX_DAILY_LIMIT))


def _start_of_today() -> dt.datetime:
    """Midnight of ``core.clock``'s today in the court's time zone: the same clock that stamps
    ``Notification.created_at``, so a frozen clock moves both together."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return dt.datetime.combine(clock.today(), dt.time.min, tzinfo=zone)


_FAX_SEPARATORS = re.compile(r"[\s\-()（）]")
_FAX_NUMBER = re.compile(r"\+?[0-9]{5,20}")


def parse_fax_number(raw: str) -> str:
    """``010-6512 3456`` → ``01065123456``; a leading ``+`` is kept."""
    value = _FAX_SEPARATORS.sub("", str(raw))
    if not _FAX_NUMBER.fullmatch(value):
        raise ValidationFailed("传真号码应为5至20位数字", code="invalid_fax_number", details={"fax": str(raw)[:30]})
    return value


def _suppression(address: str, channel: str, mandatory: bool) -> str:
    """Why this message must not go out ('' when it may)."""
    if mandatory:
        return ""
    if OptOut.objects.filter(address=address, channel=channel).exists():
        return "opted_out"
    sent_today = Notification.objects.filter(
        address=address,
        channel=channel,
        created_at__gte=_start_of_today(),
        status__in=[NotificationStatus.QUEUED, NotificationStatus.SENT],
    ).count()
    if sent_today >= daily_limit(channel):
        return "daily_limit"
    return ""


def notify(
    *,
    recipients: Iterable[Recipient],
    template: str,
    context: dict[str, Any],
    related: tuple[str, int] | None = None,
    court_code: str = "",
    court_id: int | None = None,
    fax_pdf: bytes | None = None,
) -> list[Notification]:
    """Create one notification per recipient address; deliver each after the transaction commits.

    An address that opted out (unless the template is mandatory) or reached its daily limit
    gets a *suppressed* notification, kept for the record and never sent. A recipient's fax
    number gets the e-mail text laid out as a PDF page, or ``fax_pdf`` when given."""
    chosen = template_get(template)
    attachment = _store_attachment(fax_pdf) if fax_pdf else ""
    created: list[Notification] = []
    for recipient in recipients:
        sms, subject, body = chosen.render({"name": recipient.name, **context, **recipient.context})
        fax = parse_fax_number(recipient.fax) if recipient.fax else ""
        for channel, address, text in (
            (Channel.SMS, recipient.mobile, sms),
            (Channel.EMAIL, recipient.email.strip().lower(), body),
            (Channel.FAX, fax, body),
        ):
            if not address:
                continue
            reason = _suppression(address, channel, chosen.mandatory)
            notification = Notification.objects.create(
                recipient_name=recipient.name[:100],
                address=address,
                channel=channel,
                account_id=recipient.account_id,
                template=chosen.key,
                subject=subject[:200] if channel != Channel.SMS else "",
                attachment=attachment if channel == Channel.FAX else "",
                body=text,
                related_type=related[0] if related else "",
                related_id=related[1] if related else None,
                court_id=court_id,
                court_code=court_code,
                status=NotificationStatus.SUPPRESSED if reason else NotificationStatus.QUEUED,
                last_error=reason,
            )
            created.append(notification)
            if not reason:
                transaction.on_commit(partial(_schedule, notification.pk), robust=True)
    return created


def _store_attachment(pdf: bytes) -> str:
    """Keep a PDF to fax once, named by its SHA-256."""
    if not pdf.startswith(b"%PDF-"):
        raise ValidationFailed("传真附件须为PDF文件", code="fax_attachment_not_pdf")
    name = f"fax/attachments/{hashlib.sha256(pdf).hexdigest()}.pdf"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(pdf))
    return name


def _schedule(notification_id: int) -> None:
    from tianping.notify.tasks import deliver_notification

    deliver_notification(notification_id)


def case_registered_notify(*, case_id: int) -> list[Notification]:
    """Tell every party of a newly registered case its number and query code (SMS, and e-mail
    when the party's account has an address). Call inside the registering transaction."""
    return _parties_notify(case_id=case_id, template="case_registered", context={}, with_query_code=True)


def _parties_notify(
    *, case_id: int, template: str, context: dict[str, Any], with_query_code: bool = False
) -> list[Notification]:
    data = case_selectors.case_notification_data(case_id)
    recipients = [
        Recipient(
            name=party.name,
            mobile=party.mobile,
            email=party.email,
            account_id=party.account_id,
            context={"query_code": party.query_code} if with_query_code else {},
        )
        for party in data.parties
        if party.mobile or party.email
    ]
    return notify(
        recipients=recipients,
        template=template,
        context={"court": data.court_name, "number": data.number, **context},
        related=(CASE, data.case_id),
        court_code=data.court_code,
        court_id=data.court_id,
    )


def case_closed_notify(*, case_id: int, closed_on: dt.date | None = None) -> list[Notification]:
    """Tell every party that the case was closed (SMS, and e-mail where known). Call inside the
    closing transaction: delivery starts after commit."""
    day = closed_on or clock.today()
    return _parties_notify(case_id=case_id, template="case_closed", context={"closed_on": f"{day:%Y年%m月%d日}"})


def hearing_scheduled_notify(*, case_id: int, when: dt.datetime, place: str) -> list[Notification]:
    """Tell every party the date, time and place of a hearing. ``when`` must be aware."""
    if timezone.is_naive(when):
        raise ValidationFailed("开庭时间须带时区", code="naive_datetime")
    local = when.astimezone(ZoneInfo(settings.TIME_ZONE))
    return _parties_notify(
        case_id=case_id,
        template="hearing_scheduled",
        context={"when": f"{local:%Y年%m月%d日 %H:%M}", "place": place.strip()[:100] or "本院"},
    )


@transaction.atomic
def notification_retry(*, actor: Any, notification: Notification) -> Notification:
    """Queue a failed notification again (staff of its court); the delivery job runs after commit."""
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    if locked.court_id is None or locked.court_id not in access.acting_court_ids(actor):
        raise PermissionDenied("只能重发本院的通知", code="not_own_court")
    if locked.status != NotificationStatus.FAILED:
        raise Conflict("只有发送失败的通知可以重发", code="notification_not_failed", details={"status": locked.status})
    previous_error = locked.last_error
    locked.status, locked.last_error = NotificationStatus.QUEUED, ""
    locked.save(update_fields=["status", "last_error", "updated_at"])
    audit.record(
        actor=actor, action="notify.retry", obj=locked, object_repr=str(locked),
        changes={"status": [NotificationStatus.FAILED, NotificationStatus.QUEUED], "last_error": [previous_error, ""]},
    )  # fmt: skip
    transaction.on_commit(partial(_schedule, locked.pk), robust=True)
    return locked


VOICE_MESSAGE_LEADERS = (Role.PRESIDENT, Role.DIVISION_HEAD)


def may_handle_voice_message(user: Any, message: VoiceMessage) -> bool:
    """The judge it was left for; the court's president and division heads (complaints too)."""
    if message.judge_id is not None and message.judge_id == getattr(user, "pk", None):
        return True
    return message.court_id is not None and access.has_role(user, *VOICE_MESSAGE_LEADERS, court_id=message.court_id)


@transaction.atomic
def voice_message_handle(*, actor: Any, message: VoiceMessage, reply: str) -> VoiceMessage:
    """Mark a 12368 message handled with a reply note; the reply goes to the caller by SMS
    when the caller number is a mobile."""
    reply = reply.strip()
    if not reply:
        raise ValidationFailed("请填写答复内容", code="reply_required")
    if len(reply) > 300:
        raise ValidationFailed("答复不超过300字", code="reply_too_long")
    locked = VoiceMessage.objects.select_for_update(of=("self",)).select_related("court").get(pk=message.pk)
    if not may_handle_voice_message(actor, locked):
        raise PermissionDenied("只有承办法官或院庭长可以处理该留言", code="not_message_handler")
    if locked.status == VoiceMessageStatus.HANDLED:
        raise Conflict("该留言已处理", code=VoiceErrorCode.ALREADY_HANDLED)
    locked.status, locked.reply = VoiceMessageStatus.HANDLED, reply
    locked.handled_by, locked.handled_at = actor, clock.now()
    locked.save(update_fields=["status", "reply", "handled_by", "handled_at", "updated_at"])
    audit.record(
        actor=actor, action="notify.voice_message_handle", obj=locked, object_repr=str(locked),
        changes={"status": [VoiceMessageStatus.NEW, VoiceMessageStatus.HANDLED], "reply": [None, reply]},
    )  # fmt: skip
    _reply_by_sms(locked)
    return locked


def _reply_by_sms(message: VoiceMessage) -> None:
    try:
        mobile = parse_mobile(message.caller)
    except ValidationFailed:
        return  # a landline: the reply stays on record only
    left_on = timezone.localtime(message.created_at, ZoneInfo(settings.TIME_ZONE))
    notify(
        recipients=[Recipient(name="", mobile=mobile)],
        template="voice_message_reply",
        context={"court": message.court.name if message.court else "", "left_on": f"{left_on:%m月%d日}",
                 "reply": message.reply},
        related=("notify.VoiceMessage", message.pk),
        court_code=message.court.code if message.court else "",
        court_id=message.court_id,
    )  # fmt: skip


@transaction.atomic
def opt_out_create(*, actor: Any, address: str, channel: str, reason: str = "") -> OptOut:
    """Stop non-mandatory notifications to the signed-in user's own mobile or e-mail address."""
    if channel == Channel.SMS:
        address = parse_mobile(address)
        own = bool(actor.mobile) and actor.mobile == address
    elif channel == Channel.EMAIL:
        address = address.strip().lower()
        own = bool(actor.email) and actor.email.strip().lower() == address
    else:
        raise ValidationFailed("未知的通知渠道", code="invalid_channel", details={"channel": channel})
    if not own:
        raise PermissionDenied("只能退订本人账户登记的手机号码或电子邮箱", code="not_own_address")
    opt_out, created = OptOut.objects.get_or_create(
        address=address, channel=channel, defaults={"account": actor, "reason": reason[:200]}
    )
    if created:
        audit.record(
            actor=actor, action="notify.opt_out", obj=opt_out, object_repr=str(opt_out),
            changes={"channel": [None, channel], "address": [None, mask_address(address)]},
        )  # fmt: skip
    return opt_out
