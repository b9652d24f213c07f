"""The party portal's one read: a litigant's or lawyer's filings, cases, fees, served documents,
appointments and reading rights, each taken from its own context's ``*_for_user`` selector, so
every scope rule stays where it is written. The portal adds no rule of its own."""

from __future__ import annotations

import dataclasses
from typing import Any

from tianping.accounts import selectors as access
from tianping.appointments import selectors as appointment_selectors
from tianping.cases import selectors as case_selectors
from tianping.core.errors import PermissionDenied
from tianping.delivery import selectors as delivery_selectors
from tianping.dossier import selectors as dossier_selectors
from tianping.dossier.enums import ReadingStatus
from tianping.filing import selectors as filing_selectors
from tianping.filing.enums import FilingStatus
from tianping.payments import selectors as payment_selectors
from tianping.payments.enums import OrderStatus

RECENT = 5  # items shown per section; each section links to its full list
# Filings that wait for their owner: a draft to finish, a supplement to provide.
FILINGS_WAITING_FOR_OWNER = (FilingStatus.DRAFT, FilingStatus.SUPPLEMENT_REQUESTED)


@dataclasses.dataclass(frozen=True)
class Section:
    """One area of the portal: how many items there are, how many need the user, the latest few."""

    total: int
    pending: int
    items: list[Any]


@dataclasses.dataclass(frozen=True)
class Overview:
    filings: Section
    cases: Section
    fees: Section
    served: Section
    appointments: Section
    reading: Section


def require_party_user(user: Any) -> None:
    """The portal is for litigants and lawyers; court staff have their workbench."""
    if access.is_staff_user(user) or getattr(user, "kind", "") == "staff":
        raise PermissionDenied("诉讼服务“我的”页面供当事人和律师使用", code="portal_parties_only")


def _section(queryset: Any, pending: int) -> Section:
    return Section(total=queryset.count(), pending=pending, items=list(queryset[:RECENT]))


def _filings(user: Any) -> Section:
    filings = filing_selectors.filings_for_user(user)
    waiting_for_user = filings.filter(status__in=FILINGS_WAITING_FOR_OWNER).count()
    return _section(filings, waiting_for_user)


def _cases(user: Any) -> Section:
    cases = case_selectors.case_list(user=user, filters=case_selectors.CaseFilter()).order_by("-filed_on", "-id")
    return _section(cases, 0)


def _fees(user: Any) -> Section:
    orders = payment_selectors.orders_for_user(user)
    return _section(orders, orders.filter(status=OrderStatus.UNPAID).count())


def _served(user: Any) -> Section:
    inbox = delivery_selectors.inbox_for_user(user)
    return _section(inbox, inbox.filter(first_opened_at__isnull=True).count())


def _appointments(user: Any) -> Section:
    upcoming = appointment_selectors.bookings_for_user(user=user, upcoming_only=True).order_by("slot_start", "pk")
    return _section(upcoming, upcoming.count())


def _reading(user: Any) -> Section:
    with_states = [(r, dossier_selectors.reading_state(r)) for r in dossier_selectors.reading_requests_mine(user=user)]
    usable_now = sum(1 for _request, state in with_states if state == ReadingStatus.GRANTED)
    return Section(total=len(with_states), pending=usable_now, items=with_states[:RECENT])


def portal_overview(*, user: Any) -> Overview:
    """Everything the signed-in party has going on at the courts, newest first in each area."""
    require_party_user(user)
    return Overview(
        filings=_filings(user),
        cases=_cases(user),
        fees=_fees(user),
        served=_served(user),
        appointments=_appointments(user),
        reading=_reading(user),
    )
