"""The scheduling API (/api/v1/cases/{id}/hearings, /api/v1/hearings/…, the court's hearing calendar)
and the public hearing listing (/api/v1/public/hearings, no login, rate-limited).

Handlers parse, load through the gatekeepers, call one service or selector and shape the answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core import clock, ratelimit
from tianping.core.errors import ValidationFailed
from tianping.core.middleware import client_ip
from tianping.hearings import selectors, services
from tianping.hearings.enums import HearingKind, HearingMode, ParticipantRole
from tianping.hearings.models import Hearing

router = Router(tags=["hearings"])
public_router = Router(tags=["public"])

LIST_LIMIT = 500
PUBLIC_RATE_DEFAULT = "60/m"


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class ExtraParticipantIn(Schema):
    role: ParticipantRole
    name: str = Field(max_length=100)
    licence_no: str = Field(default="", max_length=17)


class ScheduleIn(Schema):
    kind: HearingKind = HearingKind.HEARING
    mode: HearingMode = HearingMode.IN_PERSON
    starts_at: dt.datetime
    duration_minutes: int = Field(ge=1, le=1440)
    courtroom_id: int | None = None
    presiding_judge_id: int | None = None
    judge_ids: list[int] | None = Field(default=None, max_length=10)
    clerk_id: int | None = None
    is_public: bool | None = None
    streamed: bool = False
    stream_url: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=300)
    participants: list[ExtraParticipantIn] = Field(default_factory=list, max_length=30)


class RescheduleIn(Schema):
    starts_at: dt.datetime
    duration_minutes: int = Field(ge=1, le=1440)
    courtroom_id: int | None = None
    reason: str = Field(max_length=300)


class ReasonIn(Schema):
    reason: str = Field(max_length=300)


class PersonOut(Schema):
    id: int
    name: str


class ParticipantOut(Schema):
    id: int
    role: str
    role_label: str
    name: str
    party_name: str
    law_firm: str
    licence_no: str
    mobile: str
    attendance_mode: str
    summoned_at: dt.datetime | None


class HearingOut(Schema):
    id: int
    case_id: int
    case_number: str
    court: str
    kind: str
    kind_label: str
    mode: str
    mode_label: str
    status: str
    status_label: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    courtroom_id: int | None
    courtroom: str
    presiding_judge: PersonOut
    judges: list[PersonOut]
    clerk: PersonOut | None
    is_public: bool
    streamed: bool
    stream_url: str
    announced_on: dt.date | None
    note: str
    status_reason: str
    url: str


class HearingDetailOut(HearingOut):
    participants: list[ParticipantOut]


class PublicHearingOut(Schema):
    id: int
    court: str
    case_number: str
    cause: str
    kind: str
    kind_label: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    courtroom: str
    online: bool
    status: str
    stream_url: str | None


class CalendarCellOut(Schema):
    day: dt.date
    hearings: list[HearingOut]


class CalendarRowOut(Schema):
    courtroom_id: int | None
    courtroom: str
    days: list[CalendarCellOut]


class CalendarOut(Schema):
    court_id: int
    court: str
    days: list[dt.date]
    rows: list[CalendarRowOut]


def _person(user: Any) -> dict[str, Any] | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


def hearing_out(hearing: Hearing) -> dict[str, Any]:
    return {
        "id": hearing.pk,
        "case_id": hearing.case_id,
        "case_number": hearing.case.number or "",
        "court": hearing.court.name,
        "kind": hearing.kind,
        "kind_label": str(hearing.get_kind_display()),
        "mode": hearing.mode,
        "mode_label": str(hearing.get_mode_display()),
        "status": hearing.status,
        "status_label": str(hearing.get_status_display()),
        "starts_at": hearing.starts_at,
        "ends_at": hearing.ends_at,
        "courtroom_id": hearing.courtroom_id,
        "courtroom": hearing.courtroom.name if hearing.courtroom else "",
        "presiding_judge": _person(hearing.presiding_judge),
        "judges": [_person(j) for j in hearing.judges.all()],
        "clerk": _person(hearing.clerk),
        "is_public": hearing.is_public,
        "streamed": hearing.streamed,
        "stream_url": hearing.stream_url,
        "announced_on": hearing.announced_on,
        "note": hearing.note,
        "status_reason": hearing.status_reason,
        "url": f"/hearings/{hearing.pk}/",
    }


def hearing_detail_out(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    hearing = selectors.hearing_for_user(request.user, hearing_id)
    return {
        **hearing_out(hearing),
        "participants": selectors.hearing_participant_views(user=request.user, hearing=hearing),
    }


def public_out(hearing: Hearing) -> dict[str, Any]:
    return {
        "id": hearing.pk,
        "court": hearing.court.name,
        "case_number": hearing.case.number or "",
        "cause": hearing.case.cause.name if hearing.case.cause else "",
        "kind": hearing.kind,
        "kind_label": str(hearing.get_kind_display()),
        "starts_at": hearing.starts_at,
        "ends_at": hearing.ends_at,
        "courtroom": hearing.courtroom.name if hearing.courtroom else "",
        "online": hearing.is_online,
        "status": hearing.status,
        "stream_url": hearing.stream_url if hearing.streamed else None,
    }


# ---- A case's hearings ------------------------------------------------------------------------


@router.post("/cases/{int:case_id}/hearings", response={201: HearingDetailOut, **ERRORS})
def schedule(request: HttpRequest, case_id: int, payload: ScheduleIn) -> Status:
    """Schedule a sitting (case handlers). Clashes → 409 ``hearing_conflict`` with ``details.conflicts``
    (kind: courtroom / presiding_judge / judge / clerk / lawyer, hearing_id, case_number, starts_at)."""
    case = case_selectors.case_for_user(request.user, case_id)
    hearing = services.hearing_schedule(
        actor=request.user,
        case=case,
        kind=payload.kind,
        mode=payload.mode,
        starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes,
        courtroom_id=payload.courtroom_id,
        presiding_judge_id=payload.presiding_judge_id,
        judge_ids=payload.judge_ids,
        clerk_id=payload.clerk_id,
        is_public=payload.is_public,
        streamed=payload.streamed,
        stream_url=payload.stream_url,
        note=payload.note,
        extra_participants=[
            services.ExtraParticipant(role=p.role, name=p.name, licence_no=p.licence_no) for p in payload.participants
        ],
    )
    return Status(201, hearing_detail_out(request, hearing.pk))


@router.get("/cases/{int:case_id}/hearings", response={200: list[HearingOut], 404: ErrorOut})
def list_case_hearings(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """Every sitting of a case the caller may read, in time order."""
    case = case_selectors.case_for_user(request.user, case_id)
    return [hearing_out(h) for h in selectors.case_hearings(case=case)[:LIST_LIMIT]]


# ---- One hearing ------------------------------------------------------------------------------


@router.get("/hearings/mine", response=list[HearingOut])
def mine(request: HttpRequest, past: bool = False) -> list[dict[str, Any]]:
    """The caller's sittings (judge: presiding or on the panel; clerk; party or lawyer: summoned by
    account): upcoming from today, or ``past=true`` for the earlier ones."""
    return [hearing_out(h) for h in selectors.my_hearings(user=request.user, past=past)[:LIST_LIMIT]]


@router.get("/hearings/{int:hearing_id}", response={200: HearingDetailOut, 404: ErrorOut})
def detail(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    return hearing_detail_out(request, hearing_id)


@router.post("/hearings/{int:hearing_id}/reschedule", response={200: HearingDetailOut, **ERRORS})
def reschedule(request: HttpRequest, hearing_id: int, payload: RescheduleIn) -> dict[str, Any]:
    """Move a scheduled or postponed sitting to a new time (clashes checked again, parties summoned again)."""
    hearing = selectors.hearing_for_user(request.user, hearing_id)
    services.hearing_reschedule(
        actor=request.user,
        hearing=hearing,
        starts_at=payload.starts_at,
        duration_minutes=payload.duration_minutes,
        courtroom_id=payload.courtroom_id,
        reason=payload.reason,
    )
    return hearing_detail_out(request, hearing_id)


@router.post("/hearings/{int:hearing_id}/postpone", response={200: HearingDetailOut, **ERRORS})
def postpone(request: HttpRequest, hearing_id: int, payload: ReasonIn) -> dict[str, Any]:
    """Postpone without a new date (延期审理); reschedule later."""
    hearing = selectors.hearing_for_user(request.user, hearing_id)
    services.hearing_postpone(actor=request.user, hearing=hearing, reason=payload.reason)
    return hearing_detail_out(request, hearing_id)


@router.post("/hearings/{int:hearing_id}/cancel", response={200: HearingDetailOut, **ERRORS})
def cancel(request: HttpRequest, hearing_id: int, payload: ReasonIn) -> dict[str, Any]:
    hearing = selectors.hearing_for_user(request.user, hearing_id)
    services.hearing_cancel(actor=request.user, hearing=hearing, reason=payload.reason)
    return hearing_detail_out(request, hearing_id)


@router.post("/hearings/{int:hearing_id}/start", response={200: HearingDetailOut, **ERRORS})
def start(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    hearing = selectors.hearing_for_user(request.user, hearing_id)
    services.hearing_start(actor=request.user, hearing=hearing)
    return hearing_detail_out(request, hearing_id)


@router.post("/hearings/{int:hearing_id}/finish", response={200: HearingDetailOut, **ERRORS})
def finish(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    hearing = selectors.hearing_for_user(request.user, hearing_id)
    services.hearing_finish(actor=request.user, hearing=hearing)
    return hearing_detail_out(request, hearing_id)


# ---- The court's calendar ---------------------------------------------------------------------


@router.get("/courts/{int:court_id}/hearing-calendar", response={200: CalendarOut, 404: ErrorOut, 422: ErrorOut})
def calendar(request: HttpRequest, court_id: int, date: dt.date | None = None, days: int = 1) -> dict[str, Any]:
    """The court's sittings per courtroom and day (court staff of the court or a court above it);
    ``date`` defaults to today, ``days`` 1–14 (7 for a week)."""
    if not 1 <= days <= selectors.MAX_SPAN_DAYS:
        raise ValidationFailed("天数须为1至14", code="invalid_days", details={"max": selectors.MAX_SPAN_DAYS})
    court = access.court_for_user(request.user, court_id)
    view = selectors.courtroom_calendar(court_id=court.pk, day=date or clock.today(), span_days=days)
    return {
        "court_id": court.pk,
        "court": court.name,
        "days": view.days,
        "rows": [
            {
                "courtroom_id": row.courtroom.pk if row.courtroom else None,
                "courtroom": row.courtroom.name if row.courtroom else "在线庭审",
                "days": [
                    {"day": day, "hearings": [hearing_out(h) for h in cell]}
                    for day, cell in zip(view.days, row.cells, strict=True)
                ],
            }
            for row in view.rows
        ],
    }


# ---- Public listing ---------------------------------------------------------------------------


@public_router.get("/hearings", auth=None, response={200: list[PublicHearingOut], 422: ErrorOut, 429: ErrorOut})
def public_listing(
    request: HttpRequest, court_id: int | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[dict[str, Any]]:
    """Upcoming public sittings (庭审公开): court, case number, cause, time, courtroom, stream link when
    streamed. Hearings of confidential cases never appear; no party data is given."""
    ratelimit.hit("public_hearings", client_ip(request), settings.RATE_LIMITS.get("public", PUBLIC_RATE_DEFAULT))
    if date_from and date_to and date_to < date_from:
        raise ValidationFailed("结束日期不能早于开始日期", code="invalid_date_range")
    return [public_out(h) for h in selectors.public_hearings(court_id=court_id, date_from=date_from, date_to=date_to)]
