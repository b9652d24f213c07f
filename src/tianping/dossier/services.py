"""Writes of the electronic dossier: adding a document and adding a new version of it.

An upload is checked completely first (size, sniffed type, readable PDF) — a rejected file
leaves no row and no file behind. The file is then written content-addressed inside the
transaction; if the transaction fails, a file this call wrote is deleted again.
Identical content (same SHA-256) is stored once: later versions reuse the stored file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from tianping.cases.enums import CaseStatus
from tianping.core import audit
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.dossier import files
from tianping.dossier.enums import Category, Source, Volume
from tianping.dossier.models import EXTENSIONS, Document, DocumentVersion
from tianping.dossier.permissions import may_keep
from tianping.dossier.reading import ReadCopy as ReadCopy  # 网上阅卷: the reading services live in ``reading``
from tianping.dossier.reading import document_read as document_read
from tianping.dossier.reading import reading_request_create as reading_request_create
from tianping.dossier.reading import reading_request_grant as reading_request_grant
from tianping.dossier.reading import reading_request_refuse as reading_request_refuse
from tianping.dossier.reading import reading_request_revoke as reading_request_revoke
from tianping.dossier.reading import watermarked_pdf as watermarked_pdf

T = TypeVar("T")


def _require_keeper(actor: Any, case: Any) -> None:
    if not may_keep(actor, case):
        raise PermissionDenied("仅本院办案人员可以上传卷宗材料", code="not_a_dossier_keeper")
    if case.status == CaseStatus.ARCHIVED:
        raise Conflict("案件已归档，卷宗不能再更改", code="case_archived")


def upload_inspect(uploaded_file: Any) -> files.Inspected:
    """Check an upload exactly as the dossier does (size limit, type sniffed from the content,
    readable PDF/OFD, page count, text) without storing anything; other contexts call this to
    accept files before a case exists. Raises ValidationFailed (422) with a stable code."""
    return files.inspect(uploaded_file)


def storage_name(sha256: str, content_type: str) -> str:
    return f"dossier/{sha256[:2]}/{sha256[2:4]}/{sha256}.{EXTENSIONS[content_type]}"


def _stored(inspected: files.Inspected, write: Callable[[str], T]) -> T:
    """Run ``write(name)`` in a transaction with the file in storage; undo a fresh file on failure."""
    name = storage_name(inspected.sha256, inspected.content_type)
    written: str | None = None
    try:
        with transaction.atomic():
            if not default_storage.exists(name):
                written = default_storage.save(name, ContentFile(inspected.data))
                name = written
            return write(name)
    except BaseException:
        if written and not DocumentVersion.objects.filter(file=written).exists():
            default_storage.delete(written)
        raise


def _new_version(*, actor: Any, document: Document, inspected: files.Inspected, name: str, original: str) -> Any:
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DocumentVersion.objects.create(
        document=document,
        number=last + 1,
        file=name,
        sha256=inspected.sha256,
        content_type=inspected.content_type,
        size=inspected.size,
        pages=inspected.pages,
        text=inspected.text,
        ocr_applied=inspected.ocr_applied,
        original_name=(original or "")[:255],
        uploaded_by=actor,
    )
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    return version


def _version_facts(version: DocumentVersion) -> dict[str, Any]:
    return {"version": version.number, "sha256": version.sha256, "content_type": version.content_type,
            "size": version.size, "pages": version.pages}  # fmt: skip


def document_add(
    *,
    actor: Any,
    case: Any,
    volume: str,
    category: str,
    title: str,
    uploaded_file: Any,
    source: str = Source.STAFF_UPLOAD,
) -> Document:
    """A new document in ``case``'s dossier with its first version (court staff of the case's court)."""
    _require_keeper(actor, case)
    if volume not in Volume.values:
        raise ValidationFailed("卷别应为正卷或副卷", code="invalid_volume", details={"field": "volume"})
    if category not in Category.values:
        raise ValidationFailed("未知的材料类别", code="invalid_category", details={"field": "category"})
    if source not in Source.values:
        raise ValidationFailed("未知的材料来源", code="invalid_source", details={"field": "source"})
    title = (title or "").strip()
    if not title:
        raise ValidationFailed("请填写材料标题", code="title_required", details={"field": "title"})
    if len(title) > 200:
        raise ValidationFailed("材料标题不能超过 200 字", code="title_too_long", details={"field": "title"})
    inspected = files.inspect(uploaded_file, generated=source == Source.GENERATED)

    def write(name: str) -> Document:
        document = Document.objects.create(
            case=case, volume=volume, category=category, title=title, source=source, uploaded_by=actor
        )
        version = _new_version(
            actor=actor, document=document, inspected=inspected, name=name, original=getattr(uploaded_file, "name", "")
        )
        audit.record(
            actor=actor,
            action="dossier.document_add",
            obj=document,
            court_code=case.court.code,
            changes={"case": case.pk, "volume": volume, "category": category, "source": source,
                     **_version_facts(version)},
        )  # fmt: skip
        return document

    return _stored(inspected, write)


def document_new_version(*, actor: Any, document: Document, uploaded_file: Any) -> DocumentVersion:
    """A new version of ``document``, which becomes its current version."""
    case = document.case
    _require_keeper(actor, case)
    inspected = files.inspect(uploaded_file)

    def write(name: str) -> DocumentVersion:
        locked = Document.objects.select_for_update().get(pk=document.pk)
        version = _new_version(
            actor=actor, document=locked, inspected=inspected, name=name, original=getattr(uploaded_file, "name", "")
        )
        audit.record(
            actor=actor,
            action="dossier.version_add",
            obj=locked,
            court_code=case.court.code,
            changes={"case": case.pk, **_version_facts(version)},
        )
        document.current_version = version
        return version

    return _stored(inspected, write)


@transaction.atomic
def dossier_transfer(*, actor: Any, origin: Any, target: Any) -> list[Document]:
    """移送卷宗: file ``origin``'s 正卷 documents (their current versions) in ``target``, a case linked to
    it (an appeal, a retrial …), by reference to the same stored files — nothing is copied or re-hashed.
    By the keepers of the sending or the receiving court; documents already transferred (same title and
    SHA-256) are skipped, so a repeated transfer adds only what is new. Audited once on the target case."""
    if not (may_keep(actor, origin) or may_keep(actor, target)):
        raise PermissionDenied("仅本院办案人员可以移送卷宗", code="not_a_dossier_keeper")
    if target.origin_id != origin.pk:
        raise ValidationFailed("只能向由本案产生的关联案件移送卷宗", code="not_a_linked_case")
    if target.status == CaseStatus.ARCHIVED:
        raise Conflict("案件已归档，卷宗不能再更改", code="case_archived")
    present = set(
        Document.objects.filter(case=target, current_version__isnull=False).values_list(
            "title", "current_version__sha256"
        )
    )
    sent = (
        Document.objects.filter(case=origin, volume=Volume.MAIN, current_version__isnull=False)
        .select_related("current_version")
        .order_by("id")
    )
    created: list[Document] = []
    for source in sent:
        version = source.current_version
        assert version is not None  # filtered above
        if (source.title, version.sha256) in present:
            continue
        document = Document.objects.create(
            case=target, volume=Volume.MAIN, category=source.category, title=source.title, source=source.source,
            uploaded_by=actor,
        )  # fmt: skip
        copy = DocumentVersion.objects.create(
            document=document, number=1, file=version.file.name, sha256=version.sha256,
            content_type=version.content_type, size=version.size, pages=version.pages, text=version.text,
            ocr_applied=version.ocr_applied, original_name=version.original_name, uploaded_by=actor,
        )  # fmt: skip
        document.current_version = copy
        document.save(update_fields=["current_version", "updated_at"])
        created.append(document)
    audit.record(
        actor=actor,
        action="dossier.transfer",
        obj=target,
        court_code=target.court.code,
        changes={"origin": origin.pk, "target": target.pk, "documents": len(created),
                 "files": [{"document": d.pk, "sha256": d.current_version.sha256} for d in created
                           if d.current_version is not None]},
    )  # fmt: skip
    return created
