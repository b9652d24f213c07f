"""Synthetic cases for the demo province: ``python -m tianping demo --cases N [--seed S]``.

Cases are filed over the last two years across the Beijing courts (basic courts most), with
type codes, causes and procedures that fit the court, parties with valid identifiers, lawyers,
panels and clerks from the court's own staff, and a timeline that walks the lifecycle table:
most cases closed within their time limit, some extended, some over it, some with an excluded
period (still running for a few), a few withdrawn before assignment. Appeals go to the parent
court and effective civil decisions are enforced at the court of first instance, each linked
to the case it comes from, parties carried over with their new roles.

Every random assignment stores a seed and the division's judges with their open caseloads,
and the judge in charge is the one ``cases.draw`` picks from them, so the demo's draws verify.

``case_plan`` plans; this module turns plans into complete cases (parties, assignment, panel,
timeline); ``cases.services.bulk.case_bulk_load`` numbers, checks and writes them in one
transaction. The same seed on the same database gives the same cases.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable, Iterator

from tianping.cases.enums import (
    AgentKind,
    AssignmentMethod,
    CaseCategory,
    CaseStatus,
    ClosingMethod,
    DesignationReason,
    ExtensionApprover,
    Instance,
    LinkKind,
    PanelRole,
    PartyKind,
    PartyRole,
    Procedure,
    SuspensionReason,
)
from tianping.cases.services import bulk
from tianping.cases.services.lifecycle import ACTION_NAMES
from tianping.courts.enums import DivisionKind
from tianping.demo import case_tables as tables
from tianping.demo.case_plan import DEFAULT_SEED, CasePlanner, CourtInfo, Plan, Staff
from tianping.demo.people import Organisation

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


class CaseGenerator(CasePlanner):
    """Plans ``count`` cases and yields them, complete, in filing order."""

    # -- the cases -------------------------------------------------------------------------

    def cases(self, count: int) -> Iterator[bulk.BulkCase]:
        plans: list[Plan | None] = list(self.plan(count))
        for index, plan in enumerate(plans):
            assert plan is not None
            case = self._case(plan)
            if plan.has_children:
                plan.case = case
            plans[index] = None  # let it go once written (origins stay reachable from their children)
            yield case

    def _case(self, plan: Plan) -> bulk.BulkCase:
        rng = self.rng
        parties = self._carried(plan) if plan.origin is not None else self._fresh(plan)
        origin_case = plan.origin.case if plan.origin is not None else None
        cause_name = plan.cause.name if plan.cause else self.types[plan.type_code].name
        registrar = self._registrar(plan)
        flags = self._flags(plan, cause_name, origin_case)
        case = bulk.BulkCase(
            court_id=plan.court.id, court_code=plan.court.code, type_code=plan.type_code, marker=plan.marker,
            procedure=plan.procedure, received_on=plan.received_on, filed_on=plan.filed_on, status=plan.status,
            cause_id=plan.cause.id if plan.cause else None, claim_amount=plan.amount,
            title=self._title(plan, parties, cause_name), division_id=plan.division.id,
            registered_by_id=registrar.id if registrar else None,
            closed_on=plan.closed_on, closing_method=plan.closing_method if plan.closed_on else "",
            closing_outcome=self._outcome(plan) if plan.closed_on else "", effective_on=plan.effective_on,
            is_secret=flags[0], involves_minor=flags[1], is_private=flags[2], origin=origin_case,
            link_kind=plan.link_kind, parties=parties,
        )  # fmt: skip
        judge = self._assign(plan, case) if plan.assigned_on else None
        if judge is not None:
            case.panel = self._panel(plan, judge)
            clerks = (
                plan.division.clerks
                or next(iter(plan.court.divisions.get(DivisionKind.FILING, [])), plan.division).clerks
            )
            case.clerk_id = rng.choice(clerks).id if clerks else None
        case.events.extend(self._events(plan, case, judge))
        case.events.sort(key=lambda e: e.occurred_at)
        if judge is not None and plan.status in (S.ASSIGNED, S.IN_TRIAL, S.INVESTIGATING, S.DISPOSING):
            self.open_load[judge.id] = self.open_load.get(judge.id, 0) + 1
        return case

    def _registrar(self, plan: Plan) -> Staff | None:
        registrars = plan.court.registrars
        return registrars[plan.seq % len(registrars)] if registrars else None

    def _flags(self, plan: Plan, cause_name: str, origin: bulk.BulkCase | None) -> tuple[bool, bool, bool]:
        if origin is not None:
            return origin.is_secret, origin.involves_minor, origin.is_private
        rng = self.rng
        secret = plan.category == C.CRIMINAL and rng.random() < 0.002
        minor = any(w in cause_name for w in tables.MINOR_WORDS) and rng.random() < 0.6
        private = any(w in cause_name for w in tables.PRIVATE_WORDS) and rng.random() < 0.3
        return secret, minor, private

    def _title(self, plan: Plan, parties: list[bulk.BulkParty], cause_name: str) -> str:
        if plan.category == C.CRIMINAL:
            accused = [p.name for p, side in zip(parties, plan.sides, strict=True) if side == RESPONDENT]
            accused = accused or [parties[0].name]
            return f"{accused[0]}{'等' if len(accused) > 1 else ''}{cause_name}"[:200]
        others = "等" if len(parties) > 2 else ""
        if len(parties) == 1:
            return f"{parties[0].name}{cause_name}"[:200]
        return f"{parties[0].name}与{parties[1].name}{others}{cause_name}"[:200]

    def _outcome(self, plan: Plan) -> str:
        rng = self.rng
        if plan.instance == Instance.RETRIAL_REVIEW:
            return rng.choice(tables.REVIEW_OUTCOMES)
        if plan.instance == Instance.SECOND and plan.closing_method in tables.SECOND_INSTANCE_OUTCOMES:
            return rng.choice(tables.SECOND_INSTANCE_OUTCOMES[plan.closing_method])
        if plan.category == C.CRIMINAL and plan.closing_method == M.JUDGMENT:
            return rng.choice(tables.CRIMINAL_OUTCOMES)
        return rng.choice(tables.OUTCOMES.get(plan.closing_method, ("",)))

    # -- parties ---------------------------------------------------------------------------

    def _carried(self, plan: Plan) -> list[bulk.BulkParty]:
        """The origin's parties in their roles for the new stage (as ``case_create_linked`` does)."""
        assert plan.origin is not None
        assert plan.origin.case is not None
        origin, origin_case = plan.origin, plan.origin.case
        claimant, respondent, third = ROLES[plan.instance]
        parties: list[bulk.BulkParty] = []
        for party, side in zip(origin_case.parties, origin.sides, strict=True):
            if plan.link_kind == LinkKind.APPEAL:
                role = third if side == THIRD else (R.APPELLANT if side == plan.movers else R.APPELLEE)
            else:
                role = {CLAIMANT: claimant, RESPONDENT: respondent}.get(side, third)
            parties.append(dataclasses.replace(party, role=role, source=party, pk=0, agents=list(party.agents)))
            plan.sides.append(side)
        if plan.link_kind == LinkKind.APPEAL:  # appellants first, as in the judgment's heading
            order = sorted(range(len(parties)), key=lambda i: parties[i].role != R.APPELLANT)
            parties = [parties[i] for i in order]
            plan.sides = [plan.sides[i] for i in order]
        return parties

    def _fresh(self, plan: Plan) -> list[bulk.BulkParty]:
        rng = self.rng
        name = plan.cause.name if plan.cause else ""
        district = plan.court.district
        claimant_role, respondent_role, third_role = ROLES.get(plan.instance, ROLES[Instance.FIRST])
        parties: list[tuple[bulk.BulkParty, str]] = []
        if plan.category == C.CRIMINAL:
            prosecutor = self._procuratorate(plan.court)
            if plan.instance == Instance.FIRST:
                claimant_role, respondent_role, third_role = CRIMINAL_FIRST_ROLES
                parties.append((self._organisation(claimant_role, prosecutor, PartyKind.LEGAL), CLAIMANT))
                for _ in range(rng.choices((1, 2, 3), (80, 15, 5))[0]):
                    parties.append((self._natural(respondent_role, district, male_share=0.88, max_age=65), RESPONDENT))
                if rng.random() < 0.2:
                    parties.append((self._natural(third_role, district), THIRD))
            else:
                parties.append((self._natural(claimant_role, district, male_share=0.88, max_age=65), RESPONDENT))
                parties.append((self._organisation(respondent_role, prosecutor, PartyKind.LEGAL), CLAIMANT))
            return self._with_sides(plan, parties)
        if plan.category == C.ADMINISTRATIVE:
            agency = self._agency(plan.court)
            applicant = (
                self._natural(claimant_role, district)
                if rng.random() < 0.7 and plan.court.kind != "ip"
                else self._company(claimant_role, district)
            )
            parties.append((applicant, CLAIMANT))
            parties.append((self._organisation(respondent_role, agency, PartyKind.LEGAL, officer=True), RESPONDENT))
            if rng.random() < 0.1:
                parties.append((self._company(third_role, district), THIRD))
            return self._with_sides(plan, parties)
        claimant_natural, respondent_natural, claimant_trade, respondent_trade = self._kinds(name, plan)
        claimants = rng.choices((1, 2), (90, 10))[0]
        respondents = rng.choices((1, 2, 3), (72, 21, 7))[0] if plan.instance != Instance.SPECIAL else 1
        for _ in range(claimants):
            party = (
                self._natural(claimant_role, district)
                if rng.random() < claimant_natural
                else self._company(claimant_role, district, trade=claimant_trade)
            )
            parties.append((party, CLAIMANT))
        if plan.instance != Instance.SPECIAL or "担保物权" in name or "支付令" in name:
            for _ in range(respondents):
                natural = rng.random() < respondent_natural
                party = (
                    self._natural(respondent_role, district)
                    if natural
                    else self._company(respondent_role, district, trade=respondent_trade)
                )
                parties.append((party, RESPONDENT))
        if "交通事故" in name and rng.random() < 0.8:
            insurer = self.people.company(district=district, trade="insurer")
            parties.append((self._organisation(respondent_role, insurer, PartyKind.LEGAL), RESPONDENT))
        if plan.instance == Instance.FIRST and rng.random() < 0.06:
            parties.append((self._natural(third_role, district), THIRD))
        return self._with_sides(plan, parties)

    def _with_sides(self, plan: Plan, parties: list[tuple[bulk.BulkParty, str]]) -> list[bulk.BulkParty]:
        plan.sides = [side for _, side in parties]
        return [party for party, _ in parties]

    def _kinds(self, cause_name: str, plan: Plan) -> tuple[float, float, str, str]:
        """(share of natural persons among claimants, among respondents, trade of a claimant company,
        of a respondent company) for the cause."""
        for words, claimants, respondents, claimant_trade, respondent_trade in tables.FINANCIAL_PARTIES:
            if any(w in cause_name for w in words):
                return claimants, respondents, claimant_trade, respondent_trade
        if any(w in cause_name for w in tables.FAMILY_WORDS):
            return 1.0, 1.0, "", ""
        if any(w in cause_name for w in tables.LABOUR_WORDS):
            return 0.9, 0.1, "", ""
        if "物业" in cause_name:
            return 0.05, 0.95, "", ""
        if any(w in cause_name for w in tables.BUSINESS_WORDS) or plan.court.kind in ("ip", "high"):
            return 0.25, 0.3, "", ""
        if plan.category == C.ENFORCEMENT:
            return 0.5, 0.7, "", ""
        return 0.7, 0.65, "", ""

    def _natural(
        self, role: str, district: str | None, *, male_share: float = 0.52, max_age: int = 80
    ) -> bulk.BulkParty:
        person = self.people.person(district=district, male_share=male_share, max_age=max_age)
        party = bulk.BulkParty(
            kind=PartyKind.NATURAL, role=role, name=person.name, gender=person.gender, birth_date=person.birth_date,
            ethnicity=person.ethnicity, id_number=person.id_number, address=person.address, mobile=person.mobile,
        )  # fmt: skip
        rng, roll = self.rng, self.rng.random()
        if role in (R.ACCUSED, R.APPELLANT) and male_share > 0.8:
            if roll < 0.65:
                party.agents.append(self._lawyer(AgentKind.DEFENDER))
        elif roll < 0.3:
            party.agents.append(self._lawyer(AgentKind.LAWYER))
        elif roll < 0.38:
            relative = self.people.person(district=district)
            party.agents.append(
                bulk.BulkAgent(AgentKind.OTHER, relative.name, id_number=relative.id_number, mobile=relative.mobile)
            )
        if rng.random() < 0.03 and party.agents and party.agents[0].kind == AgentKind.LAWYER:
            party.agents.append(self._lawyer(AgentKind.LAWYER))
        return party

    def _company(self, role: str, district: str | None, *, trade: str = "") -> bulk.BulkParty:
        party = self._organisation(role, self.people.company(district=district, trade=trade), PartyKind.LEGAL)
        roll = self.rng.random()
        if roll < 0.65:
            party.agents.append(self._lawyer(AgentKind.LAWYER))
        elif roll < 0.8:
            employee = self.people.person(district=district, max_age=60)
            party.agents.append(bulk.BulkAgent(AgentKind.OTHER, employee.name, mobile=employee.mobile))
        return party

    def _organisation(self, role: str, org: Organisation, kind: str, *, officer: bool = False) -> bulk.BulkParty:
        party = bulk.BulkParty(
            kind=kind, role=role, name=org.name, credit_code=org.credit_code,
            legal_representative=org.legal_representative, address=org.address,
        )  # fmt: skip
        if officer and self.rng.random() < 0.6:  # a public body sends one of its officers
            person = self.people.person(max_age=60)
            party.agents.append(bulk.BulkAgent(AgentKind.OTHER, person.name, mobile=person.mobile))
        return party

    def _lawyer(self, kind: str) -> bulk.BulkAgent:
        lawyer = self.people.lawyer()
        return bulk.BulkAgent(
            kind, lawyer.name, licence_no=lawyer.licence_no, law_firm=lawyer.law_firm, mobile=lawyer.mobile
        )

    def _procuratorate(self, court: CourtInfo) -> Organisation:
        if court.district:
            return self.people.public_body(f"北京市{court.district}人民检察院", court.district)
        branch = tables.INTERMEDIATE_PROCURATORATES.get(court.code)
        return self.people.public_body(f"北京市人民检察院{branch}分院" if branch else "北京市人民检察院")

    def _agency(self, court: CourtInfo) -> Organisation:
        rng = self.rng
        if court.kind == "ip":
            return self.people.public_body(rng.choice(tables.IP_AGENCIES))
        if court.district and rng.random() < 0.8:
            name = rng.choice(tables.DISTRICT_AGENCIES).format(d=court.district)
            return self.people.public_body(name, court.district)
        return self.people.public_body(rng.choice(tables.CITY_AGENCIES))

    # -- assignment, panel, timeline -------------------------------------------------------

    def _assign(self, plan: Plan, case: bulk.BulkCase) -> Staff | None:
        rng = self.rng
        judges = plan.division.judges or [j for ds in plan.court.divisions.values() for d in ds for j in d.judges]
        if not judges:
            return None
        assert plan.assigned_on is not None
        requester = self._registrar(plan) or judges[0]
        heads = [h for h in plan.division.heads if h.id != requester.id]
        at = self._at(plan.assigned_on, 14, 16.5)
        if heads and rng.random() < 0.04:
            reason = rng.choice(tables.DESIGNATION_REASONS)
            judge = rng.choice(plan.division.heads if reason == DesignationReason.PRESIDENT_TAKES_UP else judges)
            decider = rng.choice(heads)
            case.assignments.append(
                bulk.BulkAssignment(
                    AssignmentMethod.DESIGNATED,
                    judge.id,
                    requester.id,
                    reason=reason,
                    decided_by_id=decider.id,
                    decided_at=at,
                )
            )
        else:
            candidates = [{"judge_id": j.id, "name": j.name, "open_cases": self.open_load.get(j.id, 0)} for j in judges]
            seed = f"{rng.getrandbits(128):032x}"
            judge_id = bulk.draw_judge(seed=seed, candidates=candidates)
            judge = next(j for j in judges if j.id == judge_id)
            case.assignments.append(
                bulk.BulkAssignment(
                    AssignmentMethod.RANDOM, judge.id, requester.id, seed=seed, candidates=candidates, decided_at=at
                )
            )
        case.judge_id = judge.id
        return judge

    def _panel(self, plan: Plan, judge: Staff) -> list[bulk.BulkPanelMember]:
        rng = self.rng
        panel = [bulk.BulkPanelMember(PanelRole.PRESIDING, judge.name, judge.id)]
        others = [j for j in plan.division.judges if j.id != judge.id]
        collegial = plan.instance in (Instance.SECOND, Instance.RETRIAL_REVIEW) or (
            plan.procedure == Procedure.ORDINARY and plan.category != C.ENFORCEMENT
        )
        if not collegial:
            return panel
        if plan.instance in (Instance.SECOND, Instance.RETRIAL_REVIEW):
            judges, assessors = min(2, len(others)), 0
        else:
            judges = rng.choices((1, 0, 2), (55, 30, 15))[0]
            judges = min(judges, len(others))
            assessors = 2 - judges
        panel.extend(bulk.BulkPanelMember(PanelRole.JUDGE, j.name, j.id) for j in rng.sample(others, judges))
        if assessors:
            pool = self._assessors(plan.court)
            panel.extend(bulk.BulkPanelMember(PanelRole.ASSESSOR, name) for name in rng.sample(pool, assessors))
        return panel

    def _assessors(self, court: CourtInfo) -> list[str]:
        if not court.assessors:
            court.assessors = [self.people.name(self.rng.choice(("male", "female"))) for _ in range(40)]
        return court.assessors

    def _events(self, plan: Plan, case: bulk.BulkCase, judge: Staff | None) -> list[bulk.BulkEvent]:
        rng, events = self.rng, []
        registrar = self._registrar(plan)
        registrar_id = registrar.id if registrar else None
        judge_id = judge.id if judge else None

        def add(
            at: dt.datetime, action: str, frm: str = "", to: str = "", actor: int | None = None, note: str = ""
        ) -> None:
            events.append(bulk.BulkEvent(at, action, frm, to, actor, note))

        add(self._at(plan.filed_on, 9, 11.5), ACTION_NAMES[S.REGISTERED], S.PENDING, S.REGISTERED, registrar_id)
        status = S.REGISTERED
        if case.assignments:
            assignment = case.assignments[-1]
            assert assignment.decided_at is not None
            assert judge is not None
            if assignment.method == AssignmentMethod.RANDOM:
                note = f"{judge.name}（{len(assignment.candidates)}名候选）"
                add(assignment.decided_at, "随机分案", status, S.ASSIGNED, assignment.requested_by_id, note)
            else:
                reason = str(DesignationReason(assignment.reason).label)
                add(assignment.decided_at - dt.timedelta(hours=2), "申请指定分案", actor=assignment.requested_by_id,
                    note=reason)  # fmt: skip
                add(assignment.decided_at, "指定分案", status, S.ASSIGNED, assignment.decided_by_id, judge.name)
            status = S.ASSIGNED
        if plan.trial_on is not None:
            target = S.INVESTIGATING if plan.category == C.ENFORCEMENT else S.IN_TRIAL
            add(self._at(plan.trial_on, 9, 17), ACTION_NAMES[target], status, target, judge_id)
            status = target
        if plan.disposing_on is not None:
            add(self._at(plan.disposing_on, 9, 17), ACTION_NAMES[S.DISPOSING], status, S.DISPOSING, judge_id)
            status = S.DISPOSING
        if plan.suspension is not None and judge is not None:
            self._suspension(plan, case, judge, add)
        if plan.extension is not None and judge is not None:
            ext = plan.extension
            period = f"{ext.months}个月" if ext.months else f"{ext.days}日"
            level = ExtensionApprover(ext.level).label
            decided_at = self._at(ext.decided_on, 14, 17)
            case.extensions.append(
                bulk.BulkExtension(
                    ext.months,
                    ext.days,
                    rng.choice(tables.EXTENSION_REASONS),
                    ext.level,
                    ext.court.id,
                    judge.id,
                    decided_by_id=ext.approver.id,
                    decided_at=decided_at,
                )
            )
            add(self._at(ext.requested_on, 9, 11), "申请延长审限", actor=judge.id, note=f"{period}，{level}审批")
            add(decided_at, "批准延长审限", actor=ext.approver.id, note=period)
        if plan.closed_on is not None:
            actor = judge_id or registrar_id
            add(self._at(plan.closed_on, 9, 15), ACTION_NAMES[S.CLOSED], status, S.CLOSED, actor,
                str(ClosingMethod(plan.closing_method).label))  # fmt: skip
            status = S.CLOSED
        if plan.effective_on is not None:
            add(self._at(plan.effective_on, 15.5, 17.5), ACTION_NAMES[S.EFFECTIVE], status, S.EFFECTIVE, judge_id)
            status = S.EFFECTIVE
        if plan.archived_on is not None:
            archivist = case.clerk_id or judge_id or registrar_id
            add(self._at(plan.archived_on, 9, 17), ACTION_NAMES[S.ARCHIVED], status, S.ARCHIVED, archivist)
        return events

    def _suspension(self, plan: Plan, case: bulk.BulkCase, judge: Staff, add: Callable[..., None]) -> None:
        assert plan.suspension is not None
        reason, start, end = plan.suspension
        heads = [h for h in plan.division.heads if h.id != judge.id] or plan.court.presidents
        approver = self.rng.choice(heads) if heads else judge
        decided_at = self._at(start, 14, 17)
        case.suspensions.append(
            bulk.BulkSuspension(
                reason,
                start,
                judge.id,
                ended_on=end,
                decided_by_id=approver.id,
                decided_at=decided_at,
                ended_by_id=judge.id if end else None,
            )
        )
        label = str(SuspensionReason(reason).label)
        add(self._at(start, 9, 11), "申请扣除审限", actor=judge.id, note=label)
        add(decided_at, "批准扣除审限", actor=approver.id, note=label)
        if end is not None:
            add(self._at(end, 9, 17), "恢复审限计算", actor=judge.id, note=f"扣除{(end - start).days}日")


def load_demo_cases(
    count: int, *, seed: int = DEFAULT_SEED, progress: Callable[[int], None] | None = None
) -> bulk.BulkLoadSummary:
    """Generate ``count`` cases and write them in bulk, with one audit record ``demo.cases_loaded``."""
    generator = CaseGenerator(seed=seed)
    return bulk.case_bulk_load(
        actor=None,
        cases=generator.cases(count),
        audit_action="demo.cases_loaded",
        rng=random.Random(f"tianping-demo-query-codes:{seed}"),  # noqa: S311 (reproducible by design)
        progress=progress,
    )
