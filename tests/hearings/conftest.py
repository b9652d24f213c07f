"""Hearing fixtures shared by the scheduling, public-listing, online and transcript tests.

``world``: a 民初 case at 朝阳 assigned to ``users.judge`` (clerk: a court clerk) with 张三
(account: ``users.litigant``) against a company whose agent is ``users.lawyer``; a second 朝阳 case
assigned to the division head; a 海淀 case where the same lawyer acts; courtrooms at 朝阳 (an
ordinary one, a technology courtroom for online/mixed sittings, a disused one) and at 海淀.
Times come from ``at(days, hour)``: Beijing time, ``days`` after today (the real clock).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from tests.cases.conftest import (
    company,
    person,
    register,  # noqa: F401  (fixture)
)
from tests.conftest import CourtTree, Users
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import AgentKind, DesignationReason, PartyRole
from tianping.core import clock
from tianping.courts import services as court_services
from tianping.hearings import services
from tianping.hearings.enums import HearingKind, HearingMode

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(days: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """``days`` after today at ``hour:minute``, Beijing time (aware)."""
    day = clock.today() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


@dataclasses.dataclass
class World:
    case: Any
    other_case: Any  # 朝阳, judge: users.division_head, no clerk, no lawyer
    haidian_case: Any  # 海淀, same lawyer as ``case``
    court_clerk: Any
    assistant: Any
    room: Any
    tech_room: Any
    old_room: Any
    haidian_room: Any
    haidian_judge: Any
    plaintiff: Any
    defendant: Any


def lawyer_agent(user: Any) -> Any:
    return case_services.AgentInput(
        kind=AgentKind.LAWYER, name=user.real_name, licence_no=user.lawyer_licence_no,
        law_firm="北京市天平律师事务所", account_id=user.pk,
    )  # fmt: skip


def registered_case(court: Any, filing_clerk: Any, leader: Any, judge: Any, parties: list[Any], **extra: Any) -> Any:
    case = case_services.case_register(
        actor=filing_clerk, court_id=court.pk, type_code="民初", parties=parties, **extra
    )
    request = case_services.case_designate(
        actor=filing_clerk, case=case, judge_id=judge.pk, reason=DesignationReason.RELATED_CASE
    )
    case_services.assignment_decide(actor=leader, assignment=request, approve=True)
    case.refresh_from_db()
    return case


@pytest.fixture
def world(courts: CourtTree, users: Users) -> World:
    court_clerk = factories.staff_user("courtclerk", courts.chaoyang, Role.COURT_CLERK, real_name="钱书记")
    assistant = factories.staff_user("assistant", courts.chaoyang, Role.JUDGE_ASSISTANT, real_name="郑助理")
    case = registered_case(
        courts.chaoyang, users.clerk, users.division_head, users.judge,
        [
            person(PartyRole.PLAINTIFF, "张三", account_id=users.litigant.pk, mobile=users.litigant.mobile),
            company(PartyRole.DEFENDANT, "北京某某科技有限公司", mobile="13912345678",
                    agents=[lawyer_agent(users.lawyer)]),
        ],
    )  # fmt: skip
    case_services.panel_set(actor=users.judge, case=case, judge_ids=[], assessor_names=[], clerk_id=court_clerk.pk)
    case.refresh_from_db()
    other_case = registered_case(
        courts.chaoyang, users.clerk, users.division_head, users.division_head,
        [person(PartyRole.PLAINTIFF, "王五"), company(PartyRole.DEFENDANT, "北京某甲有限公司")],
    )  # fmt: skip
    haidian_clerk = factories.staff_user("hdclerk", courts.haidian, Role.FILING_CLERK, real_name="海淀立案")
    haidian_head = factories.staff_user("hdhead", courts.haidian, Role.DIVISION_HEAD, Role.JUDGE, real_name="海淀庭长")
    haidian_judge = factories.staff_user("hdjudge", courts.haidian, Role.JUDGE, real_name="海淀法官")
    haidian_case = registered_case(
        courts.haidian, haidian_clerk, haidian_head, haidian_judge,
        [person(PartyRole.PLAINTIFF, "赵六"), company(PartyRole.DEFENDANT, "北京某乙有限公司",
                                                     agents=[lawyer_agent(users.lawyer)])],
    )  # fmt: skip
    room = court_services.courtroom_create(actor=None, court=courts.chaoyang, name="第一法庭")
    tech_room = court_services.courtroom_create(
        actor=None, court=courts.chaoyang, name="科技法庭", supports_online=True, supports_streaming=True
    )
    old_room = court_services.courtroom_create(actor=None, court=courts.chaoyang, name="旧法庭", active=False)
    haidian_room = court_services.courtroom_create(actor=None, court=courts.haidian, name="海淀第一法庭")
    parties = {p.name: p for p in case.parties.all()}
    return World(
        case=case, other_case=other_case, haidian_case=haidian_case, court_clerk=court_clerk, assistant=assistant,
        room=room, tech_room=tech_room, old_room=old_room, haidian_room=haidian_room, haidian_judge=haidian_judge,
        plaintiff=parties["张三"], defendant=parties["北京某某科技有限公司"],
    )  # fmt: skip


def schedule(world: World, actor: Any, case: Any = None, **overrides: Any) -> Any:
    """A public in-person hearing of ``world.case`` in 第一法庭, 5 days ahead at 09:00, 120 minutes."""
    arguments: dict[str, Any] = {
        "actor": actor,
        "case": case or world.case,
        "kind": HearingKind.HEARING,
        "mode": HearingMode.IN_PERSON,
        "starts_at": at(5, 9),
        "duration_minutes": 120,
        "courtroom_id": world.room.pk,
    }
    arguments.update(overrides)
    return services.hearing_schedule(**arguments)
