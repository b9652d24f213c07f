"""Tables of online filing (网上立案): a filing with its parties, attachments, the one
supplement request, the timeline, and the per-court daily receipt-number sequence.

Attachments are stored content-addressed (``filing/ab/cd/<sha256>.<ext>``) in the default
storage, like the dossier; on registration they are copied into the case's dossier.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tianping.cases.enums import PartyKind
from tianping.core.models import BaseModel
from tianping.filing.enums import (
    AttachmentCategory,
    FilingEventAction,
    FilingKind,
    FilingPartyRole,
    FilingStatus,
)

EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", "application/ofd": "ofd"}


class Filing(BaseModel):
    """One online filing, from draft to registration or refusal."""

    court = models.ForeignKey("courts.Court", on_delete=models.PROTECT, related_name="+", verbose_name=_("立案法院"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="filings", verbose_name=_("申请人账户")
    )
    kind = models.CharField(_("立案类型"), max_length=32, choices=FilingKind.choices)
    status = models.CharField(_("状态"), max_length=24, choices=FilingStatus.choices, default=FilingStatus.DRAFT)
    as_agent = models.BooleanField(_("代理人代为立案"), default=False)
    cause = models.ForeignKey(
        "cases.CauseOfAction", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("案由")
    )
    claim_amount = models.DecimalField(_("诉讼标的额（元）"), max_digits=17, decimal_places=2, null=True, blank=True)
    claims = models.JSONField(_("诉讼请求"), default=list, blank=True)
    facts = models.TextField(_("事实与理由"), blank=True)
    evidence = models.JSONField(_("证据清单"), default=list, blank=True)
    # The agent (律师 or other agent) when ``as_agent``; prefilled from a lawyer's verified account.
    agent_name = models.CharField(_("代理人姓名"), max_length=60, blank=True)
    agent_id_number = models.CharField(_("代理人身份证号码"), max_length=18, blank=True)
    agent_licence_no = models.CharField(_("律师执业证号"), max_length=17, blank=True)
    agent_law_firm = models.CharField(_("律师事务所"), max_length=100, blank=True)
    agent_mobile = models.CharField(_("代理人手机号码"), max_length=11, blank=True)
    receipt_number = models.CharField(_("收件编号"), max_length=40, null=True, blank=True, unique=True)
    submitted_at = models.DateTimeField(_("首次提交时间"), null=True, blank=True)
    clock_started_on = models.DateField(_("审查期限起算日"), null=True, blank=True)
    review_deadline = models.DateField(_("审查期限届满日"), null=True, blank=True, db_index=True)
    register_first_flagged_at = models.DateTimeField(_("先行立案提示时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("立案案件")
    )
    fee_order_id = models.BigIntegerField(_("缴费通知"), null=True, blank=True)
    rejection_reasons = models.TextField(_("不予受理理由"), blank=True)
    legal_bases = models.JSONField(_("法律依据"), default=list, blank=True)
    ruling_file = models.FileField(_("不予受理裁定书"), max_length=255, blank=True)
    ruling_sha256 = models.CharField(_("裁定书SHA-256"), max_length=64, blank=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("网上立案")
        verbose_name_plural = _("网上立案")
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="filing_owner_created"),
            models.Index(fields=["court", "status", "review_deadline"], name="filing_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim_amount__isnull=True) | Q(claim_amount__gte=0), name="filing_claim_amount_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.receipt_number or f"草稿 #{self.pk}"


class FilingParty(BaseModel):
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="parties")
    order = models.PositiveSmallIntegerField(default=0)
    role = models.CharField(_("诉讼地位"), max_length=16, choices=FilingPartyRole.choices)
    kind = models.CharField(_("主体类型"), max_length=16, choices=PartyKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=120)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人 / 负责人"), max_length=60, blank=True)
    address = models.CharField(_("住所地 / 送达地址"), max_length=200, blank=True)
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    is_filer = models.BooleanField(_("本人"), default=False)  # the party is the account holder filing
    represented = models.BooleanField(_("由代理人代理"), default=False)  # the filing agent acts for this party

    class Meta:
        ordering = ["filing_id", "order", "id"]
        verbose_name = _("立案当事人")
        verbose_name_plural = _("立案当事人")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class FilingAttachment(BaseModel):
    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="attachments")
    category = models.CharField(_("材料类别"), max_length=24, choices=AttachmentCategory.choices)
    title = models.CharField(_("标题"), max_length=200)
    file = models.FileField(_("文件"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("文件类型"), max_length=40)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    pages = models.PositiveIntegerField(_("页数"), default=1)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["filing_id", "id"]
        verbose_name = _("立案材料")
        verbose_name_plural = _("立案材料")

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "bin")


class SupplementRequest(BaseModel):
    """The one written list of everything missing (一次性告知), with its deadline."""

    filing = models.OneToOneField(Filing, on_delete=models.CASCADE, related_name="supplement")
    items = models.JSONField(_("补正事项"), default=list)
    note = models.TextField(_("说明"), blank=True)
    deadline = models.DateField(_("补正期限"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(_("补正提交时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("补正通知")
        verbose_name_plural = _("补正通知")

    def __str__(self) -> str:
        return f"{self.filing_id} {self.deadline}"


class FilingEvent(BaseModel):
    """One step of the timeline the filer sees."""

    filing = models.ForeignKey(Filing, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("事项"), max_length=32, choices=FilingEventAction.choices)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        ordering = ["filing_id", "created_at", "id"]
        verbose_name = _("立案进程")
        verbose_name_plural = _("立案进程")

    def __str__(self) -> str:
        return f"{self.filing_id} {self.action}"


class ReceiptSequence(models.Model):
    """The last receipt serial of a court on a day (locked while a submission takes the next)."""

    court = models.ForeignKey("courts.Court", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["court", "day"], name="filing_receipt_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.court_id} {self.day} {self.last_serial}"
