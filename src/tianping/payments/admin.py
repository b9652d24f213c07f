"""Read-mostly admin views: money moves only through the services (with their audit records)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tianping.payments.models import FeeRelief, IdempotencyKey, LocalCharge, Payment, PaymentOrder, Refund


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    fields = ("reference", "provider", "amount", "status", "confirmed_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PaymentOrder)
class PaymentOrderAdmin(ReadOnlyAdmin):
    list_display = ("number", "court", "payer_name", "purpose", "amount_due", "amount_paid", "status", "due_date")
    list_filter = ("status", "purpose", "court")
    search_fields = ("number", "payer_name", "description")
    date_hierarchy = "issued_at"
    inlines = [PaymentInline]


@admin.register(Refund)
class RefundAdmin(ReadOnlyAdmin):
    list_display = ("order", "amount", "reason", "refunded_by", "created_at")
    search_fields = ("order__number",)


@admin.register(FeeRelief)
class FeeReliefAdmin(ReadOnlyAdmin):
    list_display = ("order", "kind", "status", "requested_amount", "requested_due_date", "decided_by", "decided_at")
    list_filter = ("kind", "status")
    search_fields = ("order__number",)


@admin.register(IdempotencyKey)
class IdempotencyKeyAdmin(ReadOnlyAdmin):
    list_display = ("operation", "key", "actor_id", "created_at")
    list_filter = ("operation",)
    search_fields = ("key",)


@admin.register(LocalCharge)
class LocalChargeAdmin(ReadOnlyAdmin):
    list_display = ("reference", "merchant_reference", "amount", "refunded", "status", "collected_at")
    search_fields = ("reference", "merchant_reference")
