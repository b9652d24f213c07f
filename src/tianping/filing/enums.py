"""Vocabulary of filing: the fee kinds of the 2007 fee rules and the procedure modifier."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FeeKind(models.TextChoices):
    """What a fee is charged for (《诉讼费用交纳办法》第十三条、第十四条)."""

    PROPERTY = "property", _("财产案件（含有争议金额的知识产权案件）")
    DIVORCE = "divorce", _("离婚案件")
    PERSONALITY_RIGHTS = "personality_rights", _("人格权案件")
    OTHER_NON_PROPERTY = "other_non_property", _("其他非财产案件")
    LABOUR = "labour", _("劳动争议案件")
    IP_NO_AMOUNT = "ip_no_amount", _("知识产权案件（无争议金额）")
    ADMINISTRATIVE_SPECIAL = "administrative_special", _("商标、专利、海事行政案件")
    ADMINISTRATIVE_OTHER = "administrative_other", _("其他行政案件")
    JURISDICTION_OBJECTION = "jurisdiction_objection", _("管辖权异议不成立")
    ENFORCEMENT = "enforcement", _("申请执行（有执行金额）")
    ENFORCEMENT_NO_AMOUNT = "enforcement_no_amount", _("申请执行（无执行金额）")
    PRESERVATION = "preservation", _("申请保全")
    PAYMENT_ORDER = "payment_order", _("申请支付令")
    PUBLIC_SUMMONS = "public_summons", _("申请公示催告")


class FeeProcedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序（减半）")
    SMALL_CLAIMS = "small_claims", _("小额诉讼程序（减半）")


class FeeErrorCode(models.TextChoices):
    INVALID_AMOUNT = "invalid_amount", _("金额格式不正确")
    AMOUNT_REQUIRED = "amount_required", _("该类费用须填写金额")
    AMOUNT_NOT_APPLICABLE = "amount_not_applicable", _("该类费用不按金额计算")
    MODIFIER_NOT_APPLICABLE = "modifier_not_applicable", _("该类费用不适用程序减半或上诉")
    INVALID_KIND = "invalid_kind", _("费用种类不正确")
