from django.contrib import admin

from tianping.appointments.models import BookableService, Booking


@admin.register(BookableService)
class BookableServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "court", "kind", "slot_minutes", "capacity", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "court__name")
    raw_id_fields = ("court", "judge")


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ("reference", "service", "user", "slot_start", "status")
    list_filter = ("status",)
    search_fields = ("reference", "case_number")
    raw_id_fields = ("service", "user", "marked_by")
    readonly_fields = ("reference", "cancelled_at", "marked_at")
