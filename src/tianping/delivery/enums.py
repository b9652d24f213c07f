"""Vocabulary of electronic service (电子送达): consent, service methods, statuses, error codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentMethod(models.TextChoices):
    """How the consent (确认送达地址及电子送达同意书) was given."""

    ONLINE = "online", _("当事人在线确认")
    PAPER_FORM = "paper_form", _("工作人员依书面确认书录入")


class ConsentStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    WITHDRAWN = "withdrawn", _("已撤回")


class ServiceMethod(models.TextChoices):
    ELECTRONIC = "electronic", _("电子送达")
    DIRECT = "direct", _("直接送达")
    POST = "post", _("邮寄送达")
    LEFT = "left", _("留置送达")
    PUBLIC_NOTICE = "public_notice", _("公告送达")


PAPER_METHODS = (ServiceMethod.DIRECT, ServiceMethod.POST, ServiceMethod.LEFT, ServiceMethod.PUBLIC_NOTICE)


class ServiceStatus(models.TextChoices):
    SERVED = "served", _("已送达")
    OPENED = "opened", _("已查阅")
    PAPER_PENDING = "paper_pending", _("待纸质送达")
    PAPER_DELIVERED = "paper_delivered", _("纸质已送达")
    PAPER_FAILED = "paper_failed", _("送达未成功")


class PaperReason(models.TextChoices):
    """Why a document goes on paper."""

    NO_CONSENT = "no_consent", _("未同意电子送达")
    NO_ACCOUNT = "no_account", _("无平台账户")
    REQUESTED = "requested", _("受送达人申请纸质文书")


class PaperOutcome(models.TextChoices):
    DELIVERED = "delivered", _("已送达")
    FAILED = "failed", _("未能送达")


class ErrorCode(models.TextChoices):
    NOT_A_SERVER = "not_a_server", _("无权送达")
    NOT_THE_PARTY = "not_the_party", _("非本案当事人或其代理人")
    CONSENT_NOT_FOUND = "consent_not_found", _("确认书不存在")
    CONSENT_EXISTS = "consent_exists", _("已有有效的确认书")
    INBOX_NOT_LINKED = "inbox_not_linked", _("收件账户未与当事人关联")
    ALERT_REQUIRED = "alert_required", _("请至少填写一个提醒方式")
    UNKNOWN_DOCUMENTS = "unknown_documents", _("材料不属于本案")
    UNKNOWN_PARTIES = "unknown_parties", _("当事人不属于本案")
    SECONDARY_VOLUME = "secondary_volume", _("副卷材料不能送达")
    ALREADY_SERVED = "already_served", _("已送达")
    CASE_ARCHIVED = "case_archived", _("案件已归档")
    SERVICE_NOT_FOUND = "service_not_found", _("送达记录不存在")
    INVALID_TRANSITION = "invalid_transition", _("状态不允许此操作")
    PAPER_ALREADY_REQUESTED = "paper_already_requested", _("已申请纸质送达")
