"""Admin for the shared kernel, and the audited ModelAdmin every context's admin uses."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest

from tianping.core import audit
from tianping.core.enums import CalendarSource
from tianping.core.models import AuditRecord, CalendarDay, CalendarYear


def _concrete_field_names(obj: models.Model) -> list[str]:
    return [f.name for f in obj._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at", "password"}]


class AuditedModelAdmin(admin.ModelAdmin):
    """Every change made through the Django admin lands in the audit log, in the same transaction."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        actor: Any = request.user
        fields = _concrete_field_names(obj)
        before = {}
        if change and obj.pk is not None:
            before = audit.snapshot(type(obj).objects.get(pk=obj.pk), fields)
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = f"admin.{obj._meta.model_name}.{'update' if change else 'create'}"
            audit.record(
                actor=actor,
                action=action,
                obj=obj,
                changes=audit.changes_between(before, audit.snapshot(obj, fields)),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            actor: Any = request.user
            audit.record(actor=actor, action=f"admin.{obj._meta.model_name}.delete", obj=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin):
    list_display = ("date", "kind", "name", "source")
    list_filter = ("kind", "source")
    date_hierarchy = "date"
    search_fields = ("name",)

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        obj.source = CalendarSource.ADMIN
        super().save_model(request, obj, form, change)


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedModelAdmin):
    list_display = ("year", "source", "note")


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    """Read-only: the audit log can be browsed but never changed."""

    list_display = ("seq", "occurred_at", "kind", "action", "actor_username", "court_code", "object_repr", "client_ip")
    list_filter = ("kind", "court_code")
    search_fields = ("action", "actor_username", "object_repr", "object_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
