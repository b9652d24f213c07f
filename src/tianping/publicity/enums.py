"""Vocabulary of judgment publication: statuses, exclusion reasons, replacement kinds, error codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    PENDING_REVIEW = "pending_review", _("待审核")
    RETURNED = "returned", _("退回处理")
    PUBLISHED = "published", _("已公开")
    EXCLUDED = "excluded", _("不公开")
    WITHDRAWN = "withdrawn", _("已撤回")


class ExclusionReason(models.TextChoices):
    """Why a document is not published in full (domain.md §7); only metadata and this reason are shown."""

    STATE_SECRET = "state_secret", _("涉及国家秘密")
    JUVENILE_CRIME = "juvenile_crime", _("未成年人犯罪")
    MEDIATION = "mediation", _("以调解方式结案或确认调解协议效力")
    DIVORCE = "divorce", _("离婚诉讼")
    CUSTODY = "custody", _("涉及未成年子女抚养、监护")
    GUARDIANSHIP = "guardianship", _("涉及监护")
    PRIVACY = "privacy", _("涉及个人隐私或商业秘密")
    KIND_NOT_PUBLISHED = "kind_not_published", _("文书种类不予公开")


class ReplacementKind(models.TextChoices):
    NAME = "name", _("姓名")
    ID_NUMBER = "id_number", _("身份证号码")
    MOBILE = "mobile", _("手机号码")
    LANDLINE = "landline", _("固定电话")
    BANK_CARD = "bank_card", _("银行账号")
    PLATE = "plate", _("车牌号码")
    TITLE_NUMBER = "title_number", _("不动产权证号")
    ADDRESS = "address", _("住址")
    MANUAL = "manual", _("人工添加")


class ErrorCode(models.TextChoices):
    PUBLICATION_NOT_FOUND = "publication_not_found", _("裁判文书不存在或未公开")
    INVALID_TRANSITION = "invalid_publication_transition", _("当前状态不允许该操作")
    REASON_REQUIRED = "reason_required", _("请填写理由")
    TERM_INVALID = "replacement_term_invalid", _("替换内容无效")
    TERM_NOT_FOUND = "replacement_term_not_found", _("文书中没有该内容")
