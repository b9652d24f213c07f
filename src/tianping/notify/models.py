"""Notifications, their delivery attempts, opt-outs and the local SMS gateway's outbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.core import clock
from tianping.core.models import BaseModel
from tianping.core.validators import mask_email, mask_mobile
from tianping.notify.enums import Channel, NotificationStatus, VoiceMessageKind, VoiceMessageStatus
from tianping.notify.templates_text import template_label


def mask_address(address: str) -> str:
    """A mobile as ``138****8000``; an e-mail as ``z***@example.com``; a fax number like a mobile."""
    return mask_email(address) if "@" in address else mask_mobile(address)


class Notification(BaseModel):
    """One message to one address over one channel, rendered when it was created."""

    recipient_name = models.CharField(_("收件人"), max_length=100, blank=True)
    address = models.CharField(_("地址"), max_length=254, db_index=True)
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("收件账户"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    template = models.CharField(_("模板"), max_length=40)
    subject = models.CharField(_("主题"), max_length=200, blank=True)
    body = models.TextField(_("内容"))
    related_type = models.CharField(_("关联对象类型"), max_length=60, blank=True)
    related_id = models.BigIntegerField(_("关联对象"), null=True, blank=True)
    court = models.ForeignKey(
        "courts.Court", verbose_name=_("法院"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    court_code = models.CharField(_("法院代字"), max_length=20, blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    last_error = models.CharField(_("最近错误"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)
    # The injectable clock stamps it, so the daily limit's window and the stamp agree (tests freeze it).
    created_at = models.DateTimeField(_("创建时间"), default=clock.now, db_index=True)
    attachment = models.CharField(_("附件（存储路径）"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        indexes = [
            models.Index(fields=["related_type", "related_id"], name="notify_related_idx"),
            models.Index(fields=["address", "channel", "created_at"], name="notify_address_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {mask_address(self.address)} {self.template}"

    @property
    def template_label(self) -> str:
        return template_label(self.template)


class DeliveryAttempt(models.Model):
    """One hand-over to a channel: what the gateway answered, or the error."""

    notification = models.ForeignKey(
        Notification, verbose_name=_("通知"), on_delete=models.CASCADE, related_name="delivery_attempts"
    )
    attempted_at = models.DateTimeField(_("尝试时间"))
    ok = models.BooleanField(_("成功"), default=False)
    message_id = models.CharField(_("网关消息号"), max_length=100, blank=True)
    response = models.CharField(_("网关应答"), max_length=500, blank=True)
    error = models.CharField(_("错误"), max_length=500, blank=True)

    class Meta:
        ordering = ["attempted_at", "id"]
        verbose_name = _("投递记录")
        verbose_name_plural = _("投递记录")

    def __str__(self) -> str:
        return f"{self.notification_id} {'ok' if self.ok else 'error'} {self.attempted_at:%Y-%m-%d %H:%M:%S}"


class OptOut(models.Model):
    """An address that asked not to receive non-mandatory notifications over a channel."""

    address = models.CharField(_("地址"), max_length=254)
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账户"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("退订时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("退订")
        verbose_name_plural = _("退订")
        constraints = [models.UniqueConstraint(fields=["address", "channel"], name="notify_optout_unique")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {mask_address(self.address)}"


class SmsOutbox(models.Model):
    """The local SMS gateway: messages are stored here instead of leaving the machine."""

    to = models.CharField(_("手机号码"), max_length=20, db_index=True)
    text = models.TextField(_("短信内容"))
    message_id = models.CharField(_("网关消息号"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("写入时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("本地短信发件箱")
        verbose_name_plural = _("本地短信发件箱")

    def __str__(self) -> str:
        return f"{mask_mobile(self.to)} {self.message_id}"


class FaxOutbox(models.Model):
    """The local fax gateway: each fax's PDF is kept in storage under ``fax/outbox/`` and listed here."""

    to = models.CharField(_("传真号码"), max_length=24, db_index=True)
    cover = models.CharField(_("封面"), max_length=200, blank=True)
    pages = models.PositiveIntegerField(_("页数"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    path = models.CharField(_("存储路径"), max_length=300)
    message_id = models.CharField(_("网关消息号"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("写入时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("本地传真发件箱")
        verbose_name_plural = _("本地传真发件箱")

    def __str__(self) -> str:
        return f"{mask_mobile(self.to)} {self.pages}p {self.message_id}"


class VoiceCall(models.Model):
    """One 12368 call: where the caller is in the menu and what the menu remembers (``data``)."""

    call_id = models.CharField(_("通话标识"), max_length=64, unique=True)
    caller = models.CharField(_("来电号码"), max_length=24, db_index=True)
    state = models.CharField(_("菜单状态"), max_length=32)
    data = models.JSONField(_("会话数据"), default=dict, blank=True)
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("已验证案件"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("开始时间"))
    last_event_at = models.DateTimeField(_("最近事件"))
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("12368 通话")
        verbose_name_plural = _("12368 通话")

    def __str__(self) -> str:
        return f"{self.call_id} {mask_mobile(self.caller)}"


class VoiceCallEvent(models.Model):
    """One step of a call: what the caller did (digits masked) and what the menu answered."""

    call = models.ForeignKey(VoiceCall, verbose_name=_("通话"), on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    event = models.CharField(_("事件"), max_length=16)
    digits = models.CharField(_("按键（已遮蔽）"), max_length=32, blank=True)
    from_state = models.CharField(_("原状态"), max_length=32, blank=True)
    to_state = models.CharField(_("新状态"), max_length=32)
    action = models.CharField(_("动作"), max_length=16)
    say = models.TextField(_("播报内容"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("12368 通话记录")
        verbose_name_plural = _("12368 通话记录")

    def __str__(self) -> str:
        return f"{self.call_id} {self.event} {self.from_state}→{self.to_state}"


class VoiceMessage(BaseModel):
    """A recorded message left through 12368: for the case's judge, or a complaint/suggestion to the court."""

    kind = models.CharField(_("类别"), max_length=12, choices=VoiceMessageKind.choices)
    call = models.ForeignKey(VoiceCall, verbose_name=_("通话"), on_delete=models.PROTECT, related_name="messages")
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    court = models.ForeignKey(
        "courts.Court", verbose_name=_("法院"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办法官"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    caller = models.CharField(_("来电号码"), max_length=24)
    recording_url = models.URLField(_("录音地址"), max_length=500, blank=True)
    transcript = models.TextField(_("转写文本"), blank=True)
    status = models.CharField(
        _("状态"), max_length=8, choices=VoiceMessageStatus.choices, default=VoiceMessageStatus.NEW, db_index=True
    )
    reply = models.TextField(_("答复"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("处理人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("12368 留言")
        verbose_name_plural = _("12368 留言")
        indexes = [models.Index(fields=["court", "status", "created_at"], name="voice_msg_court_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {mask_mobile(self.caller)}"
