from django.contrib import admin

from tianping.delivery.models import Consent, Service


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ("party", "case", "inbox_account", "method", "consented_on", "status")
    list_filter = ("status", "method")
    search_fields = ("case__number", "party__name")
    raw_id_fields = ("case", "party", "inbox_account", "form_document", "recorded_by", "withdrawn_by")
    readonly_fields = ("status", "withdrawn_at")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("document_title", "recipient_name", "case", "method", "status", "served_at", "first_opened_at")
    list_filter = ("status", "method")
    search_fields = ("case__number", "recipient_name", "document_title")
    raw_id_fields = (
        "case", "document", "version", "party", "consent", "recipient_account", "served_by", "proof_document",
        "requested_from", "receipt_document", "outcome_by",
    )  # fmt: skip
    readonly_fields = ("status", "served_at", "first_opened_at", "last_opened_at", "open_count", "sha256")
