"""Reads of the case record, always through the gatekeeper ``case_for_user``.

Staff read the cases of their courts and of the courts below them. Litigants and lawyers
read the cases where they are a party or an agent. Anything else is "not found".
Sensitive fields of parties (ID numbers, mobiles) are shown in full only to the staff who
handle them — the filing clerks and the case's judge and clerk — and each such showing
is an audited read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import draw, lifecycle, permissions, timelimits
from tianping.cases.enums import (
    ApprovalStatus,
    AssignmentMethod,
    CaseCategory,
    CaseStatus,
    ClosingMethod,
    LinkKind,
    PanelRole,
    PartyKind,
    PartyRole,
)
from tianping.cases.models import (
    Assignment,
    Case,
    CaseEvent,
    CaseType,
    CauseOfAction,
    DeadlineWarning,
    PanelMember,
    Party,
    Suspension,
    TimeLimitExtension,
)
from tianping.core import audit, clock
from tianping.core.errors import NotFound
from tianping.core.models import AuditRecord
from tianping.core.validators import mask_credit_code, mask_id_number, mask_mobile

UNMASKING_ROLES = (Role.FILING_CLERK,)


def _visible_cases(user: Any) -> QuerySet[Case]:
    cases = Case.objects.all()
    if access.is_staff_user(user):
        return cases.filter(court_id__in=access.readable_court_ids(user))
    if getattr(user, "is_authenticated", False):
        return cases.filter(Q(parties__account=user) | Q(parties__agents__account=user)).distinct()
    return cases.none()


def case_for_user(user: Any, case_id: int) -> Case:
    """The case if ``user`` may read it; otherwise NotFound, exactly like a missing case."""
    case = (
        _visible_cases(user)
        .select_related("court", "case_type", "cause", "division", "judge", "clerk")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        raise NotFound("案件不存在或无权访问", code="case_not_found")
    return case


@dataclasses.dataclass(frozen=True)
class CaseFilter:
    status: str = ""
    type_code: str = ""
    category: str = ""
    cause_id: int | None = None
    judge_id: int | None = None
    court_id: int | None = None
    filed_from: dt.date | None = None
    filed_to: dt.date | None = None
    overdue: bool = False
    text: str = ""


def case_list(*, user: Any, filters: CaseFilter) -> QuerySet[Case]:
    """Cases the user may read, filtered; the text matches the case number or a party's name."""
    cases = _visible_cases(user).select_related("court", "case_type", "cause", "judge")
    f = filters
    exact = {"status": f.status, "case_type_id": f.type_code, "category": f.category, "cause_id": f.cause_id,
             "judge_id": f.judge_id, "court_id": f.court_id}  # fmt: skip
    cases = cases.filter(**{k: v for k, v in exact.items() if v not in (None, "")})
    if f.filed_from:
        cases = cases.filter(filed_on__gte=f.filed_from)
    if f.filed_to:
        cases = cases.filter(filed_on__lte=f.filed_to)
    if f.overdue:
        cases = cases.filter(
            status__in=lifecycle.OPEN_STATUSES, deadline__lt=clock.today(), suspended_since__isnull=True
        )
    if f.text:
        matching_parties = Party.objects.filter(name__icontains=f.text).values("case_id")
        cases = cases.filter(Q(number__icontains=f.text) | Q(pk__in=matching_parties))
    return cases.order_by("-filed_on", "-id")


def case_chain(*, user: Any, case: Case) -> list[Case]:
    """Every case of the same matter the user may read, from the first instance down."""
    chain = _matter_chain(case)
    visible = set(_visible_cases(user).filter(pk__in=[c.pk for c in chain]).values_list("pk", flat=True))
    return [c for c in chain if c.pk in visible]


def _matter_chain(case: Case) -> list[Case]:
    root = case
    seen = {case.pk}
    while root.origin_id and root.origin_id not in seen:
        parent = Case.objects.select_related("court", "case_type").filter(pk=root.origin_id).first()
        if parent is None:
            break
        seen.add(parent.pk)
        root = parent
    chain, frontier = [root], [root.pk]
    while frontier:
        children = list(Case.objects.select_related("court", "case_type").filter(origin_id__in=frontier).order_by("id"))
        chain.extend(children)
        frontier = [c.pk for c in children]
    return chain


def may_see_sensitive(user: Any, case: Case) -> bool:
    """Filing clerks of the court and the case's own judge and clerk need full identity data."""
    if access.has_role(user, *UNMASKING_ROLES, court_id=case.court_id):
        return True
    return getattr(user, "pk", None) in {case.judge_id, case.clerk_id}


def is_case_handler(user: Any, case: Case) -> bool:
    """The case's judge in charge, or a division head / president of its court: who decides on the case."""
    return permissions.is_case_handler(user, case)


def party_views(*, user: Any, case: Case) -> list[dict[str, Any]]:
    """Parties with agents, masked unless the user needs the full data (then the read is audited)."""
    parties = list(case.parties.prefetch_related("agents"))
    full = may_see_sensitive(user, case)
    if full and any(p.id_number or p.mobile for p in parties):
        audit.record_read(actor=user, obj=case, fields=["party.id_number", "party.mobile"], purpose="case_detail")
    return [_party_view(p, full) for p in parties]


def _party_view(party: Party, full: bool) -> dict[str, Any]:
    def shown(value: str, mask: Any) -> str:
        return value if full or not value else mask(value)

    return {
        "id": party.pk,
        "kind": party.kind,
        "kind_label": party.get_kind_display(),
        "role": party.role,
        "role_label": party.get_role_display(),
        "name": party.name,
        "gender": party.get_gender_display() if party.gender else "",
        "birth_date": party.birth_date,
        "ethnicity": party.ethnicity,
        "id_number": shown(party.id_number, mask_id_number),
        "credit_code": shown(party.credit_code, mask_credit_code),
        "legal_representative": party.legal_representative,
        "address": party.address if full else _mask_address(party.address),
        "mobile": shown(party.mobile, mask_mobile),
        "query_code": party.query_code if full else "",
        "masked": not full,
        "agents": [
            {"kind": a.kind, "kind_label": a.get_kind_display(), "name": a.name, "law_firm": a.law_firm,
             "licence_no": a.licence_no, "mobile": shown(a.mobile, mask_mobile)}
            for a in party.agents.all()
        ],
    }  # fmt: skip


def _mask_address(address: str) -> str:
    return address[:6] + "****" if len(address) > 6 else address


@dataclasses.dataclass(frozen=True)
class TimeLimitView:
    rule: timelimits.TimeLimitRule | None
    deadline: dt.date | None
    remaining_days: int | None
    suspended: bool
    excluded_days: int
    extensions: list[TimeLimitExtension]
    suspensions: list[Suspension]

    @property
    def urgency(self) -> str:
        """ok / notice (≤30) / warning (≤15) / danger (≤5 or overdue) / none."""
        return urgency_for(self.remaining_days)


def urgency_for(remaining_days: int | None) -> str:
    """ok / notice (≤30 days left) / warning (≤15) / danger (≤5 or overdue) / none (no running limit)."""
    if remaining_days is None:
        return "none"
    if remaining_days <= 5:
        return "danger"
    if remaining_days <= 15:
        return "warning"
    return "notice" if remaining_days <= 30 else "ok"


def remaining_days(case: Case, today: dt.date | None = None) -> int | None:
    """Days left on a running time limit (negative when overdue); None when closed, suspended or unlimited."""
    if case.deadline is None or case.status not in lifecycle.OPEN_STATUSES or case.suspended_since is not None:
        return None
    return (case.deadline - (today or clock.today())).days


def time_limit_view(*, case: Case) -> TimeLimitView:
    today = clock.today()
    suspensions = list(case.suspensions.select_related("started_by", "decided_by"))
    approved = [(s.started_on, s.ended_on) for s in suspensions if s.status == ApprovalStatus.APPROVED]
    open_case = case.status in lifecycle.OPEN_STATUSES
    remaining = (case.deadline - today).days if case.deadline and open_case else None
    return TimeLimitView(
        rule=timelimits.rule_for(case.category, case.procedure),
        deadline=case.deadline,
        remaining_days=remaining,
        suspended=case.suspended_since is not None,
        excluded_days=timelimits.excluded_days(approved, today),
        extensions=list(case.extensions.select_related("requested_by", "decided_by", "approver_court")),
        suspensions=suspensions,
    )


def assignment_list(*, case: Case) -> list[Assignment]:
    return list(case.assignments.select_related("judge", "previous_judge", "requested_by", "decided_by"))


def assignment_verify(*, assignment: Assignment) -> bool:
    """Re-run a draw (a random assignment, or a reassignment decided by a new draw) from its
    stored seed and candidates: does it pick the same judge?"""
    if not assignment.candidates or not assignment.seed or assignment.seed == "redraw":
        return False
    candidates = [draw.Candidate.from_record(c) for c in assignment.candidates]
    return draw.draw(assignment.seed, candidates).judge_id == assignment.judge_id


def open_caseloads(*, judge_ids: list[int]) -> dict[int, int]:
    rows = (
        Case.objects.filter(judge_id__in=judge_ids, status__in=lifecycle.OPEN_STATUSES)
        .values("judge_id")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(judge_ids, 0)
    counts.update({row["judge_id"]: row["n"] for row in rows})
    return counts


def case_types(*, category: str = "") -> QuerySet[CaseType]:
    types = CaseType.objects.all()
    return types.filter(category=category) if category else types


def cause_search(*, query: str = "", category: str = "", limit: int = 30) -> QuerySet[CauseOfAction]:
    causes = CauseOfAction.objects.all()
    if category:
        causes = causes.filter(category=category)
    if query:
        causes = causes.filter(Q(name__icontains=query) | Q(code=query))
    return causes.order_by("category", "level", "sort")[:limit]


def warnings_for(*, user: Any) -> QuerySet[DeadlineWarning]:
    """Unacknowledged deadline warnings on the user's own cases (and, for leaders, their court's)."""
    mine = Q(case__judge=user)
    leader_courts = [g.court_id for g in access.active_grants(user) if g.role in (Role.DIVISION_HEAD, Role.PRESIDENT)]
    if leader_courts:
        mine |= Q(case__court_id__in=leader_courts)
    return (
        DeadlineWarning.objects.filter(mine, acknowledged_at__isnull=True, case__status__in=lifecycle.OPEN_STATUSES)
        .select_related("case", "case__court")
        .order_by("case__deadline")
    )


def pending_approvals(*, user: Any) -> dict[str, list[Any]]:
    """What waits for this user's decision: designations/reassignments and suspensions
    (division heads, presidents) and extensions addressed to their court (presidents)."""
    leader_courts = [g.court_id for g in access.active_grants(user) if g.role in (Role.DIVISION_HEAD, Role.PRESIDENT)]
    president_courts = [g.court_id for g in access.active_grants(user) if g.role == Role.PRESIDENT]
    return {
        "assignments": list(
            Assignment.objects.filter(status=ApprovalStatus.PENDING, case__court_id__in=leader_courts)
            .exclude(requested_by=user)
            .select_related("case", "judge", "requested_by")
        ),
        "suspensions": list(
            Suspension.objects.filter(status=ApprovalStatus.PENDING, case__court_id__in=leader_courts).select_related(
                "case", "started_by"
            )
        ),
        "extensions": list(
            TimeLimitExtension.objects.filter(
                status=ApprovalStatus.PENDING, approver_court_id__in=president_courts
            ).select_related("case", "case__court", "requested_by")
        ),
    }


def my_cases(*, user: Any) -> QuerySet[Case]:
    """Open cases where the user is the judge in charge or the clerk."""
    return (
        Case.objects.filter(Q(judge=user) | Q(clerk=user), status__in=lifecycle.OPEN_STATUSES)
        .select_related("court", "case_type", "cause")
        .order_by("deadline")
    )


def supervision_assignments(*, user: Any) -> QuerySet[Assignment]:
    """Designations and reassignments in the user's scope, for supervision (随机为主、指定为辅)."""
    return (
        Assignment.objects.filter(case__court_id__in=access.readable_court_ids(user))
        .exclude(method=AssignmentMethod.RANDOM)
        .select_related("case", "case__court", "judge", "previous_judge", "requested_by", "decided_by")
        .order_by("-created_at")
    )


def status_choices_for(category: str) -> list[tuple[str, str]]:
    """Statuses the case list filter offers for a category (all when blank)."""
    if category == CaseCategory.ENFORCEMENT:
        keys = set(lifecycle.ENFORCEMENT_TRANSITIONS) | {
            s for v in lifecycle.ENFORCEMENT_TRANSITIONS.values() for s in v
        }
        return [(s.value, str(s.label)) for s in CaseStatus if s in keys]
    return [(value, str(label)) for value, label in CaseStatus.choices]


# ---- Objects keyed by their own id: found only through the case they belong to -----------


def assignment_for_user(user: Any, assignment_id: int) -> Assignment:
    """An assignment record, if ``user`` may read its case (otherwise NotFound)."""
    assignment = Assignment.objects.filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound("分案记录不存在或无权访问", code="assignment_not_found")
    assignment.case = case_for_user(user, assignment.case_id)
    return assignment


def extension_for_user(user: Any, extension_id: int) -> TimeLimitExtension:
    """An extension request, if ``user`` may read its case (otherwise NotFound)."""
    extension = TimeLimitExtension.objects.filter(pk=extension_id).first()
    if extension is None:
        raise NotFound("延长审限申请不存在或无权访问", code="extension_not_found")
    extension.case = case_for_user(user, extension.case_id)
    return extension


def suspension_for_user(user: Any, suspension_id: int) -> Suspension:
    """An excluded period, if ``user`` may read its case (otherwise NotFound)."""
    suspension = Suspension.objects.filter(pk=suspension_id).first()
    if suspension is None:
        raise NotFound("扣除审限申请不存在或无权访问", code="suspension_not_found")
    suspension.case = case_for_user(user, suspension.case_id)
    return suspension


# ---- Parts of the case page ---------------------------------------------------------------


def case_events(*, case: Case) -> list[CaseEvent]:
    """The timeline, oldest first."""
    return list(case.events.select_related("actor").order_by("occurred_at", "id"))


_PANEL_ORDER = {PanelRole.PRESIDING: 0, PanelRole.JUDGE: 1, PanelRole.ASSESSOR: 2}


def case_panel(*, case: Case) -> list[PanelMember]:
    """The presiding judge first, then the other judges, then the people's assessors."""
    members = case.panel.select_related("user")
    return sorted(members, key=lambda m: (_PANEL_ORDER.get(PanelRole(m.role), 9), m.pk))


def case_audit_excerpt(*, case: Case, limit: int = 10) -> list[AuditRecord]:
    """The latest audit records about this case (writes and audited reads), newest first."""
    return list(
        AuditRecord.objects.filter(object_type=Case._meta.label, object_id=str(case.pk)).order_by("-seq")[:limit]
    )


def court_judges(*, court_id: int) -> list[Any]:
    """Judges of a court (for designation, reassignment and panels)."""
    return access.users_with_role(court_id=court_id, roles=[Role.JUDGE])


def court_clerks(*, court_id: int) -> list[Any]:
    return access.users_with_role(court_id=court_id, roles=[Role.COURT_CLERK])


def registrar_court_ids(user: Any) -> list[int]:
    """Courts where ``user`` may register cases at the counter."""
    return sorted({g.court_id for g in access.active_grants(user) if g.role in permissions.REGISTRAR_ROLES})


def cause_get(*, cause_id: int) -> CauseOfAction | None:
    """The cause of action with this id, or None."""
    return CauseOfAction.objects.filter(pk=cause_id).first()


def cause_by_name(*, name: str, category: str = "") -> CauseOfAction | None:
    """The cause with exactly this name, preferring the case's category and the most specific level."""
    causes = CauseOfAction.objects.filter(name=name.strip())
    if category:
        preferred = causes.filter(category=category).order_by("-level", "sort").first()
        if preferred is not None:
            return preferred
    return causes.order_by("-level", "category", "sort").first()


# ---- What the user may do on a case (mirrors the checks in ``services``) ------------------

# Kept in step with services.common / services.assignment (which import this module).


@dataclasses.dataclass(frozen=True)
class CaseActions:
    """Which action forms the case page offers; the services check everything again."""

    assign: bool = False
    reassign: bool = False
    transitions: tuple[CaseStatus, ...] = ()
    extend: bool = False
    suspend: bool = False
    resume: bool = False
    panel: bool = False
    decide_assignments: frozenset[int] = frozenset()
    decide_suspensions: frozenset[int] = frozenset()
    decide_extensions: frozenset[int] = frozenset()

    @property
    def any(self) -> bool:
        return any((self.assign, self.reassign, self.transitions, self.extend, self.suspend, self.resume, self.panel))


def case_actions(*, user: Any, case: Case, time_limit: TimeLimitView, assignments: list[Assignment]) -> CaseActions:
    # Extensions may be decided by the president of a court above the case's own.
    decide_extensions = frozenset(
        e.pk
        for e in time_limit.extensions
        if e.status == ApprovalStatus.PENDING and access.has_role(user, Role.PRESIDENT, court_id=e.approver_court_id)
    )
    if case.court_id not in access.acting_court_ids(user):
        return CaseActions(decide_extensions=decide_extensions)
    uid = getattr(user, "pk", None)
    leader = permissions.is_leader(user, case)
    handler = permissions.is_case_handler(user, case)
    is_open = case.status in lifecycle.OPEN_STATUSES
    pending = [a for a in assignments if a.status == ApprovalStatus.PENDING]
    may_assign = permissions.may_assign(user, case)
    transitions = [
        target
        for target in sorted(lifecycle.allowed_next(case.category, case.status))
        if target not in lifecycle.OWN_PROCEDURES and permissions.may_move(user, case, target)
    ]
    approved = sum(1 for e in time_limit.extensions if e.status == ApprovalStatus.APPROVED)
    next_step = time_limit.rule.extension_step(approved) if time_limit.rule else None
    extension_pending = any(e.status == ApprovalStatus.PENDING for e in time_limit.extensions)
    open_suspension = [s for s in time_limit.suspensions if s.ended_on is None and s.status != ApprovalStatus.REJECTED]
    running = is_open and case.deadline is not None
    return CaseActions(
        assign=may_assign and case.status == CaseStatus.REGISTERED and not pending,
        reassign=is_open and case.judge_id is not None and not pending and (may_assign or case.judge_id == uid),
        transitions=tuple(transitions),
        extend=handler and running and next_step is not None and not extension_pending,
        suspend=handler and running and not open_suspension,
        resume=handler and any(s.status == ApprovalStatus.APPROVED for s in open_suspension),
        panel=handler and case.judge_id is not None and is_open,
        decide_assignments=frozenset(a.pk for a in pending if leader and a.requested_by_id != uid),
        decide_suspensions=frozenset(
            s.pk for s in time_limit.suspensions if leader and s.status == ApprovalStatus.PENDING
        ),
        decide_extensions=decide_extensions,
    )


@dataclasses.dataclass(frozen=True)
class PartyContact:
    """Who a case notification goes to: the party's mobile and, through the linked account, e-mail."""

    party_id: int
    name: str
    mobile: str
    email: str
    account_id: int | None
    query_code: str


@dataclasses.dataclass(frozen=True)
class CaseNotificationData:
    case_id: int
    number: str
    court_id: int
    court_code: str
    court_name: str
    parties: list[PartyContact]


def case_notification_data(case_id: int) -> CaseNotificationData:
    """What the notification service needs to tell a case's parties about it (no access check: system use)."""
    case = Case.objects.select_related("court").get(pk=case_id)
    parties = Party.objects.filter(case=case).select_related("account").order_by("order", "id")
    return CaseNotificationData(
        case_id=case.pk,
        number=case.number or "",
        court_id=case.court_id,
        court_code=case.court.code,
        court_name=case.court.name,
        parties=[
            PartyContact(
                party_id=p.pk,
                name=p.name,
                mobile=p.mobile,
                email=(p.account.email if p.account is not None else "") or "",
                account_id=p.account_id,
                query_code=p.query_code,
            )
            for p in parties
        ],
    )


@dataclasses.dataclass(frozen=True)
class PartyCaseStatus:
    """What a party identified by query code + ID number may hear about their case (12368)."""

    case_id: int
    party_id: int
    number: str
    court_id: int
    court_code: str
    court_name: str
    status_label: str
    judge_id: int | None
    judge_name: str
    deadline: dt.date | None


def party_case_status_by_code(*, code_pattern: str, id_suffix: str, limit: int = 2) -> list[PartyCaseStatus]:
    """Parties whose query code matches the regular expression ``code_pattern`` (anchored by the
    caller) and whose ID number or credit code ends with ``id_suffix`` (no access check: the
    caller proves who they are with these two secrets; system use by 12368)."""
    if not id_suffix:
        return []
    parties = (
        Party.objects.filter(query_code__regex=code_pattern, case__number__isnull=False)
        .filter(Q(id_number__endswith=id_suffix) | Q(credit_code__endswith=id_suffix))
        .select_related("case__court", "case__judge")
        .order_by("id")[:limit]
    )
    return [
        PartyCaseStatus(
            case_id=p.case_id,
            party_id=p.pk,
            number=p.case.number or "",
            court_id=p.case.court_id,
            court_code=p.case.court.code,
            court_name=p.case.court.name,
            status_label=str(p.case.get_status_display()),
            judge_id=p.case.judge_id,
            judge_name=p.case.judge.display_name if p.case.judge is not None else "",
            deadline=p.case.deadline,
        )
        for p in parties
    ]


def party_identity_matches(*, party_id: int, query_code: str, id_suffix: str) -> bool:
    """Whether the party ``party_id`` has exactly this query code and an ID number or credit code
    ending with ``id_suffix`` (six characters): proof of identity without an account (no access
    check: system use, the caller limits the attempts)."""
    query_code, id_suffix = (query_code or "").strip().upper(), (id_suffix or "").strip().upper()
    if not query_code or len(id_suffix) != 6:
        return False
    return (
        Party.objects.filter(pk=party_id, query_code__iexact=query_code)
        .filter(Q(id_number__iendswith=id_suffix) | Q(credit_code__iendswith=id_suffix))
        .exists()
    )


# ---- Trial-process disclosure (审判流程公开) ---------------------------------------------------


def party_case_by_identity(*, query_code: str, id_number: str) -> PartyCaseStatus | None:
    """The registered case of the party whose query code is exactly ``query_code`` and whose full ID
    number or credit code is exactly ``id_number`` (no access check: these two secrets are the proof;
    the caller limits the attempts)."""
    query_code, id_number = (query_code or "").strip().upper(), (id_number or "").strip().upper()
    if not query_code or not id_number:
        return None
    party = (
        Party.objects.filter(query_code=query_code, case__number__isnull=False)
        .filter(Q(id_number=id_number) | Q(credit_code=id_number))
        .select_related("case__court", "case__judge")
        .first()
    )
    if party is None:
        return None
    return PartyCaseStatus(
        case_id=party.case_id,
        party_id=party.pk,
        number=party.case.number or "",
        court_id=party.case.court_id,
        court_code=party.case.court.code,
        court_name=party.case.court.name,
        status_label=str(party.case.get_status_display()),
        judge_id=party.case.judge_id,
        judge_name=party.case.judge.display_name if party.case.judge is not None else "",
        deadline=party.case.deadline,
    )


def account_case_parties(*, user: Any) -> dict[int, set[int]]:
    """Registered cases where ``user``'s account is a party or an agent → the ids of the parties it speaks for."""
    if not getattr(user, "is_authenticated", False) or access.is_staff_user(user):
        return {}
    rows = (
        Party.objects.filter(Q(account=user) | Q(agents__account=user), case__number__isnull=False)
        .values_list("case_id", "pk")
        .distinct()
    )
    grants: dict[int, set[int]] = {}
    for case_id, party_id in rows:
        grants.setdefault(case_id, set()).add(party_id)
    return grants


def case_get(*, case_id: int) -> Case | None:
    """A registered case by id with its court, type, cause and judge (no access check: the caller has
    established the right to see it, e.g. a party's process-disclosure grant)."""
    return (
        Case.objects.select_related("court", "case_type", "cause", "division", "judge", "clerk")
        .filter(pk=case_id, number__isnull=False)
        .first()
    )


def matter_chain(*, case: Case) -> list[Case]:
    """Every case of the same matter (first instance, appeals, retrials, transfers), without an
    access check: the caller shows only numbers, courts and states to a party of ``case``."""
    return _matter_chain(case)


@dataclasses.dataclass(frozen=True)
class YearCounts:
    filed: int
    closed: int


def case_year_counts(*, year: int) -> YearCounts:
    """Cases filed and cases closed in ``year`` at every court (public statistics)."""
    return YearCounts(
        filed=Case.objects.filter(filed_on__year=year).count(),
        closed=Case.objects.filter(closed_on__year=year).count(),
    )


# ---- Enforcement disclosure (执行信息公开) -------------------------------------------------------

# An enforcement case is "in enforcement" from filing until it is closed (cases/lifecycle.py).
ENFORCEMENT_PENDING_STATUSES = (CaseStatus.REGISTERED, CaseStatus.ASSIGNED, CaseStatus.INVESTIGATING,
                                CaseStatus.DISPOSING)  # fmt: skip


def _respondents_matching(cases: QuerySet[Case], *, name: str, id_number: str, credit_code: str) -> QuerySet[Party]:
    """被执行人 of ``cases`` matching every given criterion exactly; no criterion → nothing. Minors are
    never disclosed (their identity is protected as in judgment publication and the dishonest list)."""
    if not (name or id_number or credit_code):
        return Party.objects.none()
    parties = Party.objects.filter(case__in=cases, role=PartyRole.ENFORCEMENT_RESPONDENT).exclude(
        kind=PartyKind.NATURAL, birth_date__gt=_adulthood_birth_limit(clock.today())
    )
    if name:
        parties = parties.filter(name=name)
    if id_number:
        parties = parties.filter(id_number=id_number)
    if credit_code:
        parties = parties.filter(credit_code=credit_code)
    return parties.select_related("case__court").order_by("-case__filed_on", "-id")


def _adulthood_birth_limit(today: dt.date) -> dt.date:
    """The latest birth date of someone who is 18 on ``today`` (born 29 February: 1 March counts)."""
    try:
        return today.replace(year=today.year - 18)
    except ValueError:
        return today.replace(year=today.year - 18, day=28)


def enforcement_pending_cases() -> QuerySet[Case]:
    """Filed enforcement cases not yet closed (secret cases never public)."""
    return Case.objects.filter(
        category=CaseCategory.ENFORCEMENT, number__isnull=False, filed_on__isnull=False,
        status__in=ENFORCEMENT_PENDING_STATUSES, is_secret=False,
    )  # fmt: skip


def enforcement_debtor_search(*, name: str = "", id_number: str = "", credit_code: str = "") -> QuerySet[Party]:
    """Judgment debtors (被执行人) of pending enforcement cases matching exactly (no access check:
    public disclosure; the caller publishes masked fields only and limits the queries)."""
    return _respondents_matching(enforcement_pending_cases(), name=name, id_number=id_number, credit_code=credit_code)


def no_assets_cases() -> QuerySet[Case]:
    """Enforcement cases closed by terminating the current round (终本, no assets found) and not
    resumed since (a resumed case, 执恢, links back with link kind ``resumed_enforcement``)."""
    resumed = Case.objects.filter(origin=OuterRef("pk"), link_kind=LinkKind.RESUMED_ENFORCEMENT)
    return Case.objects.filter(
        category=CaseCategory.ENFORCEMENT, number__isnull=False, closing_method=ClosingMethod.NO_ASSETS,
        closed_on__isnull=False, status__in=(CaseStatus.CLOSED, CaseStatus.ARCHIVED), is_secret=False,
    ).exclude(Exists(resumed))  # fmt: skip


def no_assets_case_search(*, name: str = "", id_number: str = "", credit_code: str = "") -> QuerySet[Party]:
    """被执行人 of 终本 cases matching exactly (no access check: public disclosure, see above)."""
    return _respondents_matching(no_assets_cases(), name=name, id_number=id_number, credit_code=credit_code)
