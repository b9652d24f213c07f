from django.contrib import admin

from tianping.hearings.models import Hearing, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ("role", "name", "licence_no", "attendance_mode", "summoned_at")
    readonly_fields = fields
    can_delete = False


@admin.register(Hearing)
class HearingAdmin(admin.ModelAdmin):
    """Read-mostly: bookings go through the scheduling service (conflicts, notices, audit)."""

    list_display = ("case", "kind", "mode", "starts_at", "courtroom", "presiding_judge", "status", "is_public")
    list_filter = ("status", "kind", "mode", "is_public", "court")
    search_fields = ("case__number",)
    date_hierarchy = "starts_at"
    raw_id_fields = ("case", "court", "courtroom", "presiding_judge", "judges", "clerk", "scheduled_by")
    readonly_fields = ("status", "announced_on", "scheduled_by", "starts_at", "ends_at")
    inlines = [ParticipantInline]

    def has_add_permission(self, request: object) -> bool:
        return False
