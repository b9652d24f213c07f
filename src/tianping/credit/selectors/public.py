"""What the public may read of the credit lists (执行信息公开, domain §8): the dishonest-debtor list
(失信被执行人) and the consumption-restricted persons (限制消费人员).

Only rows in force are public (listed / in force); removed listings and lifted orders are never
shown. Each row is turned into a dataclass of the published fields: for persons name, gender, age
(at today's date) and the ID number masked; for organisations name, unified social credit code and
legal representative; plus the case facts the 2017 rules publish. A full ID number never leaves this
module; it is used only to match a query.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tianping.core import clock
from tianping.core.errors import ValidationFailed
from tianping.core.validators import mask_id_number, parse_id_number
from tianping.credit.enums import DishonestConduct, ListingStatus, RestrictedRole, RestrictionStatus
from tianping.credit.models import ConsumptionRestriction, DishonestListing

__all__ = [
    "PublicDebtor",
    "PublicDishonestDebtor",
    "PublicRestrictedPerson",
    "PublicRestrictedPersonLink",
    "dishonest_listed_count",
    "dishonest_public_get",
    "dishonest_public_search",
    "public_debtor",
    "public_debtor_of",
    "restriction_in_force_count",
    "restriction_public_search",
]

GENDER_LABELS = {"male": _("男"), "female": _("女")}


@dataclasses.dataclass(frozen=True)
class PublicDebtor:
    """The debtor as published: a person by name, gender, age and masked ID number; an organisation
    by name, unified social credit code and legal representative."""

    name: str
    is_person: bool
    gender: str  # 男 / 女 / ""
    age: int | None
    id_number_masked: str
    credit_code: str
    legal_representative: str


@dataclasses.dataclass(frozen=True)
class PublicDishonestDebtor:
    id: int
    debtor: PublicDebtor
    case_number: str
    filed_on: dt.date
    court_name: str
    source_document_number: str
    source_issuer: str
    obligation: str
    performance: str
    performance_label: str
    conducts: list[str]
    conduct_labels: list[str]
    listed_on: dt.date


@dataclasses.dataclass(frozen=True)
class PublicRestrictedPersonLink:
    """A person an organisation's restriction binds too (名字与身份), never their identity numbers."""

    name: str
    role_label: str


@dataclasses.dataclass(frozen=True)
class PublicRestrictedPerson:
    id: int
    debtor: PublicDebtor
    case_number: str
    filed_on: dt.date
    court_name: str
    order_number: str
    issued_on: dt.date
    restricted_persons: list[PublicRestrictedPersonLink]


def _age(birth_date: dt.date | None, id_number: str, today: dt.date) -> int | None:
    birth = birth_date
    if birth is None and id_number:
        try:
            birth = parse_id_number(id_number, today=today).birth_date
        except ValidationFailed:
            return None
    if birth is None:
        return None
    had_birthday = (today.month, today.day) >= (birth.month, birth.day)
    return today.year - birth.year - (0 if had_birthday else 1)


def public_debtor_of(
    *,
    is_person: bool,
    name: str,
    gender: str,
    birth_date: dt.date | None,
    id_number: str,
    credit_code: str,
    legal_representative: str,
    today: dt.date,
) -> PublicDebtor:
    """The published identity of a debtor: a person's gender, age and masked ID number; an
    organisation's credit code and legal representative (used for the case-based lists too)."""
    if is_person:
        return PublicDebtor(
            name=name, is_person=True, gender=str(GENDER_LABELS.get(gender, "")),
            age=_age(birth_date, id_number, today), id_number_masked=mask_id_number(id_number) if id_number else "",
            credit_code="", legal_representative="",
        )  # fmt: skip
    return PublicDebtor(
        name=name, is_person=False, gender="", age=None, id_number_masked="", credit_code=credit_code,
        legal_representative=legal_representative,
    )  # fmt: skip


def public_debtor(row: Any, *, today: dt.date) -> PublicDebtor:
    """The published identity of a snapshot row (DishonestListing / ConsumptionRestriction)."""
    return public_debtor_of(
        is_person=row.is_person, name=row.name, gender=row.gender, birth_date=row.birth_date,
        id_number=row.id_number, credit_code=row.credit_code, legal_representative=row.legal_representative,
        today=today,
    )  # fmt: skip


def _match(queryset: QuerySet[Any], *, name: str, id_number: str, credit_code: str) -> QuerySet[Any]:
    """Exact matches only (like 中国执行信息公开网): the full name, the full ID number, the full code."""
    if not (name or id_number or credit_code):
        return queryset.none()
    if name:
        queryset = queryset.filter(name=name)
    if id_number:
        queryset = queryset.filter(id_number=id_number)
    if credit_code:
        queryset = queryset.filter(credit_code=credit_code)
    return queryset


def _labels(values: Any, choices: type[Any]) -> list[str]:
    known = dict(choices.choices)
    return [str(known.get(v, v)) for v in (values or []) if isinstance(v, str)]


def _dishonest(row: DishonestListing, today: dt.date) -> PublicDishonestDebtor:
    return PublicDishonestDebtor(
        id=row.pk, debtor=public_debtor(row, today=today), case_number=row.case_number, filed_on=row.filed_on,
        court_name=row.court.name, source_document_number=row.source_document_number,
        source_issuer=row.source_issuer, obligation=row.obligation, performance=row.performance,
        performance_label=str(row.get_performance_display()), conducts=[str(c) for c in row.conducts or []],
        conduct_labels=_labels(row.conducts, DishonestConduct), listed_on=row.listed_on,
    )  # fmt: skip


def _restricted_links(value: Any) -> list[PublicRestrictedPersonLink]:
    roles = dict(RestrictedRole.choices)
    links = []
    for entry in value or []:
        if isinstance(entry, dict) and str(entry.get("name") or "").strip():
            role_label = str(roles.get(str(entry.get("role") or ""), ""))
            links.append(PublicRestrictedPersonLink(name=str(entry["name"]).strip(), role_label=role_label))
    return links


def _restricted(row: ConsumptionRestriction, today: dt.date) -> PublicRestrictedPerson:
    return PublicRestrictedPerson(
        id=row.pk, debtor=public_debtor(row, today=today), case_number=row.case_number, filed_on=row.filed_on,
        court_name=row.court.name, order_number=row.order_number, issued_on=row.issued_on,
        restricted_persons=_restricted_links(row.restricted_persons),
    )  # fmt: skip


def dishonest_public_search(
    *, name: str = "", id_number: str = "", credit_code: str = "", offset: int = 0, limit: int = 20
) -> tuple[int, list[PublicDishonestDebtor]]:
    """Listed dishonest debtors matching every given criterion exactly → (total, one page of rows).
    The caller validates the input and limits the queries; no criterion → nothing."""
    rows = _match(
        DishonestListing.objects.filter(status=ListingStatus.LISTED),
        name=name, id_number=id_number, credit_code=credit_code,
    )  # fmt: skip
    total = rows.count()
    today = clock.today()
    page = rows.select_related("court").order_by("-listed_on", "-id")[offset : offset + limit] if total else []
    return total, [_dishonest(r, today) for r in page]


def dishonest_public_get(*, listing_id: int) -> PublicDishonestDebtor | None:
    """One listed dishonest debtor with every published field; None when removed or unknown."""
    row = DishonestListing.objects.filter(pk=listing_id, status=ListingStatus.LISTED).select_related("court").first()
    return _dishonest(row, clock.today()) if row is not None else None


def restriction_public_search(
    *, name: str = "", id_number: str = "", credit_code: str = "", offset: int = 0, limit: int = 20
) -> tuple[int, list[PublicRestrictedPerson]]:
    """Consumption restrictions in force whose debtor matches every given criterion exactly →
    (total, one page of rows)."""
    rows = _match(
        ConsumptionRestriction.objects.filter(status=RestrictionStatus.IN_FORCE),
        name=name, id_number=id_number, credit_code=credit_code,
    )  # fmt: skip
    total = rows.count()
    today = clock.today()
    page = rows.select_related("court").order_by("-issued_on", "-id")[offset : offset + limit] if total else []
    return total, [_restricted(r, today) for r in page]


def dishonest_listed_count() -> int:
    """Debtors on the dishonest list now (listings in force)."""
    return DishonestListing.objects.filter(status=ListingStatus.LISTED).count()


def restriction_in_force_count() -> int:
    """Consumption-restriction orders in force now."""
    return ConsumptionRestriction.objects.filter(status=RestrictionStatus.IN_FORCE).count()
