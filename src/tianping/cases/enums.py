"""Vocabulary of the case record: categories, procedures, statuses, roles, reasons."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseCategory(models.TextChoices):
    CRIMINAL = "criminal", _("刑事")
    CIVIL = "civil", _("民事")
    ADMINISTRATIVE = "administrative", _("行政")
    COMPENSATION = "compensation", _("国家赔偿与司法救助")
    PRESERVATION = "preservation", _("非诉保全")
    ENFORCEMENT = "enforcement", _("执行")
    BANKRUPTCY = "bankruptcy", _("破产")
    JURISDICTION = "jurisdiction", _("管辖")
    OTHER = "other", _("其他")


class Instance(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL_REVIEW = "retrial_review", _("再审审查")
    RETRIAL = "retrial", _("再审")
    SPECIAL = "special", _("特别程序")
    ENFORCEMENT = "enforcement", _("执行")
    PRESERVATION = "preservation", _("保全")
    OTHER = "other", _("其他")


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", _("普通程序")
    SIMPLIFIED = "simplified", _("简易程序")
    SMALL_CLAIMS = "small_claims", _("小额诉讼程序")
    SPECIAL = "special", _("特别程序")
    SECOND_INSTANCE = "second_instance", _("二审程序")
    SECOND_INSTANCE_RULING = "second_instance_ruling", _("二审程序（裁定上诉）")
    RETRIAL_REVIEW = "retrial_review", _("再审审查")
    RETRIAL = "retrial", _("再审程序")
    ENFORCEMENT = "enforcement", _("执行程序")
    NON_LITIGATION_ENFORCEMENT = "non_litigation_enforcement", _("非诉执行")
    PRESERVATION = "preservation", _("保全程序")
    OTHER = "other", _("其他")


class CaseStatus(models.TextChoices):
    PENDING = "pending", _("待立案")
    REJECTED = "rejected", _("不予受理")
    REGISTERED = "registered", _("已立案")
    ASSIGNED = "assigned", _("已分案")
    IN_TRIAL = "in_trial", _("审理中")
    INVESTIGATING = "investigating", _("查控中")
    DISPOSING = "disposing", _("财产处置中")
    CLOSED = "closed", _("已结案")
    EFFECTIVE = "effective", _("已生效")
    ARCHIVED = "archived", _("已归档")


class ClosingMethod(models.TextChoices):
    JUDGMENT = "judgment", _("判决")
    MEDIATION = "mediation", _("调解")
    WITHDRAWAL = "withdrawal", _("撤诉")
    DISMISSAL = "dismissal", _("驳回起诉")
    TRANSFER = "transfer", _("移送")
    RULING = "ruling", _("裁定")
    TERMINATION = "termination", _("终结")
    FULFILLED = "fulfilled", _("执行完毕")
    NO_ASSETS = "no_assets", _("终结本次执行程序")
    NOT_ENFORCED = "not_enforced", _("不予执行")
    OTHER = "other", _("其他")


class PartyKind(models.TextChoices):
    NATURAL = "natural", _("自然人")
    LEGAL = "legal", _("法人")
    OTHER_ORG = "other_org", _("非法人组织")


class PartyRole(models.TextChoices):
    PLAINTIFF = "plaintiff", _("原告")
    DEFENDANT = "defendant", _("被告")
    THIRD_PARTY = "third_party", _("第三人")
    APPELLANT = "appellant", _("上诉人")
    APPELLEE = "appellee", _("被上诉人")
    ORIGINAL_THIRD_PARTY = "original_third_party", _("原审第三人")
    RETRIAL_APPLICANT = "retrial_applicant", _("再审申请人")
    RETRIAL_RESPONDENT = "retrial_respondent", _("被申请人")
    APPLICANT = "applicant", _("申请人")
    RESPONDENT = "respondent", _("被申请人")
    ENFORCEMENT_APPLICANT = "enforcement_applicant", _("申请执行人")
    ENFORCEMENT_RESPONDENT = "enforcement_respondent", _("被执行人")
    PROSECUTOR = "prosecutor", _("公诉机关")
    ACCUSED = "accused", _("被告人")
    VICTIM = "victim", _("被害人")
    PRIVATE_PROSECUTOR = "private_prosecutor", _("自诉人")
    CIVIL_PLAINTIFF = "civil_plaintiff", _("附带民事诉讼原告人")


class AgentKind(models.TextChoices):
    LAWYER = "lawyer", _("委托诉讼代理人（律师）")
    LEGAL_REPRESENTATIVE = "legal_representative", _("法定代理人")
    OTHER = "other", _("其他诉讼代理人")
    DEFENDER = "defender", _("辩护人")


class LinkKind(models.TextChoices):
    APPEAL = "appeal", _("上诉")
    RETRIAL = "retrial", _("再审")
    RETRIAL_REVIEW = "retrial_review", _("申请再审")
    ENFORCEMENT = "enforcement", _("执行")
    RESUMED_ENFORCEMENT = "resumed_enforcement", _("恢复执行")
    JURISDICTION = "jurisdiction", _("管辖")


class PanelRole(models.TextChoices):
    PRESIDING = "presiding", _("审判长/承办法官")
    JUDGE = "judge", _("审判员")
    ASSESSOR = "assessor", _("人民陪审员")


class AssignmentMethod(models.TextChoices):
    RANDOM = "random", _("随机分案")
    DESIGNATED = "designated", _("指定分案")
    REASSIGNED = "reassigned", _("变更承办人")


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已驳回")


class DesignationReason(models.TextChoices):
    RELATED_CASE = "related_case", _("同一当事人的关联案件")
    REMANDED = "remanded", _("发回重审案件")
    PRESIDENT_TAKES_UP = "president_takes_up", _("院庭长办理案件")
    SPECIALIZED_PANEL = "specialized_panel", _("专业化审判团队")
    OTHER_STATUTORY = "other_statutory", _("其他依规定应当指定的情形")


class ReassignmentReason(models.TextChoices):
    RECUSAL = "recusal", _("承办法官回避")
    LEAVE = "leave", _("承办法官离岗、调动或长期休假")
    WORKLOAD = "workload", _("案件量严重失衡")
    CONFLICT_FOUND = "conflict_found", _("发现不宜承办的情形")
    OTHER = "other", _("其他正当理由")


class SuspensionReason(models.TextChoices):
    """Periods excluded from the time limit (扣除审限), domain.md §5."""

    PUBLIC_NOTICE = "public_notice", _("公告期间")
    APPRAISAL = "appraisal", _("鉴定期间")
    AUDIT_VALUATION = "audit_valuation", _("审计、评估期间")
    JURISDICTION_OBJECTION = "jurisdiction_objection", _("处理管辖权异议期间")
    SUSPENSION = "suspension", _("诉讼中止期间")
    SETTLEMENT = "settlement", _("和解期间")
    PSYCHIATRIC = "psychiatric", _("精神病鉴定期间")
    NEW_DEFENDER = "new_defender", _("另行委托、指定辩护人期间")
    SUPPLEMENTARY_INVESTIGATION = "supplementary_investigation", _("补充侦查期间")
    NEW_EVIDENCE = "new_evidence", _("因新证据延期审理期间")
    AUCTION = "auction", _("拍卖、变卖被查封财产期间")
    HIGHER_COURT_STAY = "higher_court_stay", _("上级法院通知暂缓期间")


class ExtensionApprover(models.TextChoices):
    PRESIDENT = "president", _("本院院长")
    HIGHER_COURT = "higher_court", _("上级法院")
    HIGH_COURT = "high_court", _("高级人民法院")
    SUPREME = "supreme", _("最高人民法院")


class WarningLevel(models.TextChoices):
    DAYS_30 = "30", _("剩余30日")
    DAYS_15 = "15", _("剩余15日")
    DAYS_5 = "5", _("剩余5日")
    EXPIRED = "expired", _("已超审限")


class ErrorCode(models.TextChoices):
    ILLEGAL_TRANSITION = "illegal_transition", _("不允许的状态变更")
    CASE_NOT_FOUND = "case_not_found", _("案件不存在或无权访问")
    INVALID_CASE_NUMBER = "invalid_case_number", _("案号格式不正确")
    NO_ELIGIBLE_JUDGE = "no_eligible_judge", _("没有符合条件的承办法官")
