"""The notification API: the list (scoped by court or account) and opting out of one's own address."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from tianping.notify import selectors, services
from tianping.notify.models import Notification, mask_address
from tianping.notify.schemas import ErrorOut, NotificationListQuery, NotificationPageOut, OptOutIn, OptOutOut

router = Router(tags=["notifications"])


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
