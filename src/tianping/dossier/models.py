"""Tables of the electronic dossier: a case's documents and their stored versions.

Files are content-addressed: ``dossier/ab/cd/<sha256>.<ext>`` in the default storage, so
identical content is stored once and several versions may point to the same file.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel
from tianping.dossier.enums import Category, FileType, ReadingStatus, Source, Volume


class Document(BaseModel):
    """One document of a case's dossier (a complaint, an evidence item, a ruling …)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    volume = models.CharField(_("卷别"), max_length=16, choices=Volume.choices, default=Volume.MAIN)
    category = models.CharField(_("材料类别"), max_length=32, choices=Category.choices, default=Category.OTHER)
    title = models.CharField(_("标题"), max_length=200)
    source = models.CharField(_("来源"), max_length=32, choices=Source.choices, default=Source.STAFF_UPLOAD)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("上传人")
    )
    current_version = models.ForeignKey(
        "dossier.DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("当前版本"),
    )

    class Meta:
        ordering = ["case_id", "volume", "id"]
        verbose_name = _("卷宗材料")
        verbose_name_plural = _("卷宗材料")
        indexes = [models.Index(fields=["case", "volume"])]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(BaseModel):
    """One stored version of a document, with what was learned from its bytes."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    file = models.FileField(_("文件"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    content_type = models.CharField(_("文件类型"), max_length=80, choices=FileType.choices)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    pages = models.PositiveIntegerField(_("页数"), default=1)
    text = models.TextField(_("提取文本"), blank=True)
    ocr_applied = models.BooleanField(_("已文字识别"), default=False)
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("上传人")
    )

    class Meta:
        ordering = ["document_id", "number"]
        verbose_name = _("材料版本")
        verbose_name_plural = _("材料版本")
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="dossier_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.content_type, "bin")


EXTENSIONS: dict[str, str] = {
    FileType.PDF: "pdf",
    FileType.PNG: "png",
    FileType.JPEG: "jpg",
    FileType.OFD: "ofd",
    FileType.DOCX: "docx",
}
# Types shown in the browser as (watermarked) PDF; the others are handed out as the original file.
BROWSER_READABLE = frozenset({FileType.PDF, FileType.PNG, FileType.JPEG})


class ReadingRequest(BaseModel):
    """A party's or agent's request to read a case's 正卷 online, and the judge's decision on it.

    A granted request is the reading grant: its scope (the whole 正卷, or ``granted_documents``),
    its end (``expires_at``) and whether downloading is allowed. It is active while granted
    and not yet past ``expires_at``; a revoked grant is over at once.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reading_requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("申请人")
    )
    whole_main_volume = models.BooleanField(_("申请阅览全部正卷"), default=True)
    requested_documents = models.ManyToManyField(
        Document, blank=True, related_name="+", verbose_name=_("申请阅览的材料")
    )
    purpose = models.CharField(_("阅卷事由"), max_length=500)
    preferred_from = models.DateField(_("希望阅卷起始日"), null=True, blank=True)
    preferred_to = models.DateField(_("希望阅卷截止日"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=ReadingStatus.choices, default=ReadingStatus.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    refusal_reason = models.CharField(_("不予准许理由"), max_length=500, blank=True)
    all_main_volume = models.BooleanField(_("准许阅览全部正卷"), default=False)
    granted_documents = models.ManyToManyField(Document, blank=True, related_name="+", verbose_name=_("准许阅览的材料"))
    expires_at = models.DateTimeField(_("阅卷截止时间"), null=True, blank=True)
    may_download = models.BooleanField(_("允许下载"), default=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤销人"),
    )
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoke_reason = models.CharField(_("撤销理由"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("网上阅卷申请")
        verbose_name_plural = _("网上阅卷申请")
        indexes = [models.Index(fields=["case", "requester", "status"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.requester_id} {self.status}"

    def is_active(self, moment: Any) -> bool:
        """Whether this is a grant in force at ``moment``."""
        return self.status == ReadingStatus.GRANTED and self.expires_at is not None and self.expires_at > moment
