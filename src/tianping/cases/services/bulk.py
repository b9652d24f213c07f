"""Loading cases in bulk: demo data, benchmark corpora, cases migrated from an earlier system.

``case_register`` and the other services write one case at a time, each with its own checks
and audit record. This path takes cases that are already complete (parties and agents, panel,
timeline, assignments, extensions, excluded periods) and writes them with ``bulk_create`` in
batches, inside one transaction with one summarising audit record. It keeps the rules that make
the record trustworthy:

* numbers continue the court + type code + marker + year sequences, whose rows stay locked until
  the load commits and are moved on in the same transaction: a registration after the load gets
  the next serial, and one during the load waits;
* the timeline of every case is a path of the declared lifecycle ending in the case's status;
* every random assignment re-runs from its stored seed and candidates to its judge, and the
  judge in charge is the one the last approved assignment named;
* the deadline is computed from the time-limit rules on the working-day calendar, with the
  approved extensions and excluded periods, exactly as ``case_deadline_refresh`` does;
* ID numbers, credit codes and mobiles are checked; every party gets a unique query code.

Cases are written in the order given (serials follow it within each sequence); an origin
must come before the cases linked to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from tianping.cases import draw, lifecycle, timelimits
from tianping.cases.enums import ApprovalStatus, AssignmentMethod, CaseStatus, LinkKind, PartyKind
from tianping.cases.models import (
    Agent,
    Assignment,
    Case,
    CaseEvent,
    CaseNumberSequence,
    CaseType,
    PanelMember,
    Party,
    Suspension,
    TimeLimitExtension,
)
from tianping.cases.numbers import MARKERS, format_case_number
from tianping.cases.services.registration import PROCEDURES_BY_CATEGORY, QUERY_CODE_ALPHABET, QUERY_CODE_LENGTH
from tianping.core import audit, clock
from tianping.core.errors import ValidationFailed
from tianping.core.validators import parse_credit_code, parse_id_number, parse_mobile
from tianping.core.workdays import WorkingCalendar, working_calendar

BATCH_SIZE = 2000


@dataclasses.dataclass(slots=True)
class BulkAgent:
    kind: str
    name: str
    id_number: str = ""
    licence_no: str = ""
    law_firm: str = ""
    mobile: str = ""


@dataclasses.dataclass(slots=True, eq=False)
class BulkParty:
    kind: str
    role: str
    name: str
    gender: str = ""
    birth_date: dt.date | None = None
    ethnicity: str = ""
    id_number: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    address: str = ""
    mobile: str = ""
    agents: list[BulkAgent] = dataclasses.field(default_factory=list)
    source: BulkParty | None = None  # the party of the origin case this one is carried over from
    pk: int = 0  # set by the load


@dataclasses.dataclass(slots=True)
class BulkPanelMember:
    role: str
    name: str
    user_id: int | None = None


@dataclasses.dataclass(slots=True)
class BulkEvent:
    occurred_at: dt.datetime
    action: str
    from_status: str = ""
    to_status: str = ""
    actor_id: int | None = None
    note: str = ""


@dataclasses.dataclass(slots=True)
class BulkAssignment:
    method: str
    judge_id: int
    requested_by_id: int
    status: str = ApprovalStatus.APPROVED
    seed: str = ""
    candidates: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    reason: str = ""
    note: str = ""
    previous_judge_id: int | None = None
    decided_by_id: int | None = None
    decided_at: dt.datetime | None = None


@dataclasses.dataclass(slots=True)
class BulkExtension:
    months: int
    days: int
    reason: str
    approver_level: str
    approver_court_id: int
    requested_by_id: int
    status: str = ApprovalStatus.APPROVED
    decided_by_id: int | None = None
    decided_at: dt.datetime | None = None


@dataclasses.dataclass(slots=True)
class BulkSuspension:
    reason: str
    started_on: dt.date
    started_by_id: int
    ended_on: dt.date | None = None
    status: str = ApprovalStatus.APPROVED
    decided_by_id: int | None = None
    decided_at: dt.datetime | None = None
    ended_by_id: int | None = None
    note: str = ""


@dataclasses.dataclass(slots=True, eq=False)
class BulkCase:
    court_id: int
    court_code: str
    type_code: str
    procedure: str
    received_on: dt.date
    filed_on: dt.date
    status: str
    marker: str = ""
    cause_id: int | None = None
    claim_amount: Decimal | None = None
    title: str = ""
    division_id: int | None = None
    judge_id: int | None = None
    clerk_id: int | None = None
    registered_by_id: int | None = None
    closed_on: dt.date | None = None
    closing_method: str = ""
    closing_outcome: str = ""
    effective_on: dt.date | None = None
    is_secret: bool = False
    involves_minor: bool = False
    is_private: bool = False
    origin: BulkCase | None = None
    link_kind: str = ""
    parties: list[BulkParty] = dataclasses.field(default_factory=list)
    panel: list[BulkPanelMember] = dataclasses.field(default_factory=list)
    events: list[BulkEvent] = dataclasses.field(default_factory=list)
    assignments: list[BulkAssignment] = dataclasses.field(default_factory=list)
    extensions: list[BulkExtension] = dataclasses.field(default_factory=list)
    suspensions: list[BulkSuspension] = dataclasses.field(default_factory=list)
    pk: int = 0  # set by the load
    number: str = ""  # set by the load


@dataclasses.dataclass(frozen=True)
class ExtensionAllowance:
    """The next extension a procedure allows: who approves it and for how long at most (0/0: open-ended)."""

    approver_level: str
    months: int
    days: int


@dataclasses.dataclass
class BulkLoadSummary:
    cases: int = 0
    parties: int = 0
    agents: int = 0
    panel_members: int = 0
    events: int = 0
    assignments: int = 0
    extensions: int = 0
    suspensions: int = 0
    sequences: int = 0

    def as_changes(self) -> dict[str, list[Any]]:
        return {name: [None, value] for name, value in dataclasses.asdict(self).items()}


class TimeLimits:
    """The time-limit rules on one snapshot of the working-day calendar, for planning many cases."""

    def __init__(self, today: dt.date | None = None, calendar: WorkingCalendar | None = None) -> None:
        self.today = today or clock.today()
        self.calendar = calendar or working_calendar()

    def deadline(
        self,
        *,
        category: str,
        procedure: str,
        filed_on: dt.date | None,
        extensions: Iterable[tuple[int, int]] = (),
        suspensions: Iterable[tuple[dt.date, dt.date | None]] = (),
    ) -> dt.date | None:
        """The deadline with these approved extensions (months, days) and excluded periods; None: no limit."""
        rule = timelimits.rule_for(category, procedure)
        if rule is None or filed_on is None:
            return None
        periods = [timelimits.Period(months, days) for months, days in extensions]
        excluded = timelimits.excluded_days(suspensions, self.today)
        return timelimits.deadline(filed_on, rule, periods, excluded, self.calendar)

    def next_extension(self, *, category: str, procedure: str, approved_so_far: int = 0) -> ExtensionAllowance | None:
        rule = timelimits.rule_for(category, procedure)
        step = rule.extension_step(approved_so_far) if rule else None
        if step is None:
            return None
        limit = step.limit or timelimits.Period()
        return ExtensionAllowance(str(step.approver), limit.months, limit.days)

    def ask_days_before_expiry(self, *, category: str, procedure: str) -> int:
        rule = timelimits.rule_for(category, procedure)
        return rule.ask_days_before_expiry if rule else 0


def draw_judge(*, seed: str, candidates: Sequence[dict[str, Any]]) -> int:
    """The judge a random draw with ``seed`` picks among ``candidates`` (``{judge_id, name, open_cases}``)."""
    return draw.draw(seed, [draw.Candidate.from_record(c) for c in candidates]).judge_id


def case_bulk_load(
    *,
    actor: Any,
    cases: Iterable[BulkCase],
    audit_action: str = "case.bulk_load",
    batch_size: int = BATCH_SIZE,
    rng: random.Random | None = None,
    progress: Callable[[int], None] | None = None,
) -> BulkLoadSummary:
    """Write complete cases in bulk, in one transaction, with one summarising audit record.

    ``rng`` draws the query codes (seed it for a reproducible load). Raises ``ValidationFailed``
    naming the offending case, and then nothing at all is written."""
    with transaction.atomic():
        loader = _Loader(rng or random.SystemRandom())
        for batch in _batched(cases, batch_size):
            loader.load(batch)
            if progress:
                progress(loader.summary.cases)
        loader.save_sequences()
        if loader.summary.cases:
            audit.record(
                actor=actor, action=audit_action, object_type="cases.Case", changes=loader.summary.as_changes()
            )
    if loader.summary.cases:
        refresh_statistics()
    return loader.summary


def refresh_statistics() -> None:
    """Give the query planner fresh statistics on the case tables after a bulk load.

    Without them SQLite (no statistics until ANALYZE) sorts the whole case table for a
    page of the case list (130 ms at 100,000 cases) instead of walking the filing-date
    index (0.02 ms); PostgreSQL's autovacuum would get there, but only later."""
    quote = connection.ops.quote_name
    models = (Case, Party, Agent, PanelMember, CaseEvent, Assignment, TimeLimitExtension, Suspension)
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def _batched(items: Iterable[BulkCase], size: int) -> Iterator[list[BulkCase]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _invalid(case: BulkCase, message: str, **details: Any) -> ValidationFailed:
    where = {"court": case.court_code, "type_code": case.type_code, "filed_on": str(case.filed_on)}
    return ValidationFailed(f"批量导入的案件有误：{message}", code="invalid_bulk_case", details={**where, **details})


class _Loader:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.today = clock.today()
        self.time_limits = TimeLimits(self.today)
        self.types = {t.code: t for t in CaseType.objects.all()}
        self.sequences: dict[tuple[int, str, str, int], CaseNumberSequence] = {}
        self.codes: set[str] = set()
        self.summary = BulkLoadSummary()

    # -- checks and derived fields ---------------------------------------------------------

    def _prepare(self, case: BulkCase) -> Case:
        case_type = self.types.get(case.type_code)
        if case_type is None:
            raise _invalid(case, "未知的类型代字")
        if case.marker and case.marker not in MARKERS:
            raise _invalid(case, "未知的专门审判代字", marker=case.marker)
        allowed = PROCEDURES_BY_CATEGORY.get(case_type.category)
        if allowed is not None and case.procedure not in allowed:
            raise _invalid(case, "审理程序与案件类别不符", procedure=case.procedure)
        if case.origin is not None and (not case.origin.pk or case.link_kind not in LinkKind.values):
            raise _invalid(case, "关联案件须排在原案之后并注明关联类型")
        if not case.parties:
            raise _invalid(case, "至少应有一名当事人")
        self._check_timeline(case, case_type.category)
        self._check_assignments(case)
        for party in case.parties:
            self._check_party(case, party)
        year = case.received_on.year
        serial = self._serial(case, year)
        case.number = format_case_number(year, case.court_code, case.marker, case.type_code, serial)
        approved = [s for s in case.suspensions if s.status == ApprovalStatus.APPROVED]
        deadline = self.time_limits.deadline(
            category=case_type.category,
            procedure=case.procedure,
            filed_on=case.filed_on,
            extensions=[(e.months, e.days) for e in case.extensions if e.status == ApprovalStatus.APPROVED],
            suspensions=[(s.started_on, s.ended_on) for s in approved],
        )
        ongoing = sorted(s.started_on for s in approved if s.ended_on is None)
        for event in case.events:
            if event.to_status == CaseStatus.REGISTERED and case.origin is not None and not event.note:
                event.note = f"{LinkKind(case.link_kind).label}：{case.origin.number}"
        return Case(
            court_id=case.court_id, case_type_id=case.type_code, category=case_type.category, marker=case.marker,
            year=year, serial=serial, number=case.number,
            procedure=case.procedure, cause_id=case.cause_id, title=case.title[:200], claim_amount=case.claim_amount,
            received_on=case.received_on, filed_on=case.filed_on, division_id=case.division_id,
            judge_id=case.judge_id, clerk_id=case.clerk_id, status=case.status, closed_on=case.closed_on,
            closing_method=case.closing_method, closing_outcome=case.closing_outcome[:200],
            effective_on=case.effective_on, is_secret=case.is_secret, involves_minor=case.involves_minor,
            is_private=case.is_private, origin_id=case.origin.pk if case.origin else None,
            link_kind=case.link_kind if case.origin else "", deadline=deadline,
            suspended_since=ongoing[0] if ongoing else None, registered_by_id=case.registered_by_id,
        )  # fmt: skip

    def _check_timeline(self, case: BulkCase, category: str) -> None:
        status = CaseStatus.PENDING
        for event in case.events:
            if not event.to_status:
                continue
            if event.from_status != status or not lifecycle.is_allowed(category, status, event.to_status):
                raise _invalid(case, "案件节点不符合状态流转规则", step=[event.from_status, event.to_status])
            status = CaseStatus(event.to_status)
        if status != case.status:
            raise _invalid(case, "案件节点与案件状态不一致", status=case.status, timeline_ends=status)

    def _check_assignments(self, case: BulkCase) -> None:
        for assignment in case.assignments:
            if assignment.method == AssignmentMethod.RANDOM and (
                not assignment.candidates
                or draw_judge(seed=assignment.seed, candidates=assignment.candidates) != assignment.judge_id
            ):
                raise _invalid(case, "随机分案记录无法复验", seed=assignment.seed)
        approved = [a for a in case.assignments if a.status == ApprovalStatus.APPROVED]
        if approved and approved[-1].judge_id != case.judge_id:
            raise _invalid(case, "承办法官与分案记录不一致")

    def _check_party(self, case: BulkCase, party: BulkParty) -> None:
        try:
            if party.kind == PartyKind.NATURAL and party.id_number:
                parse_id_number(party.id_number, today=self.today)
            if party.kind != PartyKind.NATURAL and party.credit_code:
                parse_credit_code(party.credit_code)
            if party.mobile:
                parse_mobile(party.mobile)
            for agent in party.agents:
                if agent.id_number:
                    parse_id_number(agent.id_number, today=self.today)
                if agent.mobile:
                    parse_mobile(agent.mobile)
        except ValidationFailed as exc:
            raise _invalid(case, exc.message, party=party.name) from exc
        if party.source is not None and not party.source.pk:
            raise _invalid(case, "承继的原审当事人尚未导入", party=party.name)

    def _serial(self, case: BulkCase, year: int) -> int:
        key = (case.court_id, case.type_code, case.marker, year)
        sequence = self.sequences.get(key)
        if sequence is None:
            # Locked until the load commits: a concurrent registration waits, then continues after us.
            sequence, _created = CaseNumberSequence.objects.select_for_update().get_or_create(
                court_id=key[0], type_code=key[1], marker=key[2], year=key[3]
            )
            self.sequences[key] = sequence
        sequence.last_serial += 1
        return sequence.last_serial

    def save_sequences(self) -> None:
        CaseNumberSequence.objects.bulk_update(list(self.sequences.values()), ["last_serial"], batch_size=500)
        self.summary.sequences = len(self.sequences)

    def _query_codes(self, count: int) -> list[str]:
        """``count`` new query codes, unique in the table and in this load (in draw order: reproducible)."""
        alphabet, rng = QUERY_CODE_ALPHABET, self.rng
        fresh: list[str] = []
        while len(fresh) < count:
            drawn = ["".join(rng.choices(alphabet, k=QUERY_CODE_LENGTH)) for _ in range(count - len(fresh))]
            taken = set(Party.objects.filter(query_code__in=drawn).values_list("query_code", flat=True))
            for code in drawn:
                if code not in taken and code not in self.codes:
                    self.codes.add(code)
                    fresh.append(code)
        return fresh

    # -- writing ---------------------------------------------------------------------------

    def load(self, batch: list[BulkCase]) -> None:
        # Cases whose origin is in the same batch go in a later round, once the origin has its id.
        rounds: list[list[BulkCase]] = []
        depth: dict[int, int] = {}
        for case in batch:
            level = depth[id(case.origin)] + 1 if case.origin is not None and id(case.origin) in depth else 0
            depth[id(case)] = level
            if level == len(rounds):
                rounds.append([])
            rounds[level].append(case)
        for cases in rounds:
            self._insert_cases(cases)
        self._insert_details(batch)

    def _insert_cases(self, cases: list[BulkCase]) -> None:
        rows = [self._prepare(case) for case in cases]
        Case.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        for case, row in zip(cases, rows, strict=True):
            case.pk = row.pk
        parties = [(case, party) for case in cases for party in case.parties]
        codes = iter(self._query_codes(len(parties)))
        party_rows = [
            Party(
                case_id=case.pk, kind=p.kind, role=p.role, name=p.name, gender=p.gender, birth_date=p.birth_date,
                ethnicity=p.ethnicity, id_number=p.id_number, credit_code=p.credit_code,
                legal_representative=p.legal_representative, address=p.address, mobile=p.mobile,
                source_party_id=p.source.pk if p.source else None, query_code=next(codes), order=order,
            )
            for case in cases for order, p in enumerate(case.parties)
        ]  # fmt: skip
        Party.objects.bulk_create(party_rows, batch_size=BATCH_SIZE)
        for (_case, party), party_row in zip(parties, party_rows, strict=True):
            party.pk = party_row.pk
        self.summary.cases += len(rows)
        self.summary.parties += len(party_rows)

    def _insert_details(self, batch: list[BulkCase]) -> None:
        agents = [
            Agent(party_id=p.pk, kind=a.kind, name=a.name, id_number=a.id_number, licence_no=a.licence_no,
                  law_firm=a.law_firm, mobile=a.mobile)
            for case in batch for p in case.parties for a in p.agents
        ]  # fmt: skip
        panel = [
            PanelMember(case_id=case.pk, role=m.role, user_id=m.user_id, name=m.name)
            for case in batch
            for m in case.panel
        ]
        events = [
            CaseEvent(case_id=case.pk, occurred_at=e.occurred_at, action=e.action, from_status=e.from_status,
                      to_status=e.to_status, actor_id=e.actor_id, note=e.note[:300])
            for case in batch for e in case.events
        ]  # fmt: skip
        assignments = [
            Assignment(case_id=case.pk, method=a.method, judge_id=a.judge_id, previous_judge_id=a.previous_judge_id,
                       seed=a.seed, candidates=a.candidates, reason=a.reason, note=a.note[:300],
                       requested_by_id=a.requested_by_id, status=a.status, decided_by_id=a.decided_by_id,
                       decided_at=a.decided_at)
            for case in batch for a in case.assignments
        ]  # fmt: skip
        extensions = [
            TimeLimitExtension(case_id=case.pk, months=e.months, days=e.days, reason=e.reason[:300],
                               approver_level=e.approver_level, approver_court_id=e.approver_court_id,
                               requested_by_id=e.requested_by_id, status=e.status, decided_by_id=e.decided_by_id,
                               decided_at=e.decided_at)
            for case in batch for e in case.extensions
        ]  # fmt: skip
        suspensions = [
            Suspension(case_id=case.pk, reason=s.reason, note=s.note[:300], started_on=s.started_on,
                       ended_on=s.ended_on, started_by_id=s.started_by_id, status=s.status,
                       decided_by_id=s.decided_by_id, decided_at=s.decided_at, ended_by_id=s.ended_by_id)
            for case in batch for s in case.suspensions
        ]  # fmt: skip
        Agent.objects.bulk_create(agents, batch_size=BATCH_SIZE)
        PanelMember.objects.bulk_create(panel, batch_size=BATCH_SIZE)
        CaseEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        Assignment.objects.bulk_create(assignments, batch_size=BATCH_SIZE)
        TimeLimitExtension.objects.bulk_create(extensions, batch_size=BATCH_SIZE)
        Suspension.objects.bulk_create(suspensions, batch_size=BATCH_SIZE)
        s = self.summary
        s.agents += len(agents)
        s.panel_members += len(panel)
        s.events += len(events)
        s.assignments += len(assignments)
        s.extensions += len(extensions)
        s.suspensions += len(suspensions)
