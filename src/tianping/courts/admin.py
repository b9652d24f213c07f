from django.contrib import admin

from tianping.core.admin import AuditedModelAdmin
from tianping.courts.models import Court, Courtroom, Division, StaffMember


@admin.register(Court)
class CourtAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "level", "specialty", "parent", "division_code")
    list_filter = ("level", "specialty")
    search_fields = ("name", "code", "region_name")
    readonly_fields = ("path",)

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Moving a court in the hierarchy would invalidate the paths below it.
        return ("path", "parent", "level") if obj is not None else ("path",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        expected = f"{obj.parent.path if obj.parent else '/'}{obj.pk}/"
        if obj.path != expected:
            Court.objects.filter(pk=obj.pk).update(path=expected)
            obj.path = expected


@admin.register(Division)
class DivisionAdmin(AuditedModelAdmin):
    list_display = ("name", "court", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "court__name")


@admin.register(Courtroom)
class CourtroomAdmin(AuditedModelAdmin):
    list_display = ("name", "court", "seats", "supports_online", "supports_streaming", "active")
    list_filter = ("supports_online", "supports_streaming", "active")
    search_fields = ("name", "court__name")


@admin.register(StaffMember)
class StaffMemberAdmin(AuditedModelAdmin):
    list_display = ("name", "court", "division", "post", "title", "employee_no", "active")
    list_filter = ("post", "title", "active")
    search_fields = ("name", "employee_no", "court__name")
    raw_id_fields = ("user",)
