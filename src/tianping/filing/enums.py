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


# ---- Online filing (网上立案) and its review -------------------------------------------------


class FilingKind(models.TextChoices):
    """What is filed; each kind has its type code, review period and party roles (``filing.rules``)."""

    CIVIL = "civil", _("民事一审起诉")
    ADMINISTRATIVE = "administrative", _("行政一审起诉")
    ENFORCEMENT = "enforcement", _("申请执行")
    ENFORCEMENT_OBJECTION = "enforcement_objection", _("执行异议之诉")
    THIRD_PARTY_REVOCATION = "third_party_revocation", _("第三人撤销之诉")
    PRIVATE_PROSECUTION = "private_prosecution", _("刑事自诉")


class FilingStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交待审查")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("待补正")
    RESUBMITTED = "resubmitted", _("已补正待审查")
    REGISTERED = "registered", _("已立案")
    REJECTED = "rejected", _("不予受理")
    WITHDRAWN = "withdrawn", _("已撤回")


class FilingPartyRole(models.TextChoices):
    """The roles a filer chooses; mapped to the case roles of the kind when the case is registered."""

    PLAINTIFF = "plaintiff", _("原告 / 申请人 / 自诉人")
    DEFENDANT = "defendant", _("被告 / 被申请人 / 被告人")
    THIRD_PARTY = "third_party", _("第三人")


class AttachmentCategory(models.TextChoices):
    IDENTITY = "identity", _("身份证明")
    COMPLAINT = "complaint", _("起诉状 / 申请书")
    EVIDENCE = "evidence", _("证据材料")
    POWER_OF_ATTORNEY = "power_of_attorney", _("授权委托书")
    AGENT_IDENTITY = "agent_identity", _("代理人身份证明 / 执业证")
    OTHER = "other", _("其他材料")


class LegalBasis(models.TextChoices):
    """The provisions a clerk may cite in a ruling refusing to accept a filing."""

    CPL_122 = "cpl_122", _("《中华人民共和国民事诉讼法》第一百二十二条")
    CPL_127 = "cpl_127", _("《中华人民共和国民事诉讼法》第一百二十七条")
    ALL_49 = "all_49", _("《中华人民共和国行政诉讼法》第四十九条")
    CPL_INTERP_208 = "cpl_interp_208", _("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第二百零八条")


class FilingEventAction(models.TextChoices):
    CREATED = "created", _("创建草稿")
    SUBMITTED = "submitted", _("提交立案申请")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("一次性告知补正")
    RESUBMITTED = "resubmitted", _("补正后重新提交")
    REGISTER_FIRST_FLAGGED = "register_first_flagged", _("审查期限届满，应先行立案")
    REGISTERED = "registered", _("登记立案")
    REJECTED = "rejected", _("裁定不予受理")
    WITHDRAWN = "withdrawn", _("撤回申请")
    FEE_ORDER_ISSUED = "fee_order_issued", _("开具缴费通知")


class FilingErrorCode(models.TextChoices):
    NOT_A_FILER = "not_a_filer", _("只有实名认证的当事人或律师可以网上立案")
    NOT_EDITABLE = "not_editable", _("当前状态不能修改")
    INCOMPLETE = "filing_incomplete", _("立案材料不完整")
    INVALID_TRANSITION = "invalid_transition", _("当前状态不能进行该操作")
    SUPPLEMENT_ALREADY_REQUESTED = "supplement_already_requested", _("已一次性告知补正，不得再次要求补正")
    TOO_MANY_ATTACHMENTS = "too_many_attachments", _("附件数量超过上限")
    FILING_NOT_FOUND = "filing_not_found", _("立案申请不存在或无权访问")
