"""Vocabulary of credit discipline: list statuses, the grounds of the 2017 rules, error codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListingStatus(models.TextChoices):
    LISTED = "listed", _("已纳入")
    REMOVED = "removed", _("已删除")


class DishonestConduct(models.TextChoices):
    """The six grounds of art. 1 of the 2017 rules on the dishonest-debtor list."""

    ABLE_BUT_REFUSES = "able_but_refuses", _("有履行能力而拒不履行生效法律文书确定义务")
    OBSTRUCTS = "obstructs", _("以伪造证据、暴力、威胁等方法妨碍、抗拒执行")
    EVADES = "evades", _("以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行")
    ASSET_REPORT_BREACH = "asset_report_breach", _("违反财产报告制度")
    RESTRICTION_BREACH = "restriction_breach", _("违反限制消费令")
    SETTLEMENT_REFUSED = "settlement_refused", _("无正当理由拒不履行执行和解协议")


class Performance(models.TextChoices):
    NONE = "none", _("全部未履行")
    PARTIAL = "partial", _("部分未履行")


class RemovalReason(models.TextChoices):
    """Grounds for taking a debtor off the list (art. 10 of the 2017 rules) or lifting a restriction."""

    PERFORMED = "performed", _("被执行人已履行全部义务")
    SETTLEMENT_PERFORMED = "settlement_performed", _("当事人达成执行和解协议且已履行完毕")
    APPLICANT_REQUEST = "applicant_request", _("申请执行人书面申请删除")
    TERM_EXPIRED = "term_expired", _("纳入期限届满")
    CASE_TERMINATED = "case_terminated", _("执行案件终结")
    BASIS_REVOKED = "basis_revoked", _("执行依据被撤销或裁定不予执行")
    WRONGLY_LISTED = "wrongly_listed", _("经纠正，不应纳入")


class RestrictionStatus(models.TextChoices):
    IN_FORCE = "in_force", _("限制中")
    LIFTED = "lifted", _("已解除")


class RestrictedRole(models.TextChoices):
    """Who else an organisation's restriction binds (domain.md §8)."""

    LEGAL_REPRESENTATIVE = "legal_representative", _("法定代表人")
    PRINCIPAL = "principal", _("主要负责人")
    RESPONSIBLE_PERSON = "responsible_person", _("影响债务履行的直接责任人员")
    ACTUAL_CONTROLLER = "actual_controller", _("实际控制人")
