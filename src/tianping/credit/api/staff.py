"""Staff API of credit discipline (/api/v1/credit/…): the dishonest-debtor list and consumption
restrictions of the caller's courts; decisions by the court's enforcement officers and judges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from tianping.cases import selectors as case_selectors
from tianping.credit import selectors, services

router = Router(tags=["credit"])

PAGE_LIMIT = 500


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class RemovalDueOut(Schema):
    reason: str
    reason_label: str
    ground_on: dt.date
    due_on: dt.date
    overdue: bool


class SnapshotOut(Schema):
    id: int
    case_id: int
    party_id: int
    court_id: int
    court_name: str
    case_number: str
    filed_on: dt.date
    is_person: bool
    name: str
    gender: str
    birth_date: dt.date | None
    id_number: str
    id_number_masked: bool
    credit_code: str
    legal_representative: str
    status: str
    status_label: str


class ListingOut(SnapshotOut):
    obligation: str
    performance: str
    conducts: list[str]
    conduct_labels: list[str]
    source_document_number: str
    source_issuer: str
    decision_number: str
    listed_on: dt.date
    term_extension_years: int
    term_ends_on: dt.date | None
    listed_by: str
    removed_on: dt.date | None
    removal_reason: str
    removal_note: str
    removal_due: RemovalDueOut | None


class PersonOut(Schema):
    name: str
    role: str
    role_label: str
    id_number: str


class RestrictionOut(SnapshotOut):
    order_number: str
    restricted_persons: list[PersonOut]
    issued_on: dt.date
    issued_by: str
    lifted_on: dt.date | None
    lift_reason: str
    lift_note: str


class CaseCreditOut(Schema):
    listings: list[ListingOut]
    restrictions: list[RestrictionOut]


class ListingIn(Schema):
    case_id: int
    party_id: int
    conducts: list[str] = Field(..., max_length=20)
    obligation: str = Field(..., max_length=2000)
    performance: str = Field(..., max_length=20)
    source_document_number: str = Field(..., max_length=60)
    source_issuer: str = Field(..., max_length=100)
    decision_number: str = Field("", max_length=60)
    term_extension_years: int = Field(0, ge=0, le=3)
    security_given: bool = False
    seized_assets_cover_debt: bool = False


class PersonIn(Schema):
    name: str = Field(..., max_length=60)
    role: str = Field(..., max_length=30)
    id_number: str = Field("", max_length=30)


class RestrictionIn(Schema):
    case_id: int
    party_id: int
    order_number: str = Field("", max_length=60)
    restricted_persons: list[PersonIn] = Field(default_factory=list, max_length=10)


class ReasonIn(Schema):
    reason: str = Field(..., max_length=30)
    note: str = Field("", max_length=300)


def _listing(request: HttpRequest, listing: Any) -> dict[str, Any]:
    return selectors.listing_view(user=request.user, listing=listing)


def _restriction(request: HttpRequest, restriction: Any) -> dict[str, Any]:
    return selectors.restriction_view(user=request.user, restriction=restriction)


def _read(request: HttpRequest, records: list[Any], purpose: str) -> list[Any]:
    """The records, after auditing the full ID numbers the caller is about to see."""
    selectors.record_full_id_read(user=request.user, records=records, purpose=purpose)
    return records


def _case_and_party(request: HttpRequest, case_id: int, party_id: int) -> tuple[Any, Any]:
    case = case_selectors.case_for_user(request.user, case_id)
    return case, selectors.case_party(case=case, party_id=party_id)


@router.get("/cases/{int:case_id}", response={200: CaseCreditOut, **ERRORS})
def case_credit(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The listings and restriction orders of one enforcement case (staff of the courts that read it)."""
    case = case_selectors.case_for_user(request.user, case_id)
    selectors.require_staff_reader(request.user)
    listings = _read(request, selectors.case_listings(case=case), "credit_case")
    restrictions = _read(request, selectors.case_restrictions(case=case), "credit_case")
    return {
        "listings": [_listing(request, x) for x in listings],
        "restrictions": [_restriction(request, x) for x in restrictions],
    }


@router.get("/listings", response={200: list[ListingOut], **ERRORS})
def listing_list(request: HttpRequest, court_id: int | None = None, status: str = "") -> list[dict[str, Any]]:
    """The dishonest-debtor listings of the caller's courts (or one of them), newest first; ``status``
    is listed or removed. Full ID numbers only for staff of the listing court."""
    listings = selectors.court_listings(user=request.user, court_id=court_id, status=status)
    page = _read(request, list(listings.order_by("-listed_on", "-id")[:PAGE_LIMIT]), "credit_list")
    return [_listing(request, x) for x in page]


@router.post("/listings", response={201: ListingOut, **ERRORS})
def listing_create(request: HttpRequest, payload: ListingIn) -> Status:
    """List a debtor (纳入失信被执行人名单): refusals have stable codes (docs/credit.md)."""
    data = payload.dict()
    case, party = _case_and_party(request, data.pop("case_id"), data.pop("party_id"))
    listing = services.dishonest_list(actor=request.user, case=case, party=party, **data)
    return Status(201, _listing(request, selectors.listing_for_staff(user=request.user, listing_id=listing.pk)))


@router.get("/listings/{int:listing_id}", response={200: ListingOut, **ERRORS})
def listing_detail(request: HttpRequest, listing_id: int) -> dict[str, Any]:
    listing = selectors.listing_for_staff(user=request.user, listing_id=listing_id)
    return _listing(request, _read(request, [listing], "credit_detail")[0])


@router.post("/listings/{int:listing_id}/remove", response={200: ListingOut, **ERRORS})
def listing_remove(request: HttpRequest, listing_id: int, payload: ReasonIn) -> dict[str, Any]:
    """Remove a listing (删除失信信息) on a ground of art. 10."""
    listing = selectors.listing_for_staff(user=request.user, listing_id=listing_id)
    services.dishonest_remove(actor=request.user, listing=listing, reason=payload.reason, note=payload.note)
    return _listing(request, selectors.listing_for_staff(user=request.user, listing_id=listing_id))


@router.get("/restrictions", response={200: list[RestrictionOut], **ERRORS})
def restriction_list(request: HttpRequest, court_id: int | None = None, status: str = "") -> list[dict[str, Any]]:
    """The consumption-restriction orders of the caller's courts; ``status`` is in_force or lifted."""
    restrictions = selectors.court_restrictions(user=request.user, court_id=court_id, status=status)
    page = _read(request, list(restrictions.order_by("-issued_on", "-id")[:PAGE_LIMIT]), "credit_list")
    return [_restriction(request, x) for x in page]


@router.post("/restrictions", response={201: RestrictionOut, **ERRORS})
def restriction_create(request: HttpRequest, payload: RestrictionIn) -> Status:
    """Issue a consumption-restriction order; an organisation's legal representative is always bound."""
    case, party = _case_and_party(request, payload.case_id, payload.party_id)
    restriction = services.consumption_restrict(
        actor=request.user, case=case, party=party, order_number=payload.order_number,
        restricted_persons=[p.dict() for p in payload.restricted_persons],
    )  # fmt: skip
    loaded = selectors.restriction_for_staff(user=request.user, restriction_id=restriction.pk)
    return Status(201, _restriction(request, loaded))


@router.get("/restrictions/{int:restriction_id}", response={200: RestrictionOut, **ERRORS})
def restriction_detail(request: HttpRequest, restriction_id: int) -> dict[str, Any]:
    restriction = selectors.restriction_for_staff(user=request.user, restriction_id=restriction_id)
    return _restriction(request, _read(request, [restriction], "credit_detail")[0])


@router.post("/restrictions/{int:restriction_id}/lift", response={200: RestrictionOut, **ERRORS})
def restriction_lift(request: HttpRequest, restriction_id: int, payload: ReasonIn) -> dict[str, Any]:
    """Lift a consumption-restriction order (解除限制消费)."""
    restriction = selectors.restriction_for_staff(user=request.user, restriction_id=restriction_id)
    services.consumption_lift(actor=request.user, restriction=restriction, reason=payload.reason, note=payload.note)
    return _restriction(request, selectors.restriction_for_staff(user=request.user, restriction_id=restriction_id))
