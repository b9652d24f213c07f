"""The appointment API: services, free slots, bookings, cancellation and attendance.

Handlers parse, load through the gatekeepers in ``selectors`` (a booking the caller may not
see is a 404), call one service and shape the answer; errors come from the services.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from tianping.accounts import selectors as access
from tianping.appointments import rules, selectors, services
from tianping.appointments.models import BookableService, Booking
from tianping.appointments.schemas import (
    AttendanceIn,
    BookingIn,
    BookingListQuery,
    BookingOut,
    CancelIn,
    ErrorOut,
    ServiceIn,
    ServiceOut,
    ServiceQuery,
    SlotDayOut,
    SlotQuery,
)
from tianping.core.errors import ValidationFailed
from tianping.core.workdays import working_calendar

router = Router(tags=["appointments"])

ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
LIST_LIMIT = 500


def _ref(obj: Any, name: str) -> dict[str, Any] | None:
    return None if obj is None else {"id": obj.pk, "name": name}


def service_out(service: BookableService) -> dict[str, Any]:
    return {
        "id": service.pk,
        "court": _ref(service.court, service.court.name),
        "kind": service.kind,
        "kind_label": str(service.get_kind_display()),
        "name": service.name,
        "location": service.location,
        "slot_minutes": service.slot_minutes,
        "capacity": service.capacity,
        "windows": service.windows,
        "active": service.active,
        "judge": _ref(service.judge, service.judge.display_name) if service.judge else None,
    }


def booking_out(booking: Booking) -> dict[str, Any]:
    return {
        "id": booking.pk,
        "reference": booking.reference,
        "service": service_out(booking.service),
        "user": _ref(booking.user, booking.user.display_name),
        "slot_start": rules.to_local(booking.slot_start),
        "slot_end": rules.to_local(booking.slot_start) + dt.timedelta(minutes=booking.service.slot_minutes),
        "status": booking.status,
        "status_label": str(booking.get_status_display()),
        "case_number": booking.case_number,
        "note": booking.note,
        "cancelled_at": booking.cancelled_at,
        "cancel_reason": booking.cancel_reason,
        "marked_at": booking.marked_at,
        "created_at": booking.created_at,
    }


@router.get("/services", auth=None, response=list[ServiceOut])
def list_services(request: HttpRequest, query: Query[ServiceQuery]) -> list[dict[str, Any]]:
    """The active bookable services of a court (public)."""
    return [service_out(s) for s in selectors.services_for_court(court_id=query.court)]


@router.post("/services", response={201: ServiceOut, **ERRORS})
def create_service(request: HttpRequest, payload: ServiceIn) -> Status:
    """A new bookable service (filing clerk, division head, president or sysadmin of the court)."""
    court = access.court_for_user(request.user, payload.court_id)
    judge = access.user_get(user_id=payload.judge_id) if payload.judge_id is not None else None
    service = services.bookable_service_create(
        actor=request.user,
        court=court,
        kind=payload.kind,
        name=payload.name,
        location=payload.location,
        slot_minutes=payload.slot_minutes,
        capacity=payload.capacity,
        windows=payload.windows,
        judge=judge,
    )
    return Status(201, service_out(selectors.service_get(service_id=service.pk, user=request.user)))


@router.get("/services/{int:service_id}/slots", auth=None, response={200: SlotDayOut, 404: ErrorOut, 422: ErrorOut})
def list_slots(request: HttpRequest, service_id: int, query: Query[SlotQuery]) -> dict[str, Any]:
    """The slots of one day with the seats left; no slots on a rest day (public)."""
    service = selectors.service_get(service_id=service_id, user=request.user)
    slots = selectors.slots_for(service=service, day=query.date)
    return {
        "service_id": service.pk,
        "date": query.date,
        "working_day": working_calendar().is_working_day(query.date),
        "slots": [
            {"start": s.start, "end": s.end, "capacity": s.capacity, "remaining": s.remaining, "available": s.available}
            for s in slots
        ],
    }


@router.post("/bookings", response={201: BookingOut, **ERRORS})
def create_booking(request: HttpRequest, payload: BookingIn) -> Status:
    """Book a seat (litigants and lawyers). Errors: slot_full, already_booked (409); slot_in_past,
    not_a_working_day, slot_not_available, too_far_ahead (422)."""
    service = selectors.service_get(service_id=payload.service_id, user=request.user)
    booking = services.booking_create(
        actor=request.user,
        service=service,
        slot_start=payload.slot_start,
        note=payload.note,
        case_number=payload.case_number,
    )
    return Status(201, booking_out(selectors.booking_for_user(request.user, booking.pk)))


@router.get("/bookings", response={200: list[BookingOut], 422: ErrorOut})
def list_bookings(request: HttpRequest, query: Query[BookingListQuery]) -> list[dict[str, Any]]:
    """My bookings, or (staff, default) the bookings of the courts I may read."""
    scope = query.scope or ("court" if access.is_staff_user(request.user) else "mine")
    if scope not in ("mine", "court"):
        raise ValidationFailed("scope 应为 mine 或 court", code="invalid_scope")
    if scope == "mine":
        bookings = selectors.bookings_for_user(user=request.user)
        if query.status:
            bookings = bookings.filter(status=query.status)
    else:
        bookings = selectors.bookings_for_court(
            user=request.user,
            court_id=query.court,
            day_from=query.date_from,
            day_to=query.date_to,
            status=query.status or "",
        )
    return [booking_out(b) for b in bookings.select_related("user", "service__judge")[:LIST_LIMIT]]


@router.get("/bookings/{int:booking_id}", response={200: BookingOut, 404: ErrorOut})
def get_booking(request: HttpRequest, booking_id: int) -> dict[str, Any]:
    return booking_out(selectors.booking_for_user(request.user, booking_id))


@router.post("/bookings/{int:booking_id}/cancel", response={200: BookingOut, **ERRORS})
def cancel_booking(request: HttpRequest, booking_id: int, payload: CancelIn) -> dict[str, Any]:
    """Cancel: the owner before the slot starts (too_late_to_cancel after), or court staff."""
    booking = selectors.booking_for_user(request.user, booking_id)
    services.booking_cancel(actor=request.user, booking=booking, reason=payload.reason)
    return booking_out(selectors.booking_for_user(request.user, booking_id))


@router.post("/bookings/{int:booking_id}/attendance", response={200: BookingOut, **ERRORS})
def mark_attendance(request: HttpRequest, booking_id: int, payload: AttendanceIn) -> dict[str, Any]:
    """Record attended / no_show (staff of the booking's court)."""
    booking = selectors.booking_for_user(request.user, booking_id)
    services.booking_mark(actor=request.user, booking=booking, outcome=payload.outcome)
    return booking_out(selectors.booking_for_user(request.user, booking_id))
