"""Hearing pages: the scheduling form of a case, the hearing page with its status actions, the court's
courtroom calendar (day/week), 我的庭审, and the public listing (/hearings/public/, no login).

Views parse, load through the gatekeepers (404 for what the user may not see), call one service or
selector and render or redirect; the rules live in ``services`` and ``selectors``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.dateparse import parse_time
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.core import clock, ratelimit
from tianping.core.errors import ApplicationError, NotFound, RateLimited, ValidationFailed
from tianping.core.middleware import client_ip
from tianping.core.pages import id_list, not_found_page, optional_date, optional_int, run_page_action
from tianping.courts import selectors as court_selectors
from tianping.hearings import selectors, services
from tianping.hearings.enums import HearingKind, HearingMode, HearingStatus, ParticipantRole
from tianping.hearings.models import Hearing

MINE_SHOWN = 200
PUBLIC_RATE_DEFAULT = "60/m"


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _starts_at(day: str | None, time: str | None) -> dt.datetime:
    """The form's date and time as an aware Beijing time; anything malformed is a ValidationFailed."""
    parsed_day = optional_date(day)
    try:
        parsed_time = parse_time(time or "")
    except ValueError:
        parsed_time = None
    if parsed_day is None or parsed_time is None:
        raise ValidationFailed(_("请填写开庭日期和时间"), code="invalid_datetime")
    return dt.datetime.combine(parsed_day, parsed_time, tzinfo=_tz())


def _duration(value: str | None) -> int:
    minutes = optional_int(value)
    if minutes is None:
        raise ValidationFailed(_("预计时长须为分钟数"), code="invalid_duration")
    return minutes


def _optional_bool(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _witnesses(text: str) -> list[services.ExtraParticipant]:
    """One line a person: ``姓名`` (a witness) or ``身份:姓名`` with 证人/鉴定人/翻译人员/公诉人/其他."""
    roles = {str(label): value for value, label in ParticipantRole.choices}
    people = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        label, sep, name = line.replace("：", ":").partition(":")
        role = roles.get(label.strip(), "invalid") if sep else ParticipantRole.WITNESS
        people.append(services.ExtraParticipant(role=role, name=(name if sep else label).strip()))
    return people


def _staff_choices(case: Any) -> dict[str, Any]:
    return {
        "judges": access.users_with_role(court_id=case.court_id, roles=[Role.JUDGE]),
        "clerks": access.users_with_role(court_id=case.court_id, roles=[Role.COURT_CLERK, Role.JUDGE_ASSISTANT]),
        "rooms": list(court_selectors.courtroom_list(court=case.court).filter(active=True).order_by("name")),
    }


# ---- Scheduling a case's sitting --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def schedule(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = case_selectors.case_for_user(request.user, case_id)
    except NotFound:
        return not_found_page(request)
    if not selectors.may_schedule(request.user, case):
        return render(request, "403.html", status=403)
    panel = [m.user_id for m in case_selectors.case_panel(case=case) if m.user_id and m.user_id != case.judge_id]
    values: dict[str, Any] = {
        "kind": HearingKind.HEARING, "mode": HearingMode.IN_PERSON, "duration": "120", "time": "09:00",
        "day": (clock.today() + dt.timedelta(days=services.ANNOUNCE_DAYS + 1)).isoformat(),
        "presiding": str(case.judge_id or ""), "judges": [str(j) for j in panel], "clerk": str(case.clerk_id or ""),
        "public": "", "room": "", "stream_url": "", "note": "", "others": "", "streamed": False,
    }  # fmt: skip
    error: ApplicationError | None = None
    if request.method == "POST":
        post = request.POST
        values.update({k: post.get(k, "") for k in
                       ("kind", "mode", "day", "time", "duration", "presiding", "clerk", "public", "room",
                        "stream_url", "note", "others")})  # fmt: skip
        values["judges"], values["streamed"] = post.getlist("judges"), post.get("streamed") == "1"
        try:
            hearing = services.hearing_schedule(
                actor=request.user, case=case, kind=values["kind"], mode=values["mode"],
                starts_at=_starts_at(values["day"], values["time"]), duration_minutes=_duration(values["duration"]),
                courtroom_id=optional_int(values["room"]), presiding_judge_id=optional_int(values["presiding"]),
                judge_ids=id_list(values["judges"]), clerk_id=optional_int(values["clerk"]),
                is_public=_optional_bool(values["public"]), streamed=values["streamed"],
                stream_url=values["stream_url"], note=values["note"], extra_participants=_witnesses(values["others"]),
            )  # fmt: skip
        except ApplicationError as exc:
            error = exc
        else:
            messages.success(request, _("已排期，并已通知当事人及诉讼代理人。"))
            return redirect("hearings:detail", hearing.pk)
    context = {
        "case": case, "values": values, "error": error, "kinds": HearingKind.choices, "modes": HearingMode.choices,
        "conflicts": (error.details or {}).get("conflicts", []) if error else [],
        "announce_days": services.ANNOUNCE_DAYS, **_staff_choices(case),
    }  # fmt: skip
    return render(request, "hearings/schedule.html", context, status=error.status if error else 200)


# ---- One sitting ------------------------------------------------------------------------------


@login_required
@require_GET
def detail(request: HttpRequest, hearing_id: int) -> HttpResponse:
    try:
        hearing = selectors.hearing_for_user(request.user, hearing_id)
    except NotFound:
        return not_found_page(request)
    manage = selectors.may_manage(request.user, hearing)
    allowed = services.HEARING_TRANSITIONS.get(hearing.status, frozenset()) if manage else frozenset()
    context = {
        "hearing": hearing,
        "participants": selectors.hearing_participant_views(user=request.user, hearing=hearing),
        "judges": list(hearing.judges.all()),
        "may_manage": manage,
        "can": {
            "start": HearingStatus.IN_PROGRESS in allowed,
            "finish": HearingStatus.FINISHED in allowed,
            "reschedule": HearingStatus.SCHEDULED in allowed,
            "postpone": HearingStatus.POSTPONED in allowed,
            "cancel": HearingStatus.CANCELLED in allowed,
        },
        "rooms": list(court_selectors.courtroom_list(court=hearing.court).filter(active=True).order_by("name"))
        if manage
        else [],
        "local_start": hearing.starts_at.astimezone(_tz()),
        "duration": int((hearing.ends_at - hearing.starts_at).total_seconds() // 60),
    }
    return render(request, "hearings/detail.html", context)


def _act(request: HttpRequest, hearing_id: int, act: Any, success: str) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.hearing_for_user(request.user, hearing_id),
        act=act,
        success=success,
        then=lambda h: reverse("hearings:detail", args=[h.pk]),
    )


@login_required
@require_POST
def reschedule(request: HttpRequest, hearing_id: int) -> HttpResponse:
    post = request.POST
    return _act(
        request,
        hearing_id,
        lambda h: services.hearing_reschedule(
            actor=request.user,
            hearing=h,
            starts_at=_starts_at(post.get("day"), post.get("time")),
            duration_minutes=_duration(post.get("duration")),
            courtroom_id=optional_int(post.get("room")),
            reason=post.get("reason", ""),
        ),
        _("已改期，并已重新通知当事人。"),
    )


@login_required
@require_POST
def postpone(request: HttpRequest, hearing_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _act(
        request, hearing_id, lambda h: services.hearing_postpone(actor=request.user, hearing=h, reason=reason),
        _("已延期审理，确定新的开庭时间后请重新排期。"),
    )  # fmt: skip


@login_required
@require_POST
def cancel(request: HttpRequest, hearing_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _act(
        request, hearing_id, lambda h: services.hearing_cancel(actor=request.user, hearing=h, reason=reason),
        _("已取消开庭。"),
    )  # fmt: skip


@login_required
@require_POST
def start(request: HttpRequest, hearing_id: int) -> HttpResponse:
    return _act(request, hearing_id, lambda h: services.hearing_start(actor=request.user, hearing=h), _("已开庭。"))


@login_required
@require_POST
def finish(request: HttpRequest, hearing_id: int) -> HttpResponse:
    return _act(request, hearing_id, lambda h: services.hearing_finish(actor=request.user, hearing=h), _("已闭庭。"))


# ---- Lists ------------------------------------------------------------------------------------


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("past") == "1"
    hearings = list(selectors.my_hearings(user=request.user, past=past)[:MINE_SHOWN])
    to_sign = selectors.transcripts_awaiting_signature(user=request.user)
    return render(request, "hearings/mine.html", {"hearings": hearings, "past": past, "to_sign": to_sign})


@login_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The court's courtroom calendar; ``court`` defaults to the user's own court, ``view`` day or week."""
    if not access.is_staff_user(request.user):
        return not_found_page(request)
    grant = access.primary_grant(request.user)
    try:
        court_id = optional_int(request.GET.get("court")) or (grant.court_id if grant else None)
        if court_id is None:
            raise NotFound()
        court = access.court_for_user(request.user, court_id)
        day = optional_date(request.GET.get("date")) or clock.today()
    except NotFound:
        return not_found_page(request)
    except ValidationFailed:
        day = clock.today()
    week = request.GET.get("view") == "week"
    if week:
        day -= dt.timedelta(days=day.weekday())
    span = 7 if week else 1
    view = selectors.courtroom_calendar(court_id=court.pk, day=day, span_days=span)
    courts = [c for c in court_selectors.court_list() if c.pk in access.readable_court_ids(request.user)]
    context = {
        "view": view, "court": court, "day": day, "week": week, "today": clock.today(), "courts": courts,
        "prev": day - dt.timedelta(days=span), "next": day + dt.timedelta(days=span),
    }  # fmt: skip
    return render(request, "hearings/calendar.html", context)


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """Upcoming public sittings (庭审公开), no login; the same rate limit as the public API."""
    try:
        ratelimit.hit("public_hearings", client_ip(request), settings.RATE_LIMITS.get("public", PUBLIC_RATE_DEFAULT))
    except RateLimited as exc:
        return render(request, "hearings/public.html", {"error": exc.message, "hearings": []}, status=429)
    court_id = optional_int(request.GET.get("court"))
    try:
        date_from, date_to = optional_date(request.GET.get("from")), optional_date(request.GET.get("to"))
    except ValidationFailed as exc:
        date_from = date_to = None
        messages.error(request, exc.message)
    hearings = list(selectors.public_hearings(court_id=court_id, date_from=date_from, date_to=date_to))
    context = {
        "hearings": hearings, "courts": list(court_selectors.court_list().order_by("path")), "court_id": court_id,
        "date_from": date_from, "date_to": date_to,
    }  # fmt: skip
    return render(request, "hearings/public.html", context)


def hearing_url(hearing: Hearing) -> str:
    return reverse("hearings:detail", args=[hearing.pk])


urlpatterns: list[URLPattern] = [
    path("cases/<int:case_id>/new/", schedule, name="schedule"),
    path("<int:hearing_id>/", detail, name="detail"),
    path("<int:hearing_id>/reschedule/", reschedule, name="reschedule"),
    path("<int:hearing_id>/postpone/", postpone, name="postpone"),
    path("<int:hearing_id>/cancel/", cancel, name="cancel"),
    path("<int:hearing_id>/start/", start, name="start"),
    path("<int:hearing_id>/finish/", finish, name="finish"),
    path("mine/", mine, name="mine"),
    path("calendar/", calendar, name="calendar"),
    path("public/", public, name="public"),
]
