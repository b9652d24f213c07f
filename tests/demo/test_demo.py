"""The Beijing demo province: court tree, staffing, demo accounts, idempotency, audit."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from faker import Faker

from tianping.accounts import selectors as account_selectors
from tianping.accounts.enums import Role, UserKind
from tianping.core import audit
from tianping.core.models import AuditRecord
from tianping.courts.models import Court, Courtroom, Division, StaffMember
from tianping.demo import beijing
from tianping.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, STAFF_ACCOUNTS, BuildSummary, build_demo, staff_plan

BASIC_CODES = {f"京{code[2:]}" for _district, code, _parent in beijing.DISTRICTS}
EXPECTED_CODES = {"京", "京01", "京02", "京03", "京04", "京73", "京74", "京0491", *BASIC_CODES}


def counts() -> dict[str, int]:
    return {
        "courts": Court.objects.count(),
        "divisions": Division.objects.count(),
        "courtrooms": Courtroom.objects.count(),
        "staff": StaffMember.objects.count(),
        "users": get_user_model().objects.count(),
        "grants": sum(len(account_selectors.active_grants(u)) for u in get_user_model().objects.all()),
        "links": StaffMember.objects.filter(user__isnull=False).count(),
    }


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_if_empty_builds_on_an_empty_database() -> None:
    output = run_demo("--if-empty")

    assert "courts 24" in output
    assert set(Court.objects.values_list("code", flat=True)) == EXPECTED_CODES
    assert audit.verify().ok


@pytest.fixture(scope="class")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[BuildSummary]:
    """One build shared by the tests of a class, rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_demo()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo")
class TestBuiltProvince:
    def test_summary_counts_what_was_created(self, demo: BuildSummary) -> None:
        assert (demo.courts, demo.accounts) == (24, 10)
        assert demo.divisions == Division.objects.count()
        assert demo.courtrooms == Courtroom.objects.count()
        assert demo.staff == StaffMember.objects.count()

    def test_court_codes_levels_and_parents(self) -> None:
        courts = {c.code: c for c in Court.objects.select_related("parent")}
        assert set(courts) == EXPECTED_CODES

        high = courts["京"]
        assert (high.name, high.level, high.parent, high.division_code) == (
            "北京市高级人民法院",
            "high",
            None,
            "110000",
        )
        for code in ("京01", "京02", "京03", "京04", "京73", "京74"):
            assert (courts[code].level, courts[code].parent) == ("intermediate", high)
        assert (courts["京73"].specialty, courts["京74"].specialty) == ("ip", "financial")
        assert courts["京73"].name == "北京知识产权法院"

        internet = courts["京0491"]
        assert (internet.name, internet.level, internet.specialty) == ("北京互联网法院", "basic", "internet")
        assert internet.parent == courts["京04"]

        chaoyang = courts["京0105"]
        assert (chaoyang.name, chaoyang.short_name, chaoyang.division_code) == (
            "北京市朝阳区人民法院",
            "朝阳法院",
            "110105",
        )
        assert chaoyang.parent == courts["京03"]
        assert courts["京0108"].parent == courts["京01"]
        assert courts["京0101"].parent == courts["京02"]
        for code in BASIC_CODES:
            assert courts[code].level == "basic"
            assert courts[code].division_code == "11" + code[1:]
            assert courts[code].path == f"{courts[code].parent.path}{courts[code].pk}/"

    def test_every_court_has_divisions_courtrooms_and_staff(self) -> None:
        for court in Court.objects.all():
            divisions = list(court.divisions.all())
            assert divisions, court.code
            assert len({d.name for d in divisions}) == len(divisions)
            assert 4 <= court.courtrooms.count() <= 8, court.code
            assert court.courtrooms.filter(supports_online=True).exists()
            assert court.courtrooms.filter(supports_streaming=True).exists()
            staff = court.staff.all()
            assert 30 <= staff.count() <= 80, court.code
            assert staff.filter(title="president").count() == 1, court.code
            assert 1 <= staff.filter(title="vice_president").count() <= 2, court.code
            for division in divisions:
                if division.kind in {"civil", "criminal", "administrative", "supervision"}:
                    assert division.staff.filter(title="division_head", post="judge").count() == 1
                    assert 2 <= division.staff.filter(title="", post="judge").count() <= 4
                    assert division.staff.filter(post="clerk").exists()
                if division.kind == "enforcement":
                    assert division.staff.filter(post="enforcement_officer").count() >= 3
            assert staff.filter(post="bailiff").exists()
        chaoyang_numbers = StaffMember.objects.filter(court__code="京0105").values_list("employee_no", flat=True)
        assert all(no.startswith("110105-") for no in chaoyang_numbers)
        kinds = set(Division.objects.filter(court__code="京0105").values_list("kind", flat=True))
        assert {"filing", "civil", "criminal", "administrative", "supervision", "enforcement", "management"} <= kinds

    def test_demo_accounts_hold_their_roles_at_their_courts(self) -> None:
        users = {u.username: u for u in get_user_model().objects.all()}
        # The named accounts have the demo password; the establishment's accounts have none.
        named = {name for name, user in users.items() if user.has_usable_password()}
        assert {username for username, _role, _court in DEMO_ACCOUNTS} == named
        expected = {
            "chaoyang_clerk": ("京0105", [Role.FILING_CLERK]),
            "chaoyang_judge": ("京0105", [Role.JUDGE]),
            "chaoyang_head": ("京0105", [Role.DIVISION_HEAD, Role.JUDGE]),
            "chaoyang_president": ("京0105", [Role.PRESIDENT, Role.JUDGE]),
            "chaoyang_auditor": ("京0105", [Role.AUDITOR]),
            "chaoyang_enforcer": ("京0105", [Role.ENFORCEMENT_OFFICER]),
            "bj3_judge": ("京03", [Role.JUDGE]),
            "admin": ("京", [Role.SYSADMIN]),
        }
        assert set(expected) == {spec.username for spec in STAFF_ACCOUNTS}
        for username, (code, roles) in expected.items():
            user, court = users[username], Court.objects.get(code=code)
            for role in roles:
                assert account_selectors.has_role(user, role, court_id=court.pk), (username, role)
            assert len(account_selectors.active_grants(user)) == len(roles)
            member = StaffMember.objects.get(user=user)
            assert member.court == court
            assert member.name == user.real_name
        assert not account_selectors.has_role(
            users["chaoyang_judge"], Role.JUDGE, court_id=Court.objects.get(code="京03").pk
        )

        links = {
            m.user.username: m
            for m in StaffMember.objects.filter(user__isnull=False).select_related("division", "user")
        }
        assert (links["chaoyang_clerk"].division.name, links["chaoyang_clerk"].post) == ("立案庭", "clerk")
        assert (links["chaoyang_judge"].division.name, links["chaoyang_judge"].title) == ("民事审判第一庭", "")
        assert (links["chaoyang_head"].division.name, links["chaoyang_head"].title) == (
            "民事审判第一庭",
            "division_head",
        )
        assert links["chaoyang_president"].title == "president"
        assert (links["chaoyang_enforcer"].division.name, links["chaoyang_enforcer"].post) == (
            "执行局",
            "enforcement_officer",
        )

        assert users["admin"].is_superuser
        assert users["admin"].is_staff
        assert not users["chaoyang_president"].is_superuser
        litigant, lawyer = users["litigant"], users["lawyer"]
        assert (litigant.kind, litigant.mobile, litigant.identity_verified_at is not None) == (
            UserKind.LITIGANT,
            "13800138000",
            True,
        )
        assert (lawyer.kind, lawyer.law_firm, len(lawyer.lawyer_licence_no)) == (
            UserKind.LAWYER,
            "北京市天平律师事务所",
            17,
        )
        assert users["chaoyang_judge"].check_password(DEMO_PASSWORD)
        assert litigant.check_password(DEMO_PASSWORD)

    def test_running_again_creates_nothing(self) -> None:
        before = counts()

        again = build_demo()
        output = run_demo()

        assert not again.created_anything
        assert "nothing created" in output
        assert counts() == before

    def test_if_empty_does_nothing_when_courts_exist(self) -> None:
        before, records = counts(), AuditRecord.objects.count()

        output = run_demo("--if-empty")

        assert "nothing done" in output
        assert build_demo(if_empty=True).skipped
        assert (counts(), AuditRecord.objects.count()) == (before, records)

    def test_writes_are_audited_as_the_system_and_the_chain_verifies(self) -> None:
        creations = AuditRecord.objects.filter(action="court.create")
        assert creations.count() == 24
        assert set(creations.values_list("actor_id", flat=True)) == {None}
        assert AuditRecord.objects.filter(action="staff.create").count() == StaffMember.objects.count()
        # The establishment's accounts are a bulk step: one summarising record each, not one per row.
        loaded = AuditRecord.objects.get(action="demo.accounts_loaded")
        assert loaded.changes["users"][1] == get_user_model().objects.filter(username__regex=r"^[jace]\d").count()
        assert AuditRecord.objects.filter(action="demo.staff_linked").count() == 1
        assert audit.verify().ok

    def test_staff_are_the_same_on_every_build(self) -> None:
        chaoyang = next(c for c in beijing.COURTS if c.code == "京0105")
        plan = staff_plan(chaoyang, Faker("zh_CN"))
        assert plan == staff_plan(chaoyang, Faker("zh_CN"))
        stored = StaffMember.objects.filter(court__code="京0105").values_list("employee_no", "name", "post", "title")
        assert sorted(stored) == sorted((p.employee_no, p.name, p.post, p.title) for p in plan)
