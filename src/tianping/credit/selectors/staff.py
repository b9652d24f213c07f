"""Staff reads of the dishonest-debtor list and the consumption-restriction orders: a case's records,
a court's list, one record; and the reminders of removals that are due (docs/credit.md).

Staff read the records of the courts they may read (their own and the courts below); the full ID
number is shown only to staff of the record's own court, masked for everyone else."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tianping.accounts import selectors as access
from tianping.cases.enums import CaseStatus, ClosingMethod
from tianping.core import audit, clock
from tianping.core.enums import AuditKind
from tianping.core.errors import NotFound, PermissionDenied, ValidationFailed
from tianping.core.validators import mask_id_number
from tianping.core.workdays import working_calendar
from tianping.credit.enums import (
    DishonestConduct,
    ErrorCode,
    ListingStatus,
    RemovalReason,
    RestrictedRole,
    RestrictionStatus,
)
from tianping.credit.models import ConsumptionRestriction, DishonestListing
from tianping.credit.services import rules

__all__ = [
    "CREDIT_STAFF_ROLES",
    "REMOVAL_WORKING_DAYS",
    "RemovalDue",
    "case_listings",
    "case_party",
    "case_restrictions",
    "court_listings",
    "court_restrictions",
    "is_credit_staff",
    "listing_for_staff",
    "listing_view",
    "may_see_full_id",
    "record_full_id_read",
    "removal_due",
    "require_staff_reader",
    "restriction_for_staff",
    "restriction_view",
]

CREDIT_STAFF_ROLES = rules.CREDIT_ROLES
REMOVAL_WORKING_DAYS = 3
CLOSED_CASE_STATUSES = frozenset({CaseStatus.CLOSED, CaseStatus.EFFECTIVE, CaseStatus.ARCHIVED})
# How a closed enforcement case makes a removal due (art. 10); 终本 (no_assets) keeps the listing.
CLOSING_GROUNDS = {
    ClosingMethod.FULFILLED: RemovalReason.PERFORMED,
    ClosingMethod.TERMINATION: RemovalReason.CASE_TERMINATED,
    ClosingMethod.NOT_ENFORCED: RemovalReason.BASIS_REVOKED,
}


def is_credit_staff(user: Any) -> bool:
    """Enforcement officers and judges of any court: the court list page and its navigation entry."""
    return access.is_staff_user(user) and access.has_role(user, *CREDIT_STAFF_ROLES)


def require_staff_reader(user: Any) -> None:
    """The staff lists and a case's credit records are for court staff only (403 otherwise)."""
    if not access.is_staff_user(user):
        raise PermissionDenied(_("只有法院工作人员可以查看"), code=ErrorCode.STAFF_ONLY)


def may_see_full_id(user: Any, record: Any) -> bool:
    """Full ID numbers are for those who decide on the list at the record's court (enforcement officers
    and judges there); other staff, of that court or above, read the masked form."""
    return access.is_staff_user(user) and access.has_role(user, *CREDIT_STAFF_ROLES, court_id=record.court_id)


def _has_id_numbers(record: Any) -> bool:
    return bool(record.id_number) or any(p.get("id_number") for p in getattr(record, "restricted_persons", None) or [])


def record_full_id_read(*, user: Any, records: list[Any], purpose: str) -> None:
    """One audited read (``sensitive.read``) when the user is shown full ID numbers of these records."""
    shown = [r for r in records if _has_id_numbers(r) and may_see_full_id(user, r)]
    if not shown:
        return
    audit.record(
        actor=user, action="sensitive.read", kind=AuditKind.READ, object_type=shown[0]._meta.label,
        object_id=str(shown[0].pk) if len(shown) == 1 else "", object_repr=str(shown[0]),
        court_code=shown[0].court.code,
        changes={"fields": ["id_number"], "purpose": purpose, "ids": [r.pk for r in shown]},
    )  # fmt: skip


def _listings() -> QuerySet[DishonestListing]:
    return DishonestListing.objects.select_related("court", "case", "listed_by", "removed_by")


def _restrictions() -> QuerySet[ConsumptionRestriction]:
    return ConsumptionRestriction.objects.select_related("court", "case", "issued_by", "lifted_by")


def case_party(*, case: Any, party_id: int | None) -> Any:
    """A party of ``case`` (already gatekept); anything else is a 404."""
    party = case.parties.filter(pk=party_id).first() if party_id else None
    if party is None:
        raise NotFound(_("当事人不存在"), code=ErrorCode.PARTY_NOT_FOUND, details={"field": "party_id"})
    return party


def case_listings(*, case: Any) -> list[DishonestListing]:
    """The listings of a case the caller already may read (through ``case_for_user``)."""
    return list(_listings().filter(case_id=case.pk).order_by("-listed_on", "-id"))


def case_restrictions(*, case: Any) -> list[ConsumptionRestriction]:
    return list(_restrictions().filter(case_id=case.pk).order_by("-issued_on", "-id"))


def _court_ids(user: Any, court_id: int | None) -> frozenset[int]:
    require_staff_reader(user)
    readable = access.readable_court_ids(user)
    if court_id is None:
        return readable
    return frozenset({court_id}) & readable


def court_listings(*, user: Any, court_id: int | None = None, status: str = "") -> QuerySet[DishonestListing]:
    """The listings of the courts the user reads (or one of them), newest first; ``status`` filters."""
    if status and status not in ListingStatus.values:
        raise ValidationFailed(_("状态无效"), code=ErrorCode.INVALID_CHOICE, details={"field": "status"})
    listings = _listings().filter(court_id__in=_court_ids(user, court_id))
    return listings.filter(status=status) if status else listings


def court_restrictions(*, user: Any, court_id: int | None = None, status: str = "") -> QuerySet[ConsumptionRestriction]:
    if status and status not in RestrictionStatus.values:
        raise ValidationFailed(_("状态无效"), code=ErrorCode.INVALID_CHOICE, details={"field": "status"})
    restrictions = _restrictions().filter(court_id__in=_court_ids(user, court_id))
    return restrictions.filter(status=status) if status else restrictions


def listing_for_staff(*, user: Any, listing_id: int) -> DishonestListing:
    """One listing of a court the user reads; anything else (and any non-staff caller) is a 404."""
    listing = None
    if access.is_staff_user(user):
        listing = _listings().filter(pk=listing_id, court_id__in=access.readable_court_ids(user)).first()
    if listing is None:
        raise NotFound(_("失信记录不存在或无权访问"), code=ErrorCode.LISTING_NOT_FOUND)
    return listing


def restriction_for_staff(*, user: Any, restriction_id: int) -> ConsumptionRestriction:
    restriction = None
    if access.is_staff_user(user):
        restriction = _restrictions().filter(pk=restriction_id, court_id__in=access.readable_court_ids(user)).first()
    if restriction is None:
        raise NotFound(_("限制消费记录不存在或无权访问"), code=ErrorCode.RESTRICTION_NOT_FOUND)
    return restriction


@dataclasses.dataclass(frozen=True)
class RemovalDue:
    """A removal ground has occurred: the listing should be removed by ``due_on`` (3 working days)."""

    reason: str
    reason_label: str
    ground_on: dt.date
    due_on: dt.date
    overdue: bool


def _ground(listing: DishonestListing, today: dt.date) -> tuple[str, dt.date] | None:
    case = listing.case
    method_reason = CLOSING_GROUNDS.get(case.closing_method)  # type: ignore[call-overload]
    if case.status in CLOSED_CASE_STATUSES and method_reason and case.closed_on is not None:
        return method_reason, case.closed_on
    if listing.term_ends_on is not None and listing.term_ends_on <= today:
        return RemovalReason.TERM_EXPIRED, listing.term_ends_on
    return None


def removal_due(listing: DishonestListing, *, today: dt.date | None = None) -> RemovalDue | None:
    """For a listing still published: the ground that makes its removal due and the last day (art. 10:
    within 3 working days of the case closing as performed/terminated/not enforced, or of the term's end)."""
    if listing.status != ListingStatus.LISTED:
        return None
    today = today or clock.today()
    ground = _ground(listing, today)
    if ground is None:
        return None
    reason, ground_on = ground
    due_on = working_calendar().add_working_days(ground_on, REMOVAL_WORKING_DAYS)
    return RemovalDue(reason, str(RemovalReason(reason).label), ground_on, due_on, today > due_on)


def _user_name(user: Any) -> str:
    return (getattr(user, "real_name", "") or getattr(user, "username", "")) if user is not None else ""


def _snapshot_view(user: Any, record: Any) -> dict[str, Any]:
    full = may_see_full_id(user, record)
    return {
        "id": record.pk,
        "case_id": record.case_id,
        "party_id": record.party_id,
        "court_id": record.court_id,
        "court_name": record.court.name,
        "case_number": record.case_number,
        "filed_on": record.filed_on,
        "is_person": record.is_person,
        "name": record.name,
        "gender": record.gender,
        "gender_label": {"male": _("男"), "female": _("女")}.get(record.gender, ""),
        "birth_date": record.birth_date,
        "id_number": record.id_number if full or not record.id_number else mask_id_number(record.id_number),
        "id_number_masked": not full and bool(record.id_number),
        "credit_code": record.credit_code,
        "legal_representative": record.legal_representative,
        "status": record.status,
        "status_label": str(record.get_status_display()),
    }


def listing_view(*, user: Any, listing: DishonestListing, today: dt.date | None = None) -> dict[str, Any]:
    """A listing as a staff member sees it (the API's and the pages' shape)."""
    due = removal_due(listing, today=today)
    labels = dict(DishonestConduct.choices)
    return {
        **_snapshot_view(user, listing),
        "obligation": listing.obligation,
        "performance": listing.performance,
        "performance_label": str(listing.get_performance_display()),
        "conducts": list(listing.conducts),
        "conduct_labels": [str(labels.get(c, c)) for c in listing.conducts],
        "source_document_number": listing.source_document_number,
        "source_issuer": listing.source_issuer,
        "decision_number": listing.decision_number,
        "listed_on": listing.listed_on,
        "term_extension_years": listing.term_extension_years,
        "term_ends_on": listing.term_ends_on,
        "listed_by": _user_name(listing.listed_by),
        "removed_on": listing.removed_on,
        "removal_reason": listing.removal_reason,
        "removal_reason_label": str(listing.get_removal_reason_display()) if listing.removal_reason else "",
        "removal_note": listing.removal_note,
        "removed_by": _user_name(listing.removed_by),
        "removal_due": dataclasses.asdict(due) if due else None,
    }


def _person_view(person: dict[str, Any], full: bool) -> dict[str, Any]:
    id_number = str(person.get("id_number") or "")
    role = str(person.get("role") or "")
    return {
        "name": str(person.get("name") or ""),
        "role": role,
        "role_label": str(RestrictedRole(role).label) if role in RestrictedRole.values else role,
        "id_number": id_number if full or not id_number else mask_id_number(id_number),
    }


def restriction_view(*, user: Any, restriction: ConsumptionRestriction) -> dict[str, Any]:
    full = may_see_full_id(user, restriction)
    return {
        **_snapshot_view(user, restriction),
        "order_number": restriction.order_number,
        "restricted_persons": [_person_view(p, full) for p in restriction.restricted_persons or []],
        "issued_on": restriction.issued_on,
        "issued_by": _user_name(restriction.issued_by),
        "lifted_on": restriction.lifted_on,
        "lift_reason": restriction.lift_reason,
        "lift_reason_label": str(restriction.get_lift_reason_display()) if restriction.lift_reason else "",
        "lift_note": restriction.lift_note,
        "lifted_by": _user_name(restriction.lifted_by),
    }
