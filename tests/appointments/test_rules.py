"""Booking rules: working days, future and aligned slots, horizon, capacity, cancellation, attendance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests import factories
from tests.appointments.conftest import at
from tests.conftest import CourtTree, Users
from tianping.appointments import selectors, services
from tianping.appointments.enums import BookingStatus, ServiceKind
from tianping.appointments.models import Booking, SlotCounter
from tianping.core import clock
from tianping.core.errors import ApplicationError, Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def _code(exc: pytest.ExceptionInfo[ApplicationError]) -> str:
    return exc.value.code


def book(user: Any, service: Any, when: dt.datetime, **kwargs: Any) -> Booking:
    return services.booking_create(actor=user, service=service, slot_start=when, **kwargs)


@pytest.mark.parametrize(
    ("when", "error", "code"),
    [
        (at("2026-10-01", "09:00"), ValidationFailed, "not_a_working_day"),  # 国庆节
        (at("2026-10-03", "09:00"), ValidationFailed, "not_a_working_day"),  # Saturday in the holiday
        (at("2026-10-17", "09:00"), ValidationFailed, "not_a_working_day"),  # an ordinary Saturday
        (at("2026-09-28", "09:30"), ValidationFailed, "slot_in_past"),
        (at("2026-09-25", "09:00"), ValidationFailed, "slot_in_past"),
        (at("2026-09-29", "09:10"), ValidationFailed, "slot_not_available"),  # misaligned
        (at("2026-09-29", "12:00"), ValidationFailed, "slot_not_available"),  # window closed
        (at("2026-09-29", "08:30"), ValidationFailed, "slot_not_available"),  # before the window
        (at("2026-09-29", "16:45"), ValidationFailed, "slot_not_available"),  # would run past 17:00
        (at("2026-11-02", "09:00"), ValidationFailed, "too_far_ahead"),
    ],
)
def test_slot_rules(service: Any, users: Users, when: dt.datetime, error: type, code: str) -> None:
    with pytest.raises(error) as exc:
        book(users.litigant, service, when)
    assert _code(exc) == code
    assert not Booking.objects.exists()


def test_make_up_workday_and_utc_input_are_bookable(service: Any, users: Users) -> None:
    booking = book(users.litigant, service, at("2026-10-10", "13:30"))  # Saturday, make-up workday
    assert booking.status == BookingStatus.BOOKED
    utc = at("2026-09-29", "09:00").astimezone(dt.UTC)
    assert book(users.litigant, service, utc).slot_start == at("2026-09-29", "09:00")
    naive = dt.datetime(2026, 9, 29, 9, 30)  # read as Beijing time
    assert book(users.litigant, service, naive).slot_start == at("2026-09-29", "09:30")


def test_capacity_and_one_booking_per_user(service: Any, users: Users) -> None:
    slot = at("2026-09-29", "09:00")
    first = book(users.litigant, service, slot, note="咨询立案", case_number="（2026）京0105民初1号")
    assert first.reference.startswith("YY")
    assert len(first.reference) == 10
    with pytest.raises(Conflict) as exc:
        book(users.litigant, service, slot)
    assert _code(exc) == "already_booked"
    book(users.lawyer, service, slot)
    with pytest.raises(Conflict) as exc:
        book(factories.litigant_user("lit2", "钱二"), service, slot)
    assert _code(exc) == "slot_full"
    assert SlotCounter.objects.get(service=service, slot_start=slot).booked == 2
    [s9, s930, *_] = selectors.slots_for(service=service, day=dt.date(2026, 9, 29))
    assert (s9.remaining, s9.available, s930.remaining, s930.available) == (0, False, 2, True)


def test_slots_for_a_day(service: Any) -> None:
    slots = selectors.slots_for(service=service, day=dt.date(2026, 9, 28))
    assert len(slots) == 13  # 6 in 09:00–12:00, 7 in 13:30–17:00
    assert [s.available for s in slots[:3]] == [False, False, False]  # 09:00, 09:30 and 10:00 have started
    assert slots[3].start == at("2026-09-28", "10:30")
    assert slots[3].available
    assert slots[-1].end == at("2026-09-28", "17:00")
    assert selectors.slots_for(service=service, day=dt.date(2026, 10, 1)) == []


def test_staff_cannot_book_and_inactive_service_refuses(service: Any, users: Users) -> None:
    with pytest.raises(PermissionDenied) as exc:
        book(users.clerk, service, at("2026-09-29", "09:00"))
    assert _code(exc) == "litigants_only"
    service.active = False
    service.save()
    with pytest.raises(Conflict) as exc2:
        book(users.litigant, service, at("2026-09-29", "09:00"))
    assert _code(exc2) == "service_inactive"


def test_active_booking_limit(service: Any, users: Users) -> None:
    for hhmm in ("09:00", "09:30", "10:00", "10:30", "11:00"):
        book(users.litigant, service, at("2026-09-29", hhmm))
    with pytest.raises(Conflict) as exc:
        book(users.litigant, service, at("2026-09-29", "11:30"))
    assert _code(exc) == "too_many_bookings"


def test_owner_cancels_before_start_and_the_seat_is_free_again(service: Any, users: Users) -> None:
    slot = at("2026-09-29", "09:00")
    booking = book(users.litigant, service, slot)
    book(users.lawyer, service, slot)
    cancelled = services.booking_cancel(actor=users.litigant, booking=booking, reason="改期")
    assert cancelled.status == BookingStatus.CANCELLED
    assert cancelled.cancelled_at == clock.now()
    assert SlotCounter.objects.get(service=service, slot_start=slot).booked == 1
    again = book(users.litigant, service, slot)  # the partial unique constraint ignores the cancelled one
    assert again.pk != booking.pk
    with pytest.raises(Conflict) as exc:
        services.booking_cancel(actor=users.litigant, booking=cancelled)
    assert _code(exc) == "not_cancellable"
    actions = list(
        AuditRecord.objects.filter(object_type="appointments.Booking", object_id=str(booking.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["appointments.booking_cancel", "appointments.booking_create"]


def test_too_late_to_cancel_but_staff_may(service: Any, users: Users) -> None:
    booking = book(users.litigant, service, at("2026-09-29", "09:00"))
    with clock.frozen_at(at("2026-09-29", "09:05")):
        with pytest.raises(Conflict) as exc:
            services.booking_cancel(actor=users.litigant, booking=booking)
        assert _code(exc) == "too_late_to_cancel"
        with pytest.raises(PermissionDenied):
            services.booking_cancel(actor=users.lawyer, booking=booking)
        assert services.booking_cancel(actor=users.clerk, booking=booking).status == BookingStatus.CANCELLED


def test_attendance_rules(service: Any, users: Users) -> None:
    booking = book(users.litigant, service, at("2026-09-29", "09:00"))
    with pytest.raises(PermissionDenied) as exc:
        services.booking_mark(actor=users.litigant, booking=booking, outcome="attended")
    assert _code(exc) == "role_required"
    with pytest.raises(PermissionDenied):
        services.booking_mark(actor=users.outsider, booking=booking, outcome="attended")
    with pytest.raises(Conflict) as exc2:
        services.booking_mark(actor=users.clerk, booking=booking, outcome="attended")  # the day before
    assert _code(exc2) == "too_early_to_mark"
    with clock.frozen_at(at("2026-09-29", "08:50")):
        with pytest.raises(Conflict) as exc3:
            services.booking_mark(actor=users.clerk, booking=booking, outcome="no_show")
        assert _code(exc3) == "too_early_to_mark"
        marked = services.booking_mark(actor=users.clerk, booking=booking, outcome="attended")
        assert marked.status == BookingStatus.ATTENDED
        assert marked.marked_by_id == users.clerk.pk
        with pytest.raises(Conflict) as exc4:
            services.booking_mark(actor=users.clerk, booking=marked, outcome="no_show")
        assert _code(exc4) == "invalid_transition"
        book2 = book(users.lawyer, service, at("2026-09-29", "09:30"))
        with pytest.raises(ValidationFailed):
            services.booking_mark(actor=users.judge, booking=book2, outcome="late")


def test_service_create_roles_and_windows(courts: CourtTree, users: Users, frozen: Any) -> None:
    def create(actor: Any, **kwargs: Any) -> Any:
        values = {"court": courts.chaoyang, "kind": ServiceKind.MEDIATION, "name": "诉前调解室"} | kwargs
        return services.bookable_service_create(actor=actor, **values)

    for actor in (users.litigant, users.judge, users.outsider):
        with pytest.raises(PermissionDenied) as exc:
            create(actor)
        assert _code(exc) == "role_required"
    for windows in ([["08:00", "12:00"]], [["09:00", "12:00"], ["11:00", "14:00"]], [["9", "10"]], []):
        with pytest.raises(ValidationFailed) as exc2:
            create(users.division_head, windows=windows)
        assert _code(exc2) == "invalid_windows"
    with pytest.raises(ValidationFailed) as exc3:
        create(users.president, kind=ServiceKind.WINDOW_VISIT, judge=users.judge)
    assert _code(exc3) == "judge_not_applicable"
    meeting = create(users.president, kind=ServiceKind.JUDGE_MEETING, name="约见李法官", judge=users.judge)
    assert meeting.windows == [["09:00", "12:00"], ["13:30", "17:00"]]
    with pytest.raises(Conflict) as exc4:
        create(users.clerk, kind=ServiceKind.JUDGE_MEETING, name="约见李法官")
    assert _code(exc4) == "service_exists"
    assert AuditRecord.objects.filter(action="appointments.service_create", object_id=str(meeting.pk)).exists()
