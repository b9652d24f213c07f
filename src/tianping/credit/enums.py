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


class ErrorCode(models.TextChoices):
    """Stable codes of the credit services' refusals (docs/credit.md)."""

    LISTING_NOT_FOUND = "listing_not_found", _("失信记录不存在或无权访问")
    RESTRICTION_NOT_FOUND = "restriction_not_found", _("限制消费记录不存在或无权访问")
    PARTY_NOT_FOUND = "party_not_found", _("当事人不存在")
    NOT_CREDIT_OFFICER = "not_credit_officer", _("只有本院执行员、法官或本案承办法官可以决定")
    NOT_ENFORCEMENT_CASE = "not_enforcement_case", _("不是执行案件")
    CASE_NOT_OPEN = "case_not_open", _("执行案件未立案或已结案")
    NOT_RESPONDENT = "not_enforcement_respondent", _("该当事人不是本案被执行人")
    CONDUCT_REQUIRED = "conduct_required", _("请选择失信行为")
    CONDUCT_UNKNOWN = "conduct_unknown", _("失信行为无效")
    DEBTOR_MINOR = "debtor_minor", _("被执行人是未成年人")
    SECURITY_GIVEN = "security_given", _("已提供充分有效担保")
    ASSETS_COVER_DEBT = "assets_cover_debt", _("已查封、扣押、冻结的财产足以清偿")
    ALREADY_LISTED = "already_listed", _("已在本案纳入失信名单")
    EXTENSION_OUT_OF_RANGE = "extension_out_of_range", _("延长年限应为0至3年")
    EXTENSION_NOT_ALLOWED = "extension_not_allowed", _("不具备延长纳入期限的情形")
    FIELD_REQUIRED = "field_required", _("请填写必填项")
    FIELD_TOO_LONG = "field_too_long", _("内容过长")
    INVALID_CHOICE = "invalid_choice", _("选择无效")
    REASON_UNKNOWN = "reason_unknown", _("删除或解除理由无效")
    NOTE_REQUIRED = "note_required", _("请填写说明")
    TERM_NOT_ENDED = "term_not_ended", _("纳入期限尚未届满")
    INVALID_TRANSITION = "invalid_credit_transition", _("当前状态不允许该操作")
    ALREADY_RESTRICTED = "already_restricted", _("已在本案发布限制消费令")
    PERSONS_NOT_ALLOWED = "restricted_persons_not_allowed", _("自然人被执行人不需要列明其他被限制人员")
    STAFF_ONLY = "staff_only", _("只有法院工作人员可以查看")
