"""Purposes, statuses and kinds of the payments context (缴费)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentPurpose(models.TextChoices):
    ACCEPTANCE_FEE = "acceptance_fee", _("案件受理费")
    APPLICATION_FEE = "application_fee", _("申请费")
    PRESERVATION_FEE = "preservation_fee", _("保全费")
    AUCTION_DEPOSIT = "auction_deposit", _("保证金")
    OTHER = "other", _("其他")


class OrderStatus(models.TextChoices):
    UNPAID = "unpaid", _("待缴费")
    PAID = "paid", _("已缴费")
    PARTIALLY_REFUNDED = "partially_refunded", _("部分退费")
    REFUNDED = "refunded", _("已退费")
    CANCELLED = "cancelled", _("已撤销")
    EXEMPTED = "exempted", _("已免交")


class PaymentStatus(models.TextChoices):
    """One attempt to collect an order through the provider."""

    PENDING = "pending", _("待支付")
    SUCCEEDED = "succeeded", _("已支付")
    VOIDED = "voided", _("已作废")


class PaymentMethod(models.TextChoices):
    """How the money came: online through the provider, or at the court's counter (recorded by staff)."""

    ONLINE = "online", _("在线支付")
    POS = "pos", _("POS 刷卡")
    BANK_TRANSFER = "bank_transfer", _("银行转账")
    CASH = "cash", _("现金")


COUNTER_METHODS = (PaymentMethod.POS, PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH)


class ReliefKind(models.TextChoices):
    DEFERRAL = "deferral", _("缓交")
    REDUCTION = "reduction", _("减交")
    EXEMPTION = "exemption", _("免交")


class ReliefStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("不予批准")


class LocalChargeStatus(models.TextChoices):
    OPEN = "open", _("待付款")
    COLLECTED = "collected", _("已收款")
    CLOSED = "closed", _("已关闭")
