"""Admin of judgment documents: read-only records. Drafts are written on the drafting page; issued
documents, appeal periods and archive seals are the record of what happened and never edited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tianping.judgments.models import AppealPeriod, Archive, Draft, IssuedDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Draft)
class DraftAdmin(ReadOnlyAdmin):
    list_display = ("title", "case", "kind", "status", "approval_level", "revision", "drafted_by", "updated_at")
    list_filter = ("status", "kind", "approval_level")
    search_fields = ("case__number", "title")
    raw_id_fields = ("case", "drafted_by", "issued_by")


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(ReadOnlyAdmin):
    list_display = ("title", "case", "kind", "issued_on", "effect_status", "effective_on", "text_sha256")
    list_filter = ("kind", "effect_status")
    search_fields = ("case__number", "title", "text_sha256", "pdf_sha256", "docx_sha256")
    raw_id_fields = ("draft", "case", "pdf_document", "docx_document")


@admin.register(AppealPeriod)
class AppealPeriodAdmin(ReadOnlyAdmin):
    list_display = ("document", "party", "days", "served_on", "ends_on", "appealed_on", "appeal_case")
    search_fields = ("document__case__number", "party__name")
    raw_id_fields = ("document", "party", "appeal_case")


@admin.register(Archive)
class ArchiveAdmin(ReadOnlyAdmin):
    list_display = ("archive_no", "case", "sealed_at", "sealed_by", "manifest_sha256")
    search_fields = ("archive_no", "case__number", "manifest_sha256")
    raw_id_fields = ("case", "sealed_by")
