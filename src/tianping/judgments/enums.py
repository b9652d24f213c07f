"""Vocabulary of judgment documents: kinds, statuses, approval levels, archive states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    CIVIL_JUDGMENT = "civil_judgment", _("民事判决书")
    CRIMINAL_JUDGMENT = "criminal_judgment", _("刑事判决书")
    ADMINISTRATIVE_JUDGMENT = "administrative_judgment", _("行政判决书")
    RULING = "ruling", _("裁定书")
    MEDIATION = "mediation", _("调解书")
    PAYMENT_ORDER = "payment_order", _("支付令")
    DECISION = "decision", _("决定书")


class DraftStatus(models.TextChoices):
    DRAFTING = "drafting", _("起草中")
    SUBMITTED = "submitted", _("待签发")
    RETURNED = "returned", _("退回修改")
    ISSUED = "issued", _("已签发")


class ApprovalLevel(models.TextChoices):
    """Who issues (签发) the document."""

    PRESIDING = "presiding", _("审判长/独任法官")
    DIVISION_HEAD = "division_head", _("庭长")
    PRESIDENT = "president", _("院长")


class EffectStatus(models.TextChoices):
    """Where an issued document stands between service and taking effect."""

    AWAITING_SERVICE = "awaiting_service", _("待送达")
    APPEAL_PERIOD = "appeal_period", _("上诉期内")
    APPEALED = "appealed", _("已上诉")
    EFFECTIVE = "effective", _("已生效")
    NOT_APPEALABLE = "not_appealable", _("送达即生效")


class ArchiveStatus(models.TextChoices):
    SEALED = "sealed", _("已封存")
