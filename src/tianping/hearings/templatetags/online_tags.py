"""``{% online_panel hearing user as panel %}`` and ``{% transcript_panel hearing user as panel %}``: what the
hearing page's online and transcript sections show (the hearing page's view does not load them)."""

from __future__ import annotations

from typing import Any

from django import template

from tianping.hearings import selectors, services
from tianping.hearings.enums import AttendanceMode, HearingMode
from tianping.hearings.services import online as online_services

register = template.Library()


@register.simple_tag
def online_panel(hearing: Any, user: Any) -> dict[str, Any]:
    staff = services.is_hearing_staff(user, hearing)
    court_view = selectors.may_see_attendance(user, hearing)
    own = selectors.hearing_participant_for(hearing=hearing, user=user)
    participants = list(hearing.participants.all()) if staff else []
    return {
        "is_online": hearing.is_online,
        "is_mixed": hearing.mode == HearingMode.MIXED,
        "open": hearing.status in online_services.OPEN_STATUSES,
        "staff": staff,
        "participants": [
            {"p": p, "online": p.attendance_mode == AttendanceMode.ONLINE, "link_issued": bool(p.join_nonce)}
            for p in participants
        ],
        "attendance": list(selectors.attendance_list(hearing=hearing)) if court_view else [],
        "court_view": court_view,
        "own_token": services.join_token_for(own) if own and own.attendance_mode == AttendanceMode.ONLINE else "",
    }


@register.simple_tag
def transcript_panel(hearing: Any, user: Any) -> dict[str, Any]:
    transcript = selectors.transcript_for_hearing(hearing=hearing)
    return {
        "transcript": transcript,
        "review": selectors.transcript_review(transcript=transcript) if transcript else None,
        "writer": services.may_write_transcript(user, hearing),
        "court_view": selectors.may_see_working_text(user, hearing),
    }
