"""Delivering one notification: call the channel, log the attempt, set the status."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import F

from tianping.core import clock
from tianping.notify import channels
from tianping.notify.enums import NotificationStatus
from tianping.notify.models import DeliveryAttempt, Notification

logger = logging.getLogger(__name__)


def deliver(notification_id: int, *, final: bool) -> str:
    """Send a queued notification once. A failure raises ``DeliveryError`` so the job queue retries,
    except on the ``final`` attempt, which marks the notification failed. Returns the new status."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.status != NotificationStatus.QUEUED:
        return notification.status if notification is not None else "missing"
    attempted_at = clock.now()
    try:
        receipt = channels.send(
            channel=notification.channel, to=notification.address, subject=notification.subject,
            body=notification.body, attachment=notification.attachment,
        )  # fmt: skip
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        with transaction.atomic():
            DeliveryAttempt.objects.create(notification=notification, attempted_at=attempted_at, ok=False, error=error)
            status = NotificationStatus.FAILED if final else NotificationStatus.QUEUED
            Notification.objects.filter(pk=notification.pk).update(
                attempts=F("attempts") + 1, last_error=error, status=status
            )
        if final:
            logger.warning("notification %s failed for good: %s", notification.pk, error)
            return str(status)
        raise channels.DeliveryError(error) from exc
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            notification=notification, attempted_at=attempted_at, ok=True, message_id=receipt.message_id[:100],
            response=receipt.response[:500],
        )  # fmt: skip
        Notification.objects.filter(pk=notification.pk).update(
            attempts=F("attempts") + 1, last_error="", status=NotificationStatus.SENT, sent_at=clock.now()
        )
    return str(NotificationStatus.SENT)
