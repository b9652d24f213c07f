"""Writes of the appointment context: services offered, bookings, cancellation, attendance.

Every write runs in one transaction and appends its audit record in it. A booking locks
its slot's ``SlotCounter`` row before counting seats, so the capacity holds under
concurrent bookings on SQLite (IMMEDIATE transactions) and PostgreSQL (row locks).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role, UserKind
from tianping.appointments import rules
from tianping.appointments.enums import AttendanceOutcome, BookingStatus, ServiceKind
from tianping.appointments.models import BookableService, Booking, SlotCounter
from tianping.core import audit, clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.workdays import working_calendar

# Who sets up the services of a court, and who runs the desk (cancels, records attendance).
MANAGER_ROLES = (Role.FILING_CLERK, Role.DIVISION_HEAD, Role.PRESIDENT, Role.SYSADMIN)
DESK_ROLES = (*MANAGER_ROLES, Role.COURT_CLERK, Role.JUDGE_ASSISTANT, Role.JUDGE)

# Declared status transitions; every status change goes through ``_transition``.
TRANSITIONS: dict[str, frozenset[str]] = {
    BookingStatus.BOOKED: frozenset({BookingStatus.CANCELLED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW}),
}
# Statuses that occupy a seat (a past attended / no-show booking still used its seat).
SEAT_STATUSES = (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
_REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


# ---- Services offered -----------------------------------------------------------------------


def _clean_windows(windows: Sequence[Sequence[str]], slot_minutes: int) -> list[list[str]]:
    cleaned: list[list[str]] = []
    try:
        parsed = sorted((rules.parse_time(str(a)), rules.parse_time(str(b))) for a, b in windows)
    except (TypeError, ValueError) as exc:
        raise ValidationFailed("开放时间格式应为 HH:MM", code="invalid_windows") from exc
    if not parsed:
        raise ValidationFailed("请至少设置一个开放时间段", code="invalid_windows")
    previous_end: dt.time | None = None
    for opens, closes in parsed:
        if not (rules.STAFF_OPENS <= opens < closes <= rules.STAFF_CLOSES):
            raise ValidationFailed(
                "开放时间须在 08:30–17:30 之内且开始早于结束",
                code="invalid_windows",
                details={"window": [f"{opens:%H:%M}", f"{closes:%H:%M}"]},
            )
        if previous_end is not None and opens < previous_end:
            raise ValidationFailed("开放时间段不能重叠", code="invalid_windows")
        span = dt.datetime.combine(dt.date.min, closes) - dt.datetime.combine(dt.date.min, opens)
        if span < dt.timedelta(minutes=slot_minutes):
            raise ValidationFailed("开放时间段短于一个预约时段", code="invalid_windows")
        cleaned.append([f"{opens:%H:%M}", f"{closes:%H:%M}"])
        previous_end = closes
    return cleaned


@transaction.atomic
def bookable_service_create(
    *,
    actor: Any,
    court: Any,
    kind: str,
    name: str,
    location: str = "",
    slot_minutes: int = 30,
    capacity: int = 1,
    windows: Sequence[Sequence[str]] = rules.DEFAULT_WINDOWS,
    judge: Any = None,
    active: bool = True,
) -> BookableService:
    """A new bookable service at ``court`` (filing clerk, division head, president or sysadmin there)."""
    if actor is not None:
        access.require_role(actor, *MANAGER_ROLES, court_id=court.pk)
    if kind not in ServiceKind.values:
        raise ValidationFailed("未知的服务类型", code="invalid_service_kind")
    name = (name or "").strip()
    if not name:
        raise ValidationFailed("请填写服务名称", code="name_required", details={"field": "name"})
    if not 5 <= int(slot_minutes) <= 240:
        raise ValidationFailed("时段长度应在 5 至 240 分钟之间", code="invalid_slot_minutes")
    if not 1 <= int(capacity) <= 500:
        raise ValidationFailed("每时段名额应在 1 至 500 之间", code="invalid_capacity")
    if judge is not None:
        if kind != ServiceKind.JUDGE_MEETING:
            raise ValidationFailed("只有约见法官服务可以指定法官", code="judge_not_applicable")
        if not access.has_role(judge, Role.JUDGE, court_id=court.pk):
            raise ValidationFailed("所选人员不是本院法官", code="invalid_judge")
    if BookableService.objects.filter(court=court, name=name).exists():
        raise Conflict("本院已有同名预约服务", code="service_exists")
    service = BookableService.objects.create(
        court=court,
        kind=kind,
        name=name,
        location=(location or "").strip(),
        slot_minutes=int(slot_minutes),
        capacity=int(capacity),
        windows=_clean_windows(windows, int(slot_minutes)),
        judge=judge,
        active=active,
    )
    audit.record(
        actor=actor,
        action="appointments.service_create",
        obj=service,
        court_code=court.code,
        changes={"kind": kind, "capacity": service.capacity, "slot_minutes": service.slot_minutes,
                 "windows": service.windows},
    )  # fmt: skip
    return service


# ---- Bookings ------------------------------------------------------------------------------


def check_slot(*, service: BookableService, slot_start: dt.datetime) -> dt.datetime:
    """The aware slot start if ``slot_start`` is a bookable slot of ``service``; else the reason why not."""
    local = rules.to_local(slot_start)
    now = clock.now()
    if not service.active:
        raise Conflict("该服务暂停预约", code="service_inactive")
    if local <= now:
        raise ValidationFailed("只能预约将来的时段", code="slot_in_past")
    day = local.date()
    if (day - clock.today()).days > rules.BOOKING_HORIZON_DAYS:
        raise ValidationFailed(
            f"最多可预约 {rules.BOOKING_HORIZON_DAYS} 日内的时段",
            code="too_far_ahead",
            details={"horizon_days": rules.BOOKING_HORIZON_DAYS},
        )
    if not working_calendar().is_working_day(day):
        raise ValidationFailed("所选日期不是工作日", code="not_a_working_day", details={"date": day.isoformat()})
    if local.second or local.microsecond or local.time() not in rules.slot_times(service.windows, service.slot_minutes):
        raise ValidationFailed(
            "所选时间不是该服务的预约时段", code="slot_not_available", details={"slot_start": local.isoformat()}
        )
    return local


def _new_reference() -> str:
    return "YY" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(8))


def _locked_counter(service: BookableService, slot_start: dt.datetime) -> SlotCounter:
    SlotCounter.objects.get_or_create(service=service, slot_start=slot_start)
    return SlotCounter.objects.select_for_update().get(service=service, slot_start=slot_start)


def _seats_taken(service: BookableService, slot_start: dt.datetime) -> int:
    return Booking.objects.filter(service=service, slot_start=slot_start, status__in=SEAT_STATUSES).count()


@transaction.atomic
def booking_create(
    *,
    actor: Any,
    service: BookableService,
    slot_start: dt.datetime,
    note: str = "",
    case_number: str = "",
) -> Booking:
    """Book one seat of ``service`` at ``slot_start`` for ``actor`` (a litigant or lawyer)."""
    if getattr(actor, "kind", None) not in (UserKind.LITIGANT, UserKind.LAWYER):
        raise PermissionDenied("只有当事人和律师可以预约", code="litigants_only")
    slot = check_slot(service=service, slot_start=slot_start)
    counter = _locked_counter(service, slot)
    if Booking.objects.filter(service=service, slot_start=slot, user=actor, status=BookingStatus.BOOKED).exists():
        raise Conflict("您已预约该时段", code="already_booked")
    active = Booking.objects.filter(user=actor, status=BookingStatus.BOOKED, slot_start__gt=clock.now()).count()
    if active >= rules.MAX_ACTIVE_BOOKINGS:
        raise Conflict(
            f"同时有效的预约最多 {rules.MAX_ACTIVE_BOOKINGS} 个",
            code="too_many_bookings",
            details={"limit": rules.MAX_ACTIVE_BOOKINGS},
        )
    taken = _seats_taken(service, slot)
    if taken >= service.capacity:
        raise Conflict("该时段已约满", code="slot_full", details={"capacity": service.capacity})
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                service=service,
                user=actor,
                slot_start=slot,
                note=(note or "").strip()[:300],
                case_number=(case_number or "").strip()[:60],
                reference=_new_reference(),
            )
    except IntegrityError as exc:  # the partial unique constraint: a second active booking
        raise Conflict("您已预约该时段", code="already_booked") from exc
    counter.booked = taken + 1
    counter.save(update_fields=["booked", "updated_at"])
    audit.record(
        actor=actor,
        action="appointments.booking_create",
        obj=booking,
        court_code=service.court.code,
        changes={"service": service.pk, "slot_start": slot, "case_number": booking.case_number},
    )
    return booking


def _transition(booking: Booking, to: str) -> str:
    allowed = TRANSITIONS.get(booking.status, frozenset())
    if to not in allowed:
        raise Conflict(
            f"预约当前为“{booking.get_status_display()}”，不能改为“{BookingStatus(to).label}”",
            code="invalid_transition",
            details={"status": booking.status, "to": to},
        )
    previous, booking.status = booking.status, to
    return previous


def is_desk_staff(user: Any, court_id: int) -> bool:
    return access.is_staff_user(user) and access.has_role(user, *DESK_ROLES, court_id=court_id)


@transaction.atomic
def booking_cancel(*, actor: Any, booking: Booking, reason: str = "") -> Booking:
    """Cancel: the owner before the slot starts, or the court's desk staff at any time."""
    booking = Booking.objects.select_related("service__court").get(pk=booking.pk)
    staff = is_desk_staff(actor, booking.service.court_id)
    if not staff and booking.user_id != actor.pk:
        raise PermissionDenied("只能取消自己的预约", code="not_your_booking")
    if booking.status != BookingStatus.BOOKED:
        raise Conflict("该预约已不能取消", code="not_cancellable", details={"status": booking.status})
    if not staff and clock.now() >= booking.slot_start:
        raise Conflict("预约时段已开始，不能再取消", code="too_late_to_cancel")
    counter = _locked_counter(booking.service, booking.slot_start)
    booking = Booking.objects.select_related("service__court").get(pk=booking.pk)
    previous = _transition(booking, BookingStatus.CANCELLED)
    booking.cancelled_at = clock.now()
    booking.cancel_reason = (reason or "").strip()[:200]
    booking.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    counter.booked = _seats_taken(booking.service, booking.slot_start)
    counter.save(update_fields=["booked", "updated_at"])
    audit.record(
        actor=actor,
        action="appointments.booking_cancel",
        obj=booking,
        court_code=booking.service.court.code,
        changes={"status": [previous, booking.status], "reason": booking.cancel_reason, "by_staff": staff},
    )
    return booking


@transaction.atomic
def booking_mark(*, actor: Any, booking: Booking, outcome: str) -> Booking:
    """Record that the booker came (attended) or did not (no_show); desk staff of the court only."""
    booking = Booking.objects.select_related("service__court").select_for_update(of=("self",)).get(pk=booking.pk)
    if not is_desk_staff(actor, booking.service.court_id):
        raise PermissionDenied("只有本院工作人员可以登记到场情况", code="role_required")
    if outcome not in AttendanceOutcome.values:
        raise ValidationFailed("到场情况应为 attended 或 no_show", code="invalid_outcome")
    previous = _transition(booking, outcome)
    local_slot = rules.to_local(booking.slot_start)
    now = clock.now()
    if outcome == AttendanceOutcome.ATTENDED and clock.today() < local_slot.date():
        raise Conflict("预约日之前不能登记到场", code="too_early_to_mark")
    if outcome == AttendanceOutcome.NO_SHOW and now < booking.slot_start:
        raise Conflict("预约时段开始之前不能登记未到场", code="too_early_to_mark")
    booking.marked_at = now
    booking.marked_by = actor
    booking.save(update_fields=["status", "marked_at", "marked_by", "updated_at"])
    audit.record(
        actor=actor,
        action="appointments.booking_mark",
        obj=booking,
        court_code=booking.service.court.code,
        changes={"status": [previous, booking.status]},
    )
    return booking
