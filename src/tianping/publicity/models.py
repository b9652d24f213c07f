"""Tables of the openness context: one Publication per issued document that took effect."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel
from tianping.publicity.enums import ExclusionReason, PublicationStatus

USER = settings.AUTH_USER_MODEL


class Publication(BaseModel):
    """An effective document in the publication pipeline (裁判文书公开): excluded (metadata and reason
    only), or anonymized → reviewed → published (→ withdrawn)."""

    document = models.OneToOneField(
        "judgments.IssuedDocument", verbose_name=_("文书"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("courts.Court", verbose_name=_("法院"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=16, choices=PublicationStatus.choices, db_index=True)
    exclusion_reason = models.CharField(_("不公开理由"), max_length=24, choices=ExclusionReason.choices, blank=True)
    title = models.CharField(_("标题"), max_length=200)
    case_number = models.CharField(_("案号"), max_length=40, db_index=True)
    document_kind = models.CharField(_("文书种类"), max_length=32)
    judgment_date = models.DateField(_("裁判日期"))
    effective_on = models.DateField(_("生效日期"))
    deadline = models.DateField(_("公开期限"), null=True, blank=True, db_index=True)
    flagged_at = models.DateTimeField(_("临期提醒时间"), null=True, blank=True)
    anonymized_text = models.TextField(_("脱敏全文"), blank=True)
    replacements = models.JSONField(_("替换清单"), default=list, blank=True)
    added_terms = models.JSONField(_("人工添加的替换"), default=list, blank=True)
    undone_terms = models.JSONField(_("撤销的替换"), default=list, blank=True)
    return_note = models.CharField(_("退回意见"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        USER, verbose_name=_("审核人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        USER, verbose_name=_("撤回人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdraw_reason = models.CharField(_("撤回理由"), max_length=500, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "published_at"], name="publication_status_published")]
        verbose_name = _("裁判文书公开")
        verbose_name_plural = _("裁判文书公开")

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"
