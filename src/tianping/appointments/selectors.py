"""Reads of the appointment context, with the gatekeeper for bookings.

A booking is visible to its owner and to staff of its court or a court above it; to
anyone else it does not exist (404).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet

from tianping.accounts import selectors as access
from tianping.appointments import rules
from tianping.appointments.enums import BookingStatus
from tianping.appointments.models import BookableService, Booking
from tianping.appointments.services import SEAT_STATUSES, is_desk_staff
from tianping.core import clock
from tianping.core.errors import NotFound
from tianping.core.workdays import working_calendar


@dataclasses.dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    capacity: int
    remaining: int
    available: bool


def services_for_court(*, court_id: int, include_inactive: bool = False) -> QuerySet[BookableService]:
    services = BookableService.objects.filter(court_id=court_id).select_related("court", "judge")
    return services if include_inactive else services.filter(active=True)


def service_get(*, service_id: int, user: Any = None) -> BookableService:
    """An active service (staff of its court also see inactive ones); otherwise NotFound."""
    service = BookableService.objects.select_related("court", "judge").filter(pk=service_id).first()
    if service is None or not (service.active or service.court_id in access.readable_court_ids(user)):
        raise NotFound("预约服务不存在", code="service_not_found")
    return service


def courts_with_services() -> list[Any]:
    """Courts offering at least one active service, by court code."""
    seen: dict[int, Any] = {}
    for service in BookableService.objects.filter(active=True).select_related("court").order_by("court__code"):
        seen.setdefault(service.court_id, service.court)
    return list(seen.values())


def bookable_days(*, count: int = 10) -> list[dt.date]:
    """The next ``count`` working days (from today) inside the booking horizon."""
    calendar = working_calendar()
    today = clock.today()
    days = [today + dt.timedelta(days=n) for n in range(rules.BOOKING_HORIZON_DAYS + 1)]
    return [d for d in days if calendar.is_working_day(d)][:count]


def slots_for(*, service: BookableService, day: dt.date) -> list[Slot]:
    """Every slot of ``service`` on ``day`` with its remaining seats; none on a rest day."""
    if not working_calendar().is_working_day(day):
        return []
    starts = rules.slot_starts(service.windows, service.slot_minutes, day)
    if not starts:
        return []
    taken = dict(
        Booking.objects.filter(
            service=service, slot_start__gte=starts[0], slot_start__lte=starts[-1], status__in=SEAT_STATUSES
        )
        .values_list("slot_start")
        .annotate(n=Count("pk"))
        .values_list("slot_start", "n")
    )
    now = clock.now()
    in_horizon = 0 <= (day - clock.today()).days <= rules.BOOKING_HORIZON_DAYS
    step = dt.timedelta(minutes=service.slot_minutes)
    slots = []
    for start in starts:
        remaining = max(service.capacity - taken.get(start, 0), 0)
        available = service.active and in_horizon and start > now and remaining > 0
        slots.append(Slot(start, start + step, service.capacity, remaining, available))
    return slots


def bookings_for_user(*, user: Any, upcoming_only: bool = False) -> QuerySet[Booking]:
    bookings = Booking.objects.filter(user_id=user.pk).select_related("service__court")
    if upcoming_only:
        bookings = bookings.filter(status=BookingStatus.BOOKED, slot_start__gte=clock.now())
    return bookings.order_by("-slot_start", "-pk")


def bookings_for_court(
    *,
    user: Any,
    court_id: int | None = None,
    day_from: dt.date | None = None,
    day_to: dt.date | None = None,
    status: str = "",
) -> QuerySet[Booking]:
    """Bookings of the courts the staff member may read (their own and those below)."""
    readable = access.readable_court_ids(user)
    if not access.is_staff_user(user) or not readable:
        return Booking.objects.none()
    bookings = Booking.objects.filter(service__court_id__in=readable)
    if court_id is not None:
        bookings = bookings.filter(service__court_id=court_id)
    zone = rules.local_zone()
    if day_from is not None:
        bookings = bookings.filter(slot_start__gte=dt.datetime.combine(day_from, dt.time.min, tzinfo=zone))
    if day_to is not None:
        bookings = bookings.filter(
            slot_start__lt=dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        )
    if status:
        bookings = bookings.filter(status=status)
    return bookings.select_related("service__court", "user").order_by("slot_start", "pk")


def booking_for_user(user: Any, booking_id: int) -> Booking:
    """The booking if ``user`` owns it or is staff of its court (or above); otherwise NotFound."""
    booking = Booking.objects.select_related("service__court", "service__judge", "user").filter(pk=booking_id).first()
    if booking is None:
        raise NotFound("预约不存在或无权访问", code="booking_not_found")
    if booking.user_id == getattr(user, "pk", None):
        return booking
    if access.is_staff_user(user) and booking.service.court_id in access.readable_court_ids(user):
        return booking
    raise NotFound("预约不存在或无权访问", code="booking_not_found")


def staff_courts(user: Any) -> list[Any]:
    """Courts where the user runs the appointment desk."""
    if not access.is_staff_user(user):
        return []
    courts = {g.court_id: g.court for g in access.active_grants(user)}
    return [court for court_id, court in sorted(courts.items()) if is_desk_staff(user, court_id)]


def may_handle(user: Any, booking: Booking) -> bool:
    return is_desk_staff(user, booking.service.court_id)
