"""Channels and statuses of notifications."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("短信")
    EMAIL = "email", _("电子邮件")
    FAX = "fax", _("传真")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    SUPPRESSED = "suppressed", _("未发送")


class VoiceMessageKind(models.TextChoices):
    JUDGE_MESSAGE = "judge", _("给法官留言")
    COMPLAINT = "complaint", _("投诉建议")


class VoiceMessageStatus(models.TextChoices):
    NEW = "new", _("待处理")
    HANDLED = "handled", _("已处理")


class VoiceErrorCode(models.TextChoices):
    BAD_SIGNATURE = "voice_bad_signature", _("签名无效")
    CALL_ENDED = "voice_call_ended", _("通话已结束")
    ALREADY_HANDLED = "voice_message_handled", _("留言已处理")
