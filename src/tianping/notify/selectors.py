"""Reads of notifications, scoped: staff see their readable courts', a signed-in person their own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tianping.accounts import selectors as access
from tianping.notify.models import Notification
from tianping.notify.services import CASE


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
