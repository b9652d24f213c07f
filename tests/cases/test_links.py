"""Linked cases (appeal, enforcement, resumed enforcement, retrial) and the chain of a matter."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import company, on_day, person
from tests.conftest import CourtTree, Users
from tianping.accounts.enums import Role
from tianping.cases import selectors
from tianping.cases.enums import AgentKind, CaseStatus, LinkKind, PartyRole
from tianping.cases.models import Case
from tianping.cases.services import AgentInput, case_create_linked, case_take_effect, case_transition
from tianping.core import clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db

S, R = CaseStatus, PartyRole
D = dt.date
Register = Callable[..., Case]


@dataclasses.dataclass
class Upper:
    """Staff of 京03, the intermediate court above 朝阳."""

    clerk: Any
    president: Any


@pytest.fixture
def upper(courts: CourtTree, users: Users) -> Upper:
    return Upper(
        clerk=factories.staff_user("clerk3", courts.third_intermediate, Role.FILING_CLERK, real_name="钱立案"),
        president=factories.staff_user(
            "president3", courts.third_intermediate, Role.PRESIDENT, Role.JUDGE, real_name="郑院长"
        ),
    )


@pytest.fixture
def first_instance(register: Register, users: Users) -> Case:
    """A 民初 at 朝阳 with plaintiff (with a lawyer and an account), defendant and third party."""
    plaintiff = person(R.PLAINTIFF, "张三", account_id=users.litigant.pk, mobile="13900001111")
    plaintiff.agents = [AgentInput(kind=AgentKind.LAWYER, name="李律师", licence_no="11101201810000001")]
    with on_day(D(2025, 2, 10)):
        return register(
            parties=[plaintiff, company(R.DEFENDANT, "北京某某科技有限公司"), person(R.THIRD_PARTY, "王五")],
            claim_amount="50000.00",
            involves_minor=True,
        )


def close(case: Case, actor: Any, method: str = "judgment") -> Case:
    case_transition(actor=actor, case=case, to_status=S.CLOSED, closing_method=method)
    return case


def party(case: Case, name: str) -> Any:
    return case.parties.get(name=name)


# --- appeal ---------------------------------------------------------------------------------------------------


def test_appeal_carries_the_parties_with_their_second_instance_roles(
    first_instance: Case, users: Users, upper: Upper, courts: CourtTree
) -> None:
    close(first_instance, users.president)
    defendant = party(first_instance, "北京某某科技有限公司")
    with on_day(D(2025, 8, 1)):
        appeal = case_create_linked(
            actor=upper.clerk,
            origin=first_instance,
            link_kind=LinkKind.APPEAL,
            court_id=courts.third_intermediate.pk,
            type_code="民终",
            movers={defendant.pk},
        )
    assert appeal.number == "（2025）京03民终1号"
    assert (appeal.origin, appeal.link_kind, appeal.court) == (
        first_instance,
        LinkKind.APPEAL,
        courts.third_intermediate,
    )
    assert appeal.registered_by == upper.clerk
    assert appeal.procedure == "second_instance"
    assert appeal.claim_amount == first_instance.claim_amount
    assert appeal.involves_minor
    assert appeal.status == S.REGISTERED
    roles = {p.name: (p.role, p.source_party.name) for p in appeal.parties.select_related("source_party")}
    assert roles == {
        "北京某某科技有限公司": (R.APPELLANT, "北京某某科技有限公司"),
        "张三": (R.APPELLEE, "张三"),
        "王五": (R.ORIGINAL_THIRD_PARTY, "王五"),
    }
    zhang, old_zhang = party(appeal, "张三"), party(first_instance, "张三")
    assert (zhang.id_number, zhang.mobile, zhang.account, zhang.gender) == (
        old_zhang.id_number,
        old_zhang.mobile,
        users.litigant,
        old_zhang.gender,
    )
    assert zhang.query_code != old_zhang.query_code
    assert [(a.kind, a.name) for a in zhang.agents.all()] == [(AgentKind.LAWYER, "李律师")]
    assert party(appeal, "北京某某科技有限公司").credit_code == defendant.credit_code
    [event] = appeal.events.all()
    assert event.note == "上诉：（2025）京0105民初1号"
    # The origin is untouched.
    assert sorted(first_instance.parties.values_list("role", flat=True)) == sorted(
        [R.PLAINTIFF, R.DEFENDANT, R.THIRD_PARTY]
    )


def test_when_every_party_appeals_all_are_appellants(
    first_instance: Case, users: Users, upper: Upper, courts: CourtTree
) -> None:
    """民诉法解释第三百一十七条: if both sides (and the third party) appeal, all are listed as 上诉人."""
    close(first_instance, users.president)
    appeal = case_create_linked(
        actor=upper.clerk,
        origin=first_instance,
        link_kind=LinkKind.APPEAL,
        court_id=courts.third_intermediate.pk,
        type_code="民终",
        movers=set(first_instance.parties.values_list("pk", flat=True)),
    )
    assert set(appeal.parties.values_list("role", flat=True)) == {R.APPELLANT}


def test_appeal_needs_a_closed_origin(first_instance: Case, upper: Upper, courts: CourtTree) -> None:
    defendant = party(first_instance, "北京某某科技有限公司")
    with pytest.raises(Conflict) as caught:
        case_create_linked(
            actor=upper.clerk,
            origin=first_instance,
            link_kind=LinkKind.APPEAL,
            court_id=courts.third_intermediate.pk,
            type_code="民终",
            movers={defendant.pk},
        )
    assert caught.value.code == "origin_not_ready"
    assert caught.value.details == {"origin_status": S.REGISTERED, "needs": [S.CLOSED]}
    assert Case.objects.count() == 1


def test_appeal_needs_movers_who_are_parties(
    first_instance: Case, users: Users, upper: Upper, courts: CourtTree, register: Register
) -> None:
    close(first_instance, users.president)
    stranger = register().parties.first()
    arguments = {
        "actor": upper.clerk,
        "origin": first_instance,
        "link_kind": LinkKind.APPEAL,
        "court_id": courts.third_intermediate.pk,
        "type_code": "民终",
    }
    for movers, code in ((set(), "movers_required"), ({stranger.pk}, "invalid_movers")):
        with pytest.raises(ValidationFailed) as caught:
            case_create_linked(**arguments, movers=movers)
        assert caught.value.code == code
    with pytest.raises(ValidationFailed) as caught:
        case_create_linked(**{**arguments, "link_kind": "transfer"}, movers={stranger.pk})
    assert caught.value.code == "invalid_link_kind"
    assert not Case.objects.filter(origin=first_instance).exists()


def test_the_linked_case_is_registered_only_by_a_registrar_of_its_court(
    first_instance: Case, users: Users, courts: CourtTree
) -> None:
    close(first_instance, users.president)
    defendant = party(first_instance, "北京某某科技有限公司")
    for actor in (users.clerk, users.higher_judge):  # 朝阳's clerk at 京03; a 京03 judge
        with pytest.raises(PermissionDenied):
            case_create_linked(
                actor=actor,
                origin=first_instance,
                link_kind=LinkKind.APPEAL,
                court_id=courts.third_intermediate.pk,
                type_code="民终",
                movers={defendant.pk},
            )


# --- enforcement ----------------------------------------------------------------------------------------------


def enforce(origin: Case, actor: Any, court: Any, applicant: Any) -> Case:
    return case_create_linked(
        actor=actor, origin=origin, link_kind=LinkKind.ENFORCEMENT, court_id=court.pk, type_code="执",
        movers={applicant.pk},
    )  # fmt: skip


def test_enforcement_from_an_effective_case(first_instance: Case, users: Users, courts: CourtTree) -> None:
    plaintiff = party(first_instance, "张三")
    close(first_instance, users.president)
    with pytest.raises(Conflict) as caught:
        enforce(first_instance, users.clerk, courts.chaoyang, plaintiff)
    assert caught.value.code == "origin_not_ready"
    case_take_effect(case=first_instance, effective_on=clock.today())
    with on_day(D(2025, 9, 1)):
        enforcement = enforce(first_instance, users.clerk, courts.chaoyang, plaintiff)
    assert enforcement.number == "（2025）京0105执1号"
    assert (enforcement.category, enforcement.procedure, enforcement.link_kind) == (
        "enforcement",
        "enforcement",
        LinkKind.ENFORCEMENT,
    )
    assert {p.name: p.role for p in enforcement.parties.all()} == {
        "张三": R.ENFORCEMENT_APPLICANT,
        "北京某某科技有限公司": R.ENFORCEMENT_RESPONDENT,
        "王五": R.THIRD_PARTY,
    }
    assert enforcement.deadline == D(2026, 3, 2)  # 6 months; 1 March 2026 is a Sunday


def test_resumed_enforcement_only_after_closing_with_no_assets(
    first_instance: Case, users: Users, courts: CourtTree, assign_to: Callable[..., Case]
) -> None:
    close(first_instance, users.president)
    case_take_effect(case=first_instance, effective_on=clock.today())
    plaintiff = party(first_instance, "张三")
    fulfilled = assign_to(enforce(first_instance, users.clerk, courts.chaoyang, plaintiff), users.judge)
    no_assets = assign_to(enforce(first_instance, users.clerk, courts.chaoyang, plaintiff), users.judge)
    close(fulfilled, users.judge, "fulfilled")

    def resume(origin: Case) -> Case:
        return case_create_linked(
            actor=users.clerk, origin=origin, link_kind=LinkKind.RESUMED_ENFORCEMENT, court_id=courts.chaoyang.pk,
            type_code="执恢",
        )  # fmt: skip

    for not_ready in (fulfilled, no_assets, first_instance):  # done / still open / not an enforcement case
        with pytest.raises(Conflict) as caught:
            resume(not_ready)
        assert caught.value.code == "origin_not_ready"
    close(no_assets, users.judge, "no_assets")
    resumed = resume(no_assets)
    assert resumed.number.endswith("执恢1号")
    assert (resumed.origin, resumed.link_kind) == (no_assets, LinkKind.RESUMED_ENFORCEMENT)
    assert {p.name: p.role for p in resumed.parties.all()} == {p.name: p.role for p in no_assets.parties.all()}
    assert {p.source_party_id for p in resumed.parties.all()} == {p.pk for p in no_assets.parties.all()}


# --- the chain --------------------------------------------------------------------------------------------------


def test_case_chain_shows_the_whole_matter_the_user_may_read(
    first_instance: Case, users: Users, upper: Upper, courts: CourtTree, assign_to: Callable[..., Case]
) -> None:
    close(first_instance, users.president)
    defendant = party(first_instance, "北京某某科技有限公司")
    appeal = case_create_linked(
        actor=upper.clerk, origin=first_instance, link_kind=LinkKind.APPEAL, court_id=courts.third_intermediate.pk,
        type_code="民终", movers={defendant.pk},
    )  # fmt: skip
    close(appeal, upper.president)
    case_take_effect(case=appeal, effective_on=clock.today())
    enforcement = assign_to(enforce(appeal, users.clerk, courts.chaoyang, party(appeal, "张三")), users.judge)
    close(enforcement, users.judge, "no_assets")
    resumed = case_create_linked(
        actor=users.clerk, origin=enforcement, link_kind=LinkKind.RESUMED_ENFORCEMENT, court_id=courts.chaoyang.pk,
        type_code="执恢",
    )  # fmt: skip
    whole = [first_instance, appeal, enforcement, resumed]
    for start in whole:
        assert selectors.case_chain(user=upper.president, case=start) == whole
        assert selectors.case_chain(user=users.higher_judge, case=start) == whole
    # 朝阳 staff cannot read the higher court's appeal; the rest of the chain stays visible.
    assert selectors.case_chain(user=users.judge, case=resumed) == [first_instance, enforcement, resumed]
    assert selectors.case_chain(user=users.outsider, case=appeal) == []
    # The plaintiff's account was carried into every case.
    assert selectors.case_chain(user=users.litigant, case=resumed) == whole
    assert selectors.case_chain(user=users.lawyer, case=appeal) == []
