"""Registering a case (立案): numbers, parties, checks, time limit, timeline and audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import civil_parties, company, on_day, person
from tests.conftest import CourtTree, Users
from tianping.accounts.enums import Role
from tianping.cases.enums import AgentKind, CaseStatus, PartyRole
from tianping.cases.models import Agent, Case, CaseEvent, CaseNumberSequence, CauseOfAction, Party
from tianping.cases.services import AgentInput, registration
from tianping.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord

pytestmark = pytest.mark.django_db

D = dt.date
Register = Callable[..., Case]


def counts() -> dict[str, Any]:
    return {
        "cases": Case.objects.count(),
        "parties": Party.objects.count(),
        "agents": Agent.objects.count(),
        "events": CaseEvent.objects.count(),
        "sequences": CaseNumberSequence.objects.count(),
        "serials": sorted(CaseNumberSequence.objects.values_list("last_serial", flat=True)),
        "audit": AuditRecord.objects.count(),
    }


# --- numbers --------------------------------------------------------------------------------------------------


def test_numbers_count_up_per_court_type_and_year(register: Register) -> None:
    with on_day(D(2025, 3, 4)):
        first, second = register(), register()
    assert (first.number, first.serial, first.year) == ("（2025）京0105民初1号", 1, 2025)
    assert (second.number, second.serial) == ("（2025）京0105民初2号", 2)
    sequence = CaseNumberSequence.objects.get(court_id=first.court_id, type_code="民初", marker="", year=2025)
    assert sequence.last_serial == 2


def test_other_type_marker_or_court_start_their_own_sequence(
    register: Register, courts: CourtTree, users: Users
) -> None:
    haidian_clerk = factories.staff_user("hdclerk", courts.haidian, Role.FILING_CLERK)
    with on_day(D(2025, 3, 4)):
        register()
        register()
        criminal = register(
            type_code="刑初",
            parties=[company(PartyRole.PROSECUTOR, "北京市朝阳区人民检察院"), person(PartyRole.ACCUSED)],
        )
        ip = register(marker="知")
        elsewhere = register(actor=haidian_clerk, court_id=courts.haidian.pk)
        third = register()
    assert criminal.number == "（2025）京0105刑初1号"
    assert ip.number == "（2025）京0105知民初1号"
    assert elsewhere.number == "（2025）京0108民初1号"
    assert third.number == "（2025）京0105民初3号"


def test_year_is_the_year_the_case_was_received(register: Register) -> None:
    with on_day(D(2025, 1, 3)):
        late = register(received_on=D(2024, 12, 30))
        new = register(received_on=D(2025, 1, 2))
    assert (late.number, late.year, late.received_on, late.filed_on) == (
        "（2024）京0105民初1号",
        2024,
        D(2024, 12, 30),
        D(2025, 1, 3),
    )
    assert new.number == "（2025）京0105民初1号"


def test_received_date_cannot_lie_in_the_future(register: Register) -> None:
    with on_day(D(2025, 1, 3)), pytest.raises(ValidationFailed) as caught:
        register(received_on=D(2025, 1, 4))
    assert caught.value.code == "invalid_received_on"


def test_unknown_marker_or_type_code(register: Register) -> None:
    with pytest.raises(ValidationFailed) as caught:
        register(marker="海")
    assert caught.value.code == "invalid_marker"
    with pytest.raises(ValidationFailed) as caught:
        register(type_code="民X")
    assert caught.value.code == "invalid_type_code"
    assert Case.objects.count() == 0


# --- parties --------------------------------------------------------------------------------------------------


def test_parties_get_unique_eight_character_query_codes(register: Register) -> None:
    for _ in range(3):
        register(parties=[*civil_parties(), person(PartyRole.THIRD_PARTY)])
    codes = list(Party.objects.values_list("query_code", flat=True))
    assert len(codes) == 9
    assert len(set(codes)) == 9
    for code in codes:
        assert len(code) == 8
        assert set(code) <= set(registration.QUERY_CODE_ALPHABET)
        assert not set(code) & set("01OI")


def test_id_number_fills_gender_and_birth_date(register: Register) -> None:
    man = factories.make_id_number(birth="19850312", sequence=11)  # 17th digit odd: male
    woman = factories.make_id_number(birth="19920229", sequence=12)  # even: female
    case = register(
        parties=[
            person(PartyRole.PLAINTIFF, "张三", id_number=man.lower(), gender="female"),
            person(PartyRole.DEFENDANT, "李四", id_number=woman, birth_date=D(2000, 1, 1)),
        ]
    )
    zhang, li = case.parties.order_by("order")
    assert (zhang.gender, zhang.birth_date, zhang.id_number) == ("male", D(1985, 3, 12), man.upper())
    assert (li.gender, li.birth_date) == ("female", D(1992, 2, 29))
    assert (zhang.role, li.role) == (PartyRole.PLAINTIFF, PartyRole.DEFENDANT)


def test_organisation_and_agent_fields_are_normalised(register: Register) -> None:
    defendant = company(PartyRole.DEFENDANT, "北京某某有限公司", mobile="+86 139-0000-1234")
    defendant.credit_code = defendant.credit_code.lower()
    defendant.agents = [AgentInput(kind=AgentKind.LAWYER, name=" 王律师 ", licence_no="11101201810123456")]
    case = register(parties=[person(PartyRole.PLAINTIFF), defendant], claim_amount="12345.6")
    party = case.parties.get(role=PartyRole.DEFENDANT)
    assert party.credit_code == defendant.credit_code.upper()
    assert party.mobile == "13900001234"
    assert [a.name for a in party.agents.all()] == ["王律师"]
    case.refresh_from_db()
    assert case.claim_amount == Decimal("12345.60")
    assert case.title.endswith("与北京某某有限公司民事一审案件")


@pytest.mark.parametrize(
    ("broken", "code"),
    [
        ({"id_number": "110105198503120010"}, "invalid_id_number"),  # wrong check character
        ({"mobile": "12345"}, "invalid_mobile"),
        ({"name": "  "}, "invalid_party"),
        ({"role": "king"}, "invalid_party"),
    ],
)
def test_invalid_party_data_writes_nothing(register: Register, broken: dict[str, str], code: str) -> None:
    register()
    before = counts()
    bad = person(PartyRole.DEFENDANT)
    for field, value in broken.items():
        setattr(bad, field, value)
    with pytest.raises(ValidationFailed) as caught:
        register(parties=[person(PartyRole.PLAINTIFF), bad])
    assert caught.value.code == code
    assert caught.value.message  # a message for people, in Chinese
    assert counts() == before
    assert register().serial == 2  # the sequence did not advance


def test_invalid_credit_code_writes_nothing(register: Register) -> None:
    before = counts()
    with pytest.raises(ValidationFailed) as caught:
        register(parties=[person(PartyRole.PLAINTIFF), company(PartyRole.DEFENDANT, credit_code="91110105MA0000000X")])
    assert caught.value.code == "invalid_credit_code"
    assert "统一社会信用代码" in caught.value.message
    assert counts() == before


def test_invalid_agent_id_number_writes_nothing(register: Register) -> None:
    before = counts()
    plaintiff = person(PartyRole.PLAINTIFF)
    plaintiff.agents = [AgentInput(kind=AgentKind.LEGAL_REPRESENTATIVE, name="张父", id_number="123")]
    with pytest.raises(ValidationFailed) as caught:
        register(parties=[plaintiff, person(PartyRole.DEFENDANT)])
    assert caught.value.code == "invalid_id_number"
    assert counts() == before


def test_a_failure_after_the_number_was_taken_rolls_everything_back(
    register: Register, monkeypatch: pytest.MonkeyPatch
) -> None:
    register()
    before = counts()

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(registration, "audit_case", broken)
    with pytest.raises(RuntimeError):
        register()
    assert counts() == before
    monkeypatch.undo()
    assert register().number.endswith("民初2号")


@pytest.mark.parametrize(
    ("type_code", "roles"),
    [
        ("民初", [PartyRole.PLAINTIFF]),
        ("民初", [PartyRole.DEFENDANT, PartyRole.THIRD_PARTY]),
        ("民初", []),
        ("民终", [PartyRole.PLAINTIFF, PartyRole.DEFENDANT]),  # an appeal needs 上诉人 and 被上诉人
        ("民终", [PartyRole.APPELLANT]),  # all may be 上诉人 only when there are several (see test_links)
        ("民终", [PartyRole.APPELLANT, PartyRole.PLAINTIFF]),
        ("执", [PartyRole.PLAINTIFF, PartyRole.DEFENDANT]),
        ("财保", []),
    ],
)
def test_both_sides_are_required(register: Register, type_code: str, roles: list[str]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        register(type_code=type_code, parties=[person(role) for role in roles])
    assert caught.value.code == "parties_required"
    assert Case.objects.count() == 0


# --- who may register, and what ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["judge", "auditor", "litigant", "lawyer", "sysadmin", "higher_judge"])
def test_only_registrars_of_the_court_may_register(register: Register, users: Users, who: str) -> None:
    with pytest.raises(PermissionDenied) as caught:
        register(actor=getattr(users, who))
    assert caught.value.code == "role_required"
    assert Case.objects.count() == 0


def test_staff_of_another_court_cannot_register_here(register: Register, courts: CourtTree, users: Users) -> None:
    haidian_clerk = factories.staff_user("hdclerk", courts.haidian, Role.FILING_CLERK)
    for actor in (users.outsider, haidian_clerk):
        with pytest.raises((PermissionDenied, NotFound)):
            register(actor=actor)
    assert Case.objects.count() == 0


def test_division_heads_and_presidents_may_register(register: Register, users: Users) -> None:
    assert register(actor=users.division_head).registered_by == users.division_head
    assert register(actor=users.president).registered_by == users.president


def test_cause_must_exist_and_match_the_category(register: Register) -> None:
    loan = CauseOfAction.objects.get(category="civil", name="民间借贷纠纷")
    theft = CauseOfAction.objects.get(category="criminal", name="盗窃罪")
    with pytest.raises(ValidationFailed) as caught:
        register(cause_id=theft.pk)
    assert caught.value.code == "invalid_cause"
    assert "案由" in caught.value.message
    with pytest.raises(ValidationFailed) as caught:
        register(cause_id=999_999)
    assert caught.value.code == "invalid_cause"
    case = register(cause_id=loan.pk)
    assert case.cause == loan
    assert case.title == "张三与北京某某科技有限公司民间借贷纠纷"


@pytest.mark.parametrize("procedure", ["enforcement", "preservation", "non_litigation_enforcement", "nonsense"])
def test_procedure_must_fit_the_category(register: Register, procedure: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        register(procedure=procedure)
    assert caught.value.code == "invalid_procedure"
    assert Case.objects.count() == 0


def test_negative_claim_amount_is_refused(register: Register) -> None:
    with pytest.raises(ValidationFailed) as caught:
        register(claim_amount="-1")
    assert caught.value.code == "invalid_amount"


def test_division_must_belong_to_the_court(register: Register, courts: CourtTree) -> None:
    from tianping.courts import services as court_services

    other = court_services.division_create(actor=None, court=courts.haidian, name="民一庭", kind="civil")
    with pytest.raises(ApplicationError) as caught:
        register(division_id=other.pk)
    assert caught.value.code == "division_not_found"


# --- time limit, timeline, audit --------------------------------------------------------------------------------


def test_deadline_follows_the_rule_from_the_day_after_filing(register: Register) -> None:
    with on_day(D(2025, 1, 10)):
        ordinary = register()
        simplified = register(procedure="simplified")
        small = register(procedure="small_claims")
    assert ordinary.deadline == D(2025, 7, 10)  # Thursday, a working day
    assert simplified.deadline == D(2025, 4, 10)
    assert small.deadline == D(2025, 3, 10)
    assert ordinary.status == CaseStatus.REGISTERED
    assert ordinary.filed_on == D(2025, 1, 10)


def test_deadline_on_a_holiday_moves_to_the_next_working_day(register: Register) -> None:
    with on_day(D(2025, 4, 3)):
        case = register()
    # 2025-10-03 falls in the National Day holiday (1–8 October); 9 October is the next working day.
    assert case.deadline == D(2025, 10, 9)
    with on_day(D(2025, 3, 8)):
        case = register()
    assert case.deadline == D(2025, 9, 8)  # Monday; a Saturday filing does not matter
    with on_day(D(2025, 3, 13)):
        case = register()
    assert case.deadline == D(2025, 9, 15)  # 13 September 2025 is a Saturday


def test_registration_writes_the_timeline_and_the_audit_record(register: Register, users: Users) -> None:
    case = register()
    [event] = case.events.all()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "立案",
        CaseStatus.PENDING,
        CaseStatus.REGISTERED,
        users.clerk,
    )
    record = AuditRecord.objects.filter(action="case.register").get()
    assert record.object_id == str(case.pk)
    assert record.actor_username == users.clerk.username
    assert record.court_code == "京0105"
    assert record.changes["number"] == [None, case.number]
    assert record.changes["parties"] == [None, 2]
    assert case.registered_by == users.clerk


def test_criminal_first_instance_needs_prosecutor_and_accused(users, courts):
    civil_roles = [
        registration.PartyInput(kind="natural", role="plaintiff", name="甲"),
        registration.PartyInput(kind="natural", role="defendant", name="乙"),
    ]
    with pytest.raises(ValidationFailed) as excinfo:
        registration.case_register(
            actor=users.clerk, court_id=courts.chaoyang.pk, type_code="刑初", parties=civil_roles
        )
    assert excinfo.value.code == "parties_required"
    case = registration.case_register(
        actor=users.clerk,
        court_id=courts.chaoyang.pk,
        type_code="刑初",
        parties=[
            registration.PartyInput(kind="legal", role="prosecutor", name="北京市朝阳区人民检察院"),
            registration.PartyInput(kind="natural", role="accused", name="丙"),
        ],
    )
    assert case.number.endswith("刑初1号")
