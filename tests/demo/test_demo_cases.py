"""Synthetic demo cases (``demo --cases N``): numbers, identities, lifecycle, draws, deadlines, sequences."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max

from tianping.accounts import selectors as account_selectors
from tianping.accounts.enums import Role
from tianping.cases import lifecycle
from tianping.cases.enums import AgentKind, AssignmentMethod, CaseStatus, LinkKind, PartyKind
from tianping.cases.models import Agent, Assignment, Case, CaseEvent, CaseNumberSequence, Party, Suspension
from tianping.cases.numbers import parse_case_number
from tianping.cases.selectors import assignment_verify
from tianping.cases.services import PartyInput, case_deadline_refresh, case_register
from tianping.core import audit
from tianping.core.models import AuditRecord
from tianping.core.validators import parse_credit_code, parse_id_number, parse_mobile
from tianping.courts.models import StaffMember
from tianping.demo.builder import build_demo
from tianping.demo.cases import CaseGenerator, load_demo_cases

COUNT = 60
SEED = 11


@pytest.fixture(scope="class")
def loaded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    """The demo province with COUNT cases, shared by the tests of a class and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo()
        yield load_demo_cases(COUNT, seed=SEED)
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestDemoCases:
    def test_counts(self, loaded: Any) -> None:
        assert loaded.cases == Case.objects.count() == COUNT
        assert loaded.parties == Party.objects.count() >= 2 * COUNT - 5
        assert loaded.events == CaseEvent.objects.count() >= COUNT
        assert loaded.assignments == Assignment.objects.count()
        assert Agent.objects.count() == loaded.agents > 0
        assert Case.objects.values("court").distinct().count() >= 5

    def test_numbers_are_unique_well_formed_and_continue_their_sequences(self) -> None:
        numbers = list(Case.objects.values_list("number", flat=True))
        assert len(set(numbers)) == COUNT
        serials: dict[tuple[int, str, str, int], list[int]] = defaultdict(list)
        for case in Case.objects.select_related("court"):
            parsed = parse_case_number(case.number or "")
            assert parsed.formatted() == case.number
            assert (parsed.court_code, parsed.type_code, parsed.marker, parsed.year, parsed.serial) == (
                case.court.code,
                case.case_type_id,
                case.marker,
                case.year,
                case.serial,
            )
            assert case.year == case.received_on.year
            assert case.received_on <= case.filed_on
            serials[(case.court_id, case.case_type_id, case.marker, case.year)].append(case.serial or 0)
        for (court_id, type_code, marker, year), found in serials.items():
            assert sorted(found) == list(range(1, len(found) + 1))  # a fresh database: 1, 2, 3 …
            sequence = CaseNumberSequence.objects.get(court_id=court_id, type_code=type_code, marker=marker, year=year)
            assert sequence.last_serial == len(found)

    def test_identities_are_valid(self) -> None:
        today = dt.date.today()
        for party in Party.objects.all():
            if party.kind == PartyKind.NATURAL:
                identity = parse_id_number(party.id_number, today=today)
                assert (identity.gender, identity.birth_date) == (party.gender, party.birth_date)
                assert parse_mobile(party.mobile) == party.mobile
            else:
                assert parse_credit_code(party.credit_code) == party.credit_code
                assert party.legal_representative
            assert party.address.startswith("北京市")
        for agent in Agent.objects.all():
            if agent.kind in (AgentKind.LAWYER, AgentKind.DEFENDER):
                assert len(agent.licence_no) == 17
                assert agent.licence_no.isdigit()
                assert agent.law_firm.endswith("律师事务所")
            if agent.id_number:
                parse_id_number(agent.id_number, today=today)
            if agent.mobile:
                parse_mobile(agent.mobile)
        assert len(set(Party.objects.values_list("query_code", flat=True))) == Party.objects.count()

    def test_timelines_walk_the_lifecycle_to_the_status(self) -> None:
        statuses = Counter(Case.objects.values_list("status", flat=True))
        assert len(statuses) >= 4, statuses
        for case in Case.objects.prefetch_related("events"):
            status = CaseStatus.PENDING
            previous = None
            for event in case.events.all():
                assert previous is None or event.occurred_at >= previous
                previous = event.occurred_at
                if event.to_status:
                    assert event.from_status == status
                    assert lifecycle.is_allowed(case.category, status, event.to_status), (case.number, event.action)
                    status = CaseStatus(event.to_status)
            assert status == case.status, case.number
            finished = case.status in (CaseStatus.CLOSED, CaseStatus.EFFECTIVE, CaseStatus.ARCHIVED)
            assert (case.closed_on is not None) == finished == bool(case.closing_method)
            if case.status == CaseStatus.EFFECTIVE:
                assert case.effective_on is not None
            if case.status in lifecycle.OPEN_STATUSES or case.status == CaseStatus.CLOSED:
                assert case.effective_on is None
            assert (case.judge_id is None) == (not case.assignments.exists())
            if case.judge_id:
                assert case.panel.filter(role="presiding", user_id=case.judge_id).exists()

    def test_random_draws_verify_among_the_divisions_judges(self) -> None:
        draws = Assignment.objects.filter(method=AssignmentMethod.RANDOM).select_related("case")
        assert draws.exists()
        for assignment in draws:
            assert assignment_verify(assignment=assignment)
            assert assignment.case.judge_id == assignment.judge_id
            judges = account_selectors.users_with_role(
                court_id=assignment.case.court_id, roles=[Role.JUDGE], division_id=assignment.case.division_id
            )
            assert {c["judge_id"] for c in assignment.candidates} == {j.pk for j in judges}
            assert len(judges) >= 2

    def test_deadlines_follow_the_time_limit_rules(self) -> None:
        checked = 0
        for case in Case.objects.all():
            stored = (case.deadline, case.suspended_since)
            case_deadline_refresh(case=case)
            assert (case.deadline, case.suspended_since) == stored, case.number
            checked += case.deadline is not None
        assert checked > COUNT // 2

    def test_linked_cases_carry_the_parties_over(self) -> None:
        for case in Case.objects.filter(origin__isnull=False).select_related("origin"):
            assert case.link_kind in (LinkKind.APPEAL, LinkKind.ENFORCEMENT)
            assert case.origin is not None
            assert case.origin.filed_on < case.filed_on
            sources = set(case.parties.values_list("source_party__case_id", flat=True))
            assert sources == {case.origin_id}

    def test_a_registration_after_the_load_gets_the_next_serial(self) -> None:
        sequence = (
            CaseNumberSequence.objects.filter(type_code="民初", marker="", year=dt.date.today().year)
            .order_by("-last_serial")
            .first()
        )
        assert sequence is not None
        clerk = account_selectors.users_with_role(court_id=sequence.court_id, roles=[Role.FILING_CLERK])[0]
        before = sequence.last_serial
        case = case_register(
            actor=clerk,
            court_id=sequence.court_id,
            type_code="民初",
            parties=[
                PartyInput(kind="natural", role="plaintiff", name="张三"),
                PartyInput(kind="natural", role="defendant", name="李四"),
            ],
        )
        assert case.serial == before + 1
        assert (
            Case.objects.filter(court_id=sequence.court_id, case_type="民初", year=case.year).aggregate(
                top=Max("serial")
            )["top"]
            == before + 1
        )

    def test_one_audit_record_for_the_load_and_the_chain_verifies(self) -> None:
        records = AuditRecord.objects.filter(action="demo.cases_loaded")
        assert records.count() == 1
        assert records.get().changes["cases"] == [None, COUNT]
        assert not AuditRecord.objects.filter(action="case.register").exists()
        assert audit.verify().ok

    def test_plans_are_reproducible_and_varied(self) -> None:
        # The same seed plans the same cases; the proportions need more than COUNT cases (no writes).
        plans = CaseGenerator(seed=SEED).plan(1500)
        again = CaseGenerator(seed=SEED).plan(1500)
        assert [(p.court.code, p.type_code, p.filed_on, p.status, p.cause) for p in plans] == [
            (p.court.code, p.type_code, p.filed_on, p.status, p.cause) for p in again
        ]
        assert any(p.suspension and p.suspension[2] is None for p in plans)  # an excluded period still running
        assert any(p.extension for p in plans)
        assert any(p.origin and p.link_kind == LinkKind.APPEAL for p in plans)
        assert any(p.origin and p.link_kind == LinkKind.ENFORCEMENT for p in plans)
        assert any(p.marker == "知" for p in plans)
        levels = Counter(p.court.kind for p in plans)
        assert levels["basic"] > levels["intermediate"] > levels["high"] > 0
        assert Suspension.objects.filter(ended_on__isnull=True, case__suspended_since__isnull=False).count() == (
            Case.objects.filter(suspended_since__isnull=False).count()
        )

    def test_command_adds_cases_and_every_establishment_judge_has_an_account(self) -> None:
        out = io.StringIO()
        with transaction.atomic():
            call_command("demo", "--cases", "15", "--seed", "5", stdout=out)
            assert "demo cases: 15 cases" in out.getvalue()
            assert "demo services (京0105" in out.getvalue()
            assert "demo trial (京0105" in out.getvalue()
            # the services scenario registers one case, the trial scenario eight
            assert Case.objects.count() == COUNT + 15 + 1 + 8
            transaction.set_rollback(True)
        judges = StaffMember.objects.filter(post="judge").select_related("user", "division")
        assert judges.count() > 300
        for member in judges:
            assert member.user is not None, member.employee_no
            assert account_selectors.has_role(member.user, Role.JUDGE, court_id=member.court_id)
        sample = judges.filter(user__username__startswith="j", division__kind="civil").first()
        assert sample is not None
        assert sample.user is not None
        assert sample.user.username == "j" + sample.employee_no.replace("-", "_")
        assert not sample.user.has_usable_password()
        grants = {g.role: g.division_id for g in account_selectors.active_grants(sample.user)}
        assert grants[Role.JUDGE] == sample.division_id
