"""Fixtures of the drafting tests: a 民初 case at 朝阳 in 民一庭, assigned to the judge, with a panel
(another judge, a people's assessor) and a court clerk; a division head of 民一庭 and one of another
division; helpers to fill, submit and issue drafts through the services.

Imported by the drafting test modules (``from tests.judgments.drafting_world import *``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from tests.cases.conftest import company, person
from tests.conftest import CourtTree, Users
from tianping.accounts import services as account_services
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import AgentKind, DesignationReason, PartyKind, PartyRole
from tianping.cases.services import AgentInput, PartyInput
from tianping.core import clock
from tianping.courts import services as court_services
from tianping.judgments import services
from tianping.judgments.rendering import kinds

SHANGHAI = ZoneInfo("Asia/Shanghai")
ISSUE_DAY = dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI)
PLAINTIFF_ID = factories.make_id_number(birth="19850312", sequence=1)
ACCUSED_ID = factories.make_id_number(birth="19900101", sequence=3)
DEFENDANT_CODE_NAME = "北京某某科技有限公司"


@dataclasses.dataclass
class World:
    case: Any
    division: Any
    court_clerk: Any
    assistant: Any
    second_judge: Any
    head: Any  # division head of 民一庭
    other_head: Any  # division head of 民二庭
    other_judge: Any  # a judge of the court, not on the case
    users: Users


def assign(users: Users, case: Any, judge: Any) -> Any:
    request = case_services.case_designate(
        actor=users.clerk, case=case, judge_id=judge.pk, reason=DesignationReason.RELATED_CASE
    )
    case_services.assignment_decide(actor=users.division_head, assignment=request, approve=True)
    case.refresh_from_db()
    return case


def staff(username: str, court: Any, role: Role, name: str, division: Any = None) -> Any:
    user = factories.staff_user(username, court)
    user.real_name = name
    user.save()
    account_services.role_grant(actor=None, user=user, court=court, role=role,
                                division_id=division.pk if division else None)  # fmt: skip
    return user


def civil_parties(users: Users) -> list[PartyInput]:
    return [
        person(PartyRole.PLAINTIFF, "张三", id_number=PLAINTIFF_ID, gender="male",
               birth_date=dt.date(1985, 3, 12), ethnicity="汉族", address="北京市朝阳区建国路1号",
               mobile="13800138000", account_id=users.litigant.pk),
        company(PartyRole.DEFENDANT, DEFENDANT_CODE_NAME, address="北京市海淀区中关村大街2号",
                agents=[AgentInput(kind=AgentKind.LAWYER, name="李律师", licence_no=users.lawyer.lawyer_licence_no,
                                   law_firm="北京市天平律师事务所", account_id=users.lawyer.pk)]),
    ]  # fmt: skip


def criminal_parties() -> list[PartyInput]:
    return [
        PartyInput(kind=PartyKind.LEGAL, role=PartyRole.PROSECUTOR, name="北京市朝阳区人民检察院"),
        person(PartyRole.ACCUSED, "王五", id_number=ACCUSED_ID, gender="male",
               birth_date=dt.date(1990, 1, 1), ethnicity="汉族", address="北京市朝阳区某街3号",
               agents=[AgentInput(kind=AgentKind.DEFENDER, name="赵律师", law_firm="北京市正义律师事务所")]),
    ]  # fmt: skip


def administrative_parties() -> list[PartyInput]:
    return [
        person(PartyRole.PLAINTIFF, "钱六", id_number=factories.make_id_number(birth="19880707", sequence=2),
               gender="female",
               birth_date=dt.date(1988, 7, 7), ethnicity="回族", address="北京市朝阳区某路4号"),
        PartyInput(kind=PartyKind.LEGAL, role=PartyRole.DEFENDANT, name="北京市朝阳区市场监督管理局",
                   legal_representative="孙局长", address="北京市朝阳区某路5号"),
    ]  # fmt: skip


def make_case(world_users: Users, courts: CourtTree, division: Any, type_code: str, parties: list[PartyInput],
              judge: Any, panel: dict[str, Any]) -> Any:  # fmt: skip
    case = case_services.case_register(
        actor=world_users.clerk, court_id=courts.chaoyang.pk, type_code=type_code, parties=parties,
        division_id=division.pk,
    )  # fmt: skip
    case = assign(world_users, case, judge)
    case_services.panel_set(actor=judge, case=case, **panel)
    case.refresh_from_db()
    return case


@pytest.fixture(name="world")
def world_fixture(courts: CourtTree, users: Users, media: Any) -> World:
    division = court_services.division_create(actor=None, court=courts.chaoyang, name="民一庭", kind="civil")
    other_division = court_services.division_create(actor=None, court=courts.chaoyang, name="民二庭", kind="civil")
    court_clerk = staff("courtclerk", courts.chaoyang, Role.COURT_CLERK, "钱书记")
    assistant = staff("assistant", courts.chaoyang, Role.JUDGE_ASSISTANT, "孙助理", division)
    second_judge = staff("judge2", courts.chaoyang, Role.JUDGE, "周法官")
    head = staff("head1", courts.chaoyang, Role.DIVISION_HEAD, "郑庭长", division)
    other_head = staff("head2", courts.chaoyang, Role.DIVISION_HEAD, "冯庭长", other_division)
    other_judge = staff("judge4", courts.chaoyang, Role.JUDGE, "褚法官")
    case = make_case(users, courts, division, "民初", civil_parties(users), users.judge,
                     {"judge_ids": [second_judge.pk], "assessor_names": ["吴陪审"],
                      "clerk_id": court_clerk.pk})  # fmt: skip
    return World(case, division, court_clerk, assistant, second_judge, head, other_head, other_judge, users)


FILLED = {
    kinds.FACTS: "2025年1月，原告与被告签订买卖合同，约定被告购买原告货物，货款10000元。",
    kinds.REASONING: "本院认为，原、被告之间的买卖合同合法有效，被告应当依约支付货款。",
    kinds.DECISION: "一、被告北京某某科技有限公司于本判决生效之日起十日内支付原告张三货款10000元；\n"
    "二、驳回原告张三的其他诉讼请求。",
    kinds.CLAIMS: "请求判令被告支付货款10000元。",
}


def fill(actor: Any, draft: Any, **extra: Any) -> Any:
    spec = kinds.spec_for(draft.kind)
    sections = {k: v for k, v in FILLED.items() if k in spec.keys}
    return services.draft_update(actor=actor, draft=draft, revision=draft.revision, sections=sections, **extra)


def ready(world: World, kind: str = "civil_judgment", case: Any = None, **extra: Any) -> Any:
    """A complete draft of ``kind``, submitted by the judge."""
    draft = services.draft_create(actor=world.users.judge, case=case or world.case, kind=kind)
    draft = fill(world.users.judge, draft, **extra)
    return services.draft_submit(actor=world.users.judge, draft=draft)


def issue(actor: Any, draft: Any) -> Any:
    with clock.frozen_at(ISSUE_DAY):
        return services.draft_issue(actor=actor, draft=draft)
