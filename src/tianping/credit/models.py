"""Tables of credit discipline: one DishonestListing / ConsumptionRestriction per debtor per enforcement case.

Each row copies the published fields at the time of the decision (the 2017 rules publish what the
listing decision said, not what the party record says later); ID numbers are stored whole for
matching and are masked whenever they are shown to the public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel
from tianping.credit.enums import ListingStatus, Performance, RemovalReason, RestrictionStatus

USER = settings.AUTH_USER_MODEL


class DebtorSnapshot(BaseModel):
    """The debtor and enforcement case as published: who, which case, which court."""

    case = models.ForeignKey("cases.Case", verbose_name=_("执行案件"), on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey("cases.Party", verbose_name=_("被执行人"), on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("courts.Court", verbose_name=_("执行法院"), on_delete=models.PROTECT, related_name="+")
    case_number = models.CharField(_("案号"), max_length=40, db_index=True)
    filed_on = models.DateField(_("立案日期"))
    is_person = models.BooleanField(_("自然人"))
    name = models.CharField(_("被执行人姓名/名称"), max_length=100, db_index=True)
    gender = models.CharField(_("性别"), max_length=6, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True, db_index=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=60, blank=True)

    class Meta:
        abstract = True


class DishonestListing(DebtorSnapshot):
    """A debtor on the dishonest-debtor list (失信被执行人名单)."""

    status = models.CharField(_("状态"), max_length=12, choices=ListingStatus.choices, db_index=True)
    obligation = models.TextField(_("生效法律文书确定的义务"))
    performance = models.CharField(_("履行情况"), max_length=12, choices=Performance.choices)
    conducts = models.JSONField(_("失信被执行人行为具体情形"), default=list)
    source_document_number = models.CharField(_("执行依据文号"), max_length=60)
    source_issuer = models.CharField(_("作出执行依据单位"), max_length=100)
    decision_number = models.CharField(_("决定书文号"), max_length=60, blank=True)
    listed_on = models.DateField(_("发布日期"), db_index=True)
    term_extension_years = models.PositiveSmallIntegerField(_("延长年限"), default=0)
    term_ends_on = models.DateField(_("纳入期限届满日"), null=True, blank=True, db_index=True)
    listed_by = models.ForeignKey(USER, verbose_name=_("决定人"), on_delete=models.PROTECT, related_name="+")
    removed_on = models.DateField(_("删除日期"), null=True, blank=True)
    removal_reason = models.CharField(_("删除理由"), max_length=24, choices=RemovalReason.choices, blank=True)
    removal_note = models.CharField(_("删除说明"), max_length=300, blank=True)
    removed_by = models.ForeignKey(
        USER, verbose_name=_("删除人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-listed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party"],
                condition=Q(status=ListingStatus.LISTED),
                name="dishonest_one_listing_per_case",
            ),
            models.CheckConstraint(condition=Q(term_extension_years__lte=3), name="dishonest_extension_at_most_3"),
        ]
        verbose_name = _("失信被执行人")
        verbose_name_plural = _("失信被执行人")

    def __str__(self) -> str:
        return f"{self.name} {self.case_number}"


class ConsumptionRestriction(DebtorSnapshot):
    """A consumption-restriction order (限制消费令) against a debtor and, for an organisation, its people."""

    status = models.CharField(_("状态"), max_length=12, choices=RestrictionStatus.choices, db_index=True)
    restricted_persons = models.JSONField(_("同时限制的人员"), default=list, blank=True)
    order_number = models.CharField(_("限制消费令文号"), max_length=60, blank=True)
    issued_on = models.DateField(_("发布日期"), db_index=True)
    issued_by = models.ForeignKey(USER, verbose_name=_("决定人"), on_delete=models.PROTECT, related_name="+")
    lifted_on = models.DateField(_("解除日期"), null=True, blank=True)
    lift_reason = models.CharField(_("解除理由"), max_length=24, choices=RemovalReason.choices, blank=True)
    lift_note = models.CharField(_("解除说明"), max_length=300, blank=True)
    lifted_by = models.ForeignKey(
        USER, verbose_name=_("解除人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "party"],
                condition=Q(status=RestrictionStatus.IN_FORCE),
                name="restriction_one_order_per_case",
            ),
        ]
        verbose_name = _("限制消费人员")
        verbose_name_plural = _("限制消费人员")

    def __str__(self) -> str:
        return f"{self.name} {self.case_number}"
