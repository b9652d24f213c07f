from django.db import models
from django.utils.translation import gettext_lazy as _


class UserKind(models.TextChoices):
    STAFF = "staff", _("法院工作人员")
    LITIGANT = "litigant", _("当事人")
    LAWYER = "lawyer", _("律师")


class Role(models.TextChoices):
    """What a staff member may do, always within one court (and the courts below it to read)."""

    FILING_CLERK = "filing_clerk", _("立案员")
    JUDGE = "judge", _("法官")
    JUDGE_ASSISTANT = "judge_assistant", _("法官助理")
    COURT_CLERK = "court_clerk", _("书记员")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("执行员")
    DIVISION_HEAD = "division_head", _("庭长")
    PRESIDENT = "president", _("院长")
    SYSADMIN = "sysadmin", _("系统管理员")
    AUDITOR = "auditor", _("审计员")


class ErrorCode(models.TextChoices):
    INVALID_CREDENTIALS = "invalid_credentials", _("用户名或密码错误")
    ACCOUNT_LOCKED = "account_locked", _("账户已锁定")
    TOKEN_INVALID = "token_invalid", _("令牌无效或已过期")
    MFA_REQUIRED = "mfa_required", _("需要二次验证")
