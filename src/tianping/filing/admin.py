from django.contrib import admin

from tianping.filing.models import Filing, FilingAttachment, FilingEvent, FilingParty, SupplementRequest


class FilingPartyInline(admin.TabularInline):
    model = FilingParty
    extra = 0
    fields = ("order", "role", "kind", "name", "address", "is_filer", "represented")
    readonly_fields = fields
    can_delete = False


class FilingAttachmentInline(admin.TabularInline):
    model = FilingAttachment
    extra = 0
    fields = ("category", "title", "content_type", "size", "pages", "sha256")
    readonly_fields = fields
    can_delete = False


class FilingEventInline(admin.TabularInline):
    model = FilingEvent
    extra = 0
    fields = ("created_at", "action", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    can_delete = False


@admin.register(Filing)
class FilingAdmin(admin.ModelAdmin):
    """Read-mostly: status changes go through the services (the review pages), never the admin."""

    list_display = ("receipt_number", "court", "kind", "status", "owner", "review_deadline", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("receipt_number", "owner__username", "owner__real_name")
    raw_id_fields = ("court", "owner", "cause", "case", "decided_by")
    readonly_fields = (
        "status", "receipt_number", "submitted_at", "clock_started_on", "review_deadline",
        "register_first_flagged_at", "decided_at", "decided_by", "case", "fee_order_id", "ruling_file",
        "ruling_sha256", "withdrawn_at",
    )  # fmt: skip
    inlines = [FilingPartyInline, FilingAttachmentInline, FilingEventInline]


@admin.register(SupplementRequest)
class SupplementRequestAdmin(admin.ModelAdmin):
    list_display = ("filing", "deadline", "requested_by", "answered_at")
    raw_id_fields = ("filing", "requested_by")
