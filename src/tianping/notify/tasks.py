"""Background delivery of notifications (Huey), with retries."""

from __future__ import annotations

from typing import Any

from huey.contrib.djhuey import db_task

from tianping.notify import delivery

DELIVERY_RETRIES = 3
DELIVERY_RETRY_DELAY = 60  # seconds


@db_task(retries=DELIVERY_RETRIES, retry_delay=DELIVERY_RETRY_DELAY, context=True)
def deliver_notification(notification_id: int, task: Any = None) -> str:
    """Deliver one notification; an error makes Huey retry; the last failure marks it failed."""
    final = task is None or not task.retries
    return delivery.deliver(notification_id, final=final)
