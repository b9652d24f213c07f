"""Appointment pages: litigants and lawyers pick court → service → day → slot and manage their
bookings; staff see their court's bookings of the day and the days ahead and record attendance.
Views parse, load through ``selectors`` (404 for a booking the user may not see), call one
service and redirect; the services hold every rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tianping.accounts import selectors as access
from tianping.appointments import selectors, services
from tianping.appointments.enums import BookingStatus
from tianping.core import clock
from tianping.core.errors import ApplicationError, NotFound
from tianping.core.pages import optional_int, run_page_action

UPCOMING_DAYS = 14


def _date(value: str | None) -> dt.date | None:
    try:
        return parse_date(value) if value else None
    except ValueError:
        return None


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if access.is_staff_user(request.user):
        return _staff_page(request)
    return _booking_page(request)


def _booking_page(request: HttpRequest) -> HttpResponse:
    courts = selectors.courts_with_services()
    court_id = optional_int(request.GET.get("court"))
    court = next((c for c in courts if c.pk == court_id), courts[0] if courts else None)
    services_list = list(selectors.services_for_court(court_id=court.pk)) if court else []
    service_id = optional_int(request.GET.get("service"))
    service = next((s for s in services_list if s.pk == service_id), services_list[0] if services_list else None)
    days = selectors.bookable_days()
    day = _date(request.GET.get("date"))
    if day not in days:
        day = days[0] if days else None
    slots = selectors.slots_for(service=service, day=day) if service and day else []
    context = {
        "courts": courts,
        "court": court,
        "services": services_list,
        "service": service,
        "days": days,
        "day": day,
        "slots": slots,
        "free_slots": sum(1 for s in slots if s.available),
        "bookings": list(selectors.bookings_for_user(user=request.user)[:50]),
        "now": clock.now(),
        "booked_status": BookingStatus.BOOKED,
        "note": request.GET.get("note", "")[:300],
        "case_number": request.GET.get("case_number", "")[:60],
    }
    template = "appointments/_booking_panel.html" if request.htmx and request.htmx.target == "booking-panel" else None  # type: ignore[attr-defined]
    return render(request, template or "appointments/book.html", context)


def _staff_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    grants_courts = {g.court_id: g.court for g in access.active_grants(user)}
    courts = [grants_courts[k] for k in sorted(grants_courts)]
    court_id = optional_int(request.GET.get("court"))
    court = next((c for c in courts if c.pk == court_id), courts[0] if courts else None)
    today = clock.today()
    day = _date(request.GET.get("date")) or today
    context: dict[str, Any] = {"courts": courts, "court": court, "day": day, "today": today}
    if court is not None:
        context.update(
            day_bookings=list(selectors.bookings_for_court(user=user, court_id=court.pk, day_from=day, day_to=day)),
            upcoming=list(
                selectors.bookings_for_court(
                    user=user,
                    court_id=court.pk,
                    day_from=day + dt.timedelta(days=1),
                    day_to=day + dt.timedelta(days=UPCOMING_DAYS),
                    status=BookingStatus.BOOKED,
                )[:200]
            ),
            services=list(selectors.services_for_court(court_id=court.pk, include_inactive=True)),
            may_handle=services.is_desk_staff(user, court.pk),
            booked_status=BookingStatus.BOOKED,
            upcoming_days=UPCOMING_DAYS,
        )
    return render(request, "appointments/staff.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(_back_url(request))


def _back_url(request: HttpRequest) -> str:
    query = {k: v for k in ("court", "service", "date") if (v := request.POST.get(k))}
    url = reverse("appointments:home")
    return f"{url}?{urlencode(query)}" if query else url


@login_required
@require_POST
def book(request: HttpRequest) -> HttpResponse:
    slot_start = parse_datetime(request.POST.get("slot_start", "") or "")
    try:
        service = selectors.service_get(service_id=optional_int(request.POST.get("service")) or 0, user=request.user)
        if slot_start is None:
            raise NotFound("请选择预约时段", code="slot_not_available")
        booking = services.booking_create(
            actor=request.user,
            service=service,
            slot_start=slot_start,
            note=request.POST.get("note", ""),
            case_number=request.POST.get("case_number", ""),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("预约成功，预约号 %(ref)s。请按时到%(place)s办理。")
            % {"ref": booking.reference, "place": service.location or service.court.name},
        )
    return _back(request)


@login_required
@require_POST
def cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.booking_for_user(request.user, booking_id),
        act=lambda booking: services.booking_cancel(
            actor=request.user, booking=booking, reason=request.POST.get("reason", "")
        ),
        success=lambda booking: _("预约 %(ref)s 已取消。") % {"ref": booking.reference},
        then=lambda _b: _back_url(request),
    )


@login_required
@require_POST
def mark(request: HttpRequest, booking_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.booking_for_user(request.user, booking_id),
        act=lambda booking: services.booking_mark(
            actor=request.user, booking=booking, outcome=request.POST.get("outcome", "")
        ),
        success=lambda booking: _("已登记预约 %(ref)s 的到场情况。") % {"ref": booking.reference},
        then=lambda _b: _back_url(request),
    )
