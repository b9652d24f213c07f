from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from tianping.accounts.models import ApiToken, RoleGrant, User
from tianping.core import audit
from tianping.core.admin import AuditedModelAdmin


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    fields = ("court", "division", "role", "active")
    raw_id_fields = ("court", "division")


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    list_display = ("username", "real_name", "kind", "is_active", "is_staff", "last_login")
    list_filter = ("kind", "is_active", "is_staff")
    search_fields = ("username", "real_name")
    inlines = [RoleGrantInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("实名身份"),
            {
                "fields": (
                    "kind",
                    "real_name",
                    "id_number",
                    "mobile",
                    "identity_verified_at",
                    "lawyer_licence_no",
                    "law_firm",
                )
            },
        ),
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        # The change form shows the full ID number and mobile: that is a sensitive read.
        if request.method == "GET":
            user = self.get_object(request, object_id)
            if user is not None and (user.id_number or user.mobile):
                audit.record_read(actor=request.user, obj=user, fields=["id_number", "mobile"], purpose="admin")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedModelAdmin):
    list_display = ("user", "court", "role", "division", "active")
    list_filter = ("role", "active")
    search_fields = ("user__username", "user__real_name", "court__name")
    raw_id_fields = ("user", "court", "division")


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedModelAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_hash", "prefix", "user", "expires_at", "last_used_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
