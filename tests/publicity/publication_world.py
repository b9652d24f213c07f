"""A published-pipeline world: the drafting world's 民初 case at 朝阳 (张三 v. 北京某某科技有限公司, lawyer
李律师), a civil judgment issued and made effective; reviewers (the court clerk 钱书记 and the judge
assistant 孙助理); helpers to issue more documents of other kinds."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tests.conftest import CourtTree, Users
from tests.judgments.drafting_world import World, civil_parties, issue, make_case, ready, staff
from tianping.accounts.enums import Role
from tianping.courts import services as court_services
from tianping.judgments.enums import EffectStatus
from tianping.judgments.models import IssuedDocument

EFFECTIVE_ON = dt.date(2026, 11, 30)  # a Monday


@dataclasses.dataclass
class PubWorld:
    jw: Any  # the drafting world
    document: Any
    reviewer: Any
    assistant: Any
    users: Users


def make_effective(document: Any, on: dt.date = EFFECTIVE_ON) -> Any:
    IssuedDocument.objects.filter(pk=document.pk).update(effect_status=EffectStatus.EFFECTIVE, effective_on=on)
    document.refresh_from_db()
    return document


def issue_kind(jw: Any, kind: str, case: Any = None) -> Any:
    return issue(jw.users.judge, ready(jw, kind, case=case))


@pytest.fixture(name="pub")
def pub_fixture(courts: CourtTree, users: Users, media: Any) -> PubWorld:
    division = court_services.division_create(actor=None, court=courts.chaoyang, name="民一庭", kind="civil")
    court_clerk = staff("courtclerk", courts.chaoyang, Role.COURT_CLERK, "钱书记")
    assistant = staff("assistant", courts.chaoyang, Role.JUDGE_ASSISTANT, "孙助理", division)
    second_judge = staff("judge2", courts.chaoyang, Role.JUDGE, "周法官")
    case = make_case(users, courts, division, "民初", civil_parties(users), users.judge,
                     {"judge_ids": [second_judge.pk], "assessor_names": ["吴陪审"],
                      "clerk_id": court_clerk.pk})  # fmt: skip
    jw = World(case, division, court_clerk, assistant, second_judge, None, None, None, users)
    document = make_effective(issue_kind(jw, "civil_judgment"))
    return PubWorld(jw, document, jw.court_clerk, jw.assistant, users)
