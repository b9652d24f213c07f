"""Admin of judgment publications: read-only; every change goes through the services (audited)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tianping.publicity.models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ("case_number", "title", "court", "status", "exclusion_reason", "deadline", "published_at")
    list_filter = ("status", "exclusion_reason")
    search_fields = ("case_number", "title")
    raw_id_fields = ("document", "case", "court", "published_by", "withdrawn_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
