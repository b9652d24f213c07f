from django.contrib import admin

from tianping.cases.models import Case, CaseType, CauseOfAction, JudgeRelation
from tianping.core.admin import AuditedModelAdmin


@admin.register(CaseType)
class CaseTypeAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "category", "instance", "default_procedure")
    list_filter = ("category", "instance")
    search_fields = ("code", "name")


@admin.register(CauseOfAction)
class CauseOfActionAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "category", "level", "path_name")
    list_filter = ("category", "level")
    search_fields = ("name", "code")
    raw_id_fields = ("parent",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through their services (numbers, transitions, audit)."""

    list_display = ("number", "court", "case_type", "status", "judge", "filed_on", "deadline")
    list_filter = ("status", "category")
    search_fields = ("number", "title")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(JudgeRelation)
class JudgeRelationAdmin(AuditedModelAdmin):
    list_display = ("judge", "person_name", "relation")
    search_fields = ("person_name",)
    raw_id_fields = ("judge",)
