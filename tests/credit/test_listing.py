"""Listing rules of the 2017 provisions: who may list, on which case and debtor, the refusals with their
stable codes, the term (and its extension), the published snapshot, duplicates and audit records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.cases.conftest import on_day, person
from tests.conftest import Users
from tests.credit.conftest import ADULT_ID, EnforcementWorld
from tianping.cases import services as case_services
from tianping.cases.enums import PartyRole
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.credit import services
from tianping.credit.enums import DishonestConduct as C
from tianping.credit.enums import ListingStatus
from tianping.credit.models import DishonestListing

ListDebtor = Callable[..., Any]
pytestmark = pytest.mark.django_db


def _code(exc: pytest.ExceptionInfo[Any]) -> str:
    return str(exc.value.code)


def test_a_listing_copies_the_published_snapshot_and_is_audited(
    list_debtor: ListDebtor, world: EnforcementWorld
) -> None:
    listing = list_debtor(decision_number="（2026）京0105执1号决定书")
    assert listing.status == ListingStatus.LISTED
    assert (listing.name, listing.id_number, listing.gender, listing.birth_date) == (
        "王失信",
        ADULT_ID,
        "male",
        dt.date(1980, 1, 1),
    )
    assert (listing.case_number, listing.filed_on, listing.court_id) == (
        world.case.number,
        world.case.filed_on,
        world.case.court_id,
    )
    assert listing.is_person
    assert listing.credit_code == ""
    assert listing.listed_by == world.officer
    record = AuditRecord.objects.get(action="credit.dishonest_list")
    assert record.object_id == str(listing.pk)
    assert record.actor_id == world.officer.pk
    assert record.court_code == "京0105"


def test_an_organisation_snapshot_has_its_credit_code_and_legal_representative(
    list_debtor: ListDebtor, world: EnforcementWorld
) -> None:
    listing = list_debtor(party=world.company)
    assert not listing.is_person
    assert (listing.credit_code, listing.legal_representative) == (world.company.credit_code, "周经理")
    assert listing.id_number == ""
    assert listing.gender == ""
    assert listing.birth_date is None


# ---- term ----------------------------------------------------------------------------------------


def test_conduct_one_alone_has_no_fixed_term(list_debtor: ListDebtor) -> None:
    listing = list_debtor(conducts=[C.ABLE_BUT_REFUSES])
    assert listing.term_ends_on is None


@pytest.mark.parametrize("conduct", [c for c in C.values if c != C.ABLE_BUT_REFUSES])
def test_conducts_two_to_six_list_for_two_years(list_debtor: ListDebtor, today: dt.date, conduct: str) -> None:
    listing = list_debtor(conducts=[conduct])
    assert (listing.listed_on, listing.term_ends_on) == (today, dt.date(2028, 3, 10))


def test_obstruction_allows_an_extension(list_debtor: ListDebtor) -> None:
    listing = list_debtor(conducts=[C.OBSTRUCTS], term_extension_years=3)
    assert (listing.term_extension_years, listing.term_ends_on) == (3, dt.date(2031, 3, 10))


def test_several_conducts_allow_an_extension_and_are_kept_in_rule_order(list_debtor: ListDebtor) -> None:
    listing = list_debtor(
        conducts=[C.RESTRICTION_BREACH, C.ABLE_BUT_REFUSES, C.EVADES, C.EVADES], term_extension_years=1
    )
    assert listing.conducts == [C.ABLE_BUT_REFUSES, C.EVADES, C.RESTRICTION_BREACH]
    assert listing.term_ends_on == dt.date(2029, 3, 10)


@pytest.mark.parametrize("conducts", [[C.EVADES], [C.ABLE_BUT_REFUSES], [C.ASSET_REPORT_BREACH]])
def test_an_extension_without_a_ground_is_refused(list_debtor: ListDebtor, conducts: list[str]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(conducts=conducts, term_extension_years=1)
    assert _code(caught) == "extension_not_allowed"
    assert not DishonestListing.objects.exists()


@pytest.mark.parametrize("years", [-1, 4])
def test_an_extension_outside_one_to_three_years_is_refused(list_debtor: ListDebtor, years: int) -> None:
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(conducts=[C.OBSTRUCTS], term_extension_years=years)
    assert _code(caught) == "extension_out_of_range"


def test_a_listing_on_29_february_ends_on_28_february(list_debtor: ListDebtor) -> None:
    with on_day(dt.date(2028, 2, 29)):
        listing = list_debtor()
    assert listing.term_ends_on == dt.date(2030, 2, 28)


# ---- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"conducts": []}, "conduct_required"),
        ({"conducts": ["steals"]}, "conduct_unknown"),
        ({"security_given": True}, "security_given"),
        ({"seized_assets_cover_debt": True}, "assets_cover_debt"),
        ({"performance": "most"}, "invalid_choice"),
        ({"obligation": "  "}, "field_required"),
        ({"source_document_number": ""}, "field_required"),
        ({"source_issuer": "长" * 101}, "field_too_long"),
    ],
)
def test_refusals_have_stable_codes_and_write_nothing(
    list_debtor: ListDebtor, overrides: dict[str, Any], code: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(**overrides)
    assert (_code(caught), caught.value.status) == (code, 422)
    assert not DishonestListing.objects.exists()
    assert not AuditRecord.objects.filter(action__startswith="credit.").exists()


def test_a_minor_is_not_listed_by_the_birth_date_in_the_id_number(
    list_debtor: ListDebtor, world: EnforcementWorld
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(party=world.minor)
    assert _code(caught) == "debtor_minor"


def test_the_eighteenth_birthday_is_the_day_a_debtor_may_be_listed(
    list_debtor: ListDebtor, world: EnforcementWorld
) -> None:
    world.minor.birth_date = dt.date(2008, 3, 11)  # the party record's date wins over the ID number's
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(party=world.minor)
    assert _code(caught) == "debtor_minor"
    with on_day(dt.date(2026, 3, 11)):
        assert list_debtor(party=world.minor).birth_date == dt.date(2008, 3, 11)


def test_the_applicant_is_not_a_debtor(list_debtor: ListDebtor, world: EnforcementWorld) -> None:
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(party=world.applicant)
    assert _code(caught) == "not_enforcement_respondent"


def test_a_debtor_of_another_case_is_refused(list_debtor: ListDebtor, world: EnforcementWorld, users: Users) -> None:
    other = case_services.case_register(
        actor=users.clerk, court_id=world.case.court_id, type_code="执",
        parties=[person(PartyRole.ENFORCEMENT_APPLICANT), person(PartyRole.ENFORCEMENT_RESPONDENT)],
    )  # fmt: skip
    stranger = other.parties.get(role=PartyRole.ENFORCEMENT_RESPONDENT)
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(party=stranger)
    assert _code(caught) == "not_enforcement_respondent"


def test_only_enforcement_cases_list(list_debtor: ListDebtor, users: Users, world: EnforcementWorld) -> None:
    civil = case_services.case_register(
        actor=users.clerk, court_id=world.case.court_id, type_code="民初",
        parties=[person(PartyRole.PLAINTIFF), person(PartyRole.DEFENDANT)],
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        list_debtor(case=civil, party=civil.parties.get(role=PartyRole.DEFENDANT))
    assert _code(caught) == "not_enforcement_case"


def test_a_closed_case_lists_no_one(list_debtor: ListDebtor, close_case: Callable[[str], Any]) -> None:
    close_case("no_assets")
    with pytest.raises(ValidationFailed) as caught:
        list_debtor()
    assert _code(caught) == "case_not_open"


def test_a_second_listing_in_the_same_case_is_a_409(list_debtor: ListDebtor) -> None:
    list_debtor()
    with pytest.raises(Conflict) as caught:
        list_debtor(conducts=[C.OBSTRUCTS])
    assert (_code(caught), caught.value.status) == ("already_listed", 409)
    assert DishonestListing.objects.count() == 1


def test_after_removal_the_debtor_can_be_listed_again(list_debtor: ListDebtor, world: EnforcementWorld) -> None:
    first = list_debtor()
    services.dishonest_remove(actor=world.officer, listing=first, reason="wrongly_listed", note="行为认定有误")
    assert list_debtor(conducts=[C.OBSTRUCTS]).pk != first.pk


# ---- who decides ---------------------------------------------------------------------------------


def test_judges_of_the_court_and_the_case_judge_may_list(list_debtor: ListDebtor, users: Users) -> None:
    assert list_debtor(actor=users.judge).listed_by == users.judge


@pytest.mark.parametrize("who", ["clerk", "higher_judge", "outsider", "litigant", "auditor"])
def test_others_may_not_list(list_debtor: ListDebtor, users: Users, who: str) -> None:
    with pytest.raises(PermissionDenied) as caught:
        list_debtor(actor=getattr(users, who))
    assert _code(caught) == "not_credit_officer"
    assert not DishonestListing.objects.exists()


def test_an_officer_of_another_court_may_not_list(list_debtor: ListDebtor, world: EnforcementWorld) -> None:
    with pytest.raises(PermissionDenied):
        list_debtor(actor=world.other_officer)
