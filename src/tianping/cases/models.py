"""The case record shared by filing, trial, enforcement and petitions (立、审、执、访)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.cases.enums import (
    AgentKind,
    ApprovalStatus,
    AssignmentMethod,
    CaseCategory,
    CaseStatus,
    ClosingMethod,
    ExtensionApprover,
    Instance,
    LinkKind,
    PanelRole,
    PartyKind,
    PartyRole,
    Procedure,
    SuspensionReason,
    WarningLevel,
)
from tianping.core.models import BaseModel
from tianping.core.money import MoneyField

USER = settings.AUTH_USER_MODEL


class CaseType(models.Model):
    """A type code (类型代字) of the SPC case-number rules, seeded as data."""

    code = models.CharField(_("类型代字"), max_length=3, primary_key=True)
    name = models.CharField(_("名称"), max_length=40)
    category = models.CharField(_("类别"), max_length=16, choices=CaseCategory.choices)
    instance = models.CharField(_("审级"), max_length=16, choices=Instance.choices)
    default_procedure = models.CharField(_("默认程序"), max_length=32, choices=Procedure.choices)
    sort = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("案件类型")
        verbose_name_plural = _("案件类型")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CauseOfAction(models.Model):
    """A cause of action (案由) or criminal charge in its official tree."""

    category = models.CharField(_("类别"), max_length=16, choices=CaseCategory.choices)
    code = models.CharField(_("编号"), max_length=24)
    name = models.CharField(_("名称"), max_length=80, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    level = models.PositiveSmallIntegerField(_("级别"))
    path_name = models.CharField(_("完整路径"), max_length=300)
    sort = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["category", "sort"]
        constraints = [models.UniqueConstraint(fields=["category", "code"], name="cause_unique_code")]
        verbose_name = _("案由")
        verbose_name_plural = _("案由")

    def __str__(self) -> str:
        return self.name


class Case(BaseModel):
    court = models.ForeignKey("courts.Court", verbose_name=_("法院"), on_delete=models.PROTECT, related_name="+")
    case_type = models.ForeignKey(CaseType, verbose_name=_("案件类型"), on_delete=models.PROTECT, related_name="cases")
    category = models.CharField(_("案件类别"), max_length=16, choices=CaseCategory.choices, db_index=True)
    marker = models.CharField(_("专门审判代字"), max_length=1, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    serial = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    number = models.CharField(_("案号"), max_length=40, unique=True, null=True, blank=True)
    procedure = models.CharField(_("审理程序"), max_length=32, choices=Procedure.choices)
    cause = models.ForeignKey(
        CauseOfAction, verbose_name=_("案由"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("案件名称"), max_length=200, blank=True)
    claim_amount = MoneyField(_("标的额"), null=True, blank=True)
    received_on = models.DateField(_("收案日期"))
    filed_on = models.DateField(_("立案日期"), null=True, blank=True, db_index=True)
    division = models.ForeignKey(
        "courts.Division", verbose_name=_("承办部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    judge = models.ForeignKey(
        USER, verbose_name=_("承办法官"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    clerk = models.ForeignKey(
        USER, verbose_name=_("书记员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.PENDING)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    closing_method = models.CharField(_("结案方式"), max_length=16, choices=ClosingMethod.choices, blank=True)
    closing_outcome = models.CharField(_("结案情况"), max_length=200, blank=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    is_secret = models.BooleanField(_("涉及国家秘密"), default=False)
    involves_minor = models.BooleanField(_("涉及未成年人"), default=False)
    is_private = models.BooleanField(_("涉及个人隐私或商业秘密"), default=False)
    origin = models.ForeignKey(
        "self", verbose_name=_("原审/来源案件"), null=True, blank=True, on_delete=models.PROTECT, related_name="derived"
    )
    link_kind = models.CharField(_("关联类型"), max_length=24, choices=LinkKind.choices, blank=True)
    # Time limit (审限): stored so lists can filter and sort on it; recomputed by the service.
    deadline = models.DateField(_("审限届满日"), null=True, blank=True, db_index=True)
    suspended_since = models.DateField(_("扣除审限起始日"), null=True, blank=True)
    registered_by = models.ForeignKey(
        USER, verbose_name=_("立案人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["court", "case_type", "marker", "year", "serial"], name="case_unique_serial_per_sequence"
            ),
        ]
        indexes = [
            models.Index(fields=["court", "status"], name="case_court_status"),
            models.Index(fields=["judge", "status"], name="case_judge_status"),
            # The list's default order within a court, and the overdue filter.
            models.Index(fields=["court", "-filed_on", "-id"], name="case_court_recent"),
            models.Index(fields=["status", "deadline"], name="case_status_deadline"),
        ]
        verbose_name = _("案件")
        verbose_name_plural = _("案件")

    def __str__(self) -> str:
        return self.number or f"（未立案）#{self.pk}"

    @property
    def is_confidential(self) -> bool:
        return self.is_secret or self.involves_minor or self.is_private


class CaseNumberSequence(models.Model):
    """The last serial given out per court + type code + marker + year."""

    court = models.ForeignKey("courts.Court", on_delete=models.PROTECT, related_name="+")
    type_code = models.CharField(max_length=3)
    marker = models.CharField(max_length=1, blank=True)
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["court", "type_code", "marker", "year"], name="case_sequence_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.court_id}:{self.year}{self.marker}{self.type_code}={self.last_serial}"


class Party(BaseModel):
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("主体类型"), max_length=12, choices=PartyKind.choices)
    role = models.CharField(_("诉讼地位"), max_length=24, choices=PartyRole.choices)
    name = models.CharField(_("名称/姓名"), max_length=100, db_index=True)
    gender = models.CharField(_("性别"), max_length=6, choices=[("male", _("男")), ("female", _("女"))], blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    ethnicity = models.CharField(_("民族"), max_length=10, blank=True)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True, db_index=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    legal_representative = models.CharField(_("法定代表人/负责人"), max_length=60, blank=True)
    address = models.CharField(_("住所地"), max_length=200, blank=True)
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    query_code = models.CharField(_("查询码"), max_length=12, unique=True)
    account = models.ForeignKey(
        USER, verbose_name=_("关联账户"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_party = models.ForeignKey(
        "self", verbose_name=_("原审当事人"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["case", "order", "id"]
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class Agent(BaseModel):
    party = models.ForeignKey(Party, verbose_name=_("当事人"), on_delete=models.CASCADE, related_name="agents")
    kind = models.CharField(_("代理类型"), max_length=24, choices=AgentKind.choices)
    name = models.CharField(_("姓名"), max_length=60)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    licence_no = models.CharField(_("律师执业证号"), max_length=17, blank=True)
    law_firm = models.CharField(_("律师事务所"), max_length=100, blank=True)
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True)
    account = models.ForeignKey(
        USER, verbose_name=_("关联账户"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["party", "id"]
        verbose_name = _("诉讼代理人")
        verbose_name_plural = _("诉讼代理人")

    def __str__(self) -> str:
        return self.name


class PanelMember(BaseModel):
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="panel")
    role = models.CharField(_("角色"), max_length=12, choices=PanelRole.choices)
    user = models.ForeignKey(
        USER, verbose_name=_("法官"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=60)

    class Meta:
        ordering = ["case", "role", "id"]
        verbose_name = _("合议庭成员")
        verbose_name_plural = _("合议庭成员")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class CaseEvent(models.Model):
    """The timeline: every status change and every notable step on the case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    action = models.CharField(_("事项"), max_length=40)
    from_status = models.CharField(_("原状态"), max_length=16, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=16, choices=CaseStatus.choices, blank=True)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["case", "occurred_at", "id"]
        verbose_name = _("案件节点")
        verbose_name_plural = _("案件节点")

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d} {self.action}"


class Approvable(BaseModel):
    """A request that someone other than the requester approves or rejects."""

    status = models.CharField(_("审批状态"), max_length=12, choices=ApprovalStatus.choices)
    decided_by = models.ForeignKey(
        USER, verbose_name=_("审批人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)

    class Meta:
        abstract = True


class Assignment(Approvable):
    """One assignment decision: a verifiable random draw, a designation or a reassignment."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="assignments")
    method = models.CharField(_("方式"), max_length=16, choices=AssignmentMethod.choices)
    judge = models.ForeignKey(USER, verbose_name=_("承办法官"), on_delete=models.PROTECT, related_name="+")
    previous_judge = models.ForeignKey(
        USER, verbose_name=_("原承办法官"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    seed = models.CharField(_("随机种子"), max_length=64, blank=True)
    candidates = models.JSONField(_("候选法官"), default=list, blank=True)
    excluded = models.JSONField(_("排除法官"), default=list, blank=True)
    reason = models.CharField(_("理由"), max_length=32, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    requested_by = models.ForeignKey(USER, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "-created_at"]
        verbose_name = _("分案记录")
        verbose_name_plural = _("分案记录")

    def __str__(self) -> str:
        return f"{self.get_method_display()} → {self.judge_id}"


class JudgeRelation(BaseModel):
    """A relation a judge has declared (回避申报): grounds to keep them off a party's cases."""

    judge = models.ForeignKey(USER, verbose_name=_("法官"), on_delete=models.CASCADE, related_name="+")
    person_name = models.CharField(_("关系人姓名/名称"), max_length=100)
    id_number = models.CharField(_("身份证号码/统一社会信用代码"), max_length=18, blank=True, db_index=True)
    relation = models.CharField(_("关系"), max_length=40)

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")

    def __str__(self) -> str:
        return f"{self.person_name}（{self.relation}）"


class TimeLimitExtension(Approvable):
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField(_("延长月数"), default=0)
    days = models.PositiveSmallIntegerField(_("延长天数"), default=0)
    reason = models.CharField(_("理由"), max_length=300)
    approver_level = models.CharField(_("审批层级"), max_length=16, choices=ExtensionApprover.choices)
    approver_court = models.ForeignKey(
        "courts.Court", verbose_name=_("审批法院"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(USER, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "created_at"]
        verbose_name = _("延长审限")
        verbose_name_plural = _("延长审限")

    def __str__(self) -> str:
        return f"+{self.months}月{self.days}日"


class Suspension(Approvable):
    """An excluded period (扣除审限): the clock stops from ``started_on`` until ``ended_on``."""

    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="suspensions")
    reason = models.CharField(_("事由"), max_length=32, choices=SuspensionReason.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    started_on = models.DateField(_("起始日"))
    ended_on = models.DateField(_("结束日"), null=True, blank=True)
    started_by = models.ForeignKey(USER, verbose_name=_("申请人"), on_delete=models.PROTECT, related_name="+")
    ended_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["case", "started_on"]
        verbose_name = _("扣除审限期间")
        verbose_name_plural = _("扣除审限期间")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.started_on}–{self.ended_on or ''}"


class DeadlineWarning(BaseModel):
    case = models.ForeignKey(Case, verbose_name=_("案件"), on_delete=models.CASCADE, related_name="warnings")
    level = models.CharField(_("预警级别"), max_length=8, choices=WarningLevel.choices)
    deadline = models.DateField(_("审限届满日"))
    raised_on = models.DateField(_("预警日期"))
    acknowledged_at = models.DateTimeField(_("已阅时间"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_on"]
        constraints = [
            models.UniqueConstraint(fields=["case", "level", "deadline"], name="warning_once_per_level_and_deadline")
        ]
        verbose_name = _("审限预警")
        verbose_name_plural = _("审限预警")

    def __str__(self) -> str:
        return f"{self.case} {self.get_level_display()}"
