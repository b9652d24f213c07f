"""Writes of 网上阅卷 (online file reading): a party or their agent asks to read a case's 正卷;
the case's handler grants (scope, end, view only or download) or refuses; the handler may
revoke a grant; every reading of a document is an audited read of a watermarked copy.

Status changes go through ``_transition`` against ``TRANSITIONS``. A grant never covers a
副卷 document: the grant names the 正卷 as a whole or 正卷 documents one by one (422 otherwise),
and reading checks the volume again, so a 副卷 document stays "not found" for outsiders.
The requester hears of the decision through the notify context after the commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core import audit, clock, ratelimit
from tianping.core.enums import AuditKind
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.validators import mask_id_number
from tianping.dossier import selectors, watermark
from tianping.dossier.enums import FileType, ReadingErrorCode, ReadingPurpose, ReadingStatus, Volume
from tianping.dossier.models import BROWSER_READABLE, Document, DocumentVersion, ReadingRequest
from tianping.notify import services as notify_services

TRANSITIONS: dict[str, frozenset[str]] = {
    ReadingStatus.PENDING: frozenset({ReadingStatus.GRANTED, ReadingStatus.REFUSED}),
    ReadingStatus.GRANTED: frozenset({ReadingStatus.REVOKED}),
}
TEXT_MAX = 500
NOTIFY_TEMPLATE = "dossier_reading_decided"


def _transition(reading_request: ReadingRequest, to: str) -> str:
    allowed = TRANSITIONS.get(reading_request.status, frozenset())
    if to not in allowed:
        raise Conflict(
            f"阅卷申请当前为“{reading_request.get_status_display()}”，不能改为“{ReadingStatus(to).label}”",
            code="invalid_transition",
            details={"status": reading_request.status, "to": to},
        )
    previous, reading_request.status = reading_request.status, to
    return previous


def _text(value: str, *, field: str, label: str, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(f"请填写{label}", code=f"{field}_required", details={"field": field})
    if len(value) > TEXT_MAX:
        raise ValidationFailed(
            f"{label}不能超过 {TEXT_MAX} 字", code=f"{field}_too_long", details={"field": field, "max": TEXT_MAX}
        )
    return value


def _check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and start > end:
        raise ValidationFailed(
            "希望阅卷的起始日不能晚于截止日", code="invalid_period", details={"field": "preferred_to"}
        )
    last = end or start
    if last is not None and last < clock.today():
        raise ValidationFailed("希望阅卷的日期不能早于今天", code="invalid_period", details={"field": "preferred_to"})


def _main_documents(case: Any, document_ids: Iterable[int], *, staff: bool) -> list[Document]:
    """The 正卷 documents of ``case`` with these ids; an unknown id, or a 副卷 one, is a 422.
    For a party a 副卷 id is just unknown: they must not learn that it exists."""
    ids = sorted({int(i) for i in document_ids})
    documents = Document.objects.filter(case=case, pk__in=ids)
    if not staff:
        documents = documents.filter(volume=Volume.MAIN)
    found = {d.pk: d for d in documents}
    unknown = [i for i in ids if i not in found]
    if unknown:
        raise ValidationFailed(
            "所选材料不属于本案卷宗", code=ReadingErrorCode.INVALID_DOCUMENTS, details={"document_ids": unknown}
        )
    secondary = [i for i in ids if found[i].volume != Volume.MAIN]
    if secondary:
        raise ValidationFailed(
            "副卷材料不得阅览，只能准许阅览正卷材料",
            code=ReadingErrorCode.SECONDARY_NOT_GRANTABLE,
            details={"document_ids": secondary},
        )
    return [found[i] for i in ids]


def _locked(reading_request: ReadingRequest) -> ReadingRequest:
    locked = ReadingRequest.objects.select_for_update().select_related("requester").get(pk=reading_request.pk)
    locked.case = reading_request.case
    return locked


def _require_handler(actor: Any, case: Any) -> None:
    if not (access.is_staff_user(actor) and case_selectors.is_case_handler(actor, case)):
        raise PermissionDenied("仅本案承办法官或庭长、院长可以审批阅卷申请", code="not_case_handler")


@transaction.atomic
def reading_request_create(
    *,
    actor: Any,
    case: Any,
    purpose: str,
    document_ids: Iterable[int] = (),
    preferred_from: dt.date | None = None,
    preferred_to: dt.date | None = None,
) -> ReadingRequest:
    """A party of ``case`` or their agent asks to read its 正卷 (``document_ids`` empty: all of it)."""
    case = case_selectors.case_for_user(actor, case.pk)  # 404 for anyone not on the case
    if access.is_staff_user(actor):
        raise PermissionDenied("法院工作人员可直接查阅卷宗，无须申请", code="staff_reads_directly")
    purpose = _text(purpose, field="purpose", label="阅卷事由", required=True)
    _check_period(preferred_from, preferred_to)
    documents = _main_documents(case, document_ids, staff=False)
    if ReadingRequest.objects.filter(case=case, requester=actor, status=ReadingStatus.PENDING).exists():
        raise Conflict("您在本案已有待审批的阅卷申请", code="reading_request_pending")
    reading_request = ReadingRequest.objects.create(
        case=case,
        requester=actor,
        whole_main_volume=not documents,
        purpose=purpose,
        preferred_from=preferred_from,
        preferred_to=preferred_to,
    )
    reading_request.requested_documents.set(documents)
    audit.record(
        actor=actor,
        action="dossier.reading_request",
        obj=reading_request,
        court_code=case.court.code,
        changes={"case": case.pk, "whole_main_volume": not documents, "documents": [d.pk for d in documents],
                 "preferred_from": preferred_from, "preferred_to": preferred_to},
    )  # fmt: skip
    return reading_request


def _aware(moment: dt.datetime) -> dt.datetime:
    """A naive time from a form is court-local time."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@transaction.atomic
def reading_request_grant(
    *,
    actor: Any,
    reading_request: ReadingRequest,
    expires_at: dt.datetime,
    all_main_volume: bool,
    document_ids: Iterable[int] = (),
    may_download: bool = False,
) -> ReadingRequest:
    """The case's handler grants reading until ``expires_at``: the whole 正卷 or the listed 正卷 documents."""
    case = reading_request.case
    _require_handler(actor, case)
    locked = _locked(reading_request)
    expires_at = _aware(expires_at)
    now = clock.now()
    if expires_at <= now:
        raise ValidationFailed("阅卷截止时间须晚于现在", code="invalid_expiry", details={"field": "expires_at"})
    if expires_at > now + dt.timedelta(days=selectors.READING_MAX_DAYS):
        raise ValidationFailed(
            f"阅卷期限最长 {selectors.READING_MAX_DAYS} 日",
            code="invalid_expiry",
            details={"field": "expires_at", "max_days": selectors.READING_MAX_DAYS},
        )
    documents: list[Document] = []
    if not all_main_volume:
        documents = _main_documents(case, document_ids, staff=True)
        if not documents:
            raise ValidationFailed(
                "请选择准许阅览的材料，或准许阅览全部正卷", code="scope_required", details={"field": "document_ids"}
            )
    _transition(locked, ReadingStatus.GRANTED)
    locked.decided_by, locked.decided_at = actor, now
    locked.all_main_volume, locked.expires_at, locked.may_download = all_main_volume, expires_at, may_download
    locked.save()
    locked.granted_documents.set(documents)
    audit.record(
        actor=actor,
        action="dossier.reading_grant",
        obj=locked,
        court_code=case.court.code,
        changes={"case": case.pk, "status": [ReadingStatus.PENDING, ReadingStatus.GRANTED],
                 "all_main_volume": all_main_volume, "documents": [d.pk for d in documents],
                 "expires_at": expires_at, "may_download": may_download},
    )  # fmt: skip
    until = timezone.localtime(expires_at)
    kind = "可在线阅读并下载" if may_download else "可在线阅读"
    _notify(locked, f"已获准许，{kind}至{until:%Y-%m-%d %H:%M}")
    return locked


@transaction.atomic
def reading_request_refuse(*, actor: Any, reading_request: ReadingRequest, reason: str) -> ReadingRequest:
    """The case's handler refuses a pending request, with a reason the requester is told."""
    case = reading_request.case
    _require_handler(actor, case)
    reason = _text(reason, field="reason", label="不予准许的理由", required=True)
    locked = _locked(reading_request)
    _transition(locked, ReadingStatus.REFUSED)
    locked.decided_by, locked.decided_at, locked.refusal_reason = actor, clock.now(), reason
    locked.save()
    audit.record(
        actor=actor,
        action="dossier.reading_refuse",
        obj=locked,
        court_code=case.court.code,
        changes={"case": case.pk, "status": [ReadingStatus.PENDING, ReadingStatus.REFUSED], "reason": reason},
    )
    _notify(locked, f"未获准许，理由：{reason}")
    return locked


@transaction.atomic
def reading_request_revoke(*, actor: Any, reading_request: ReadingRequest, reason: str = "") -> ReadingRequest:
    """The case's handler ends a grant at once."""
    case = reading_request.case
    _require_handler(actor, case)
    reason = _text(reason, field="reason", label="撤销理由", required=False)
    locked = _locked(reading_request)
    _transition(locked, ReadingStatus.REVOKED)
    locked.revoked_by, locked.revoked_at, locked.revoke_reason = actor, clock.now(), reason
    locked.save()
    audit.record(
        actor=actor,
        action="dossier.reading_revoke",
        obj=locked,
        court_code=case.court.code,
        changes={"case": case.pk, "status": [ReadingStatus.GRANTED, ReadingStatus.REVOKED], "reason": reason},
    )
    _notify(locked, "已被撤销" + (f"，理由：{reason}" if reason else ""))
    return locked


def _notify(reading_request: ReadingRequest, decision: str) -> None:
    requester = reading_request.requester
    case = reading_request.case
    notify_services.notify(
        recipients=[
            notify_services.Recipient(
                name=requester.display_name,
                mobile=requester.mobile or "",
                email=requester.email or "",
                account_id=requester.pk,
            )
        ],
        template=NOTIFY_TEMPLATE,
        context={"court": case.court.name, "number": case_number(case), "decision": decision},
        related=("dossier.ReadingRequest", reading_request.pk),
        court_code=case.court.code,
        court_id=case.court_id,
    )


# ---- Reading a document -------------------------------------------------------------------


def case_number(case: Any) -> str:
    return case.number or f"案件 {case.pk}"


def reader_label(user: Any) -> str:
    """Who reads, as the watermark names them: real name and masked ID number."""
    id_number = getattr(user, "id_number", "") or ""
    return f"{user.display_name} {mask_id_number(id_number)}" if id_number else user.display_name


@dataclasses.dataclass(frozen=True)
class ReadCopy:
    """A copy of a document made for one read: a watermarked PDF, or an original for staff (OFD)."""

    data: bytes
    filename: str
    content_type: str
    sha256: str
    watermarked: bool


def watermarked_pdf(*, version: DocumentVersion, reader_label: str, case_number: str, moment: dt.datetime) -> bytes:
    """``version`` as a PDF stamped on every page with the reader, the time and the case number.
    PNG/JPEG become an A4 page first; OFD raises PermissionDenied ``ofd_read_on_site``."""
    data = selectors.version_bytes(version)
    lines = watermark.stamp_lines(reader_label=reader_label, case_number=case_number, moment=moment)
    return watermark.stamp(watermark.as_pdf(data, version.content_type), lines)


def document_read(*, actor: Any, document_id: int, purpose: str) -> ReadCopy:
    """The current version of a document for reading (``purpose`` view) or downloading, as a
    watermarked copy: staff who may read the case, or a reader under an active grant covering
    the document (a download needs a grant that allows it). An audited read."""
    if purpose not in ReadingPurpose.values:
        raise ValidationFailed("未知的阅卷用途", code="invalid_purpose", details={"purpose": purpose})
    document = selectors.document_for_user(actor, document_id)  # 404: other cases, and 副卷 for outsiders
    version = document.current_version
    if version is None:
        raise NotFound("材料不存在或无权访问", code="document_not_found")
    staff = access.is_staff_user(actor)
    grant = None
    if not staff:
        grant = selectors.reading_access(actor, document.case).grant_for(document)
        if grant is None:
            raise selectors.grant_required(document)
        if purpose == ReadingPurpose.DOWNLOAD and not grant.may_download:
            raise PermissionDenied("本次阅卷仅准许在线阅读，不含下载", code=ReadingErrorCode.DOWNLOAD_NOT_GRANTED)
        if version.content_type == FileType.OFD:
            raise PermissionDenied(str(ReadingErrorCode.OFD_ON_SITE.label), code=ReadingErrorCode.OFD_ON_SITE)
    # Each copy is laid out and stamped on the fly: bound how many one person can make.
    ratelimit.hit("dossier_copy", str(actor.pk), settings.RATE_LIMITS.get("dossier_copy", "30/m"))
    moment = clock.now()
    if version.content_type not in BROWSER_READABLE:  # staff only: OFD/DOCX are not converted; the original
        copy = ReadCopy(
            selectors.version_bytes(version),
            f"{document.title}.{version.extension}",
            version.content_type,
            version.sha256,
            False,
        )
    else:
        stamped = watermarked_pdf(
            version=version, reader_label=reader_label(actor), case_number=case_number(document.case), moment=moment
        )
        copy = ReadCopy(stamped, f"{document.title}（阅卷副本）.pdf", FileType.PDF.value, version.sha256, True)
    audit.record(
        actor=actor,
        action="dossier.read",
        obj=document,
        kind=AuditKind.READ,
        court_code=document.case.court.code,
        changes={"case": document.case_id, "document": document.pk, "version": version.number,
                 "version_id": version.pk, "sha256": version.sha256, "purpose": purpose,
                 "grant": grant.pk if grant else None, "watermarked": copy.watermarked},
    )  # fmt: skip
    return copy
