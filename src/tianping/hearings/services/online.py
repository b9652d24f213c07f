"""Writes of online hearings (网上开庭): personal join links, identity on joining, attendance.

Join links. Each participant who attends online gets a personal link ``/hearings/join/<token>/``.
The token is ``django.core.signing`` with the salt ``JOIN_SALT`` over the participant's id and
``join_nonce``; issuing again draws a new nonce, which revokes every earlier link of that person.
The token itself carries no expiry: a link is usable from ``JOIN_OPENS_BEFORE`` (30 minutes)
before the hearing's scheduled start until ``JOIN_CLOSES_AFTER`` (2 hours) after its scheduled
end, read from the hearing at the moment of use, so a rescheduled hearing moves the window
with it. A hearing that is finished, postponed or cancelled refuses every link.

Identity. A logged-in account must be the participant's own (the participant's account, the
party's account, or the agent's account); another logged-in account is refused. Without an
account the participant proves identity with the party's query code and the last six characters
of the party's ID number (credit code); three failures lock the link until the clerk issues a
new one. Court staff (presiding judge, panel judges, the clerk) join as moderators from the
hearing page. Every write is audited; the token is never written to the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.core import audit, clock, request_context
from tianping.core.errors import Conflict, NotFound, PermissionDenied, RateLimited, ValidationFailed
from tianping.core.language import site_language
from tianping.hearings import video
from tianping.hearings.enums import (
    AttendanceMode,
    HearingMode,
    HearingStatus,
    IdentityMethod,
    OnlineErrorCode,
)
from tianping.hearings.models import Attendance, Hearing, Participant
from tianping.notify import services as notify_services

__all__ = [
    "JOIN_CLOSES_AFTER",
    "JOIN_OPENS_BEFORE",
    "IssuedLink",
    "JoinedHearing",
    "attendance_join",
    "attendance_leave",
    "attendance_mark_in_court",
    "identity_check",
    "is_hearing_staff",
    "join_link_issue",
    "join_token_for",
    "join_token_open",
    "moderator_join",
    "participant_accounts",
    "participant_attendance_set",
]

JOIN_SALT = "tianping.hearings.join"
JOIN_OPENS_BEFORE = dt.timedelta(minutes=30)
JOIN_CLOSES_AFTER = dt.timedelta(hours=2)
MAX_IDENTITY_FAILURES = 3
OPEN_STATUSES = (HearingStatus.SCHEDULED, HearingStatus.IN_PROGRESS)
STAFF_ROLES = (Role.JUDGE, Role.JUDGE_ASSISTANT, Role.COURT_CLERK)


# ---- Who is who ------------------------------------------------------------------------------


def hearing_staff_ids(hearing: Hearing) -> set[int]:
    """The presiding judge, the panel judges and the clerks (the hearing's and the case's)."""
    ids = {hearing.presiding_judge_id, hearing.clerk_id, hearing.case.clerk_id, hearing.case.judge_id}
    ids |= set(hearing.judges.values_list("pk", flat=True))
    return {i for i in ids if i}


def is_hearing_staff(user: Any, hearing: Hearing) -> bool:
    """Whether ``user`` sits in this hearing as judge or clerk (and is court staff of its court)."""
    return (
        access.is_staff_user(user)
        and access.has_role(user, *STAFF_ROLES, court_id=hearing.court_id)
        and user.pk in hearing_staff_ids(hearing)
    )


def _require_hearing_staff(actor: Any, hearing: Hearing) -> None:
    if not is_hearing_staff(actor, hearing):
        raise PermissionDenied("仅本庭审的审判人员和书记员可以操作", code=OnlineErrorCode.NOT_HEARING_STAFF)


def _require_online_and_open(hearing: Hearing) -> None:
    if not hearing.is_online:
        raise Conflict("该庭审不是在线庭审", code=OnlineErrorCode.NOT_ONLINE)
    if hearing.status not in OPEN_STATUSES:
        raise Conflict(
            f"庭审{hearing.get_status_display()}，不能入庭",
            code=OnlineErrorCode.HEARING_CLOSED,
            details={"status": hearing.status},
        )


def participant_accounts(participant: Participant) -> set[int]:
    """Accounts that are this participant: their own, the party's (for a party), the agent's."""
    ids = {participant.account_id}
    if participant.agent is not None:
        ids.add(participant.agent.account_id)
    elif participant.party is not None:
        ids.add(participant.party.account_id)
    return {i for i in ids if i}


def _party_id_of(participant: Participant) -> int | None:
    if participant.party_id:
        return participant.party_id
    if participant.agent is not None:
        return int(participant.agent.party_id)
    return None


def _display_role(participant: Participant) -> str:
    with site_language():  # the name shown to everyone in the video room
        return str(participant.get_role_display())


# ---- Join links --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class IssuedLink:
    participant: Participant
    url: str
    sms_sent: bool


def join_token_for(participant: Participant) -> str:
    """The signed token of the participant's current link (empty when none was issued)."""
    if not participant.join_nonce:
        return ""
    return signing.dumps({"p": participant.pk, "n": participant.join_nonce}, salt=JOIN_SALT)


def mobile_of(participant: Participant) -> str:
    for holder in (participant.agent, participant.party, participant.account):
        if holder is not None and holder.mobile:
            return str(holder.mobile)
    return ""


def local_time(moment: dt.datetime) -> str:
    """``2026年03月16日 09:30`` in the court's time zone."""
    return f"{moment.astimezone(ZoneInfo(settings.TIME_ZONE)):%Y年%m月%d日 %H:%M}"


@transaction.atomic
def join_link_issue(
    *, actor: Any, hearing: Hearing, base_url: str, participant_ids: list[int] | None = None
) -> list[IssuedLink]:
    """(Re)issue the personal links of the online participants (all of them, or ``participant_ids``)
    and send each by SMS. A new nonce revokes the participant's earlier links."""
    hearing = Hearing.objects.select_for_update().select_related("case", "court").get(pk=hearing.pk)
    _require_hearing_staff(actor, hearing)
    _require_online_and_open(hearing)
    online = hearing.participants.filter(attendance_mode=AttendanceMode.ONLINE).select_related(
        "party", "agent", "account"
    )
    if participant_ids is not None:
        chosen = list(online.filter(pk__in=participant_ids))
        unknown = sorted(set(participant_ids) - {p.pk for p in chosen})
        if unknown:
            raise ValidationFailed(
                "诉讼参与人不属于本庭审或不是在线参加",
                code=OnlineErrorCode.UNKNOWN_PARTICIPANTS,
                details={"participant_ids": unknown},
            )
    else:
        chosen = list(online)
    issued = [_issue_one(hearing, participant, base_url) for participant in chosen]
    audit.record(
        actor=actor,
        action="hearings.join_link_issue",
        obj=hearing,
        court_code=hearing.court.code,
        changes={
            "participants": [i.participant.pk for i in issued],
            "sms": [i.participant.pk for i in issued if i.sms_sent],
        },
    )
    return issued


def _issue_one(hearing: Hearing, participant: Participant, base_url: str) -> IssuedLink:
    participant.join_nonce = secrets.token_hex(16)
    participant.summoned_at = participant.summoned_at or clock.now()
    participant.save(update_fields=["join_nonce", "summoned_at", "updated_at"])
    _identity_failures_reset(participant)
    url = base_url.rstrip("/") + reverse("hearings:join", args=[join_token_for(participant)])
    mobile = mobile_of(participant)
    if mobile:
        notify_services.notify(
            recipients=[notify_services.Recipient(name=participant.name, mobile=mobile)],
            template="hearing_join_link",
            context={
                "court": hearing.court.name,
                "number": hearing.case.number or "",
                "when": local_time(hearing.starts_at),
                "link": url,
            },
            related=("hearings.Hearing", hearing.pk),
            court_code=hearing.court.code,
            court_id=hearing.court_id,
        )
    return IssuedLink(participant=participant, url=url, sms_sent=bool(mobile))


def join_token_open(*, token: str, for_review: bool = False) -> Participant:
    """The participant of a join link, if the link is genuine, current and usable now.

    Tampered → NotFound; an earlier link (old nonce) → revoked; outside the window → not yet
    open / expired; a hearing that is no longer scheduled or running → closed. ``for_review``
    (reading and signing the transcript, after the hearing): only genuine and not revoked."""
    try:
        payload = signing.loads(token, salt=JOIN_SALT)
        participant_id, nonce = int(payload["p"]), str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise NotFound("入庭链接无效", code=OnlineErrorCode.JOIN_LINK_INVALID) from exc
    participant = (
        Participant.objects.select_related("hearing__case", "hearing__court", "party", "agent", "account")
        .filter(pk=participant_id)
        .first()
    )
    if participant is None:
        raise NotFound("入庭链接无效", code=OnlineErrorCode.JOIN_LINK_INVALID)
    if not participant.join_nonce or not secrets.compare_digest(participant.join_nonce, nonce):
        raise PermissionDenied("该入庭链接已失效，请使用法院最新发送的链接", code=OnlineErrorCode.JOIN_LINK_REVOKED)
    hearing = participant.hearing
    if for_review:
        return participant
    _require_online_and_open(hearing)
    now = clock.now()
    opens, closes = hearing.starts_at - JOIN_OPENS_BEFORE, hearing.ends_at + JOIN_CLOSES_AFTER
    if now < opens:
        raise PermissionDenied(
            f"尚未到入庭时间，请于{local_time(opens)}以后入庭",
            code=OnlineErrorCode.JOIN_NOT_YET_OPEN,
            details={"opens_at": opens.isoformat()},
        )
    if now > closes:
        raise PermissionDenied(
            "入庭链接已过期", code=OnlineErrorCode.JOIN_LINK_EXPIRED, details={"closed_at": closes.isoformat()}
        )
    return participant


# ---- Identity -----------------------------------------------------------------------------------


def _failures_key(participant: Participant) -> str:
    return f"hearings:identity:{participant.pk}:{participant.join_nonce}"


def _identity_failures_reset(participant: Participant) -> None:
    cache.delete(_failures_key(participant))


def identity_check(*, participant: Participant, user: Any, query_code: str = "", id_suffix: str = "") -> str:
    """How the person in front of us is this participant (an ``IdentityMethod``), or an error.

    A logged-in account must be the participant's; otherwise query code + the last six ID
    characters of the party, at most ``MAX_IDENTITY_FAILURES`` wrong tries per link."""
    if getattr(user, "is_authenticated", False):
        if user.pk in participant_accounts(participant):
            return str(IdentityMethod.ACCOUNT)
        raise PermissionDenied(
            "当前登录的账户不是该诉讼参与人，请退出后使用本人账户或查询码入庭", code=OnlineErrorCode.WRONG_ACCOUNT
        )
    key = _failures_key(participant)
    if int(cache.get(key, 0)) >= MAX_IDENTITY_FAILURES:
        raise RateLimited("身份核验失败次数过多，请联系书记员重新发送入庭链接", code=OnlineErrorCode.IDENTITY_LOCKED)
    party_id = _party_id_of(participant)
    if party_id and case_selectors.party_identity_matches(
        party_id=party_id, query_code=query_code, id_suffix=id_suffix
    ):
        return str(IdentityMethod.QUERY_CODE)
    failures = int(cache.get(key, 0)) + 1
    cache.set(key, failures, timeout=int((JOIN_CLOSES_AFTER + dt.timedelta(days=2)).total_seconds()))
    audit.record(
        actor=None,
        action="hearings.identity_failed",
        obj=participant,
        court_code=participant.hearing.court.code,
        changes={"failures": failures},
    )
    raise ValidationFailed(
        "查询码或身份证号码后六位不正确",
        code=OnlineErrorCode.IDENTITY_FAILED,
        details={"remaining_tries": max(MAX_IDENTITY_FAILURES - failures, 0)},
    )


# ---- Attendance ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class JoinedHearing:
    attendance: Attendance
    video_url: str


def _ensure_room(hearing: Hearing, provider: video.VideoProvider) -> None:
    """Give the hearing its room once; a concurrent first join keeps the room that was stored first."""
    if hearing.video_room:
        return
    room = provider.room_for(hearing)
    Hearing.objects.filter(pk=hearing.pk, video_room="").update(video_room=room)
    hearing.video_room = Hearing.objects.values_list("video_room", flat=True).get(pk=hearing.pk)


def _video_url(hearing: Hearing, name: str, role: str, moderator: bool) -> str:
    provider = video.provider()
    _ensure_room(hearing, provider)
    return provider.join_url(hearing, name, role, moderator, hearing.ends_at + JOIN_CLOSES_AFTER)


def attendance_join(
    *, token: str, user: Any, query_code: str = "", id_suffix: str = "", user_agent: str = ""
) -> JoinedHearing:
    """Open the link, check identity, record the attendance and hand out the personal video URL."""
    participant = join_token_open(token=token)
    method = identity_check(participant=participant, user=user, query_code=query_code, id_suffix=id_suffix)
    with transaction.atomic():
        attendance = Attendance.objects.create(
            participant=participant,
            joined_at=clock.now(),
            identity_method=method,
            ip_address=request_context.current().client_ip or None,
            user_agent=(user_agent or "")[:200],
        )
        hearing = participant.hearing
        url = _video_url(hearing, participant.name, _display_role(participant), moderator=False)
        audit.record(
            actor=user if getattr(user, "is_authenticated", False) else None,
            action="hearings.attendance_join",
            obj=attendance,
            court_code=hearing.court.code,
            changes={"hearing": hearing.pk, "participant": participant.pk, "identity_method": method},
        )
    return JoinedHearing(attendance=attendance, video_url=url)


@transaction.atomic
def attendance_leave(*, attendance_id: int, participant: Participant, user: Any = None) -> Attendance:
    """Record when the participant left (the first report counts; later ones change nothing)."""
    attendance = Attendance.objects.select_for_update().filter(pk=attendance_id, participant=participant).first()
    if attendance is None:
        raise NotFound("出庭记录不存在", code="attendance_not_found")
    if attendance.left_at is None:
        attendance.left_at = clock.now()
        attendance.save(update_fields=["left_at", "updated_at"])
        audit.record(
            actor=user if getattr(user, "is_authenticated", False) else None,
            action="hearings.attendance_leave",
            obj=attendance,
            court_code=participant.hearing.court.code,
            changes={"participant": participant.pk, "left_at": attendance.left_at},
        )
    return attendance


@transaction.atomic
def attendance_mark_in_court(*, actor: Any, hearing: Hearing, participant_id: int) -> Attendance:
    """The clerk records that a participant is present in the courtroom (identity checked there)."""
    _require_hearing_staff(actor, hearing)
    participant = hearing.participants.filter(pk=participant_id).first()
    if participant is None:
        raise ValidationFailed(
            "诉讼参与人不属于本庭审",
            code=OnlineErrorCode.UNKNOWN_PARTICIPANTS,
            details={"participant_ids": [participant_id]},
        )
    existing = participant.attendances.filter(identity_method=IdentityMethod.IN_COURT).first()
    if existing is not None:
        return existing
    attendance = Attendance.objects.create(
        participant=participant, joined_at=clock.now(), identity_method=IdentityMethod.IN_COURT
    )
    audit.record(
        actor=actor,
        action="hearings.attendance_mark_in_court",
        obj=attendance,
        court_code=hearing.court.code,
        changes={"hearing": hearing.pk, "participant": participant.pk},
    )
    return attendance


@transaction.atomic
def moderator_join(*, actor: Any, hearing: Hearing) -> str:
    """The video URL of a judge or the clerk, as moderator of the hearing's room (audited)."""
    _require_hearing_staff(actor, hearing)
    _require_online_and_open(hearing)
    role = (
        "审判长"
        if actor.pk == hearing.presiding_judge_id
        else ("书记员" if actor.pk in {hearing.clerk_id, hearing.case.clerk_id} else "审判员")
    )
    url = _video_url(hearing, actor.display_name, role, moderator=True)
    audit.record(
        actor=actor,
        action="hearings.moderator_join",
        obj=hearing,
        court_code=hearing.court.code,
        changes={"role": role},
    )
    return url


@transaction.atomic
def participant_attendance_set(*, actor: Any, hearing: Hearing, participant_id: int, mode: str) -> Participant:
    """Whether a participant of a mixed hearing attends online or in the courtroom (an online
    hearing is online for everyone). Turning someone to in-person revokes their link."""
    _require_hearing_staff(actor, hearing)
    if mode not in AttendanceMode.values:
        raise ValidationFailed(
            "参加方式无效", code="invalid_attendance_mode", details={"allowed": AttendanceMode.values}
        )
    if hearing.mode != HearingMode.MIXED:
        raise Conflict("仅线上线下结合的庭审可以逐人选择参加方式", code=OnlineErrorCode.NOT_ONLINE)
    participant = hearing.participants.select_for_update().filter(pk=participant_id).first()
    if participant is None:
        raise ValidationFailed(
            "诉讼参与人不属于本庭审",
            code=OnlineErrorCode.UNKNOWN_PARTICIPANTS,
            details={"participant_ids": [participant_id]},
        )
    if participant.attendance_mode != mode:
        before = participant.attendance_mode
        participant.attendance_mode = mode
        if mode == AttendanceMode.IN_PERSON:
            participant.join_nonce = ""
        participant.save(update_fields=["attendance_mode", "join_nonce", "updated_at"])
        audit.record(
            actor=actor,
            action="hearings.participant_attendance_set",
            obj=participant,
            court_code=hearing.court.code,
            changes={"attendance_mode": [before, mode]},
        )
    return participant
