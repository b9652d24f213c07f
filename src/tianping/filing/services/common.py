"""What every filing write shares: the transition function, the timeline, audit, roles and storage."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.core import audit
from tianping.core.errors import Conflict, NotFound, PermissionDenied
from tianping.filing import rules
from tianping.filing.enums import FilingErrorCode, FilingEventAction, FilingStatus
from tianping.filing.models import Filing, FilingEvent

T = TypeVar("T")

# Who reviews the online filings of a court (立案审查).
REVIEW_ROLES = (Role.FILING_CLERK, Role.DIVISION_HEAD, Role.PRESIDENT)


def may_review(user: Any, court_id: int) -> bool:
    return access.is_staff_user(user) and access.has_role(user, *REVIEW_ROLES, court_id=court_id)


def require_reviewer(actor: Any, filing: Filing) -> None:
    if not may_review(actor, filing.court_id):
        raise PermissionDenied("仅本院立案审查人员可以处理立案申请", code="role_required")


def require_owner(actor: Any, filing: Filing) -> None:
    if filing.owner_id != getattr(actor, "pk", None):
        # Nobody else learns the filing exists.
        raise NotFound("立案申请不存在或无权访问", code=FilingErrorCode.FILING_NOT_FOUND)


def require_editable(filing: Filing) -> None:
    if filing.status not in rules.EDITABLE_STATUSES:
        raise Conflict(
            f"立案申请当前为“{filing.get_status_display()}”，不能修改",
            code=FilingErrorCode.NOT_EDITABLE,
            details={"status": filing.status},
        )


def locked(filing: Filing) -> Filing:
    """The filing re-read under a row lock (the status may have changed since it was loaded)."""
    return Filing.objects.select_for_update(of=("self",)).select_related("court", "owner").get(pk=filing.pk)


def check_transition(filing: Filing, to: str) -> None:
    """Raise the conflict ``transition`` would raise, without changing anything."""
    if to not in rules.TRANSITIONS.get(filing.status, frozenset()):
        transition(filing, to)


def transition(filing: Filing, to: str) -> str:
    """Move ``filing`` to ``to`` if the declared table allows it; returns the previous status."""
    allowed = rules.TRANSITIONS.get(filing.status, frozenset())
    if to not in allowed:
        raise Conflict(
            f"立案申请当前为“{filing.get_status_display()}”，不能改为“{FilingStatus(to).label}”",
            code=FilingErrorCode.INVALID_TRANSITION,
            details={"status": filing.status, "to": to},
        )
    previous, filing.status = filing.status, to
    return previous


def event(filing: Filing, action: FilingEventAction, *, actor: Any, previous: str = "", note: str = "") -> FilingEvent:
    return FilingEvent.objects.create(
        filing=filing,
        action=action,
        from_status=previous,
        to_status=filing.status if previous else "",
        actor=actor,
        note=note[:500],
    )


def record(actor: Any, action: str, filing: Filing, changes: Mapping[str, Any]) -> None:
    audit.record(actor=actor, action=f"filing.{action}", obj=filing, court_code=filing.court.code, changes=changes)


def stored(name: str, data: bytes, write: Callable[[str], T], still_used: Callable[[str], bool]) -> T:
    """Run ``write(stored_name)`` in a transaction with ``data`` in storage at ``name``;
    a file this call wrote is deleted again if the transaction fails and nothing else uses it."""
    written: str | None = None
    try:
        with transaction.atomic():
            if not default_storage.exists(name):
                written = default_storage.save(name, ContentFile(data))
                name = written
            return write(name)
    except BaseException:
        if written and not still_used(written):
            default_storage.delete(written)
        raise
