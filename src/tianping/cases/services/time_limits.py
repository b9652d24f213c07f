"""Time limits: the deadline on the case, extensions, excluded periods, warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import timelimits
from tianping.cases.enums import ApprovalStatus, ExtensionApprover, SuspensionReason, WarningLevel
from tianping.cases.lifecycle import OPEN_STATUSES
from tianping.cases.models import Case, DeadlineWarning, Suspension, TimeLimitExtension
from tianping.cases.permissions import LEADER_ROLES, is_case_handler
from tianping.cases.services.common import add_event, audit_case, mark_decided, require_case_scope
from tianping.core import clock
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.workdays import working_calendar
from tianping.courts import selectors as court_selectors

WARNING_THRESHOLDS = ((5, WarningLevel.DAYS_5), (15, WarningLevel.DAYS_15), (30, WarningLevel.DAYS_30))


def initial_deadline(case: Case) -> dt.date | None:
    """The deadline of a newly registered case (no extensions or excluded periods yet)."""
    rule = timelimits.rule_for(case.category, case.procedure)
    if rule is None or case.filed_on is None:
        return None
    return timelimits.deadline(case.filed_on, rule, [], 0, working_calendar())


def case_deadline_refresh(*, case: Case, today: dt.date | None = None) -> dt.date | None:
    """Recompute and store the deadline from the rule, approved extensions and excluded periods."""
    today = today or clock.today()
    rule = timelimits.rule_for(case.category, case.procedure)
    if rule is None or case.filed_on is None:
        new_deadline = None
    else:
        extensions = [
            timelimits.Period(e.months, e.days) for e in case.extensions.filter(status=ApprovalStatus.APPROVED)
        ]
        approved_periods = case.suspensions.filter(status=ApprovalStatus.APPROVED).values_list("started_on", "ended_on")
        excluded = timelimits.excluded_days(approved_periods, today)
        new_deadline = timelimits.deadline(case.filed_on, rule, extensions, excluded, working_calendar())
    ongoing = (
        case.suspensions.filter(status=ApprovalStatus.APPROVED, ended_on__isnull=True).order_by("started_on").first()
    )
    case.deadline, case.suspended_since = new_deadline, ongoing.started_on if ongoing else None
    case.save(update_fields=["deadline", "suspended_since", "updated_at"])
    return new_deadline


def _approver_court(case: Case, level: ExtensionApprover) -> Any:
    """The court whose president decides: this court, the one above, the high court or the SPC."""
    if level == ExtensionApprover.PRESIDENT:
        return case.court
    ancestors = court_selectors.court_ancestors(court=case.court)  # root first
    if level == ExtensionApprover.HIGHER_COURT and ancestors:
        return ancestors[-1]
    wanted = {ExtensionApprover.HIGH_COURT: "high", ExtensionApprover.SUPREME: "supreme"}.get(level)
    chain = [*ancestors, case.court]
    match = next((c for c in chain if c.level == wanted), None)
    if match is None:
        raise Conflict("本院没有可审批该延长的上级法院", code="no_approver_court", details={"approver": str(level)})
    return match


@transaction.atomic
def extension_request(*, actor: Any, case: Case, months: int = 0, days: int = 0, reason: str) -> TimeLimitExtension:
    """The judge in charge asks to extend the time limit; who decides depends on the procedure."""
    require_case_scope(actor, case)
    if not is_case_handler(actor, case):
        raise PermissionDenied("只有承办法官或院庭长可以申请延长审限", code="not_case_handler")
    if case.status not in OPEN_STATUSES or case.deadline is None:
        raise Conflict("该案件当前不能延长审限", code="extension_not_allowed")
    if months < 0 or days < 0 or months + days == 0:
        raise ValidationFailed("请填写延长的期限", code="invalid_period")
    if not reason.strip():
        raise ValidationFailed("请填写延长审限的理由", code="reason_required")
    rule = timelimits.rule_for(case.category, case.procedure)
    approved = case.extensions.filter(status=ApprovalStatus.APPROVED).count()
    step = rule.extension_step(approved) if rule else None
    if step is None:
        raise Conflict("该程序不能（再）延长审限", code="extension_not_allowed")
    if case.extensions.filter(status=ApprovalStatus.PENDING).exists():
        raise Conflict("已有待审批的延长申请", code="extension_pending")
    requested = timelimits.Period(months, days)
    if not requested.fits_within(step.limit):
        raise ValidationFailed(
            f"本次最多可延长{step.limit}", code="extension_too_long", details={"max": str(step.limit)}
        )
    today = clock.today()
    if rule and rule.ask_days_before_expiry and (case.deadline - today).days < rule.ask_days_before_expiry:
        raise Conflict(f"应在审限届满{rule.ask_days_before_expiry}日前申请延长", code="extension_too_late")
    if case.deadline < today:
        raise Conflict("审限已届满，不能再申请延长", code="extension_too_late")
    extension = TimeLimitExtension.objects.create(
        case=case, months=months, days=days, reason=reason.strip()[:300], approver_level=step.approver,
        approver_court=_approver_court(case, step.approver), requested_by=actor, status=ApprovalStatus.PENDING,
    )  # fmt: skip
    add_event(
        case, action="申请延长审限", actor=actor, note=f"{requested}，{extension.get_approver_level_display()}审批"
    )
    audit_case(
        actor, "case.extension_requested", case, {"period": [None, str(requested)], "approver": [None, step.approver]}
    )
    return extension


@transaction.atomic
def extension_decide(*, actor: Any, extension: TimeLimitExtension, approve: bool, note: str = "") -> TimeLimitExtension:
    """The president of the approving court decides; an approval moves the deadline."""
    if not access.has_role(actor, Role.PRESIDENT, court_id=extension.approver_court_id):
        raise PermissionDenied("应由审批法院院长审批", code="approver_required")
    mark_decided(extension, actor=actor, approve=approve)
    extension.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    case = extension.case
    before = case.deadline
    case_deadline_refresh(case=case)
    period = timelimits.Period(extension.months, extension.days)
    add_event(case, action="批准延长审限" if approve else "不准延长审限", actor=actor, note=note or str(period))
    _audit_decision(actor, "case.extension_decided", case, approve, before)
    return extension


@transaction.atomic
def suspension_request(*, actor: Any, case: Case, reason: str, started_on: dt.date, note: str = "") -> Suspension:
    """Record an excluded period; started by a division head or president it takes effect at once,
    started by the judge it waits for their approval."""
    require_case_scope(actor, case)
    if not is_case_handler(actor, case):
        raise PermissionDenied("只有承办法官或院庭长可以申请扣除审限", code="not_case_handler")
    if reason not in SuspensionReason.values:
        raise ValidationFailed("扣除审限事由无效", code="invalid_reason", details={"allowed": SuspensionReason.values})
    if case.status not in OPEN_STATUSES or case.deadline is None:
        raise Conflict("该案件当前不能扣除审限", code="suspension_not_allowed")
    if started_on > clock.today() or (case.filed_on and started_on < case.filed_on):
        raise ValidationFailed("起始日应在立案日与今天之间", code="invalid_date")
    if case.suspensions.filter(ended_on__isnull=True).exclude(status=ApprovalStatus.REJECTED).exists():
        raise Conflict("已有尚未结束的扣除审限期间", code="suspension_open")
    approved_now = access.has_role(actor, *LEADER_ROLES, court_id=case.court_id)
    suspension = Suspension.objects.create(
        case=case, reason=reason, note=note[:300], started_on=started_on, started_by=actor,
        status=ApprovalStatus.APPROVED if approved_now else ApprovalStatus.PENDING,
        decided_by=actor if approved_now else None, decided_at=clock.now() if approved_now else None,
    )  # fmt: skip
    if approved_now:
        case_deadline_refresh(case=case)
    add_event(
        case, action="扣除审限" if approved_now else "申请扣除审限", actor=actor, note=suspension.get_reason_display()
    )
    audit_case(actor, "case.suspension_requested", case, {"reason": [None, reason], "started_on": [None, started_on]})
    return suspension


@transaction.atomic
def suspension_decide(*, actor: Any, suspension: Suspension, approve: bool) -> Suspension:
    case = suspension.case
    if not access.has_role(actor, *LEADER_ROLES, court_id=case.court_id):
        raise PermissionDenied("应由庭长或院长审批", code="approver_required")
    mark_decided(suspension, actor=actor, approve=approve)
    suspension.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    before = case.deadline
    case_deadline_refresh(case=case)
    add_event(
        case, action="批准扣除审限" if approve else "不准扣除审限", actor=actor, note=suspension.get_reason_display()
    )
    _audit_decision(actor, "case.suspension_decided", case, approve, before)
    return suspension


@transaction.atomic
def suspension_end(*, actor: Any, case: Case, ended_on: dt.date) -> Suspension:
    """Resume the clock (恢复审限计算)."""
    require_case_scope(actor, case)
    if not is_case_handler(actor, case):
        raise PermissionDenied("只有承办法官或院庭长可以恢复审限计算", code="not_case_handler")
    suspension = case.suspensions.filter(status=ApprovalStatus.APPROVED, ended_on__isnull=True).first()
    if suspension is None:
        raise Conflict("没有正在扣除的审限期间", code="no_open_suspension")
    if ended_on < suspension.started_on or ended_on > clock.today():
        raise ValidationFailed("结束日应在起始日与今天之间", code="invalid_date")
    before = case.deadline
    suspension.ended_on, suspension.ended_by = ended_on, actor
    suspension.save(update_fields=["ended_on", "ended_by", "updated_at"])
    case_deadline_refresh(case=case)
    add_event(case, action="恢复审限计算", actor=actor, note=f"扣除{(ended_on - suspension.started_on).days}日")
    audit_case(
        actor, "case.suspension_ended", case, {"deadline": [before, case.deadline], "ended_on": [None, ended_on]}
    )
    return suspension


def _audit_decision(actor: Any, action: str, case: Case, approve: bool, deadline_before: dt.date | None) -> None:
    decision = "approved" if approve else "rejected"
    audit_case(actor, action, case, {"decision": [None, decision], "deadline": [deadline_before, case.deadline]})


def deadline_warnings_raise(*, today: dt.date | None = None) -> int:
    """Raise each warning level once per deadline for open cases; returns how many were raised.
    Deadlines of cases under an excluded period are refreshed first (their end moves daily)."""
    today = today or clock.today()
    for case in Case.objects.filter(status__in=OPEN_STATUSES, suspended_since__isnull=False):
        case_deadline_refresh(case=case, today=today)
    open_cases = Case.objects.filter(status__in=OPEN_STATUSES, deadline__isnull=False, suspended_since__isnull=True)
    raised = 0
    due = open_cases.filter(deadline__lte=today + dt.timedelta(days=30)).values_list("id", "deadline")
    for case_id, deadline in due:
        assert deadline is not None  # filtered above
        level = _warning_level((deadline - today).days)
        _, created = DeadlineWarning.objects.get_or_create(
            case_id=case_id, level=level, deadline=deadline, defaults={"raised_on": today}
        )
        raised += created
    return raised


def _warning_level(remaining: int) -> WarningLevel:
    if remaining < 0:
        return WarningLevel.EXPIRED
    return next(level for limit, level in WARNING_THRESHOLDS if remaining <= limit)


def extension_get(*, extension_id: int) -> TimeLimitExtension:
    extension = TimeLimitExtension.objects.select_related("case", "case__court").filter(pk=extension_id).first()
    if extension is None:
        raise NotFound("延长申请不存在", code="extension_not_found")
    return extension
