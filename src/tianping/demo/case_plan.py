"""Planning the synthetic demo cases: where each is filed, what it is, and how far it has come.

Cases are filed over the last two years across the Beijing courts (basic courts most), with
type codes, causes and procedures that fit the court, parties with valid identifiers, lawyers,
panels and clerks from the court's own staff, and a timeline that walks the lifecycle table:
most cases closed within their time limit, some extended, some over it, some with an excluded
period (still running for a few), a few withdrawn before assignment. Appeals go to the parent
court and effective civil decisions are enforced at the court of first instance, each linked
to the case it comes from, parties carried over with their new roles.

Every random assignment stores a seed and the division's judges with their open caseloads,
and the judge in charge is the one ``cases.draw`` picks from them, so the demo's draws verify.

The generator only plans; ``cases.services.bulk.case_bulk_load`` numbers, checks and writes the
cases in one transaction. The same seed on the same database gives the same cases.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import random
from collections.abc import Sequence
from decimal import Decimal
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings

from tianping.accounts import selectors as account_selectors
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.cases.enums import (
    CaseCategory,
    CaseStatus,
    ClosingMethod,
    ExtensionApprover,
    Instance,
    LinkKind,
    PartyRole,
    Procedure,
)
from tianping.cases.services import bulk
from tianping.core import clock
from tianping.core.workdays import WorkingCalendar, working_calendar
from tianping.courts import selectors as court_selectors
from tianping.courts.enums import DivisionKind
from tianping.demo import beijing
from tianping.demo import case_tables as tables
from tianping.demo.people import Identities

DEFAULT_SEED = 2026
WINDOW_DAYS = 730  # cases are filed over the last two years
ONE_DAY = dt.timedelta(days=1)
S, M, R, C = CaseStatus, ClosingMethod, PartyRole, CaseCategory
CLAIMANT, RESPONDENT, THIRD = "claimant", "respondent", "third"

# Roles of fresh parties by instance: (claimant side, respondent side, third parties).
ROLES: dict[str, tuple[str, str, str]] = {
    Instance.FIRST: (R.PLAINTIFF, R.DEFENDANT, R.THIRD_PARTY),
    Instance.SECOND: (R.APPELLANT, R.APPELLEE, R.ORIGINAL_THIRD_PARTY),
    Instance.RETRIAL_REVIEW: (R.RETRIAL_APPLICANT, R.RETRIAL_RESPONDENT, R.ORIGINAL_THIRD_PARTY),
    Instance.SPECIAL: (R.APPLICANT, R.RESPONDENT, R.THIRD_PARTY),
    Instance.ENFORCEMENT: (R.ENFORCEMENT_APPLICANT, R.ENFORCEMENT_RESPONDENT, R.THIRD_PARTY),
}
CRIMINAL_FIRST_ROLES = (R.PROSECUTOR, R.ACCUSED, R.VICTIM)

T = TypeVar("T")


class Weighted(Generic[T]):
    """Items with weights, drawn by cumulative weight."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        kept = [(item, weight) for item, weight in pairs if weight > 0]
        if not kept:
            raise ValueError("nothing to draw from")
        self.items = [item for item, _ in kept]
        self.cumulative = list(itertools.accumulate(weight for _, weight in kept))

    def pick(self, rng: random.Random) -> T:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


@dataclasses.dataclass(slots=True)
class Staff:
    id: int
    name: str


@dataclasses.dataclass(slots=True)
class DivisionInfo:
    id: int
    name: str
    kind: str
    judges: list[Staff]
    clerks: list[Staff]
    heads: list[Staff]


@dataclasses.dataclass(slots=True, eq=False)
class CourtInfo:
    id: int
    code: str
    kind: str  # basic / internet / intermediate / ip / financial / high
    parent: CourtInfo | None
    district: str | None
    divisions: dict[str, list[DivisionInfo]]
    registrars: list[Staff]
    presidents: list[Staff]
    assessors: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(slots=True)
class Cause:
    id: int
    name: str


@dataclasses.dataclass(slots=True, eq=False)
class Extension:
    months: int
    days: int
    level: str
    court: CourtInfo
    approver: Staff
    requested_on: dt.date
    decided_on: dt.date


@dataclasses.dataclass(slots=True, eq=False)
class Plan:
    """One case as planned: where, what, and the dates of its life so far."""

    seq: int
    court: CourtInfo
    division: DivisionInfo
    type_code: str
    marker: str
    category: str
    instance: str
    procedure: str
    received_on: dt.date
    filed_on: dt.date
    cause: Cause | None
    amount: Decimal | None
    depth: int = 0
    origin: Plan | None = None
    link_kind: str = ""
    movers: str = ""  # the side that appeals
    status: str = S.REGISTERED
    assigned_on: dt.date | None = None
    trial_on: dt.date | None = None  # in trial, or investigating for enforcement
    disposing_on: dt.date | None = None
    closed_on: dt.date | None = None
    closing_method: str = ""
    effective_on: dt.date | None = None
    archived_on: dt.date | None = None
    extension: Extension | None = None
    suspension: tuple[str, dt.date, dt.date | None] | None = None
    has_children: bool = False
    case: bulk.BulkCase | None = None  # once generated (kept while derived cases need it)
    sides: list[str] = dataclasses.field(default_factory=list)


class CasePlanner:
    """Plans cases: court, type, cause, procedure, and the dates of each step of their lives so far."""

    def __init__(self, *, seed: int = DEFAULT_SEED, today: dt.date | None = None) -> None:
        self.rng = random.Random(f"tianping-demo-cases:{seed}")  # noqa: S311 (reproducible by design)
        self.today = today or clock.today()
        self.last_day = self.today - ONE_DAY  # nothing is dated today: every timestamp is in the past
        self.calendar: WorkingCalendar = working_calendar()
        self.time_limits = bulk.TimeLimits(self.today, self.calendar)
        self.people = Identities(self.rng, self.today)
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.types = {t.code: t for t in case_selectors.case_types()}
        self.courts = self._courts()
        if not self.courts:
            raise LookupError("the demo province is missing: run `python -m tianping demo` first")
        self.high = next(c for c in self.courts.values() if c.kind == "high")
        self.court_choice = Weighted([(c, tables.COURT_WEIGHTS.get(c.code, 1.0)) for c in self.courts.values()])
        self.root_types = {
            kind: Weighted([((code, marker, division), w) for code, marker, division, w in rows])
            for kind, rows in tables.ROOT_TYPES.items()
        }
        self.procedures = {key: Weighted(rows) for key, rows in tables.FIRST_INSTANCE_PROCEDURES.items()}
        self.endings = {
            name: Weighted(getattr(tables, name))
            for name in ("ENFORCEMENT_ENDINGS", "SECOND_INSTANCE_ENDINGS", "REVIEW_ENDINGS", "SPECIAL_ENDINGS",
                         "CRIMINAL_ENDINGS", "FIRST_INSTANCE_ENDINGS")
        }  # fmt: skip
        self._cause_pools()
        judge_ids = sorted(
            {j.id for c in self.courts.values() for ds in c.divisions.values() for d in ds for j in d.judges}
        )
        self.open_load = case_selectors.open_caseloads(judge_ids=judge_ids)

    # -- the province as it stands ---------------------------------------------------------

    def _courts(self) -> dict[str, CourtInfo]:
        data = {court.code: court for court in beijing.COURTS}
        courts: dict[str, CourtInfo] = {}
        for court in court_selectors.court_list().order_by("path"):
            spec = data.get(court.code)
            if spec is None:
                continue
            kind = {"ip": "ip", "financial": "financial", "internet": "internet"}.get(spec.specialty, spec.level)
            divisions: dict[str, list[DivisionInfo]] = {}
            for division in court_selectors.division_list(court=court):
                info = DivisionInfo(
                    division.pk,
                    division.name,
                    division.kind,
                    self._staff(court.pk, Role.JUDGE, division.pk),
                    self._staff(court.pk, Role.COURT_CLERK, division.pk),
                    self._staff(court.pk, Role.DIVISION_HEAD, division.pk),
                )
                divisions.setdefault(division.kind, []).append(info)
            courts[court.code] = CourtInfo(
                court.pk,
                court.code,
                kind,
                courts.get(spec.parent_code or ""),
                spec.region_name.removeprefix("北京市") if spec.level == "basic" and kind != "internet" else None,
                divisions,
                self._staff(court.pk, Role.FILING_CLERK),
                self._staff(court.pk, Role.PRESIDENT),
            )
        return courts

    @staticmethod
    def _staff(court_id: int, role: Role, division_id: int | None = None) -> list[Staff]:
        users = account_selectors.users_with_role(court_id=court_id, roles=[role], division_id=division_id)
        return [Staff(u.pk, u.display_name) for u in users]

    def _cause_pools(self) -> None:
        leaves: dict[str, list[tuple[int, str, str]]] = {}
        for category in (C.CIVIL, C.CRIMINAL, C.ADMINISTRATIVE):
            causes = list(case_selectors.cause_search(category=category, limit=100_000))
            parents = {c.parent_id for c in causes}
            leaves[category] = [(c.pk, c.name, c.path_name) for c in causes if c.pk not in parents]

        def pool(category: str, common: Sequence[tuple[str, float]], share: float, *paths: str) -> Weighted[Cause]:
            by_name = {name: Cause(pk, name) for pk, name, _ in leaves[category]}
            picks = [(by_name[name], w) for name, w in common if name in by_name]
            rest = [Cause(pk, name) for pk, name, path in leaves[category] if not paths or path.startswith(paths)]
            common_total = sum(w for _, w in picks) or 1.0
            rest_weight = common_total * (1 - share) / share / max(len(rest), 1) if picks else 1.0
            return Weighted([*picks, *((cause, rest_weight) for cause in rest)])

        def roots(category: str, weights: Sequence[tuple[str, float]]) -> Weighted[Cause]:
            pairs: list[tuple[Cause, float]] = []
            for root, weight in weights:
                under = [Cause(pk, name) for pk, name, path in leaves[category] if path.split(" / ")[0] == root]
                pairs.extend((cause, weight / len(under)) for cause in under)
            return Weighted(pairs or [(Cause(pk, name), 1.0) for pk, name, _ in leaves[category]])

        self.causes: dict[str, Weighted[Cause]] = {
            "civil": pool(C.CIVIL, tables.CIVIL_COMMON, 0.8, *tables.CIVIL_PARTS_ANY),
            "internet": pool(C.CIVIL, tables.INTERNET_COMMON, 1.0),
            "ip": pool(C.CIVIL, tables.IP_COMMON, 0.7, "第五部分"),
            "financial": pool(C.CIVIL, tables.FINANCIAL_COMMON, 0.8, "第八部分"),
            "special": pool(C.CIVIL, tables.SPECIAL_COMMON, 1.0),
            "payment_order": pool(C.CIVIL, tables.PAYMENT_ORDER_COMMON, 1.0),
            "criminal": pool(C.CRIMINAL, tables.CRIMINAL_COMMON, 0.86),
            "administrative": roots(C.ADMINISTRATIVE, tables.ADMINISTRATIVE_ROOTS),
            "ip_administrative": roots(C.ADMINISTRATIVE, tables.IP_ADMINISTRATIVE_ROOTS),
        }

    # -- dates -----------------------------------------------------------------------------

    def _workday(self, day: dt.date) -> dt.date:
        """The first working day from ``day``; never after the last day (then the one before)."""
        moved = self.calendar.next_working_day(day)
        if moved <= self.last_day:
            return moved
        while not self.calendar.is_working_day(day) and day > self.last_day - dt.timedelta(days=30):
            day -= ONE_DAY
        return day

    def _later(self, day: dt.date, low: int, high: int) -> dt.date:
        return self.calendar.next_working_day(day + dt.timedelta(days=self.rng.randint(low, high)))

    def _at(self, day: dt.date, low: float, high: float) -> dt.datetime:
        seconds = int(self.rng.uniform(low, high) * 3600)
        return dt.datetime(day.year, day.month, day.day, tzinfo=self.tz) + dt.timedelta(seconds=seconds)

    # -- planning --------------------------------------------------------------------------

    def plan(self, count: int) -> list[Plan]:
        plans: list[Plan] = []
        while len(plans) < count:
            plans.extend(self._unit(len(plans)))
        del plans[count:]  # a derived case cut off here never loses its origin: origins come first
        plans.sort(key=lambda p: (p.received_on, p.filed_on, p.depth, p.seq))
        return plans

    def _unit(self, seq: int) -> list[Plan]:
        """A root case and the cases derived from it (appeal, enforcement)."""
        rng = self.rng
        court = self.court_choice.pick(rng)
        code, marker, division_kind = self.root_types[court.kind].pick(rng)
        days_ago = int(WINDOW_DAYS * rng.random() ** 1.15)
        filed = self._workday(self.last_day - dt.timedelta(days=days_ago))
        root = self._new(seq, court, code, marker, division_kind, filed, cause=None, amount=None)
        if root is None:
            return []
        self._schedule(root)
        unit = [root]
        appeal = self._appeal(root, seq + len(unit))
        if appeal is not None:
            unit.append(appeal)
            enforcement = self._enforcement(appeal, seq + len(unit), root.court)
            if enforcement is not None:
                unit.append(enforcement)
        else:
            enforcement = self._enforcement(root, seq + len(unit), root.court)
            if enforcement is not None:
                unit.append(enforcement)
        return unit

    def _new(
        self,
        seq: int,
        court: CourtInfo,
        code: str,
        marker: str,
        division_kind: str,
        filed: dt.date,
        *,
        cause: Cause | None,
        amount: Decimal | None,
        origin: Plan | None = None,
        link_kind: str = "",
    ) -> Plan | None:
        rng = self.rng
        case_type = self.types.get(code)
        divisions = court.divisions.get(division_kind) or court.divisions.get(DivisionKind.CIVIL)
        if case_type is None or not divisions:
            return None
        division = rng.choice(divisions)
        procedure = case_type.default_procedure
        key = (code, "internet" if court.kind == "internet" else "basic")
        if court.kind in ("basic", "internet") and key in self.procedures:
            procedure = self.procedures[key].pick(rng)
        if cause is None:
            cause = self._cause(court, code, case_type.category)
        if amount is None and origin is None:
            amount = self._amount(court, case_type.category, code, procedure, cause)
        review_days = (
            rng.choice((0, 0, 0, 1, 2, 3, 5, 7)) if case_type.instance == Instance.FIRST else rng.randint(0, 3)
        )
        received = filed - dt.timedelta(days=review_days)
        return Plan(
            seq=seq, court=court, division=division, type_code=code, marker=marker, category=case_type.category,
            instance=case_type.instance, procedure=procedure, received_on=received, filed_on=filed, cause=cause,
            amount=amount, depth=origin.depth + 1 if origin else 0, origin=origin, link_kind=link_kind,
        )  # fmt: skip

    def _cause(self, court: CourtInfo, code: str, category: str) -> Cause | None:
        if category == C.CRIMINAL:
            pool = "criminal"
        elif category == C.ADMINISTRATIVE:
            pool = "ip_administrative" if court.kind == "ip" else "administrative"
        elif code == "民特":
            pool = "special"
        elif code == "民督":
            pool = "payment_order"
        elif court.kind in ("internet", "ip", "financial"):
            pool = court.kind
        else:
            pool = "civil"
        return self.causes[pool].pick(self.rng)

    def _amount(
        self, court: CourtInfo, category: str, code: str, procedure: str, cause: Cause | None
    ) -> Decimal | None:
        rng = self.rng
        name = cause.name if cause else ""
        if category in (C.CRIMINAL, C.ADMINISTRATIVE) or code == "民特":
            return None
        if any(word in name for word in tables.FAMILY_WORDS) and rng.random() < 0.5:
            return None
        if procedure == Procedure.SMALL_CLAIMS:
            value = rng.uniform(800, 50_000)
        elif procedure == Procedure.SIMPLIFIED or code in ("民督", "执"):
            value = rng.lognormvariate(math.log(60_000), 1.0)
        elif court.kind in ("basic", "internet"):
            value = rng.lognormvariate(math.log(350_000), 1.2)
        elif court.kind == "high":
            value = rng.lognormvariate(math.log(60_000_000), 1.0)
        else:
            value = rng.lognormvariate(math.log(5_000_000), 1.3)
        return Decimal(f"{min(value, 9.9e11):.2f}")

    def _ending(self, plan: Plan) -> str:
        if plan.category == C.ENFORCEMENT:
            rows = "ENFORCEMENT_ENDINGS"
        elif plan.instance == Instance.SECOND:
            rows = "SECOND_INSTANCE_ENDINGS"
        elif plan.instance == Instance.RETRIAL_REVIEW:
            rows = "REVIEW_ENDINGS"
        elif plan.instance == Instance.SPECIAL:
            rows = "SPECIAL_ENDINGS"
        elif plan.category == C.CRIMINAL:
            rows = "CRIMINAL_ENDINGS"
        else:
            rows = "FIRST_INSTANCE_ENDINGS"
        return str(self.endings[rows].pick(self.rng))

    def _schedule(self, plan: Plan) -> None:
        """Decide how far the case has come by the last day, and when each step happened."""
        rng, last, limits = self.rng, self.last_day, self.time_limits
        method = self._ending(plan)
        plan.closing_method = method
        if method == M.WITHDRAWAL and plan.category != C.ENFORCEMENT and rng.random() < 0.1:
            closed = self._later(plan.filed_on, 1, 5)  # withdrawn before assignment
            if closed <= last:
                plan.closed_on = closed
                self._finish(plan, takes_effect=False)
            return
        base = limits.deadline(category=plan.category, procedure=plan.procedure, filed_on=plan.filed_on)
        limit = (base - plan.filed_on).days if base else rng.randint(30, 90)
        plan.assigned_on = self._later(plan.filed_on, 0, 2)
        plan.trial_on = self._later(plan.assigned_on, 1, 10)
        roll = rng.random()
        if roll < 0.8:
            duration = limit * rng.triangular(0.12, 0.98, 0.6)
        elif roll < 0.91 and base is not None and (extension := self._extension(plan, base)) is not None:
            plan.extension = extension
            extended = limits.deadline(
                category=plan.category,
                procedure=plan.procedure,
                filed_on=plan.filed_on,
                extensions=[(extension.months, extension.days)],
            )
            assert extended is not None
            duration = limit + (extended - base).days * rng.uniform(0.1, 0.95)
        else:
            duration = limit * rng.uniform(1.03, 1.5)  # over the limit: overdue while open
        closed = self.calendar.next_working_day(plan.filed_on + dt.timedelta(days=int(duration)))
        closed = max(closed, self._later(plan.trial_on, 1, 3))
        reasons = tables.SUSPENSION_REASONS.get(plan.category)
        if reasons and rng.random() < 0.07:
            # The clock stops: the case closes that much later, and never before the period ends.
            start = self._later(plan.trial_on, int(duration * 0.15), int(duration * 0.6))
            end = start + dt.timedelta(days=rng.randint(15, 90))
            closed = max(closed + (end - start), self._later(end, 1, 5))
            if start <= last:
                plan.suspension = (rng.choice(reasons), start, end if end <= last else None)
        if plan.extension and plan.extension.requested_on > min(last, closed):
            plan.extension = None
        if closed <= last:
            plan.closed_on = closed
            if plan.category == C.ENFORCEMENT and rng.random() < 0.35:
                disposing = self._later(plan.trial_on, 30, 120)
                plan.disposing_on = disposing if disposing < closed else None
            self._finish(plan, takes_effect=method in tables.TAKES_EFFECT and plan.category != C.ENFORCEMENT)
            return
        if plan.assigned_on > last:
            plan.assigned_on = plan.trial_on = None
            plan.status = S.REGISTERED
        elif plan.trial_on > last:
            plan.trial_on = None
            plan.status = S.ASSIGNED
        elif plan.category == C.ENFORCEMENT:
            disposing = self._later(plan.trial_on, 30, 120)
            if disposing <= last and rng.random() < 0.35:
                plan.disposing_on, plan.status = disposing, S.DISPOSING
            else:
                plan.status = S.INVESTIGATING
        else:
            plan.status = S.IN_TRIAL
        plan.closing_method = ""

    def _finish(self, plan: Plan, *, takes_effect: bool) -> None:
        """Closed: maybe effective by now, maybe archived."""
        rng, last = self.rng, self.last_day
        assert plan.closed_on is not None
        plan.status, plan.effective_on, plan.archived_on = S.CLOSED, None, None
        settled_on = plan.closed_on
        if takes_effect:
            if plan.closing_method == M.MEDIATION or plan.instance in (Instance.SECOND, Instance.RETRIAL_REVIEW):
                effective = self._later(plan.closed_on, 0, 12)
            elif plan.category == C.CRIMINAL:
                effective = self._later(plan.closed_on, 12, 25)
            else:
                effective = self._later(plan.closed_on, 18, 40)
            if effective > last:
                return
            plan.status, plan.effective_on, settled_on = S.EFFECTIVE, effective, effective
        archived = self._later(settled_on, 20, 150)
        if archived <= last and rng.random() < 0.85:
            plan.status, plan.archived_on = S.ARCHIVED, archived

    def _extension(self, plan: Plan, base: dt.date) -> Extension | None:
        allowance = self.time_limits.next_extension(category=plan.category, procedure=plan.procedure)
        if allowance is None or plan.trial_on is None:
            return None
        level = allowance.approver_level
        court: CourtInfo | None = {
            ExtensionApprover.PRESIDENT: plan.court,
            ExtensionApprover.HIGHER_COURT: plan.court.parent,
            ExtensionApprover.HIGH_COURT: self.high,
        }.get(ExtensionApprover(level))
        if court is None or not court.presidents:
            return None  # the Supreme People's Court is not in the demo
        months, days = (allowance.months, allowance.days) if allowance.months or allowance.days else (3, 0)
        ask = self.time_limits.ask_days_before_expiry(category=plan.category, procedure=plan.procedure)
        requested = max(base - dt.timedelta(days=self.rng.randint(max(ask, 7), 20)), plan.trial_on + ONE_DAY)
        requested = self.calendar.next_working_day(requested)
        if requested >= base:
            return None
        decided = min(self._later(requested, 1, 3), self.last_day)
        return Extension(months, days, level, court, self.rng.choice(court.presidents), requested, decided)

    def _appeal(self, origin: Plan, seq: int) -> Plan | None:
        rate = tables.APPEAL_RATES.get(origin.type_code, 0.0)
        if (
            origin.closed_on is None
            or origin.closing_method not in (M.JUDGMENT, M.DISMISSAL)
            or origin.court.parent is None
            or origin.court.kind == "ip"  # IP appeals go to the Supreme People's Court
            or self.rng.random() >= rate
        ):
            return None
        filed = self._later(origin.closed_on, 25, 60)
        if filed > self.last_day:
            return None
        kind = origin.division.kind
        appeal = self._new(
            seq, origin.court.parent, tables.APPEAL_TYPES[origin.type_code], origin.marker, kind, filed,
            cause=origin.cause, amount=origin.amount, origin=origin, link_kind=LinkKind.APPEAL,
        )  # fmt: skip
        if appeal is None:
            return None
        appeal.movers = RESPONDENT if origin.category == C.CRIMINAL or self.rng.random() < 0.6 else CLAIMANT
        self._schedule(appeal)
        origin.has_children = True
        # An appealed judgment never takes effect; the first-instance file is archived once the appeal ends.
        origin.status, origin.effective_on, origin.archived_on = S.CLOSED, None, None
        if appeal.closed_on is not None:
            archived = self._later(appeal.closed_on, 10, 60)
            if archived <= self.last_day and self.rng.random() < 0.7:
                origin.status, origin.archived_on = S.ARCHIVED, archived
        return appeal

    def _enforcement(self, origin: Plan, seq: int, court: CourtInfo) -> Plan | None:
        rate = tables.ENFORCEMENT_RATE if origin.instance == Instance.FIRST else tables.ENFORCEMENT_RATE * 0.7
        if (
            origin.category != C.CIVIL
            or origin.effective_on is None
            or origin.amount is None
            or origin.closing_method not in (M.JUDGMENT, M.MEDIATION)
            or not court.divisions.get(DivisionKind.ENFORCEMENT)
            or self.rng.random() >= rate
        ):
            return None
        filed = self._later(origin.effective_on, 15, 120)
        if filed > self.last_day:
            return None
        amount = Decimal(f"{float(origin.amount) * self.rng.uniform(0.3, 1.0):.2f}")
        case = self._new(
            seq, court, "执", "", DivisionKind.ENFORCEMENT, filed, cause=origin.cause, amount=amount,
            origin=origin, link_kind=LinkKind.ENFORCEMENT,
        )  # fmt: skip
        if case is None:
            return None
        self._schedule(case)
        origin.has_children = True
        return case
