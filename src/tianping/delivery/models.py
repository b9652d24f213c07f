"""Tables of electronic service (电子送达): a party's consent and each service of a document.

One ``Service`` row is one document (the exact version served) to one party. Electronic
services reach the recipient's platform inbox at once; the others are paper-service tasks
for the court clerk, who records the outcome. Statuses change only through the transition
functions in ``services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel
from tianping.core.validators import mask_email, mask_mobile
from tianping.delivery.enums import ConsentMethod, ConsentStatus, PaperReason, ServiceMethod, ServiceStatus

USER = settings.AUTH_USER_MODEL


class Consent(BaseModel):
    """确认送达地址及电子送达同意书: a party agrees to be served in a platform inbox."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("案件"))
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("当事人"))
    inbox_account = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("送达收件账户"))
    alert_mobile = models.CharField(_("提醒手机号码"), max_length=11, blank=True)
    alert_email = models.EmailField(_("提醒电子邮箱"), blank=True)
    consented_on = models.DateField(_("确认日期"))
    method = models.CharField(_("确认方式"), max_length=16, choices=ConsentMethod.choices)
    form_document = models.ForeignKey(
        "dossier.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("书面确认书"),
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("录入人"))
    status = models.CharField(_("状态"), max_length=12, choices=ConsentStatus.choices, default=ConsentStatus.ACTIVE)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("撤回人")
    )
    withdraw_reason = models.CharField(_("撤回原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["case_id", "party_id", "-created_at"]
        verbose_name = _("电子送达确认书")
        verbose_name_plural = _("电子送达确认书")
        constraints = [
            models.UniqueConstraint(
                fields=["party"], condition=Q(status=ConsentStatus.ACTIVE), name="delivery_one_active_consent"
            ),
            models.CheckConstraint(
                condition=~Q(method=ConsentMethod.PAPER_FORM) | Q(form_document__isnull=False),
                name="delivery_paper_consent_has_form",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_id} {self.get_status_display()}"

    @property
    def masked_alerts(self) -> str:
        """The alert addresses, masked, for lists."""
        shown = [mask_mobile(self.alert_mobile)] if self.alert_mobile else []
        if self.alert_email:
            shown.append(mask_email(self.alert_email))
        return " · ".join(shown)


class Service(BaseModel):
    """One document (the version served) to one party: electronic, or a paper-service task."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+", verbose_name=_("案件"))
    document = models.ForeignKey(
        "dossier.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("送达文书")
    )
    version = models.ForeignKey(
        "dossier.DocumentVersion", on_delete=models.PROTECT, related_name="+", verbose_name=_("文书版本")
    )
    document_title = models.CharField(_("文书标题"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    party = models.ForeignKey("cases.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("受送达人"))
    recipient_name = models.CharField(_("受送达人姓名"), max_length=100)
    method = models.CharField(_("送达方式"), max_length=16, choices=ServiceMethod.choices)
    status = models.CharField(_("状态"), max_length=16, choices=ServiceStatus.choices)
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="services", verbose_name=_("确认书")
    )
    recipient_account = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("收件账户")
    )
    served_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("送达人"))
    # Electronic: the moment the document reached the inbox (送达时间, domain §10).
    served_at = models.DateTimeField(_("送达时间"), null=True, blank=True, db_index=True)
    first_opened_at = models.DateTimeField(_("首次查阅时间"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("最近查阅时间"), null=True, blank=True)
    open_count = models.PositiveIntegerField(_("查阅次数"), default=0)
    proof_document = models.ForeignKey(
        "dossier.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("送达回证"),
    )  # fmt: skip
    proof_shows_opening = models.BooleanField(_("回证含查阅时间"), default=False)
    # Paper service.
    tasked_at = models.DateTimeField(_("任务生成时间"), null=True, blank=True)
    paper_reason = models.CharField(_("纸质送达原因"), max_length=16, choices=PaperReason.choices, blank=True)
    requested_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="paper_requests",
        verbose_name=_("申请纸质的电子送达"),
    )  # fmt: skip
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    failure_reason = models.CharField(_("未能送达原因"), max_length=200, blank=True)
    receipt_document = models.ForeignKey(
        "dossier.Document", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("回执扫描件"),
    )  # fmt: skip
    outcome_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("登记人")
    )
    outcome_at = models.DateTimeField(_("登记时间"), null=True, blank=True)

    class Meta:
        ordering = ["case_id", "-created_at", "-id"]
        verbose_name = _("送达记录")
        verbose_name_plural = _("送达记录")
        indexes = [
            models.Index(fields=["recipient_account", "-served_at"], name="delivery_inbox"),
            models.Index(fields=["status", "case"], name="delivery_status_case"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(method=ServiceMethod.ELECTRONIC)
                | (Q(recipient_account__isnull=False) & Q(served_at__isnull=False)),
                name="delivery_electronic_has_inbox_and_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_title} → {self.recipient_name}"

    @property
    def is_electronic(self) -> bool:
        return self.method == ServiceMethod.ELECTRONIC
