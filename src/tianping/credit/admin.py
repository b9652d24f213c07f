"""Admin of credit discipline: read-only, ID numbers masked; every change goes through the services (audited)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tianping.core.validators import mask_id_number
from tianping.credit.models import ConsumptionRestriction, DishonestListing

MASKED_ID_FIELDS = ("id_number", "restricted_persons")


class ReadOnlyAdmin(admin.ModelAdmin):
    search_fields = ("case_number", "name", "credit_code")
    raw_id_fields = ("case", "party", "court")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = [str(f) for f in super().get_fields(request, obj)]
        return [f for f in fields if f not in MASKED_ID_FIELDS] + ["masked_id_number"]

    @admin.display(description=_("身份证号码"))
    def masked_id_number(self, obj: Any) -> str:
        return mask_id_number(obj.id_number) if obj.id_number else ""


@admin.register(DishonestListing)
class DishonestListingAdmin(ReadOnlyAdmin):
    list_display = ("case_number", "name", "masked_id_number", "credit_code", "court", "status", "listed_on",
                    "term_ends_on", "removal_reason")  # fmt: skip
    list_filter = ("status", "removal_reason")
    readonly_fields = ("masked_id_number",)


@admin.register(ConsumptionRestriction)
class ConsumptionRestrictionAdmin(ReadOnlyAdmin):
    list_display = ("case_number", "name", "masked_id_number", "credit_code", "court", "status", "issued_on",
                    "lift_reason")  # fmt: skip
    list_filter = ("status", "lift_reason")
    readonly_fields = ("masked_id_number",)
