"""Tables of judgment documents: drafts, issued documents, appeal periods and the sealed archive.

A ``Draft`` is a document being written from its kind's template (sections pre-filled from
the case). Issuing it (签发) freezes an ``IssuedDocument``: its full text, the SHA-256 of the
text, the .docx and the PDF, both filed in the dossier, never changed again. ``AppealPeriod``
follows each party from service to the end of their appeal period; the document takes
effect when every period has run out unappealed. ``Archive`` is the seal of a closed case's
dossier: the manifest of document hashes and the hash of that manifest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.cases.enums import ClosingMethod
from tianping.core.models import BaseModel
from tianping.judgments.enums import ApprovalLevel, DocumentKind, DraftStatus, EffectStatus

USER = settings.AUTH_USER_MODEL


class Draft(BaseModel):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("文书种类"), max_length=32, choices=DocumentKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    status = models.CharField(_("状态"), max_length=12, choices=DraftStatus.choices, default=DraftStatus.DRAFTING)
    approval_level = models.CharField(
        _("签发人"), max_length=16, choices=ApprovalLevel.choices, default=ApprovalLevel.PRESIDING
    )
    closes_case = models.BooleanField(_("签发后结案"), default=True)
    closing_method = models.CharField(_("结案方式"), max_length=16, choices=ClosingMethod.choices, blank=True)
    outcome = models.CharField(_("结案情况"), max_length=200, blank=True)
    sections = models.JSONField(_("文书内容"), default=dict)
    revision = models.PositiveIntegerField(_("修改次数"), default=0)
    drafted_by = models.ForeignKey(USER, verbose_name=_("起草人"), on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("提交签发时间"), null=True, blank=True)
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    issued_by = models.ForeignKey(
        USER, verbose_name=_("签发人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("签发时间"), null=True, blank=True)

    class Meta:
        ordering = ["case", "-created_at"]
        indexes = [models.Index(fields=["status", "approval_level"], name="draft_status_level")]
        verbose_name = _("文书草稿")
        verbose_name_plural = _("文书草稿")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"


class IssuedDocument(BaseModel):
    """An issued document: immutable text and files, hashed and filed in the dossier."""

    draft = models.OneToOneField(Draft, verbose_name=_("草稿"), on_delete=models.PROTECT, related_name="issued")
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("文书种类"), max_length=32, choices=DocumentKind.choices, db_index=True)
    title = models.CharField(_("标题"), max_length=100)
    issued_on = models.DateField(_("落款日期"))
    text = models.TextField(_("文书全文"))
    text_sha256 = models.CharField(_("全文SHA-256"), max_length=64)
    pdf_document = models.ForeignKey(
        "dossier.Document", verbose_name=_("PDF文书"), on_delete=models.PROTECT, related_name="+"
    )
    docx_document = models.ForeignKey(
        "dossier.Document", verbose_name=_("Word文书"), on_delete=models.PROTECT, related_name="+"
    )
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64)
    docx_sha256 = models.CharField(_("Word SHA-256"), max_length=64)
    effect_status = models.CharField(
        _("生效状态"), max_length=16, choices=EffectStatus.choices, default=EffectStatus.AWAITING_SERVICE, db_index=True
    )
    effective_on = models.DateField(_("生效日期"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("已签发文书")
        verbose_name_plural = _("已签发文书")

    def __str__(self) -> str:
        return self.title


class AppealPeriod(BaseModel):
    """One party's appeal period on one issued document, running from its service."""

    document = models.ForeignKey(
        IssuedDocument, verbose_name=_("文书"), on_delete=models.CASCADE, related_name="appeal_periods"
    )
    party = models.ForeignKey("cases.Party", verbose_name=_("当事人"), on_delete=models.PROTECT, related_name="+")
    days = models.PositiveSmallIntegerField(_("上诉期（日）"))
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    ends_on = models.DateField(_("上诉期届满日"), null=True, blank=True)
    appealed_on = models.DateField(_("上诉日期"), null=True, blank=True)
    appeal_case = models.ForeignKey(
        "cases.Case", verbose_name=_("二审案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["document", "party"]
        constraints = [models.UniqueConstraint(fields=["document", "party"], name="appeal_period_once_per_party")]
        verbose_name = _("上诉期")
        verbose_name_plural = _("上诉期")

    def __str__(self) -> str:
        return f"{self.party_id} → {self.ends_on or '未送达'}"


class Archive(BaseModel):
    """The seal of a closed case's dossier (归档): the manifest of hashes and its own hash."""

    case = models.OneToOneField("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="+")
    sealed_at = models.DateTimeField(_("封存时间"))
    sealed_by = models.ForeignKey(USER, verbose_name=_("归档人"), on_delete=models.PROTECT, related_name="+")
    checklist = models.JSONField(_("归档检查结果"), default=list)
    manifest = models.JSONField(_("卷宗清单"), default=list)
    manifest_sha256 = models.CharField(_("清单SHA-256"), max_length=64)
    archive_no = models.CharField(_("档案号"), max_length=40, unique=True)

    class Meta:
        ordering = ["-sealed_at"]
        verbose_name = _("归档记录")
        verbose_name_plural = _("归档记录")

    def __str__(self) -> str:
        return self.archive_no
