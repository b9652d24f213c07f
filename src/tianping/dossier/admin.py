from typing import Any

from django.contrib import admin

from tianping.dossier.models import Document, DocumentVersion, ReadingRequest


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "case", "volume", "category", "source", "created_at")
    list_filter = ("volume", "category", "source")
    search_fields = ("title",)
    raw_id_fields = ("case", "uploaded_by", "current_version")


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    list_display = ("document", "number", "content_type", "size", "pages", "sha256", "created_at")
    search_fields = ("sha256",)
    raw_id_fields = ("document", "uploaded_by")
    readonly_fields = ("sha256", "size", "pages", "content_type", "file")


@admin.register(ReadingRequest)
class ReadingRequestAdmin(admin.ModelAdmin):
    """Read-only: requests and grants change only through the services (audit, notification)."""

    list_display = ("case", "requester", "status", "all_main_volume", "expires_at", "may_download", "created_at")
    list_filter = ("status", "may_download")
    raw_id_fields = ("case", "requester", "decided_by", "revoked_by")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
