"""The online-hearing and transcript API.

Court side (logged in, through the hearing gatekeeper; a hearing the caller may not see is a 404):
``/hearings/{id}/join-links``, ``/attendance``, ``/participants/{pid}/attendance-mode``,
``/participants/{pid}/present``, ``/moderator-join``, ``/transcript`` (GET/PUT), ``/transcript/submit``,
``/transcript/versions/{n}``, ``/transcript/sign``.

Participant side, by personal join link (``/hearings/join/{token}…``): ``GET`` what the link is for,
``POST /enter`` with an account, ``POST`` (no login) with query code + last six ID characters,
``POST /leave``, and the transcript review and signature by query code (``/transcript``,
``/transcript/sign``). The no-login endpoints ignore any session: identity is the query code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from tianping.core.errors import NotFound, PermissionDenied
from tianping.hearings import selectors, services
from tianping.hearings.enums import AttendanceMode, OnlineErrorCode
from tianping.hearings.models import Attendance, Hearing, Participant, Transcript, TranscriptVersion

router = Router(tags=["hearings"])


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


ERRORS: dict[int, type[ErrorOut]] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}


ANONYMOUS = AnonymousUser()  # the no-login endpoints ignore any session: identity is the query code


# ---- Shapes ------------------------------------------------------------------------------------


class JoinLinksIn(Schema):
    participant_ids: list[int] | None = Field(default=None, max_length=50)


class JoinLinkOut(Schema):
    participant_id: int
    name: str
    url: str
    sms_sent: bool


class AttendanceOut(Schema):
    id: int
    participant_id: int
    participant_name: str
    role_label: str
    joined_at: dt.datetime
    left_at: dt.datetime | None
    identity_method: str
    identity_method_label: str
    ip_address: str | None


class AttendanceModeIn(Schema):
    mode: AttendanceMode


class VideoOut(Schema):
    url: str


class SignatureOut(Schema):
    signer_name: str
    signer_role: str
    identity_method: str
    text_sha256: str
    signed_at: dt.datetime


class VersionOut(Schema):
    number: int
    text: str
    sha256: str
    reason: str
    created_at: dt.datetime
    signatures: list[SignatureOut]


class SlotOut(Schema):
    name: str
    role: str
    signed_at: dt.datetime | None


class TranscriptOut(Schema):
    hearing_id: int
    status: str
    status_label: str
    text: str | None  # the working copy, court staff only
    revision: int | None
    autosaved_at: dt.datetime | None
    latest_version: VersionOut | None
    signers: list[SlotOut]
    dossier_document_id: int | None


class TranscriptSaveIn(Schema):
    text: str = Field(max_length=200_000)
    revision: int = Field(ge=0)


class SavedOut(Schema):
    revision: int
    autosaved_at: dt.datetime | None


class SubmitIn(Schema):
    reason: str = Field(default="", max_length=300)


class SignIn(Schema):
    text_sha256: str = Field(min_length=64, max_length=64)
    participant_id: int | None = None


class IdentityIn(Schema):
    query_code: str = Field(max_length=20)
    id_suffix: str = Field(max_length=6)


class QueryCodeSignIn(IdentityIn):
    text_sha256: str = Field(min_length=64, max_length=64)


class JoinInfoOut(Schema):
    participant_name: str
    role_label: str
    case_number: str
    court: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    opens_at: dt.datetime
    closes_at: dt.datetime
    account_required: bool


class JoinedOut(Schema):
    attendance_id: int
    video_url: str


class LeaveIn(Schema):
    attendance_id: int


class SignedOut(Schema):
    version: int
    signer_name: str
    signed_at: dt.datetime
    transcript_status: str


# ---- Helpers -----------------------------------------------------------------------------------


def _hearing(request: HttpRequest, hearing_id: int) -> Hearing:
    return selectors.hearing_for_user(request.user, hearing_id)


def version_out(version: TranscriptVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "text": version.text,
        "sha256": version.sha256,
        "reason": version.reason,
        "created_at": version.created_at,
        "signatures": [
            {"signer_name": s.signer_name, "signer_role": s.signer_role, "identity_method": s.identity_method,
             "text_sha256": s.text_sha256, "signed_at": s.signed_at}
            for s in version.signatures.all()
        ],
    }  # fmt: skip


def transcript_out(hearing: Hearing, transcript: Transcript | None, *, working_copy: bool) -> dict[str, Any]:
    if transcript is None:
        return {"hearing_id": hearing.pk, "status": "none", "status_label": "尚未记录",
                "text": "" if working_copy else None, "revision": 0 if working_copy else None,
                "autosaved_at": None, "latest_version": None, "signers": [], "dossier_document_id": None}  # fmt: skip
    review = selectors.transcript_review(transcript=transcript)
    return {
        "hearing_id": hearing.pk,
        "status": transcript.status,
        "status_label": str(transcript.get_status_display()),
        "text": transcript.text if working_copy else None,
        "revision": transcript.revision if working_copy else None,
        "autosaved_at": transcript.autosaved_at if working_copy else None,
        "latest_version": version_out(review.version) if review.version else None,
        "signers": [{"name": s.name, "role": s.role, "signed_at": s.signed_at} for s in review.slots],
        "dossier_document_id": transcript.dossier_document_id,
    }


def attendance_out(attendance: Attendance) -> dict[str, Any]:
    participant = attendance.participant
    return {
        "id": attendance.pk,
        "participant_id": participant.pk,
        "participant_name": participant.name,
        "role_label": str(participant.get_role_display()),
        "joined_at": attendance.joined_at,
        "left_at": attendance.left_at,
        "identity_method": attendance.identity_method,
        "identity_method_label": str(attendance.get_identity_method_display()),
        "ip_address": attendance.ip_address,
    }


def signed_out(hearing: Hearing, signature: Any) -> dict[str, Any]:
    transcript = selectors.transcript_for_hearing(hearing=hearing)
    return {
        "version": signature.version.number,
        "signer_name": signature.signer_name,
        "signed_at": signature.signed_at,
        "transcript_status": transcript.status if transcript else "",
    }


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


# ---- Court side --------------------------------------------------------------------------------


@router.post("/hearings/{hearing_id}/join-links", response={200: list[JoinLinkOut], **ERRORS})
def join_links_issue(request: HttpRequest, hearing_id: int, payload: JoinLinksIn) -> list[dict[str, Any]]:
    """(Re)issue the personal join links (all online participants, or the ones named) and send them by SMS."""
    links = services.join_link_issue(
        actor=request.user, hearing=_hearing(request, hearing_id), base_url=_base_url(request),
        participant_ids=payload.participant_ids,
    )  # fmt: skip
    return [
        {"participant_id": i.participant.pk, "name": i.participant.name, "url": i.url, "sms_sent": i.sms_sent}
        for i in links
    ]


@router.get("/hearings/{hearing_id}/attendance", response={200: list[AttendanceOut], **ERRORS})
def attendance(request: HttpRequest, hearing_id: int) -> list[dict[str, Any]]:
    """Who joined the online hearing (or was marked present in court), when, how identified (court staff)."""
    hearing = _hearing(request, hearing_id)
    if not selectors.may_see_attendance(request.user, hearing):
        raise PermissionDenied("仅法院工作人员可以查看出庭记录", code=OnlineErrorCode.NOT_HEARING_STAFF)
    return [attendance_out(a) for a in selectors.attendance_list(hearing=hearing)]


@router.post("/hearings/{hearing_id}/participants/{participant_id}/attendance-mode", response={200: dict, **ERRORS})
def attendance_mode(
    request: HttpRequest, hearing_id: int, participant_id: int, payload: AttendanceModeIn
) -> dict[str, Any]:
    """In a mixed hearing: whether this participant attends online or in the courtroom."""
    participant = services.participant_attendance_set(
        actor=request.user, hearing=_hearing(request, hearing_id), participant_id=participant_id, mode=payload.mode
    )
    return {"participant_id": participant.pk, "attendance_mode": participant.attendance_mode}


@router.post("/hearings/{hearing_id}/participants/{participant_id}/present", response={200: AttendanceOut, **ERRORS})
def mark_present(request: HttpRequest, hearing_id: int, participant_id: int) -> dict[str, Any]:
    """The clerk records a participant present in the courtroom (so they sign the transcript too)."""
    return attendance_out(
        services.attendance_mark_in_court(
            actor=request.user, hearing=_hearing(request, hearing_id), participant_id=participant_id
        )
    )


@router.post("/hearings/{hearing_id}/moderator-join", response={200: VideoOut, **ERRORS})
def moderator_join(request: HttpRequest, hearing_id: int) -> dict[str, str]:
    """The video URL of a judge or the clerk (moderator of the room)."""
    return {"url": services.moderator_join(actor=request.user, hearing=_hearing(request, hearing_id))}


@router.get("/hearings/{hearing_id}/transcript", response={200: TranscriptOut, **ERRORS})
def transcript_get(request: HttpRequest, hearing_id: int) -> dict[str, Any]:
    """Staff: the working text with its revision; participants: the latest version put to signature."""
    hearing = _hearing(request, hearing_id)
    return transcript_out(
        hearing,
        selectors.transcript_for_hearing(hearing=hearing),
        working_copy=selectors.may_see_working_text(request.user, hearing),
    )


@router.put("/hearings/{hearing_id}/transcript", response={200: SavedOut, **ERRORS})
def transcript_put(request: HttpRequest, hearing_id: int, payload: TranscriptSaveIn) -> dict[str, Any]:
    """Autosave from ``revision``; another editor's newer save → 409 ``transcript_stale``."""
    transcript = services.transcript_save(
        actor=request.user, hearing=_hearing(request, hearing_id), text=payload.text, revision=payload.revision
    )
    return {"revision": transcript.revision, "autosaved_at": transcript.autosaved_at}


@router.post("/hearings/{hearing_id}/transcript/submit", response={200: VersionOut, **ERRORS})
def transcript_submit(request: HttpRequest, hearing_id: int, payload: SubmitIn) -> dict[str, Any]:
    """Freeze the working text as the next version for signature (a correction names its reason)."""
    version = services.transcript_submit_for_signature(
        actor=request.user, hearing=_hearing(request, hearing_id), reason=payload.reason
    )
    return version_out(version)


@router.get("/hearings/{hearing_id}/transcript/versions/{number}", response={200: VersionOut, **ERRORS})
def transcript_version(request: HttpRequest, hearing_id: int, number: int) -> dict[str, Any]:
    version = selectors.transcript_version_get(hearing=_hearing(request, hearing_id), number=number)
    if version is None:
        raise NotFound("笔录版本不存在", code="transcript_version_not_found")
    return version_out(version)


@router.post("/hearings/{hearing_id}/transcript/sign", response={200: SignedOut, **ERRORS})
def transcript_sign(request: HttpRequest, hearing_id: int, payload: SignIn) -> dict[str, Any]:
    """Sign the latest version with the SHA-256 of the text shown; a changed text → 409 ``transcript_changed``."""
    hearing = _hearing(request, hearing_id)
    signature = services.transcript_sign(
        actor=request.user, hearing=hearing, text_sha256=payload.text_sha256, participant_id=payload.participant_id
    )
    return signed_out(hearing, signature)


# ---- Participant side, by personal link ------------------------------------------------------


def join_info(participant: Participant) -> dict[str, Any]:
    hearing = participant.hearing
    return {
        "participant_name": participant.name,
        "role_label": str(participant.get_role_display()),
        "case_number": hearing.case.number or "",
        "court": hearing.court.name,
        "starts_at": hearing.starts_at,
        "ends_at": hearing.ends_at,
        "opens_at": hearing.starts_at - services.JOIN_OPENS_BEFORE,
        "closes_at": hearing.ends_at + services.JOIN_CLOSES_AFTER,
        "account_required": False,
    }


@router.get("/hearings/join/{token}", auth=None, response={200: JoinInfoOut, **ERRORS})
def join_get(request: HttpRequest, token: str) -> dict[str, Any]:
    """What a personal link is for (hearing time, whose link); refused when not usable now."""
    return join_info(services.join_token_open(token=token))


@router.post("/hearings/join/{token}/enter", response={200: JoinedOut, **ERRORS})
def join_with_account(request: HttpRequest, token: str) -> dict[str, Any]:
    """Join with the participant's own account (another account → 403 ``join_wrong_account``)."""
    joined = services.attendance_join(token=token, user=request.user, user_agent=request.headers.get("User-Agent", ""))
    return {"attendance_id": joined.attendance.pk, "video_url": joined.video_url}


@router.post("/hearings/join/{token}", auth=None, response={200: JoinedOut, **ERRORS})
def join_with_query_code(request: HttpRequest, token: str, payload: IdentityIn) -> dict[str, Any]:
    """Join without an account: query code + last six ID characters (three tries per link)."""
    joined = services.attendance_join(
        token=token, user=ANONYMOUS, query_code=payload.query_code, id_suffix=payload.id_suffix,
        user_agent=request.headers.get("User-Agent", ""),
    )  # fmt: skip
    return {"attendance_id": joined.attendance.pk, "video_url": joined.video_url}


@router.post("/hearings/join/{token}/leave", auth=None, response={200: dict, **ERRORS})
def join_leave(request: HttpRequest, token: str, payload: LeaveIn) -> dict[str, Any]:
    """Record leaving (sent by the join page's beacon); only this link's own attendance."""
    participant = services.join_token_open(token=token, for_review=True)
    left = services.attendance_leave(attendance_id=payload.attendance_id, participant=participant)
    return {"attendance_id": left.pk, "left_at": left.left_at}


@router.post("/hearings/join/{token}/transcript", auth=None, response={200: VersionOut, **ERRORS})
def join_transcript(request: HttpRequest, token: str, payload: IdentityIn) -> dict[str, Any]:
    """The latest version put to this participant, after the query-code identity check."""
    participant = services.join_token_open(token=token, for_review=True)
    services.identity_check(
        participant=participant, user=ANONYMOUS, query_code=payload.query_code, id_suffix=payload.id_suffix
    )
    version = selectors.transcript_latest_version(hearing=participant.hearing)
    if version is None:
        raise NotFound("笔录尚未提交核对", code="transcript_version_not_found")
    return version_out(version)


@router.post("/hearings/join/{token}/transcript/sign", auth=None, response={200: SignedOut, **ERRORS})
def join_transcript_sign(request: HttpRequest, token: str, payload: QueryCodeSignIn) -> dict[str, Any]:
    """Sign by query code: the hash of the text shown must be the latest version's."""
    participant = services.join_token_open(token=token, for_review=True)
    signature = services.transcript_sign(
        actor=ANONYMOUS, hearing=participant.hearing, text_sha256=payload.text_sha256,
        participant_id=participant.pk, query_code=payload.query_code, id_suffix=payload.id_suffix,
    )  # fmt: skip
    return signed_out(participant.hearing, signature)
