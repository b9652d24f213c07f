"""The dishonest-debtor list (失信被执行人名单, 2017 rules; docs/credit.md): listing a debtor of an open
enforcement case, removing the listing on one of the grounds of art. 10, and the daily expiry job."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tianping.core import audit, clock
from tianping.core.errors import Conflict, ValidationFailed
from tianping.credit.enums import ErrorCode, ListingStatus, Performance, RemovalReason
from tianping.credit.models import DishonestListing
from tianping.credit.services.rules import (
    ADULT_AGE,
    age_on,
    check_conducts,
    check_extension,
    clean_text,
    debtor_birth_date,
    require_credit_officer,
    require_open_enforcement_case,
    require_respondent,
    snapshot_fields,
    term_ends_on,
    transition,
)

__all__ = [
    "LISTING_TRANSITIONS",
    "NOTE_REQUIRED_REASONS",
    "dishonest_expire",
    "dishonest_list",
    "dishonest_remove",
]

LISTING_TRANSITIONS: dict[str, frozenset[str]] = {
    ListingStatus.LISTED: frozenset({ListingStatus.REMOVED}),
    ListingStatus.REMOVED: frozenset(),
}
# Removals that must say why in words (a correction, a revoked basis).
NOTE_REQUIRED_REASONS = frozenset({RemovalReason.WRONGLY_LISTED, RemovalReason.BASIS_REVOKED})


def _refuse_exempt_debtor(party: Any, on: dt.date, *, security_given: bool, seized_assets_cover_debt: bool) -> None:
    """Art. 3 and 4: not listed when adequate security is given, seized assets cover the debt, or a minor."""
    if security_given:
        raise ValidationFailed(_("被执行人已提供充分有效担保，不得纳入失信名单"), code=ErrorCode.SECURITY_GIVEN)
    if seized_assets_cover_debt:
        raise ValidationFailed(
            _("已查封、扣押、冻结被执行人的财产足以清偿债务，不得纳入失信名单"), code=ErrorCode.ASSETS_COVER_DEBT
        )
    birth = debtor_birth_date(party)
    if birth is not None and age_on(birth, on) < ADULT_AGE:
        raise ValidationFailed(_("被执行人是未成年人，不得纳入失信名单"), code=ErrorCode.DEBTOR_MINOR)


def _already_listed(case: Any, party: Any) -> Conflict:
    return Conflict(_("该被执行人已在本案纳入失信名单"), code=ErrorCode.ALREADY_LISTED, details={"party_id": party.pk})


def dishonest_list(
    *,
    actor: Any,
    case: Any,
    party: Any,
    conducts: Iterable[str],
    obligation: str,
    performance: str,
    source_document_number: str,
    source_issuer: str,
    decision_number: str = "",
    term_extension_years: int = 0,
    security_given: bool = False,
    seized_assets_cover_debt: bool = False,
) -> DishonestListing:
    """Put the debtor ``party`` of the enforcement ``case`` on the dishonest-debtor list."""
    require_credit_officer(actor, case)
    require_open_enforcement_case(case)
    require_respondent(case, party)
    conduct_list = check_conducts(conducts)
    today = clock.today()
    _refuse_exempt_debtor(
        party, today, security_given=security_given, seized_assets_cover_debt=seized_assets_cover_debt
    )
    extension = check_extension(conduct_list, term_extension_years)
    if performance not in Performance.values:
        raise ValidationFailed(_("履行情况无效"), code=ErrorCode.INVALID_CHOICE, details={"field": "performance"})
    fields = {
        "obligation": clean_text(obligation, "obligation", 2000),
        "source_document_number": clean_text(source_document_number, "source_document_number", 60),
        "source_issuer": clean_text(source_issuer, "source_issuer", 100),
        "decision_number": clean_text(decision_number, "decision_number", 60, required=False),
    }
    if DishonestListing.objects.filter(case=case, party=party, status=ListingStatus.LISTED).exists():
        raise _already_listed(case, party)
    try:
        with transaction.atomic():
            listing = DishonestListing.objects.create(
                **snapshot_fields(case, party), **fields, status=ListingStatus.LISTED, performance=performance,
                conducts=conduct_list, listed_on=today, term_extension_years=extension,
                term_ends_on=term_ends_on(conduct_list, today, extension), listed_by=actor,
            )  # fmt: skip
            audit.record(
                actor=actor, action="credit.dishonest_list", obj=listing, court_code=case.court.code,
                changes={"status": listing.status, "conducts": conduct_list, "term_ends_on": listing.term_ends_on,
                         "term_extension_years": extension, "party_id": party.pk},
            )  # fmt: skip
    except IntegrityError as exc:  # a concurrent listing of the same debtor in the same case won
        raise _already_listed(case, party) from exc
    return listing


def _locked(listing: DishonestListing) -> DishonestListing:
    return DishonestListing.objects.select_for_update(of=("self",)).select_related("court").get(pk=listing.pk)


def _check_removal(listing: DishonestListing, reason: str, note: str, today: dt.date) -> str:
    if reason not in RemovalReason.values:
        raise ValidationFailed(_("删除理由无效"), code=ErrorCode.REASON_UNKNOWN, details={"field": "reason"})
    note = clean_text(note, "note", 300, required=reason in NOTE_REQUIRED_REASONS)
    if reason == RemovalReason.TERM_EXPIRED and (listing.term_ends_on is None or listing.term_ends_on > today):
        raise ValidationFailed(_("纳入期限尚未届满"), code=ErrorCode.TERM_NOT_ENDED, details={"field": "reason"})
    return note


def _remove(listing: DishonestListing, *, actor: Any, reason: str, note: str, today: dt.date) -> DishonestListing:
    before = transition(listing, ListingStatus.REMOVED, LISTING_TRANSITIONS)
    listing.removed_on, listing.removal_reason, listing.removal_note = today, reason, note
    listing.removed_by = actor
    listing.save(update_fields=["status", "removed_on", "removal_reason", "removal_note", "removed_by", "updated_at"])
    audit.record(
        actor=actor, action="credit.dishonest_remove", obj=listing, court_code=listing.court.code,
        changes={"status": [before, listing.status], "reason": reason, "note": note},
    )  # fmt: skip
    return listing


def dishonest_remove(*, actor: Any, listing: DishonestListing, reason: str, note: str = "") -> DishonestListing:
    """Take the debtor off the list on one of the grounds of art. 10 (RemovalReason)."""
    require_credit_officer(actor, listing.case)
    today = clock.today()
    note = _check_removal(listing, reason, note, today)
    with transaction.atomic():
        return _remove(_locked(listing), actor=actor, reason=reason, note=note, today=today)


def dishonest_expire(*, today: dt.date | None = None) -> int:
    """Remove every listing whose term has run out (reason term_expired, by the system); idempotent."""
    today = today or clock.today()
    due = DishonestListing.objects.filter(status=ListingStatus.LISTED, term_ends_on__lte=today)
    removed = 0
    for listing_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            listing = DishonestListing.objects.select_for_update(of=("self",)).select_related("court")
            current = listing.filter(pk=listing_id, status=ListingStatus.LISTED).first()
            if current is None:  # removed meanwhile
                continue
            _remove(current, actor=None, reason=RemovalReason.TERM_EXPIRED, note="", today=today)
            removed += 1
    return removed
