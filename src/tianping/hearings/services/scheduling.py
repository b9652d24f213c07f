"""Scheduling hearings (排期): booking a sitting, moving it, cancelling it, opening and closing it.

Rules (issue 5 item 1, domain.md §7):
- Only the case's handlers schedule: the judge in charge, the panel's judges, the case's clerk,
  the court's judge assistants, division heads and president (``selectors.may_schedule``).
- The case must be open for trial (assigned or in trial); the first sitting puts an assigned case
  in trial (``cases.services.case_trial_begin``).
- Times are aware, in the future, 15–480 minutes long and inside court hours: start at or after
  08:00 and end by 20:00, Beijing time, on one day. Weekends and holidays are not refused (courts
  do sit on them for urgent matters); the calendar shows them.
- In-person and mixed sittings need an active courtroom of the case's court; mixed ones a
  technology courtroom (supports_online). Online sittings need none.
- A clash is refused (409 ``hearing_conflict``) when, at an overlapping time, another scheduled or
  running sitting uses the courtroom, the presiding or a panel judge, the clerk, or a lawyer (same
  licence number or account) of this one — lawyers in any court.
- Public civil sittings are announced at least 3 calendar days ahead (start date − today ≥ 3);
  ``announced_on`` records the day. Confidential cases (secrets, minors, privacy) are never public
  nor streamed.
- Concurrent bookings are serialized on the court's row (``courts.services.court_lock``); SQLite's
  IMMEDIATE transactions serialize every writer anyway.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.cases import services as case_services
from tianping.cases.enums import CaseCategory, CaseStatus
from tianping.core import audit, clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.language import site_language
from tianping.courts import selectors as court_selectors
from tianping.courts import services as court_services
from tianping.hearings.enums import AttendanceMode, HearingKind, HearingMode, HearingStatus, ParticipantRole
from tianping.hearings.models import Hearing, Participant
from tianping.hearings.selectors.scheduling import may_manage, may_schedule
from tianping.notify import services as notify_services

__all__ = [
    "ANNOUNCE_DAYS",
    "BLOCKING_STATUSES",
    "EXTRA_ROLES",
    "HEARING_TRANSITIONS",
    "ExtraParticipant",
    "hearing_cancel",
    "hearing_finish",
    "hearing_postpone",
    "hearing_reschedule",
    "hearing_schedule",
    "hearing_start",
]

S = HearingStatus
HEARING_TRANSITIONS: Mapping[str, frozenset[str]] = {
    S.SCHEDULED: frozenset({S.SCHEDULED, S.IN_PROGRESS, S.POSTPONED, S.CANCELLED}),  # SCHEDULED→SCHEDULED: new time
    S.POSTPONED: frozenset({S.SCHEDULED, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.FINISHED}),
    S.FINISHED: frozenset(),
    S.CANCELLED: frozenset(),
}
BLOCKING_STATUSES = (S.SCHEDULED, S.IN_PROGRESS)
OPEN_CASE_STATUSES = (CaseStatus.ASSIGNED, CaseStatus.IN_TRIAL)
ANNOUNCE_DAYS = 3
MIN_MINUTES, MAX_MINUTES = 15, 480
DAY_STARTS, DAY_ENDS = dt.time(8, 0), dt.time(20, 0)
EARLY_START_MINUTES = 60
PUBLIC_BY_DEFAULT = (HearingKind.HEARING, HearingKind.PRONOUNCEMENT)
EXTRA_ROLES = (
    ParticipantRole.WITNESS,
    ParticipantRole.EXPERT,
    ParticipantRole.INTERPRETER,
    ParticipantRole.PROSECUTOR,
    ParticipantRole.OTHER,
)
MAX_EXTRA = 30
CLERK_ROLES = (Role.COURT_CLERK, Role.JUDGE_ASSISTANT)
SCHEDULE_FIELDS = ["starts_at", "ends_at", "courtroom", "presiding_judge", "clerk", "is_public", "streamed", "status"]


@dataclasses.dataclass(frozen=True)
class ExtraParticipant:
    """Someone summoned besides the parties and their agents: a witness, an expert, an interpreter …"""

    role: str
    name: str
    licence_no: str = ""


def _local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


# ---- Checks -----------------------------------------------------------------------------------


def _require_scheduler(actor: Any, case: Any) -> None:
    if not may_schedule(actor, case):
        raise PermissionDenied("只有本案承办法官、合议庭成员、书记员或法官助理可以排期", code="not_case_handler")


def _require_open_case(case: Any) -> None:
    if case.status not in OPEN_CASE_STATUSES or case.judge_id is None:
        raise Conflict(
            f"案件当前为“{case.get_status_display()}”，只有已分案、审理中的案件可以排期",
            code="case_not_open",
            details={"status": case.status},
        )


def _check_times(starts_at: Any, duration_minutes: Any) -> dt.datetime:
    """The end of the sitting, after checking the start and duration (422 on anything wrong)."""
    if not isinstance(starts_at, dt.datetime) or timezone.is_naive(starts_at):
        raise ValidationFailed("开庭时间须为带时区的日期时间", code="naive_datetime")
    if not isinstance(duration_minutes, int) or not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise ValidationFailed(
            f"预计时长须为{MIN_MINUTES}至{MAX_MINUTES}分钟",
            code="invalid_duration",
            details={"min": MIN_MINUTES, "max": MAX_MINUTES},
        )
    if starts_at <= clock.now():
        raise ValidationFailed("开庭时间须晚于当前时间", code="starts_in_past")
    ends_at = starts_at + dt.timedelta(minutes=duration_minutes)
    start, end = _local(starts_at), _local(ends_at)
    if start.time() < DAY_STARTS or end.date() != start.date() or end.time() > DAY_ENDS:
        raise ValidationFailed(
            "开庭时间须在当日 08:00 至 20:00 之间",
            code="outside_court_hours",
            details={"day_starts": DAY_STARTS.isoformat("minutes"), "day_ends": DAY_ENDS.isoformat("minutes")},
        )
    return ends_at


def _check_courtroom(case: Any, mode: str, courtroom_id: int | None) -> Any:
    if mode not in HearingMode.values:
        raise ValidationFailed("开庭方式无效", code="invalid_mode", details={"allowed": HearingMode.values})
    if courtroom_id is None:
        if mode != HearingMode.ONLINE:
            raise ValidationFailed("线下或线上线下结合开庭须选择法庭", code="courtroom_required")
        return None
    room = court_selectors.courtroom_list(court=case.court).filter(pk=courtroom_id).first()
    if room is None:
        raise ValidationFailed("法庭不属于本案法院", code="invalid_courtroom", details={"courtroom_id": courtroom_id})
    if not room.active:
        raise ValidationFailed(f"{room.name}已停用", code="courtroom_inactive", details={"courtroom_id": room.pk})
    if mode == HearingMode.MIXED and not room.supports_online:
        raise ValidationFailed(
            f"{room.name}不是科技法庭，不能线上线下结合开庭",
            code="courtroom_not_online",
            details={"courtroom_id": room.pk},
        )
    return room


def _check_staff(case: Any, presiding_id: int, judge_ids: Sequence[int], clerk_id: int | None) -> list[int]:
    """The panel's other judges (presiding excluded, no repeats), after checking everyone's role at the court."""
    panel = list(dict.fromkeys(j for j in judge_ids if j != presiding_id))
    court_judges = {u.pk for u in access.users_with_role(court_id=case.court_id, roles=[Role.JUDGE])}
    unknown = [j for j in [presiding_id, *panel] if j not in court_judges]
    if unknown:
        raise ValidationFailed("审判人员须为本院法官", code="invalid_judge", details={"judge_ids": unknown})
    if clerk_id is not None and clerk_id not in {
        u.pk for u in access.users_with_role(court_id=case.court_id, roles=CLERK_ROLES)
    }:
        raise ValidationFailed("书记员须为本院书记员或法官助理", code="invalid_clerk", details={"clerk_id": clerk_id})
    return panel


def _openness(
    case: Any, kind: str, starts_at: dt.datetime, is_public: bool | None, streamed: bool, stream_url: str
) -> tuple[bool, dt.date | None]:
    """Whether the sitting is public and the day it is announced (422 when the rules forbid the request)."""
    if case.is_confidential:
        if is_public or streamed:
            raise ValidationFailed("本案涉及国家秘密、未成年人或个人隐私，不得公开审理或直播", code="confidential_case")
        return False, None
    public = kind in PUBLIC_BY_DEFAULT if is_public is None else bool(is_public)
    if streamed and not public:
        raise ValidationFailed("只有公开审理的庭审可以直播", code="stream_requires_public")
    if streamed and not stream_url.startswith(("https://", "http://")):
        raise ValidationFailed("直播须填写直播地址", code="stream_url_required")
    if not public:
        return False, None
    today = clock.today()
    if case.category == CaseCategory.CIVIL and (_local(starts_at).date() - today).days < ANNOUNCE_DAYS:
        earliest = today + dt.timedelta(days=ANNOUNCE_DAYS)
        raise ValidationFailed(
            f"公开审理的民事案件须在开庭三日前公告，最早可排在{earliest:%Y年%m月%d日}；或改为不公开审理",
            code="announcement_too_late",
            details={"earliest": earliest.isoformat(), "days": ANNOUNCE_DAYS},
        )
    return True, today


def _extras(extra: Iterable[ExtraParticipant]) -> list[ExtraParticipant]:
    items = list(extra)
    if len(items) > MAX_EXTRA:
        raise ValidationFailed(f"其他诉讼参与人最多{MAX_EXTRA}人", code="too_many_participants")
    for item in items:
        if item.role not in EXTRA_ROLES or not item.name.strip() or len(item.name) > 100 or len(item.licence_no) > 17:
            raise ValidationFailed(
                "其他诉讼参与人须填写姓名并选择身份（证人、鉴定人、翻译人员、公诉人或其他）",
                code="invalid_participant",
                details={"allowed_roles": [str(r) for r in EXTRA_ROLES]},
            )
    return items


# ---- Conflicts --------------------------------------------------------------------------------


def _conflicts(
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    courtroom_id: int | None,
    staff: Mapping[str, Iterable[int]],
    lawyers: Sequence[tuple[str, int | None]],
    exclude_id: int | None = None,
) -> list[dict[str, Any]]:
    """Every clash of the planned sitting with other scheduled or running sittings, one entry per reason."""
    staff_ids = {i for ids in staff.values() for i in ids}
    licences = {lic for lic, _ in lawyers if lic}
    accounts = {acc for _, acc in lawyers if acc}
    people = Q(presiding_judge_id__in=staff_ids) | Q(judges__in=staff_ids) | Q(clerk_id__in=staff_ids)
    lawyer_q = Q(participants__role=ParticipantRole.AGENT) & (
        Q(participants__licence_no__in=licences) | Q(participants__account_id__in=accounts)
    )
    who = people | lawyer_q
    if courtroom_id is not None:
        who |= Q(courtroom_id=courtroom_id)
    overlapping = Hearing.objects.filter(status__in=BLOCKING_STATUSES, starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude_id is not None:
        overlapping = overlapping.exclude(pk=exclude_id)
    candidate_ids = overlapping.filter(who).values_list("pk", flat=True).distinct()
    clashing = (
        Hearing.objects.filter(pk__in=list(candidate_ids))
        .select_related("case", "courtroom", "presiding_judge", "clerk", "court")
        .prefetch_related("judges", "participants")
        .order_by("starts_at", "id")
    )
    found: list[dict[str, Any]] = []
    for other in clashing:
        found += _clashes_with(other, courtroom_id, staff, licences, accounts)
    return found


def _clashes_with(
    other: Hearing, courtroom_id: int | None, staff: Mapping[str, Iterable[int]], licences: set[str], accounts: set[int]
) -> list[dict[str, Any]]:
    occupied = {other.presiding_judge_id, *(j.pk for j in other.judges.all()), other.clerk_id}
    names = {other.presiding_judge_id: other.presiding_judge, other.clerk_id: other.clerk}
    names.update({j.pk: j for j in other.judges.all()})
    base = {
        "hearing_id": other.pk,
        "case_number": other.case.number or "",
        "court": other.court.name,
        "starts_at": other.starts_at.isoformat(),
        "ends_at": other.ends_at.isoformat(),
    }
    found: list[dict[str, Any]] = []
    if courtroom_id is not None and other.courtroom_id == courtroom_id:
        found.append({"kind": "courtroom", "who": other.courtroom.name if other.courtroom else "", **base})
    for kind, ids in staff.items():
        for user_id in ids:
            if user_id in occupied:
                user = names.get(user_id)
                found.append({"kind": kind, "user_id": user_id, "who": _display(user), **base})
    for p in other.participants.all():
        if p.role == ParticipantRole.AGENT and (
            (p.licence_no and p.licence_no in licences) or (p.account_id and p.account_id in accounts)
        ):
            found.append({"kind": "lawyer", "who": p.name, "licence_no": p.licence_no, **base})
    return found


def _display(user: Any) -> str:
    return str(getattr(user, "display_name", "") or getattr(user, "username", "")) if user else ""


KIND_LABELS = {
    "courtroom": "法庭",
    "presiding_judge": "审判长",
    "judge": "合议庭成员",
    "clerk": "书记员",
    "lawyer": "律师",
}


def _refuse_conflicts(conflicts: list[dict[str, Any]]) -> None:
    if not conflicts:
        return
    parts = []
    for c in conflicts:
        when = _local(dt.datetime.fromisoformat(c["starts_at"]))
        parts.append(f"{KIND_LABELS[c['kind']]}{c['who']}在{when:%m月%d日 %H:%M}已有{c['case_number']}的庭审")
    raise Conflict("排期冲突：" + "；".join(parts), code="hearing_conflict", details={"conflicts": conflicts})


def _lawyers_of(case: Any) -> list[tuple[str, int | None]]:
    return [
        (a.licence_no, a.account_id) for p in _parties(case) for a in p.agents.all() if a.licence_no or a.account_id
    ]


def _lawyers_of_hearing(hearing: Hearing) -> list[tuple[str, int | None]]:
    return [
        (p.licence_no, p.account_id)
        for p in hearing.participants.all()
        if p.role == ParticipantRole.AGENT and (p.licence_no or p.account_id)
    ]


def _parties(case: Any) -> list[Any]:
    return list(case.parties.prefetch_related("agents").order_by("order", "id"))


def _staff_map(presiding_id: int, panel: Sequence[int], clerk_id: int | None) -> dict[str, list[int]]:
    return {"presiding_judge": [presiding_id], "judge": list(panel), "clerk": [clerk_id] if clerk_id else []}


# ---- Participants and summons -----------------------------------------------------------------


def _create_participants(hearing: Hearing, case: Any, extras: list[ExtraParticipant]) -> list[Participant]:
    mode = AttendanceMode.ONLINE if hearing.mode == HearingMode.ONLINE else AttendanceMode.IN_PERSON
    rows: list[Participant] = []
    for party in _parties(case):
        rows.append(
            Participant(hearing=hearing, role=ParticipantRole.PARTY, name=party.name, party=party,
                        account_id=party.account_id, attendance_mode=mode)
        )  # fmt: skip
        for agent in party.agents.all():
            rows.append(
                Participant(hearing=hearing, role=ParticipantRole.AGENT, name=agent.name, party=party, agent=agent,
                            account_id=agent.account_id, licence_no=agent.licence_no, attendance_mode=mode)
            )  # fmt: skip
    rows += [
        Participant(hearing=hearing, role=e.role, name=e.name.strip(), licence_no=e.licence_no.strip(),
                    attendance_mode=mode)
        for e in extras
    ]  # fmt: skip
    return Participant.objects.bulk_create(rows)


def _place(hearing: Hearing) -> str:
    if hearing.mode == HearingMode.ONLINE:
        return "在线庭审（入庭链接另行发送）"
    room = hearing.courtroom.name if hearing.courtroom else ""
    return f"{room}（线上线下结合）" if hearing.mode == HearingMode.MIXED else room


def _summon(hearing: Hearing) -> None:
    """Mark the summons and send them once the booking is committed."""
    Participant.objects.filter(hearing=hearing, role__in=[ParticipantRole.PARTY, ParticipantRole.AGENT]).update(
        summoned_at=clock.now()
    )
    transaction.on_commit(
        partial(notify_services.hearing_scheduled_notify, case_id=hearing.case_id, when=hearing.starts_at,
                place=_place(hearing)),
        robust=True,
    )  # fmt: skip


def _timeline(case: Any, actor: Any, action: str, hearing: Hearing, note: str = "") -> None:
    when = _local(hearing.starts_at)
    with site_language():  # the case timeline is stored in Chinese
        text = f"{hearing.get_kind_display()} {when:%Y-%m-%d %H:%M} {_place(hearing)}"
    case_services.case_event_add(case=case, action=action, actor=actor, note=f"{text} {note}".strip())


def _audit(actor: Any, action: str, hearing: Hearing, changes: Mapping[str, Any]) -> None:
    audit.record(actor=actor, action=action, obj=hearing, changes=changes, court_code=hearing.court.code)


# ---- Services ---------------------------------------------------------------------------------


@transaction.atomic
def hearing_schedule(
    *,
    actor: Any,
    case: Any,
    kind: str,
    mode: str,
    starts_at: dt.datetime,
    duration_minutes: int,
    courtroom_id: int | None = None,
    presiding_judge_id: int | None = None,
    judge_ids: Sequence[int] | None = None,
    clerk_id: int | None = None,
    is_public: bool | None = None,
    streamed: bool = False,
    stream_url: str = "",
    note: str = "",
    extra_participants: Iterable[ExtraParticipant] = (),
) -> Hearing:
    """Book a sitting of ``case``; parties and agents are summoned once it is committed.

    Defaults: presiding = the judge in charge; panel = the case's panel judges; clerk = the case's clerk;
    public = a hearing or pronouncement of a non-confidential case."""
    _require_scheduler(actor, case)
    _require_open_case(case)
    if kind not in HearingKind.values:
        raise ValidationFailed("庭审类型无效", code="invalid_kind", details={"allowed": HearingKind.values})
    ends_at = _check_times(starts_at, duration_minutes)
    room = _check_courtroom(case, mode, courtroom_id)
    presiding = presiding_judge_id or case.judge_id
    if judge_ids is None:
        judge_ids = [m.user_id for m in case_selectors.case_panel(case=case) if m.user_id]
    clerk = clerk_id if clerk_id is not None else case.clerk_id
    panel = _check_staff(case, presiding, judge_ids, clerk)
    public, announced_on = _openness(case, kind, starts_at, is_public, streamed, stream_url.strip())
    extras = _extras(extra_participants)
    if len(note) > 300:
        raise ValidationFailed("备注不超过300字", code="note_too_long")

    court_services.court_lock(court_id=case.court_id)
    _refuse_conflicts(
        _conflicts(starts_at=starts_at, ends_at=ends_at, courtroom_id=room.pk if room else None,
                   staff=_staff_map(presiding, panel, clerk), lawyers=_lawyers_of(case))
    )  # fmt: skip
    hearing = Hearing.objects.create(
        case_id=case.pk, court_id=case.court_id, kind=kind, mode=mode, starts_at=starts_at, ends_at=ends_at,
        courtroom=room, presiding_judge_id=presiding, clerk_id=clerk, is_public=public,
        streamed=bool(streamed and public), stream_url=stream_url.strip() if streamed and public else "",
        announced_on=announced_on, note=note.strip(), scheduled_by=actor,
    )  # fmt: skip
    hearing.judges.set(panel)
    _create_participants(hearing, case, extras)
    _audit(actor, "hearing.schedule", hearing, {
        "case": [None, case.pk], "kind": [None, kind], "mode": [None, mode],
        "starts_at": [None, starts_at], "ends_at": [None, ends_at], "courtroom": [None, hearing.courtroom_id],
        "presiding_judge": [None, presiding], "judges": [None, panel], "clerk": [None, clerk],
        "is_public": [None, public], "streamed": [None, hearing.streamed],
    })  # fmt: skip
    _timeline(case, actor, "排期", hearing)
    if case.status == CaseStatus.ASSIGNED:
        case_services.case_trial_begin(actor=actor, case=case, note="首次排期")
    _summon(hearing)
    return hearing


def _locked(hearing: Hearing) -> Hearing:
    return (
        Hearing.objects.select_for_update(of=("self",)).select_related("case", "court", "courtroom").get(pk=hearing.pk)
    )


def _move(hearing: Hearing, target: str) -> None:
    if target not in HEARING_TRANSITIONS.get(hearing.status, frozenset()):
        raise Conflict(
            f"庭审当前为“{hearing.get_status_display()}”，不能变更为“{HearingStatus(target).label}”",
            code="illegal_hearing_transition",
            details={"from": hearing.status, "to": target},
        )
    hearing.status = target


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationFailed("请填写原因", code="reason_required")
    if len(reason) > 300:
        raise ValidationFailed("原因不超过300字", code="reason_too_long")
    return reason


@transaction.atomic
def hearing_reschedule(
    *,
    actor: Any,
    hearing: Hearing,
    starts_at: dt.datetime,
    duration_minutes: int,
    reason: str,
    courtroom_id: int | None = None,
) -> Hearing:
    """Move a scheduled or postponed sitting to a new time (and courtroom); clashes are checked again,
    the 3-day announcement applies to the new date, and the parties are summoned again."""
    court_services.court_lock(court_id=hearing.court_id)
    hearing = _locked(hearing)
    case = hearing.case
    _require_scheduler(actor, case)
    _require_open_case(case)
    _move(hearing, S.SCHEDULED)
    reason = _reason(reason, required=True)
    ends_at = _check_times(starts_at, duration_minutes)
    room = _check_courtroom(case, hearing.mode, courtroom_id if courtroom_id is not None else hearing.courtroom_id)
    public, announced_on = _openness(
        case, hearing.kind, starts_at, hearing.is_public, hearing.streamed, hearing.stream_url
    )
    panel = [j.pk for j in hearing.judges.all()]
    _refuse_conflicts(
        _conflicts(starts_at=starts_at, ends_at=ends_at, courtroom_id=room.pk if room else None,
                   staff=_staff_map(hearing.presiding_judge_id, panel, hearing.clerk_id),
                   lawyers=_lawyers_of_hearing(hearing), exclude_id=hearing.pk)
    )  # fmt: skip
    before = audit.snapshot(hearing, SCHEDULE_FIELDS)
    previous_status = before["status"]
    hearing.starts_at, hearing.ends_at, hearing.courtroom = starts_at, ends_at, room
    hearing.is_public, hearing.announced_on, hearing.status_reason = public, announced_on, reason
    hearing.save()
    changes = audit.changes_between(before, audit.snapshot(hearing, SCHEDULE_FIELDS))
    _audit(actor, "hearing.reschedule", hearing, {**changes, "reason": [None, reason]})
    action = "延期开庭" if previous_status == S.SCHEDULED else "重新排期"
    _timeline(case, actor, action, hearing, note=f"（{reason}）")
    _summon(hearing)
    return hearing


@transaction.atomic
def hearing_postpone(*, actor: Any, hearing: Hearing, reason: str) -> Hearing:
    """Postpone a scheduled sitting without a new date yet (延期审理); reschedule it later."""
    return _set_status(actor, hearing, S.POSTPONED, reason=_reason(reason, required=True), action="延期审理")


@transaction.atomic
def hearing_cancel(*, actor: Any, hearing: Hearing, reason: str) -> Hearing:
    """Cancel a scheduled or postponed sitting (撤诉, 调解 …) with the reason."""
    return _set_status(actor, hearing, S.CANCELLED, reason=_reason(reason, required=True), action="取消开庭")


@transaction.atomic
def hearing_start(*, actor: Any, hearing: Hearing) -> Hearing:
    """Open the sitting (开庭): at most an hour before its planned start."""
    locked = _locked(hearing)
    if locked.status == S.SCHEDULED and clock.now() < locked.starts_at - dt.timedelta(minutes=EARLY_START_MINUTES):
        raise Conflict(
            f"开庭时间为{_local(locked.starts_at):%Y-%m-%d %H:%M}，最早可提前{EARLY_START_MINUTES}分钟开庭",
            code="hearing_too_early",
        )
    return _set_status(actor, locked, S.IN_PROGRESS, reason="", action="开庭")


@transaction.atomic
def hearing_finish(*, actor: Any, hearing: Hearing) -> Hearing:
    """Close the sitting (闭庭); the room is free from now on."""
    return _set_status(actor, hearing, S.FINISHED, reason="", action="闭庭")


def _set_status(actor: Any, hearing: Hearing, target: str, *, reason: str, action: str) -> Hearing:
    hearing = _locked(hearing)
    if not may_manage(actor, hearing):
        raise PermissionDenied("只有本案审判人员、书记员或法官助理可以操作庭审", code="not_case_handler")
    previous = hearing.status
    _move(hearing, target)
    fields = ["status", "updated_at"]
    if reason:
        hearing.status_reason = reason
        fields.append("status_reason")
    now = clock.now()
    if target == S.FINISHED and hearing.starts_at < now < hearing.ends_at:
        hearing.ends_at = now
        fields.append("ends_at")
    hearing.save(update_fields=fields)
    changes: dict[str, Any] = {"status": [previous, target]}
    if reason:
        changes["reason"] = [None, reason]
    _audit(actor, f"hearing.{target}", hearing, changes)
    _timeline(hearing.case, actor, action, hearing, note=f"（{reason}）" if reason else "")
    return hearing
