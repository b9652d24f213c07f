"""Shared fixtures: a small court tree and fixed users per role, including an outsider."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from tests import factories
from tianping.accounts.enums import Role
from tianping.cases.models import CaseType, CauseOfAction
from tianping.cases.seeding import seed_case_types, seed_causes
from tianping.core.models import CalendarDay
from tianping.core.workdays import seed_from_chinesecalendar


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Transactional tests flush every table after they run, including the reference data the
    migrations seed (type codes, causes, holidays); put it back before such a test."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"live_server", "transactional_db"} & set(request.fixturenames)
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    if not CaseType.objects.exists():
        seed_case_types(CaseType)
        seed_causes(CauseOfAction)
    if not CalendarDay.objects.exists():
        seed_from_chinesecalendar()


@pytest.fixture(autouse=True)
def _test_speedups(settings: Any) -> None:
    """Argon2 is deliberately slow and the manifest needs collectstatic; tests need neither.
    (tests/core/test_settings.py checks the production values.)"""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclasses.dataclass
class CourtTree:
    high: Any
    third_intermediate: Any
    chaoyang: Any
    first_intermediate: Any
    haidian: Any


@pytest.fixture
def courts(db: Any) -> CourtTree:
    """京 → 京03 → 京0105 (朝阳); 京 → 京01 → 京0108 (海淀)."""
    high = factories.court("京", "北京市高级人民法院", "high", division_code="110000", short_name="北京高院")
    third = factories.court("京03", "北京市第三中级人民法院", "intermediate", parent=high, short_name="北京三中院")
    chaoyang = factories.court(
        "京0105", "北京市朝阳区人民法院", "basic", parent=third, division_code="110105", short_name="朝阳法院"
    )
    first = factories.court("京01", "北京市第一中级人民法院", "intermediate", parent=high, short_name="北京一中院")
    haidian = factories.court(
        "京0108", "北京市海淀区人民法院", "basic", parent=first, division_code="110108", short_name="海淀法院"
    )
    return CourtTree(high, third, chaoyang, first, haidian)


@dataclasses.dataclass
class Users:
    clerk: Any
    judge: Any
    division_head: Any
    president: Any
    auditor: Any
    sysadmin: Any
    higher_judge: Any
    outsider: Any
    litigant: Any
    lawyer: Any


@pytest.fixture
def users(courts: CourtTree) -> Users:
    return Users(
        clerk=factories.staff_user("clerk", courts.chaoyang, Role.FILING_CLERK, real_name="王立案"),
        judge=factories.staff_user("judge", courts.chaoyang, Role.JUDGE, real_name="李法官"),
        division_head=factories.staff_user(
            "divhead", courts.chaoyang, Role.DIVISION_HEAD, Role.JUDGE, real_name="赵庭长"
        ),
        president=factories.staff_user("president", courts.chaoyang, Role.PRESIDENT, Role.JUDGE, real_name="刘院长"),
        auditor=factories.staff_user("auditor", courts.chaoyang, Role.AUDITOR, real_name="孙审计"),
        sysadmin=factories.staff_user("sysadmin", courts.high, Role.SYSADMIN, real_name="周管理"),
        higher_judge=factories.staff_user("judge3", courts.third_intermediate, Role.JUDGE, real_name="陈法官"),
        outsider=factories.staff_user("outsider", courts.haidian, Role.JUDGE, real_name="吴法官"),
        litigant=factories.litigant_user(),
        lawyer=factories.lawyer_user(),
    )


@pytest.fixture
def api_client() -> Client:
    return Client()


def bearer(client: Client, username: str, password: str = factories.PASSWORD) -> dict[str, str]:
    """Authorization header for ``username`` obtained through the real token endpoint."""
    response = client.post(
        "/api/v1/auth/token", {"username": username, "password": password}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return {"Authorization": f"Bearer {response.json()['token']}"}
