"""Reads of hearing schedules: a case's hearings, a user's hearings, courtroom calendars, public listings."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tianping.hearings.models import Hearing

__all__ = ["case_hearings"]


def case_hearings(*, case: Any) -> QuerySet[Hearing]:
    """Every hearing of ``case`` (the caller has already passed the case gatekeeper), in time order."""
    return (
        Hearing.objects.filter(case_id=case.pk)
        .select_related("courtroom", "presiding_judge", "clerk")
        .order_by("starts_at", "id")
    )
