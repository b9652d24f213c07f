"""Payment orders and what happens to them: payments, refunds, fee relief, idempotency keys.

An order is generic: it names its purpose (a litigation fee, an auction deposit …) and
the object it is for by ``related_type`` + ``related_id`` (e.g. ``cases.case`` / 42), so
no other context's table is referenced. Money is exact yuan (``MoneyField``); check
constraints keep the sums consistent even if a code path forgot.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel
from tianping.core.money import MoneyField
from tianping.payments.enums import (
    LocalChargeStatus,
    OrderStatus,
    PaymentMethod,
    PaymentPurpose,
    PaymentStatus,
    ReliefKind,
    ReliefStatus,
)


class PaymentOrder(BaseModel):
    """Money a payer owes the court for one purpose of one related object."""

    number = models.CharField(_("缴费单号"), max_length=24, unique=True)
    court = models.ForeignKey("courts.Court", on_delete=models.PROTECT, related_name="payment_orders")
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_orders",
        verbose_name=_("缴费账户"),
    )
    payer_name = models.CharField(_("缴费人"), max_length=100)
    purpose = models.CharField(_("费用类型"), max_length=20, choices=PaymentPurpose.choices)
    related_type = models.CharField(_("关联对象类型"), max_length=40)
    related_id = models.BigIntegerField(_("关联对象ID"))
    description = models.CharField(_("说明"), max_length=200, blank=True)
    amount_original = MoneyField(_("原应缴金额"))
    amount_due = MoneyField(_("应缴金额"))
    amount_paid = MoneyField(_("已缴金额"), default=0)
    amount_refunded = MoneyField(_("已退金额"), default=0)
    status = models.CharField(_("状态"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.UNPAID)
    issued_at = models.DateTimeField(_("开单时间"))
    due_date = models.DateField(_("缴费期限"))
    paid_at = models.DateTimeField(_("缴费时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    reminded_at = models.DateTimeField(_("缴费提醒时间"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(_("逾期通知时间"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("缴费单")
        verbose_name_plural = _("缴费单")
        indexes = [
            models.Index(fields=["payer", "-issued_at"], name="pay_order_payer_issued"),
            models.Index(fields=["court", "status", "due_date"], name="pay_order_court_status_due"),
            models.Index(fields=["related_type", "related_id"], name="pay_order_related"),
        ]
        constraints = [
            # One live order per purpose of a related object; a cancelled one may be re-issued.
            models.UniqueConstraint(
                fields=["related_type", "related_id", "purpose"],
                condition=~Q(status=OrderStatus.CANCELLED),
                name="payments_one_live_order_per_purpose",
            ),
            models.CheckConstraint(condition=Q(amount_original__gt=0), name="payments_order_amount_positive"),
            models.CheckConstraint(
                condition=Q(amount_due__gte=0) & Q(amount_due__lte=F("amount_original")),
                name="payments_order_due_in_range",
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded__gte=0) & Q(amount_refunded__lte=F("amount_paid")),
                name="payments_order_refund_le_paid",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def refundable(self):  # type: ignore[no-untyped-def]
        return self.amount_paid - self.amount_refunded


class Payment(BaseModel):
    """One attempt to collect an order through the payment provider."""

    order = models.ForeignKey(PaymentOrder, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(_("支付渠道"), max_length=40)
    method = models.CharField(_("缴费方式"), max_length=16, choices=PaymentMethod.choices, default=PaymentMethod.ONLINE)
    reference = models.CharField(_("支付流水号"), max_length=64, unique=True)
    amount = MoneyField(_("金额"))
    pay_url = models.CharField(_("支付地址"), max_length=500, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    provider_transaction = models.CharField(_("渠道交易号"), max_length=64, blank=True)
    confirmed_at = models.DateTimeField(_("到账时间"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("支付记录")
        verbose_name_plural = _("支付记录")
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=Q(status=PaymentStatus.PENDING), name="payments_one_pending_payment"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.reference


class Refund(BaseModel):
    """Money given back on a paid order, by court staff, with a reason."""

    order = models.ForeignKey(PaymentOrder, on_delete=models.PROTECT, related_name="refunds")
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = MoneyField(_("退费金额"))
    reason = models.CharField(_("退费原因"), max_length=300)
    provider_reference = models.CharField(_("渠道退款号"), max_length=64, blank=True)
    refunded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("退费记录")
        verbose_name_plural = _("退费记录")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payments_refund_amount_positive")]

    def __str__(self) -> str:
        return f"{self.order_id} -{self.amount}"


class FeeRelief(BaseModel):
    """A payer's request to defer, reduce or be exempted from an unpaid order (缓交、减交、免交)."""

    order = models.ForeignKey(PaymentOrder, on_delete=models.PROTECT, related_name="reliefs")
    kind = models.CharField(_("申请类型"), max_length=12, choices=ReliefKind.choices)
    reason = models.CharField(_("申请理由"), max_length=1000)
    requested_amount = MoneyField(_("申请减交金额"), null=True, blank=True)
    requested_due_date = models.DateField(_("申请缓交至"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ReliefStatus.choices, default=ReliefStatus.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=1000, blank=True)
    amount_before = MoneyField(_("调整前应缴"), null=True, blank=True)
    amount_after = MoneyField(_("调整后应缴"), null=True, blank=True)
    due_before = models.DateField(_("调整前期限"), null=True, blank=True)
    due_after = models.DateField(_("调整后期限"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("缓减免申请")
        verbose_name_plural = _("缓减免申请")
        constraints = [
            models.UniqueConstraint(
                fields=["order"], condition=Q(status=ReliefStatus.PENDING), name="payments_one_open_relief"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.get_kind_display()} {self.get_status_display()}"


class IdempotencyKey(BaseModel):
    """A client's key for one pay / confirm / refund call and the result it produced.

    The fingerprint covers the operation, the actor and the request body, so the same key
    sent with another body is refused instead of replayed.
    """

    key = models.CharField(_("幂等键"), max_length=128)
    operation = models.CharField(_("操作"), max_length=40)
    fingerprint = models.CharField(max_length=64)
    actor_id = models.BigIntegerField(null=True, blank=True)
    response = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("幂等键")
        verbose_name_plural = _("幂等键")
        constraints = [models.UniqueConstraint(fields=["operation", "key"], name="payments_idempotency_unique")]

    def __str__(self) -> str:
        return f"{self.operation}:{self.key}"


class LocalCharge(BaseModel):
    """The ledger of ``LocalPaymentProvider``: what a real provider would keep on its side."""

    reference = models.CharField(max_length=64, unique=True)
    merchant_reference = models.CharField(max_length=64)
    amount = MoneyField()
    refunded = MoneyField(default=0)
    description = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=LocalChargeStatus.choices, default=LocalChargeStatus.OPEN)
    collected_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("本地收银台收款")
        verbose_name_plural = _("本地收银台收款")

    def __str__(self) -> str:
        return self.reference
