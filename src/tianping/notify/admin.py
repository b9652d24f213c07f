"""Read-only admin views of notifications; mobiles and e-mail addresses are masked."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tianping.notify.models import (
    DeliveryAttempt,
    FaxOutbox,
    Notification,
    OptOut,
    SmsOutbox,
    VoiceCall,
    VoiceCallEvent,
    VoiceMessage,
    mask_address,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient_name", "masked_address", "channel", "template", "status", "attempts"]
    list_filter = ["channel", "status", "template"]
    exclude = ["address"]

    @admin.display(description=_("地址"))
    def masked_address(self, obj: Notification) -> str:
        return mask_address(obj.address)


@admin.register(DeliveryAttempt)
class DeliveryAttemptAdmin(ReadOnlyAdmin):
    list_display = ["attempted_at", "notification", "ok", "message_id", "error"]
    list_filter = ["ok"]


@admin.register(OptOut)
class OptOutAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "masked_address", "channel", "reason"]
    exclude = ["address"]

    @admin.display(description=_("地址"))
    def masked_address(self, obj: OptOut) -> str:
        return mask_address(obj.address)


@admin.register(SmsOutbox)
class SmsOutboxAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "masked_to", "message_id", "text"]
    exclude = ["to"]

    @admin.display(description=_("手机号码"))
    def masked_to(self, obj: SmsOutbox) -> str:
        return mask_address(obj.to)


@admin.register(FaxOutbox)
class FaxOutboxAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "masked_to", "pages", "sha256", "message_id"]
    exclude = ["to"]

    @admin.display(description=_("传真号码"))
    def masked_to(self, obj: FaxOutbox) -> str:
        return mask_address(obj.to)


class VoiceCallEventInline(admin.TabularInline):
    model = VoiceCallEvent
    extra = 0
    can_delete = False
    fields = ("at", "event", "digits", "from_state", "to_state", "action", "say")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(VoiceCall)
class VoiceCallAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "call_id", "masked_caller", "state", "case", "ended_at"]
    list_filter = ["state"]
    exclude = ["caller", "data"]
    inlines = [VoiceCallEventInline]

    @admin.display(description=_("来电号码"))
    def masked_caller(self, obj: VoiceCall) -> str:
        return mask_address(obj.caller)


@admin.register(VoiceMessage)
class VoiceMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "case", "court", "judge", "masked_caller", "status"]
    list_filter = ["kind", "status"]
    exclude = ["caller"]

    @admin.display(description=_("来电号码"))
    def masked_caller(self, obj: VoiceMessage) -> str:
        return mask_address(obj.caller)
