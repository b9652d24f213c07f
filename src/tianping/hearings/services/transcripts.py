"""Writes of the hearing transcript (庭审笔录): autosave, versions for signature, signing, filing.

The clerk (the hearing's clerk, or the case's) writes the working text; each save names the
revision it started from, and a save from an older revision is refused (409
``transcript_stale``) so two editors never overwrite each other. Submitting freezes the text
as a ``TranscriptVersion`` with the SHA-256 of its exact UTF-8 bytes. The required signers
are the presiding judge, the clerk and every participant who attended (online, or marked
present in court). A signature names the hash of the text the signer was shown; when that is
not the latest version's hash the signature is refused and nothing is written. A correction
is a new version (with its reason): earlier signatures stay on the old version and every
signer signs again. When the latest version carries every required signature the transcript
is SIGNED, laid out as a PDF (text + signature table) and filed in the dossier (正卷, 笔录,
系统生成) → FILED, all in the transaction of the last signature.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from tianping.accounts import selectors as access
from tianping.core import audit, clock, pdf, request_context
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.language import site_language
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Source, Volume
from tianping.hearings.enums import IdentityMethod, OnlineErrorCode, TranscriptStatus
from tianping.hearings.models import (
    Attendance,
    Hearing,
    Participant,
    Transcript,
    TranscriptSignature,
    TranscriptVersion,
)
from tianping.hearings.services import online
from tianping.notify import services as notify_services

__all__ = [
    "MAX_TRANSCRIPT_CHARS",
    "SignerSlot",
    "may_write_transcript",
    "required_signers",
    "text_sha256",
    "transcript_save",
    "transcript_sign",
    "transcript_submit_for_signature",
]

MAX_TRANSCRIPT_CHARS = 200_000
TRANSITIONS: dict[str, frozenset[str]] = {
    TranscriptStatus.DRAFTING: frozenset({TranscriptStatus.REVIEWING}),
    TranscriptStatus.REVIEWING: frozenset({TranscriptStatus.REVIEWING, TranscriptStatus.SIGNED}),
    TranscriptStatus.SIGNED: frozenset({TranscriptStatus.FILED}),
}
EDITABLE = (TranscriptStatus.DRAFTING, TranscriptStatus.REVIEWING)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _transition(transcript: Transcript, to: str) -> None:
    if to not in TRANSITIONS.get(transcript.status, frozenset()):
        raise Conflict(
            f"笔录当前状态为“{transcript.get_status_display()}”，不能执行此操作",
            code=OnlineErrorCode.INVALID_TRANSITION,
            details={"status": transcript.status, "to": to},
        )
    transcript.status = to


def may_write_transcript(user: Any, hearing: Hearing) -> bool:
    """The hearing's clerk or the case's clerk (court staff of the hearing's court)."""
    return (
        access.is_staff_user(user)
        and access.has_role(user, *online.STAFF_ROLES, court_id=hearing.court_id)
        and user.pk in {hearing.clerk_id, hearing.case.clerk_id} - {None}
    )


def _require_writer(actor: Any, hearing: Hearing) -> None:
    if not may_write_transcript(actor, hearing):
        raise PermissionDenied("仅本庭审的书记员可以记录笔录", code=OnlineErrorCode.NOT_TRANSCRIPT_CLERK)


def _locked_transcript(hearing: Hearing, actor: Any | None = None) -> Transcript:
    """The hearing's transcript row, locked; created (by ``actor``, the clerk) on first save."""
    transcript = Transcript.objects.select_for_update().filter(hearing=hearing).first()
    if transcript is None and actor is not None:
        try:
            with transaction.atomic():
                Transcript.objects.create(hearing=hearing, clerk=actor)
        except IntegrityError:  # a concurrent first save created it
            pass
        transcript = Transcript.objects.select_for_update().get(hearing=hearing)
    if transcript is None:
        raise Conflict("尚无庭审笔录", code=OnlineErrorCode.NOT_REVIEWING)
    return transcript


@transaction.atomic
def transcript_save(*, actor: Any, hearing: Hearing, text: str, revision: int) -> Transcript:
    """Autosave of the working text from ``revision``; a stale revision is a 409, an unchanged text
    writes nothing."""
    _require_writer(actor, hearing)
    text = (text or "").replace("\r\n", "\n")
    if len(text) > MAX_TRANSCRIPT_CHARS:
        raise ValidationFailed(
            f"笔录不能超过 {MAX_TRANSCRIPT_CHARS} 字", code="transcript_too_long", details={"field": "text"}
        )
    if not text and revision == 0 and not Transcript.objects.filter(hearing=hearing).exists():
        return Transcript(hearing=hearing, clerk=actor)  # an empty editor creates nothing
    transcript = _locked_transcript(hearing, actor)
    if transcript.status not in EDITABLE:
        raise Conflict("笔录已签名或归档，不能再修改", code=OnlineErrorCode.TRANSCRIPT_LOCKED)
    if revision != transcript.revision:
        raise Conflict(
            "笔录已被他人更新，请刷新后再编辑",
            code=OnlineErrorCode.TRANSCRIPT_STALE,
            details={"revision": transcript.revision, "autosaved_at": transcript.autosaved_at},
        )
    if text == transcript.text:
        return transcript
    transcript.text = text
    transcript.revision += 1
    transcript.autosaved_at = clock.now()
    transcript.save(update_fields=["text", "revision", "autosaved_at", "updated_at"])
    audit.record(
        actor=actor,
        action="hearings.transcript_save",
        obj=transcript,
        court_code=hearing.court.code,
        changes={"revision": transcript.revision, "length": len(text), "sha256": text_sha256(text)},
    )
    return transcript


@transaction.atomic
def transcript_submit_for_signature(*, actor: Any, hearing: Hearing, reason: str = "") -> TranscriptVersion:
    """Freeze the working text as the next version and ask for signatures (again, after a correction)."""
    _require_writer(actor, hearing)
    transcript = _locked_transcript(hearing)
    if not transcript.text.strip():
        raise ValidationFailed("笔录内容为空", code=OnlineErrorCode.TRANSCRIPT_EMPTY)
    latest = transcript.versions.order_by("-number").first()
    reason = (reason or "").strip()
    if latest is not None:
        if latest.sha256 == text_sha256(transcript.text):
            raise Conflict("笔录自上一版本以来没有修改", code=OnlineErrorCode.TRANSCRIPT_UNCHANGED)
        if not reason:
            raise ValidationFailed(
                "修改笔录须填写修改说明", code=OnlineErrorCode.REASON_REQUIRED, details={"field": "reason"}
            )
    if len(reason) > 300:
        raise ValidationFailed("修改说明不能超过 300 字", code="reason_too_long", details={"field": "reason"})
    _transition(transcript, TranscriptStatus.REVIEWING)
    transcript.save(update_fields=["status", "updated_at"])
    version = TranscriptVersion.objects.create(
        transcript=transcript,
        number=(latest.number if latest else 0) + 1,
        text=transcript.text,
        sha256=text_sha256(transcript.text),
        reason=reason,
        created_by=actor,
    )
    _tell_signers(transcript, version)
    audit.record(
        actor=actor,
        action="hearings.transcript_submit",
        obj=version,
        court_code=hearing.court.code,
        changes={"transcript": transcript.pk, "number": version.number, "sha256": version.sha256, "reason": reason},
    )
    return version


def _tell_signers(transcript: Transcript, version: TranscriptVersion) -> None:
    """SMS to every participant who attended: a version waits for their signature (sent after commit)."""
    hearing = transcript.hearing
    attended = Attendance.objects.filter(participant__hearing=hearing).values("participant_id")
    recipients = [
        notify_services.Recipient(name=p.name, mobile=online.mobile_of(p))
        for p in Participant.objects.filter(pk__in=attended).select_related("party", "agent", "account")
        if online.mobile_of(p)
    ]
    if recipients:
        notify_services.notify(
            recipients=recipients,
            template="transcript_to_sign",
            context={"court": hearing.court.name, "number": hearing.case.number or "",
                     "when": online.local_time(hearing.starts_at), "version": version.number},
            related=("hearings.Hearing", hearing.pk),
            court_code=hearing.court.code,
            court_id=hearing.court_id,
        )  # fmt: skip


# ---- Signers and signatures ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SignerSlot:
    """One required signature: court staff by account, or a participant who attended."""

    name: str
    role: str
    staff_id: int | None = None
    participant_id: int | None = None

    def matches(self, signature: TranscriptSignature) -> bool:
        if self.participant_id is not None:
            return signature.participant_id == self.participant_id
        return signature.participant_id is None and signature.signer_id == self.staff_id


def _chinese_role(participant: Participant) -> str:
    """The role as the printed transcript and the stored signature name it (pages translate it on display)."""
    with site_language():
        return str(participant.get_role_display())


def required_signers(transcript: Transcript) -> list[SignerSlot]:
    """The presiding judge, the clerk, then every participant who attended (online or in court)."""
    hearing = transcript.hearing
    slots = [
        SignerSlot(name=hearing.presiding_judge.display_name, role="审判长", staff_id=hearing.presiding_judge_id),
    ]
    if transcript.clerk_id != hearing.presiding_judge_id:
        slots.append(SignerSlot(name=transcript.clerk.display_name, role="书记员", staff_id=transcript.clerk_id))
    attended = Attendance.objects.filter(participant__hearing=hearing).values("participant_id")
    for participant in Participant.objects.filter(hearing=hearing, pk__in=attended).order_by("id"):
        slots.append(SignerSlot(name=participant.name, role=_chinese_role(participant), participant_id=participant.pk))
    return slots


def _slot_for(*, transcript: Transcript, slots: list[SignerSlot], user: Any, participant_id: int | None) -> SignerSlot:
    if participant_id is None and getattr(user, "is_authenticated", False):
        for slot in slots:
            if slot.staff_id is not None and slot.staff_id == user.pk:
                return slot
        participants = {
            p.pk: p
            for p in Participant.objects.filter(
                pk__in=[s.participant_id for s in slots if s.participant_id]
            ).select_related("party", "agent", "account")
        }
        mine = [
            s
            for s in slots
            if s.participant_id and user.pk in online.participant_accounts(participants[s.participant_id])
        ]
        if mine:
            signed = set(
                TranscriptSignature.objects.filter(version__transcript=transcript).values_list(
                    "participant_id", flat=True
                )
            )
            return next((s for s in mine if s.participant_id not in signed), mine[0])
    for slot in slots:
        if participant_id is not None and slot.participant_id == participant_id:
            return slot
    raise PermissionDenied("您不是该笔录的签名人", code=OnlineErrorCode.NOT_A_SIGNER)


def transcript_sign(
    *,
    actor: Any,
    hearing: Hearing,
    text_sha256: str,
    participant_id: int | None = None,
    query_code: str = "",
    id_suffix: str = "",
) -> TranscriptSignature:
    """Sign the latest version. ``text_sha256`` is the hash of the text the signer was shown; a
    participant without an account names ``participant_id`` and proves identity with the query
    code and the last six ID characters (three tries, as when joining). The query code is checked
    before the signing transaction, so a failed try stays in the audit log."""
    if participant_id is not None and not getattr(actor, "is_authenticated", False):
        participant = (
            Participant.objects.select_related("party", "agent", "account", "hearing__court")
            .filter(pk=participant_id, hearing=hearing)
            .first()
        )
        if participant is None:
            raise PermissionDenied("您不是该笔录的签名人", code=OnlineErrorCode.NOT_A_SIGNER)
        online.identity_check(participant=participant, user=actor, query_code=query_code, id_suffix=id_suffix)
    return _sign(
        actor=actor, hearing=hearing, text_sha256=text_sha256, participant_id=participant_id,
        query_code=query_code, id_suffix=id_suffix,
    )  # fmt: skip


@transaction.atomic
def _sign(
    *, actor: Any, hearing: Hearing, text_sha256: str, participant_id: int | None, query_code: str, id_suffix: str
) -> TranscriptSignature:
    transcript = _locked_transcript(hearing)
    if transcript.status != TranscriptStatus.REVIEWING:
        raise Conflict("笔录当前不在核对签名阶段", code=OnlineErrorCode.NOT_REVIEWING)
    version = transcript.versions.order_by("-number").first()
    assert version is not None  # REVIEWING always has a version
    if (text_sha256 or "").strip().lower() != version.sha256:
        raise Conflict(
            "笔录内容已变更，请重新核对后再签名",
            code=OnlineErrorCode.TEXT_CHANGED,
            details={"version": version.number, "sha256": version.sha256},
        )
    slots = required_signers(transcript)
    slot = _slot_for(transcript=transcript, slots=slots, user=actor, participant_id=participant_id)
    method = str(IdentityMethod.ACCOUNT)
    if slot.participant_id is not None:
        participant = Participant.objects.select_related("party", "agent", "account", "hearing__court").get(
            pk=slot.participant_id
        )
        method = online.identity_check(participant=participant, user=actor, query_code=query_code, id_suffix=id_suffix)
    elif not getattr(actor, "is_authenticated", False) or actor.pk != slot.staff_id:
        raise PermissionDenied("您不是该笔录的签名人", code=OnlineErrorCode.NOT_A_SIGNER)
    if any(slot.matches(s) for s in version.signatures.all()):
        raise Conflict("您已在该版本上签名", code=OnlineErrorCode.ALREADY_SIGNED)
    signature = TranscriptSignature.objects.create(
        version=version,
        participant_id=slot.participant_id,
        signer=actor if getattr(actor, "is_authenticated", False) else None,
        signer_name=slot.name,
        signer_role=slot.role,
        identity_method=method,
        text_sha256=version.sha256,
        signed_at=clock.now(),
        ip_address=request_context.current().client_ip or None,
    )
    audit.record(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action="hearings.transcript_sign",
        obj=signature,
        court_code=hearing.court.code,
        changes={"version": version.number, "sha256": version.sha256, "signer": slot.name, "role": slot.role,
                 "participant": slot.participant_id, "identity_method": method},
    )  # fmt: skip
    signatures = list(version.signatures.all())
    if all(any(slot.matches(s) for s in signatures) for slot in slots):
        _file_signed(transcript, version, signatures)
    return signature


def _file_signed(transcript: Transcript, version: TranscriptVersion, signatures: list[TranscriptSignature]) -> None:
    """Every required signer signed the latest version: lay it out and file it in the dossier."""
    _transition(transcript, TranscriptStatus.SIGNED)
    hearing = transcript.hearing
    case = hearing.case
    document = pdf.render_pdf(
        "print/hearings/transcript.html",
        {"hearing": hearing, "case": case, "court": hearing.court.name, "version": version,
         "signatures": signatures, "generated_at": clock.now()},
    )  # fmt: skip
    title = f"庭审笔录（{online.local_time(hearing.starts_at)[:11]}，第{version.number}版）"
    filed = dossier_services.document_add(
        actor=transcript.clerk,
        case=case,
        volume=Volume.MAIN,
        category=Category.RECORD,
        title=title,
        uploaded_file=SimpleUploadedFile("庭审笔录.pdf", document, content_type="application/pdf"),
        source=Source.GENERATED,
    )
    _transition(transcript, TranscriptStatus.FILED)
    transcript.dossier_document = filed
    transcript.save(update_fields=["status", "dossier_document", "updated_at"])
    audit.record(
        actor=transcript.clerk,
        action="hearings.transcript_file",
        obj=transcript,
        court_code=hearing.court.code,
        changes={"version": version.number, "sha256": version.sha256, "document": filed.pk,
                 "signatures": len(signatures)},
    )  # fmt: skip
