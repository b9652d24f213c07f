"""Archiving (归档): the checklist, the seal of the dossier and its verification.

A closed or effective case is archived once every item of its checklist holds. Sealing records the
manifest — every dossier document's current version (id, title, category, volume, version number,
SHA-256, size) in document order — and the SHA-256 of its canonical JSON (sorted keys, no spaces,
UTF-8), gives an archive number ``<court code>-<year>-档-<serial, 6 digits>`` (per court and year,
under the court's row lock) and moves the case to ARCHIVED, after which the dossier refuses changes.
Who archives: the court clerks (书记员) of the case's court and the case handler (judge in charge,
division head, president) — the rule of ``cases.case_archived_mark``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.cases import services as case_services
from tianping.cases.enums import CaseStatus
from tianping.core import audit, clock
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.courts import services as court_services
from tianping.delivery import selectors as delivery_selectors
from tianping.dossier import selectors as dossier_selectors
from tianping.hearings import selectors as hearing_selectors
from tianping.judgments.enums import EffectStatus
from tianping.judgments.models import Archive, IssuedDocument
from tianping.payments import selectors as payment_selectors
from tianping.payments.enums import OrderStatus

__all__ = [
    "ARCHIVIST_ROLES",
    "ChecklistItem",
    "archive_checklist",
    "archive_verify",
    "case_archive",
    "manifest_for",
    "manifest_sha256",
    "may_archive",
]

ARCHIVIST_ROLES = (Role.COURT_CLERK,)  # the 待归档 list; case handlers archive from the case page as well
ARCHIVABLE = frozenset({CaseStatus.CLOSED, CaseStatus.EFFECTIVE})
FINISHED = frozenset({CaseStatus.CLOSED, CaseStatus.EFFECTIVE, CaseStatus.ARCHIVED})
CASE_RELATED_TYPE = "cases.Case"  # payment orders of a case (as filing issues them)


@dataclasses.dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    ok: bool
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _issued(case: Any) -> list[IssuedDocument]:
    return list(IssuedDocument.objects.filter(case_id=case.pk).prefetch_related("appeal_periods__appeal_case"))


def _status_item(case: Any) -> ChecklistItem:
    ok = case.status in ARCHIVABLE
    return ChecklistItem(
        "case_finished",
        gettext_noop("案件已结案或已生效"),
        ok,
        "" if ok else f"案件当前为“{case.get_status_display()}”",
    )


def _effect_item(documents: list[IssuedDocument]) -> ChecklistItem:
    pending = []
    for d in documents:
        if d.effect_status == EffectStatus.EFFECTIVE:
            continue
        appeals = [p.appeal_case for p in d.appeal_periods.all() if p.appeal_case is not None]
        if d.effect_status == EffectStatus.APPEALED and appeals and all(c.status in FINISHED for c in appeals):
            continue
        pending.append(f"{d.title}（{d.get_effect_status_display()}）")
    return ChecklistItem(
        "documents_settled", gettext_noop("裁判文书已生效或上诉审已结案"), not pending, "；".join(pending)
    )


def _service_item(case: Any, documents: list[IssuedDocument]) -> ChecklistItem:
    parties = {p.pk: p.name for p in case.parties.all()}
    missing = []
    for d in documents:
        served = delivery_selectors.service_dates(document_id=d.pdf_document_id)
        names = [name for pk, name in parties.items() if pk not in served]
        if names:
            missing.append(f"{d.title}未送达：{'、'.join(names)}")
    return ChecklistItem("documents_served", gettext_noop("文书已送达全部当事人"), not missing, "；".join(missing))


def _transcript_item(case: Any) -> ChecklistItem:
    unsigned = hearing_selectors.transcripts_unsigned(case=case)
    names = [f"{timezone.localtime(t.hearing.starts_at):%Y-%m-%d %H:%M}（{t.get_status_display()}）" for t in unsigned]
    detail = f"未签名归卷的庭审笔录：{'、'.join(names)}" if names else ""
    return ChecklistItem("transcripts_filed", gettext_noop("庭审笔录已签名并归入卷宗"), not names, detail)


def _fee_item(case: Any) -> ChecklistItem:
    orders = payment_selectors.orders_for_related(related_type=CASE_RELATED_TYPE, related_id=case.pk)
    unpaid = [f"{o.number}（{o.get_purpose_display()}）" for o in orders if o.status == OrderStatus.UNPAID]
    return ChecklistItem(
        "fees_settled", gettext_noop("诉讼费用已结清"), not unpaid, "未缴：" + "、".join(unpaid) if unpaid else ""
    )


def _reading_item(case: Any) -> ChecklistItem:
    pending = dossier_selectors.pending_reading_requests(case=case)
    return ChecklistItem(
        "reading_decided", gettext_noop("无待处理的阅卷申请"), not pending, f"{pending} 件待审批" if pending else ""
    )


def archive_checklist(*, case: Any) -> list[ChecklistItem]:
    """What must hold before ``case`` (loaded through the gatekeeper) is archived, item by item."""
    documents = _issued(case)
    return [
        _status_item(case),
        _effect_item(documents),
        _service_item(case, documents),
        _transcript_item(case),
        _fee_item(case),
        _reading_item(case),
    ]


# ---- The seal --------------------------------------------------------------------------------------


def manifest_for(case: Any) -> list[dict[str, Any]]:
    """Every dossier document's current version, in document order."""
    return [
        {"document_id": d.pk, "title": d.title, "category": d.category, "volume": d.volume,
         "version": d.current_version.number, "version_id": d.current_version.pk,
         "sha256": d.current_version.sha256, "size": d.current_version.size}
        for d in dossier_selectors.case_documents(case=case)
        if d.current_version is not None
    ]  # fmt: skip


def manifest_sha256(manifest: list[dict[str, Any]]) -> str:
    canonical = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def may_archive(actor: Any, case: Any) -> bool:
    return case_selectors.is_case_handler(actor, case) or access.has_role(
        actor, *ARCHIVIST_ROLES, court_id=case.court_id
    )


def _archive_no(case: Any, year: int) -> str:
    """The next number of the court's year (the caller holds the court's lock)."""
    prefix = f"{case.court.code}-{year}-档-"
    taken = Archive.objects.filter(archive_no__startswith=prefix).count()
    return f"{prefix}{taken + 1:06d}"


@transaction.atomic
def case_archive(*, actor: Any, case: Any) -> Archive:
    """Seal the dossier of ``case`` and archive it; 422 with the failing items while the checklist is open."""
    if not may_archive(actor, case):
        raise PermissionDenied("仅本院书记员或承办法官、院庭长可以归档", code="not_an_archivist")
    court_services.court_lock(court_id=case.court_id)  # one sealing at a time per court: no double seal, no gap
    if Archive.objects.filter(case_id=case.pk).exists():
        raise Conflict("案件已归档", code="already_archived")
    checklist = archive_checklist(case=case)
    failing = [item.as_dict() for item in checklist if not item.ok]
    if failing:
        raise ValidationFailed("归档检查未通过", code="archive_checklist_incomplete", details={"failing": failing})
    manifest = manifest_for(case)
    now = clock.now()
    archive = Archive.objects.create(
        case=case, sealed_at=now, sealed_by=actor, checklist=[i.as_dict() for i in checklist], manifest=manifest,
        manifest_sha256=manifest_sha256(manifest), archive_no=_archive_no(case, clock.today().year),
    )  # fmt: skip
    case_services.case_archived_mark(actor=actor, case=case, note=archive.archive_no)
    audit.record(
        actor=actor, action="judgments.archive", obj=archive, court_code=case.court.code,
        changes={"case": case.pk, "archive_no": archive.archive_no, "manifest_sha256": archive.manifest_sha256,
                 "documents": len(manifest)},
    )  # fmt: skip
    return archive


@dataclasses.dataclass(frozen=True)
class Mismatch:
    document_id: int
    title: str
    problem: str


@dataclasses.dataclass(frozen=True)
class VerifyResult:
    ok: bool
    manifest_ok: bool
    recomputed_sha256: str
    mismatches: list[Mismatch]


def archive_verify(*, case: Any) -> VerifyResult:
    """Recompute the seal from the stored bytes: the manifest's own hash, each file's SHA-256 and
    size, and documents or versions that appeared or changed since sealing."""
    archive = Archive.objects.filter(case_id=case.pk).first()
    if archive is None:
        raise NotFound("案件尚未归档", code="archive_not_found")
    stored = list(archive.manifest)
    recomputed = manifest_sha256(stored)
    mismatches: list[Mismatch] = []
    current = {d.pk: d for d in dossier_selectors.case_documents(case=case)}
    for entry in stored:
        mismatch = _check_entry(entry, current.pop(int(entry.get("document_id", 0)), None))
        if mismatch:
            mismatches.append(mismatch)
    mismatches += [Mismatch(d.pk, d.title, "封存后新增的材料") for d in current.values()]
    manifest_ok = recomputed == archive.manifest_sha256
    return VerifyResult(manifest_ok and not mismatches, manifest_ok, recomputed, mismatches)


def _check_entry(entry: dict[str, Any], document: Any) -> Mismatch | None:
    title = str(entry.get("title", ""))
    if document is None or document.current_version is None:
        return Mismatch(int(entry.get("document_id", 0)), title, "材料已不在卷宗中")
    version = document.current_version
    if version.pk != entry.get("version_id") or version.number != entry.get("version"):
        return Mismatch(document.pk, title, "封存后材料版本已变更")
    if version.sha256 != entry.get("sha256") or version.size != entry.get("size"):
        return Mismatch(document.pk, title, "登记的哈希值或大小与清单不符")
    try:
        data = dossier_selectors.version_bytes(version)
    except (Conflict, OSError):
        return Mismatch(document.pk, title, "存储的文件与登记的哈希值不符或无法读取")
    if len(data) != entry.get("size"):
        return Mismatch(document.pk, title, "文件大小与清单不符")
    return None
