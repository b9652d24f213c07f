"""Credit fixtures: an enforcement case (执) at 朝阳 with an applicant (the litigant's account), an adult
debtor, a company debtor and a minor debtor; an enforcement officer of 朝阳 and one of 海淀."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import SHANGHAI, assign_to, company, on_day, person  # noqa: F401  (fixture)
from tests.conftest import CourtTree, Users
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import CaseStatus, PartyRole
from tianping.core import clock
from tianping.credit import services

__all__ = ["SHANGHAI", "EnforcementWorld", "on_day"]

TODAY = dt.date(2026, 3, 10)
ADULT_ID = factories.make_id_number(birth="19800101", sequence=11)
MINOR_ID = factories.make_id_number(birth="20120601", sequence=12)


@dataclasses.dataclass
class EnforcementWorld:
    case: Any
    applicant: Any
    debtor: Any
    company: Any
    minor: Any
    officer: Any
    other_officer: Any


@pytest.fixture
def today() -> Any:
    with on_day(TODAY):
        yield TODAY


@pytest.fixture
def world(courts: CourtTree, users: Users, today: dt.date) -> EnforcementWorld:
    R = PartyRole.ENFORCEMENT_RESPONDENT
    case = case_services.case_register(
        actor=users.clerk,
        court_id=courts.chaoyang.pk,
        type_code="执",
        parties=[
            person(PartyRole.ENFORCEMENT_APPLICANT, "申请人甲", account_id=users.litigant.pk),
            person(R, "王失信", id_number=ADULT_ID, gender="male"),
            company(R, "北京欠款有限公司", legal_representative="周经理"),
            person(R, "小明", id_number=MINOR_ID),
        ],
    )
    by_name = {p.name: p for p in case.parties.all()}
    return EnforcementWorld(
        case=case,
        applicant=by_name["申请人甲"],
        debtor=by_name["王失信"],
        company=by_name["北京欠款有限公司"],
        minor=by_name["小明"],
        officer=factories.staff_user("officer", courts.chaoyang, Role.ENFORCEMENT_OFFICER, real_name="钱执行"),
        other_officer=factories.staff_user("officer2", courts.haidian, Role.ENFORCEMENT_OFFICER, real_name="孙执行"),
    )


LISTING_DEFAULTS: dict[str, Any] = {
    "conducts": ["evades"],
    "obligation": "支付货款人民币100000元及利息",
    "performance": "none",
    "source_document_number": "（2025）京0105民初1234号",
    "source_issuer": "北京市朝阳区人民法院",
}


@pytest.fixture
def list_debtor(world: EnforcementWorld) -> Callable[..., Any]:
    """``list_debtor(**overrides)``: the officer lists 王失信 (conduct: evades) unless overridden."""

    def _list(**overrides: Any) -> Any:
        arguments = {"actor": world.officer, "case": world.case, "party": world.debtor, **LISTING_DEFAULTS}
        arguments.update(overrides)
        return services.dishonest_list(**arguments)

    return _list


def today_is(day: dt.date) -> Any:
    return clock.frozen_at(dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI))


@pytest.fixture
def close_case(
    world: EnforcementWorld,
    users: Users,
    assign_to: Callable[..., Any],  # noqa: F811
) -> Callable[[str], Any]:
    """``close_case(method)``: assign the case to the judge, investigate, close it with ``method``."""

    def _close(method: str) -> Any:
        assign_to(world.case, users.judge)
        case_services.case_transition(actor=users.judge, case=world.case, to_status=CaseStatus.INVESTIGATING)
        case_services.case_transition(
            actor=users.judge, case=world.case, to_status=CaseStatus.CLOSED, closing_method=method
        )
        world.case.refresh_from_db()
        return world.case

    return _close
