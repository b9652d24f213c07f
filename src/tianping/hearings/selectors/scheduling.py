"""Reads of hearing schedules: a case's hearings, a user's hearings, courtroom calendars, public listings.

``hearing_for_user`` is the gatekeeper: court staff read the hearings of the courts they may read;
a party or agent reads the hearings where their account is a participant; anyone else gets a 404.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.core import clock
from tianping.core.errors import NotFound
from tianping.core.validators import mask_mobile
from tianping.courts import selectors as court_selectors
from tianping.hearings.enums import HearingStatus
from tianping.hearings.models import Hearing, Participant

__all__ = [
    "LISTED_STATUSES",
    "MAX_SPAN_DAYS",
    "CalendarRow",
    "CalendarView",
    "case_hearings",
    "courtroom_calendar",
    "hearing_for_user",
    "hearing_participant_views",
    "hearings_of",
    "may_manage",
    "may_schedule",
    "my_hearings",
    "public_hearings",
]

SCHEDULER_ROLES = (Role.JUDGE_ASSISTANT, Role.DIVISION_HEAD, Role.PRESIDENT)
LISTED_STATUSES = (HearingStatus.SCHEDULED, HearingStatus.IN_PROGRESS)
PUBLIC_LIMIT = 300
MAX_SPAN_DAYS = 14


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=_tz())


def _with_people(hearings: QuerySet[Hearing]) -> QuerySet[Hearing]:
    return hearings.select_related("case", "court", "courtroom", "presiding_judge", "clerk").prefetch_related("judges")


# ---- Who may do what --------------------------------------------------------------------------


def may_schedule(user: Any, case: Any) -> bool:
    """The judge in charge, the case's clerk, the panel's judges, and the court's judge assistants,
    division heads and president — all only at the case's own court."""
    if not access.is_staff_user(user) or case.court_id not in access.acting_court_ids(user):
        return False
    if user.pk in {case.judge_id, case.clerk_id}:
        return True
    if access.has_role(user, *SCHEDULER_ROLES, court_id=case.court_id):
        return True
    return any(m.user_id == user.pk for m in case_selectors.case_panel(case=case))


def may_manage(user: Any, hearing: Hearing) -> bool:
    """Who may start, finish, postpone or cancel a sitting: its schedulers and its own bench and clerk."""
    if not access.is_staff_user(user) or hearing.court_id not in access.acting_court_ids(user):
        return False
    if user.pk in {hearing.presiding_judge_id, hearing.clerk_id} or hearing.judges.filter(pk=user.pk).exists():
        return True
    return may_schedule(user, hearing.case)


# ---- Gatekeeper and lists ---------------------------------------------------------------------


def _visible(user: Any) -> QuerySet[Hearing]:
    if access.is_staff_user(user):
        return Hearing.objects.filter(court_id__in=access.readable_court_ids(user))
    if getattr(user, "is_authenticated", False):
        return Hearing.objects.filter(pk__in=Participant.objects.filter(account_id=user.pk).values("hearing_id"))
    return Hearing.objects.none()


def hearing_for_user(user: Any, hearing_id: int) -> Hearing:
    """The hearing if ``user`` may see it; otherwise NotFound, exactly like a missing one."""
    hearing = _with_people(_visible(user)).select_related("case__cause", "scheduled_by").filter(pk=hearing_id).first()
    if hearing is None:
        raise NotFound("庭审不存在或无权访问", code="hearing_not_found")
    return hearing


def case_hearings(*, case: Any) -> QuerySet[Hearing]:
    """Every hearing of ``case`` (the caller has already passed the case gatekeeper), in time order."""
    return _with_people(Hearing.objects.filter(case_id=case.pk)).order_by("starts_at", "id")


def hearings_of(*, user: Any) -> QuerySet[Hearing]:
    """Every sitting ``user`` takes part in, at any time: as presiding or panel judge or clerk (staff),
    or summoned by account (parties and lawyers)."""
    if access.is_staff_user(user):
        return Hearing.objects.filter(
            Q(presiding_judge_id=user.pk) | Q(clerk_id=user.pk) | Q(pk__in=Hearing.judges.through.objects.filter(
                user_id=user.pk).values("hearing_id"))
        )  # fmt: skip
    if getattr(user, "is_authenticated", False):
        return Hearing.objects.filter(pk__in=Participant.objects.filter(account_id=user.pk).values("hearing_id"))
    return Hearing.objects.none()


def my_hearings(*, user: Any, past: bool = False) -> QuerySet[Hearing]:
    """Staff: the sittings where they preside, sit on the panel or keep the record. Parties and lawyers:
    the sittings they are summoned to by account. Upcoming (from today) by default; ``past``: the earlier ones."""
    mine = hearings_of(user=user)
    start_of_today = _day_start(clock.today())
    if past:
        mine = mine.filter(starts_at__lt=start_of_today).order_by("-starts_at", "-id")
    else:
        mine = mine.filter(starts_at__gte=start_of_today).order_by("starts_at", "id")
    return _with_people(mine).select_related("case__cause")


@dataclasses.dataclass(frozen=True)
class CalendarRow:
    courtroom: Any  # None: the online sittings
    cells: list[list[Hearing]]  # one list per day


@dataclasses.dataclass(frozen=True)
class CalendarView:
    court: Any
    days: list[dt.date]
    rows: list[CalendarRow]

    @property
    def count(self) -> int:
        return sum(len(cell) for row in self.rows for cell in row.cells)


def courtroom_calendar(*, court_id: int, day: dt.date, span_days: int = 1) -> CalendarView:
    """The court's sittings (not cancelled) per courtroom and day, from ``day`` for ``span_days`` days;
    online sittings without a courtroom in a last row. The caller has checked the court's scope."""
    span_days = max(1, min(span_days, MAX_SPAN_DAYS))
    court = court_selectors.court_get(court_id=court_id)
    days = [day + dt.timedelta(days=i) for i in range(span_days)]
    rooms = list(court_selectors.courtroom_list(court=court).order_by("id"))  # 第一法庭, 第二法庭 …: names do not sort
    hearings = _with_people(
        Hearing.objects.filter(
            court_id=court_id, starts_at__gte=_day_start(days[0]), starts_at__lt=_day_start(days[-1]) + dt.timedelta(1)
        ).exclude(status=HearingStatus.CANCELLED)
    ).order_by("starts_at", "id")
    index = {d: i for i, d in enumerate(days)}
    cells: dict[int | None, list[list[Hearing]]] = {r.pk: [[] for _ in days] for r in rooms}
    cells[None] = [[] for _ in days]
    for hearing in hearings:
        cells.setdefault(hearing.courtroom_id, [[] for _ in days])
        cells[hearing.courtroom_id][index[hearing.starts_at.astimezone(_tz()).date()]].append(hearing)
    rows = [CalendarRow(courtroom=r, cells=cells[r.pk]) for r in rooms if r.active or any(cells[r.pk])]
    if any(cells[None]):
        rows.append(CalendarRow(courtroom=None, cells=cells[None]))
    return CalendarView(court=court, days=days, rows=rows)


def public_hearings(
    *, court_id: int | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> QuerySet[Hearing]:
    """Upcoming public sittings for the public listing: public, scheduled or running, never of a
    confidential case (secrets, minors, privacy), from now (or ``date_from``) to ``date_to``."""
    now = clock.now()
    start = max(now - dt.timedelta(hours=12), _day_start(date_from)) if date_from else now - dt.timedelta(hours=12)
    hearings = Hearing.objects.filter(
        is_public=True,
        status__in=LISTED_STATUSES,
        ends_at__gte=now,
        starts_at__gte=start,
        case__is_secret=False,
        case__involves_minor=False,
        case__is_private=False,
    )
    if date_to:
        hearings = hearings.filter(starts_at__lt=_day_start(date_to) + dt.timedelta(days=1))
    if court_id:
        hearings = hearings.filter(court_id=court_id)
    return hearings.select_related("court", "case", "case__cause", "courtroom").order_by("starts_at", "id")[
        :PUBLIC_LIMIT
    ]


def _role_label(participant: Participant) -> str:
    """A party by their standing in the case (原告, 被告 …), anyone else by their part in the sitting."""
    if participant.party is not None and participant.agent is None:
        return str(participant.party.get_role_display())
    return str(participant.get_role_display())


def hearing_participant_views(*, user: Any, hearing: Hearing) -> list[dict[str, Any]]:
    """Participants for the hearing page and API, contact data always masked (the case page shows it in
    full to those who handle the case, with an audited read)."""
    rows = Participant.objects.filter(hearing=hearing).select_related("party", "agent")
    views = []
    for p in rows:
        mobile = (p.agent.mobile if p.agent else "") or (p.party.mobile if p.party and not p.agent else "")
        views.append(
            {
                "id": p.pk,
                "role": p.role,
                "role_label": _role_label(p),
                "name": p.name,
                "party_name": p.party.name if p.party and p.agent else "",
                "law_firm": p.agent.law_firm if p.agent else "",
                "licence_no": p.licence_no,
                "mobile": mask_mobile(mobile) if mobile else "",
                "attendance_mode": p.attendance_mode,
                "attendance_label": str(p.get_attendance_mode_display()),
                "summoned_at": p.summoned_at,
                "has_account": p.account_id is not None,
            }
        )
    return views
