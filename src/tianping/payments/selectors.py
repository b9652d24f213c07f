"""Reads of the payments context and its gatekeepers (out of scope is a 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from tianping.payments.models import PaymentOrder


def orders_for_related(*, related_type: str, related_id: int) -> list[PaymentOrder]:
    """Every order issued for the related object (cancelled ones included), newest first."""
    return list(
        PaymentOrder.objects.filter(related_type=related_type.strip().lower(), related_id=related_id)
        .select_related("court")
        .order_by("-issued_at", "-pk")
    )


def orders_for_user(user: Any) -> QuerySet[PaymentOrder]:
    """The orders ``user`` is the payer of, newest first (the party portal's list)."""
    if not getattr(user, "is_authenticated", False):
        return PaymentOrder.objects.none()
    return PaymentOrder.objects.filter(payer_id=user.pk).select_related("court").order_by("-issued_at", "-pk")
