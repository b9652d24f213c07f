"""Removal on the grounds of art. 10, the daily expiry job, and the staff reminders of removals due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests.cases.conftest import on_day
from tests.conftest import Users
from tests.credit.conftest import EnforcementWorld
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.credit import selectors, services, tasks
from tianping.credit.enums import DishonestConduct as C
from tianping.credit.enums import ListingStatus, RemovalReason
from tianping.credit.models import DishonestListing

ListDebtor = Callable[..., Any]
pytestmark = pytest.mark.django_db


def test_removal_records_the_reason_and_is_audited(list_debtor: ListDebtor, world: EnforcementWorld) -> None:
    listing = list_debtor()
    with on_day(dt.date(2026, 4, 1)):
        services.dishonest_remove(actor=world.officer, listing=listing, reason=RemovalReason.PERFORMED, note="已还清")
    listing.refresh_from_db()
    assert (listing.status, listing.removed_on, listing.removal_reason, listing.removed_by) == (
        ListingStatus.REMOVED, dt.date(2026, 4, 1), RemovalReason.PERFORMED, world.officer
    )  # fmt: skip
    record = AuditRecord.objects.get(action="credit.dishonest_remove")
    assert record.changes["status"] == ["listed", "removed"]
    assert record.actor_id == world.officer.pk


def test_a_removed_listing_cannot_be_removed_again(list_debtor: ListDebtor, world: EnforcementWorld) -> None:
    listing = list_debtor()
    services.dishonest_remove(actor=world.officer, listing=listing, reason=RemovalReason.APPLICANT_REQUEST)
    with pytest.raises(Conflict) as caught:
        services.dishonest_remove(actor=world.officer, listing=listing, reason=RemovalReason.PERFORMED)
    assert caught.value.code == "invalid_credit_transition"
    assert AuditRecord.objects.filter(action="credit.dishonest_remove").count() == 1


@pytest.mark.parametrize(
    ("reason", "note", "code"),
    [
        ("forgiven", "", "reason_unknown"),
        (RemovalReason.WRONGLY_LISTED, "", "field_required"),
        (RemovalReason.TERM_EXPIRED, "", "term_not_ended"),
        (RemovalReason.PERFORMED, "长" * 301, "field_too_long"),
    ],
)
def test_bad_removals_are_refused_and_change_nothing(
    list_debtor: ListDebtor, world: EnforcementWorld, reason: str, note: str, code: str
) -> None:
    listing = list_debtor()
    with pytest.raises(ValidationFailed) as caught:
        services.dishonest_remove(actor=world.officer, listing=listing, reason=reason, note=note)
    assert caught.value.code == code
    assert DishonestListing.objects.get().status == ListingStatus.LISTED


@pytest.mark.parametrize("who", ["clerk", "higher_judge", "litigant"])
def test_others_may_not_remove(list_debtor: ListDebtor, users: Users, who: str) -> None:
    listing = list_debtor()
    with pytest.raises(PermissionDenied):
        services.dishonest_remove(actor=getattr(users, who), listing=listing, reason=RemovalReason.PERFORMED)
    assert DishonestListing.objects.get().status == ListingStatus.LISTED


# ---- expiry --------------------------------------------------------------------------------------


def test_the_expiry_job_removes_listings_whose_term_ended(list_debtor: ListDebtor, world: EnforcementWorld) -> None:
    two_years = list_debtor()  # evades: 2026-03-10 → 2028-03-10
    no_term = list_debtor(party=world.company, conducts=[C.ABLE_BUT_REFUSES])
    with on_day(dt.date(2028, 3, 9)):
        assert tasks.credit_expiry_daily.call_local() == 0
    with on_day(dt.date(2028, 3, 10)):
        assert tasks.credit_expiry_daily.call_local() == 1
        assert services.dishonest_expire() == 0  # idempotent
    two_years.refresh_from_db()
    no_term.refresh_from_db()
    assert (two_years.status, two_years.removal_reason, two_years.removed_by) == (
        ListingStatus.REMOVED, RemovalReason.TERM_EXPIRED, None
    )  # fmt: skip
    assert no_term.status == ListingStatus.LISTED
    record = AuditRecord.objects.get(action="credit.dishonest_remove")
    assert record.actor_id is None
    assert record.court_code == "京0105"


def test_an_officer_may_remove_an_expired_listing_before_the_job_runs(
    list_debtor: ListDebtor, world: EnforcementWorld
) -> None:
    listing = list_debtor()
    with on_day(dt.date(2028, 3, 10)):
        services.dishonest_remove(actor=world.officer, listing=listing, reason=RemovalReason.TERM_EXPIRED)
    assert DishonestListing.objects.get().removal_reason == RemovalReason.TERM_EXPIRED


# ---- reminders -----------------------------------------------------------------------------------


def test_a_case_closed_as_performed_makes_the_removal_due_in_three_working_days(
    list_debtor: ListDebtor, close_case: Callable[[str], Any]
) -> None:
    listing = list_debtor()
    with on_day(dt.date(2026, 3, 13)):  # a Friday
        close_case("fulfilled")
        listing = DishonestListing.objects.select_related("case").get(pk=listing.pk)
        due = selectors.removal_due(listing)
    assert due is not None
    assert (due.reason, due.ground_on, due.due_on, due.overdue) == (
        RemovalReason.PERFORMED, dt.date(2026, 3, 13), dt.date(2026, 3, 18), False
    )  # fmt: skip
    assert selectors.removal_due(listing, today=dt.date(2026, 3, 19)).overdue  # type: ignore[union-attr]


def test_the_end_of_the_current_round_keeps_the_listing_without_a_reminder(
    list_debtor: ListDebtor, close_case: Callable[[str], Any]
) -> None:
    listing = list_debtor()
    close_case("no_assets")
    assert selectors.removal_due(DishonestListing.objects.select_related("case").get(pk=listing.pk)) is None


def test_a_term_that_ended_is_due_until_removed(list_debtor: ListDebtor) -> None:
    listing = list_debtor()
    assert selectors.removal_due(listing) is None
    due = selectors.removal_due(listing, today=dt.date(2028, 3, 10))
    assert due is not None
    assert due.reason == RemovalReason.TERM_EXPIRED
    assert due.due_on == dt.date(2028, 3, 15)
