"""The notification service: render, check opt-out and per-recipient limits, store, and
deliver after the caller's transaction commits (a Huey job with retries)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tianping.cases import selectors as case_selectors
from tianping.core import audit
from tianping.core.errors import PermissionDenied, ValidationFailed
from tianping.core.validators import parse_mobile
from tianping.notify.enums import Channel, NotificationStatus
from tianping.notify.models import Notification, OptOut, mask_address
from tianping.notify.templates_text import template_get

CASE = "cases.Case"


@dataclasses.dataclass(frozen=True)
class Recipient:
    """A person to notify: every address given is one notification; ``context`` adds per-person values."""

    name: str
    mobile: str = ""
    email: str = ""
    account_id: int | None = None
    context: dict[str, Any] = dataclasses.field(default_factory=dict)


def daily_limit(channel: str) -> int:
    return int(settings.SMS_DAILY_LIMIT if channel == Channel.SMS else settings.EMAIL_DAILY_LIMIT)


def _start_of_today() -> dt.datetime:
    # ``created_at`` is stamped with the real time (auto_now_add), so the window uses it too.
    local = timezone.localtime(timezone.now())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


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
) -> list[Notification]:
    """Create one notification per recipient address; deliver each after the transaction commits.

    An address that opted out (unless the template is mandatory) or reached its daily limit
    gets a *suppressed* notification, kept for the record and never sent."""
    chosen = template_get(template)
    created: list[Notification] = []
    for recipient in recipients:
        sms, subject, body = chosen.render({"name": recipient.name, **context, **recipient.context})
        for channel, address, text in (
            (Channel.SMS, recipient.mobile, sms),
            (Channel.EMAIL, recipient.email.strip().lower(), body),
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
                subject=subject[:200] if channel == Channel.EMAIL else "",
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


def _schedule(notification_id: int) -> None:
    from tianping.notify.tasks import deliver_notification

    deliver_notification(notification_id)


def case_registered_notify(*, case_id: int) -> list[Notification]:
    """Tell every party of a newly registered case its number and query code (SMS, and e-mail
    when the party's account has an address). Call inside the registering transaction."""
    data = case_selectors.case_notification_data(case_id)
    recipients = [
        Recipient(
            name=party.name,
            mobile=party.mobile,
            email=party.email,
            account_id=party.account_id,
            context={"query_code": party.query_code},
        )
        for party in data.parties
        if party.mobile or party.email
    ]
    return notify(
        recipients=recipients,
        template="case_registered",
        context={"court": data.court_name, "number": data.number},
        related=(CASE, data.case_id),
        court_code=data.court_code,
        court_id=data.court_id,
    )


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
