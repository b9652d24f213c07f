"""Helpers for the case tests: valid parties, a frozen "today", registering and assigning through the services."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from tests.conftest import CourtTree, Users
from tianping.cases import services
from tianping.cases.enums import DesignationReason, PartyKind, PartyRole
from tianping.cases.services import PartyInput
from tianping.core import clock
from tianping.core.validators import credit_code_check_char

SHANGHAI = ZoneInfo("Asia/Shanghai")
_counter = itertools.count(1)


@contextlib.contextmanager
def on_day(day: dt.date) -> Iterator[None]:
    """Freeze ``clock.today()`` at ``day`` (10:00 Beijing time)."""
    with clock.frozen_at(dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=SHANGHAI)):
        yield


def make_credit_code() -> str:
    """A valid unified social credit code (GB 32100 check character computed)."""
    first17 = f"91110105MA{next(_counter) % 10**7:07d}"
    return first17 + credit_code_check_char(first17)


def person(role: str, name: str = "", **extra: Any) -> PartyInput:
    extra.setdefault("id_number", factories.make_id_number())
    return PartyInput(kind=PartyKind.NATURAL, role=role, name=name or f"自然人{next(_counter)}", **extra)


def company(role: str, name: str = "", **extra: Any) -> PartyInput:
    extra.setdefault("credit_code", make_credit_code())
    extra.setdefault("legal_representative", "周经理")
    return PartyInput(kind=PartyKind.LEGAL, role=role, name=name or f"北京测试{next(_counter)}有限公司", **extra)


def civil_parties() -> list[PartyInput]:
    return [person(PartyRole.PLAINTIFF, "张三"), company(PartyRole.DEFENDANT, "北京某某科技有限公司")]


@pytest.fixture
def register(courts: CourtTree, users: Users) -> Callable[..., Any]:
    """``register(**overrides)``: a 民初 case at 朝阳 registered by the filing clerk with valid parties."""

    def _register(**overrides: Any) -> Any:
        arguments: dict[str, Any] = {
            "actor": users.clerk,
            "court_id": courts.chaoyang.pk,
            "type_code": "民初",
            "parties": civil_parties(),
        }
        arguments.update(overrides)
        return services.case_register(**arguments)

    return _register


@pytest.fixture
def assign_to(users: Users) -> Callable[[Any, Any], Any]:
    """``assign_to(case, judge)``: designation by the filing clerk, approved by the division head."""

    def _assign(case: Any, judge: Any) -> Any:
        request = services.case_designate(
            actor=users.clerk, case=case, judge_id=judge.pk, reason=DesignationReason.RELATED_CASE
        )
        services.assignment_decide(actor=users.division_head, assignment=request, approve=True)
        case.refresh_from_db()
        return case

    return _assign
