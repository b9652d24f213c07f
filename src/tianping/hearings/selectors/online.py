"""Reads of online hearings and transcripts: attendance, the transcript for a reader, its versions
and signatures, and what the archiving step needs (every transcript of a case signed and filed).

The caller has passed the hearing gatekeeper (``hearing_for_user``); these functions decide
only what of the transcript the user sees: the clerk and judges the working text, everyone
else the latest version put to signature.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import QuerySet

from tianping.accounts import selectors as access
from tianping.hearings.enums import HearingStatus, TranscriptStatus
from tianping.hearings.models import Attendance, Hearing, Participant, Transcript, TranscriptVersion
from tianping.hearings.selectors.scheduling import hearings_of
from tianping.hearings.services import online as online_services
from tianping.hearings.services import transcripts as transcript_services

__all__ = [
    "TranscriptReview",
    "attendance_list",
    "awaits_signature_of",
    "hearing_participant_for",
    "may_see_attendance",
    "may_see_working_text",
    "transcript_for_hearing",
    "transcript_latest_version",
    "transcript_review",
    "transcript_version_get",
    "transcripts_awaiting_signature",
    "transcripts_unsigned",
]


def transcripts_unsigned(*, case: Any) -> list[Transcript]:
    """Transcripts of ``case``'s hearings not yet signed by everyone and filed in the dossier, in
    time order; a finished hearing with no transcript at all counts too (as an unsaved DRAFTING
    transcript). Empty: the case's transcripts are complete for archiving. No access check."""
    pending = list(
        Transcript.objects.filter(hearing__case_id=case.pk)
        .exclude(status=TranscriptStatus.FILED)
        .select_related("hearing")
    )
    unrecorded = Hearing.objects.filter(case_id=case.pk, status=HearingStatus.FINISHED, transcript__isnull=True)
    pending += [Transcript(hearing=h, status=TranscriptStatus.DRAFTING) for h in unrecorded]
    return sorted(pending, key=lambda t: (t.hearing.starts_at, t.hearing_id))


def attendance_list(*, hearing: Hearing) -> QuerySet[Attendance]:
    """Every stay of a participant in the hearing (court staff only: the caller checks)."""
    return (
        Attendance.objects.filter(participant__hearing=hearing)
        .select_related("participant")
        .order_by("joined_at", "id")
    )


def transcript_for_hearing(*, hearing: Hearing) -> Transcript | None:
    return Transcript.objects.filter(hearing=hearing).select_related("clerk").first()


def transcript_version_get(*, hearing: Hearing, number: int) -> TranscriptVersion | None:
    return (
        TranscriptVersion.objects.filter(transcript__hearing=hearing, number=number)
        .prefetch_related("signatures")
        .first()
    )


def transcript_latest_version(*, hearing: Hearing) -> TranscriptVersion | None:
    """The version last put to signature (what participants read and sign)."""
    return (
        TranscriptVersion.objects.filter(transcript__hearing=hearing)
        .prefetch_related("signatures")
        .order_by("-number")
        .first()
    )


def hearing_participant_for(*, hearing: Hearing, user: Any) -> Participant | None:
    """The participant of ``hearing`` that ``user``'s account is (own, party's or agent's account)."""
    if not getattr(user, "is_authenticated", False):
        return None
    for participant in hearing.participants.select_related("party", "agent", "account"):
        if user.pk in online_services.participant_accounts(participant):
            return participant
    return None


@dataclasses.dataclass(frozen=True)
class SlotStatus:
    name: str
    role: str
    signed_at: Any
    participant_id: int | None
    staff_id: int | None


@dataclasses.dataclass(frozen=True)
class TranscriptReview:
    """The latest version put to signature, who must sign it and who has."""

    transcript: Transcript
    version: TranscriptVersion | None
    slots: list[SlotStatus]

    @property
    def all_signed(self) -> bool:
        return bool(self.slots) and all(s.signed_at for s in self.slots)


def transcript_review(*, transcript: Transcript) -> TranscriptReview:
    version = transcript.versions.order_by("-number").prefetch_related("signatures").first()
    signatures = list(version.signatures.all()) if version is not None else []
    slots = []
    for slot in transcript_services.required_signers(transcript):
        signed = next((s for s in signatures if slot.matches(s)), None)
        slots.append(
            SlotStatus(
                name=slot.name,
                role=slot.role,
                signed_at=signed.signed_at if signed else None,
                participant_id=slot.participant_id,
                staff_id=slot.staff_id,
            )
        )
    return TranscriptReview(transcript=transcript, version=version, slots=slots)


def may_see_attendance(user: Any, hearing: Hearing) -> bool:
    """Court staff who passed the hearing gatekeeper (the court and the courts above it)."""
    return access.is_staff_user(user) and hearing.court_id in access.readable_court_ids(user)


def may_see_working_text(user: Any, hearing: Hearing) -> bool:
    """Court staff see the clerk's working text; parties see only the versions put to them."""
    return may_see_attendance(user, hearing)


def awaits_signature_of(*, review: TranscriptReview, user: Any) -> bool:
    """Whether the latest version still waits for ``user``'s own signature (as staff or as a participant)."""
    if review.version is None or review.transcript.status != TranscriptStatus.REVIEWING:
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    unsigned = [s for s in review.slots if s.signed_at is None]
    if any(s.staff_id == user.pk for s in unsigned):
        return True
    participant_ids = [s.participant_id for s in unsigned if s.participant_id]
    participants = Participant.objects.filter(pk__in=participant_ids).select_related("party", "agent", "account")
    return any(user.pk in online_services.participant_accounts(p) for p in participants)


def transcripts_awaiting_signature(*, user: Any) -> list[Transcript]:
    """Transcripts whose latest version still waits for ``user``'s own signature, oldest sitting first."""
    under_review = (
        Transcript.objects.filter(status=TranscriptStatus.REVIEWING, hearing__in=hearings_of(user=user))
        .select_related("hearing__case")
        .order_by("hearing__starts_at", "hearing_id")
    )
    return [t for t in under_review if awaits_signature_of(review=transcript_review(transcript=t), user=user)]
