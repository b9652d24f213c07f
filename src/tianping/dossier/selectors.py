"""Reads of the electronic dossier, always behind the case gatekeeper ``case_for_user``.

Staff who may read the case see both volumes; the parties and their lawyers see only the
正卷 — a 副卷 document is "not found" for them, exactly like a document of another case.
Every download is an audited read.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Q, QuerySet

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core import audit
from tianping.core.enums import AuditKind
from tianping.core.errors import NotFound
from tianping.dossier import files, permissions
from tianping.dossier.enums import Category, Volume
from tianping.dossier.models import Document, DocumentVersion

SEARCH_LIMIT = 100


def visible_volumes(user: Any) -> tuple[str, ...]:
    """The volumes ``user`` may see in a case they may read."""
    if access.is_staff_user(user):
        return (Volume.MAIN, Volume.SECONDARY)
    return (Volume.MAIN,)


def dossier_for_user(user: Any, case: Any) -> QuerySet[Document]:
    """The documents of ``case`` (loaded through ``case_for_user``) that ``user`` may see, with current versions."""
    return (
        Document.objects.filter(case=case, volume__in=visible_volumes(user))
        .select_related("current_version", "uploaded_by")
        .order_by("volume", "id")
    )


def _not_found() -> NotFound:
    return NotFound("材料不存在或无权访问", code="document_not_found")


def document_for_user(user: Any, document_id: int) -> Document:
    """The document if its case is readable by ``user`` and its volume visible to them; else NotFound."""
    document = Document.objects.select_related("case", "current_version").filter(pk=document_id).first()
    if document is None or document.volume not in visible_volumes(user):
        raise _not_found()
    try:
        document.case = case_selectors.case_for_user(user, document.case_id)
    except NotFound:
        raise _not_found() from None
    return document


def version_file_for_user(user: Any, version_id: int, *, purpose: str = "download") -> DocumentVersion:
    """A version to hand out as a file: 404 outside the user's scope; the read is audited."""
    version = DocumentVersion.objects.filter(pk=version_id).only("id", "document_id").first()
    if version is None:
        raise _not_found()
    document = document_for_user(user, version.document_id)
    version = DocumentVersion.objects.get(pk=version_id)
    version.document = document
    audit.record(
        actor=user,
        action="dossier.download",
        obj=document,
        kind=AuditKind.READ,
        court_code=document.case.court.code,
        changes={"case": document.case_id, "version": version.number, "version_id": version.pk,
                 "sha256": version.sha256, "purpose": purpose},
    )  # fmt: skip
    return version


def document_versions(*, user: Any, document: Document) -> QuerySet[DocumentVersion]:
    """All versions of a document already loaded through ``document_for_user``."""
    return document.versions.select_related("uploaded_by").order_by("number")


def document_search(user: Any, case: Any, q: str) -> list[Document]:
    """Documents of ``case`` visible to ``user`` whose title or current text contains ``q``."""
    q = (q or "").strip()
    if not q:
        return []
    matches = dossier_for_user(user, case).filter(Q(title__icontains=q) | Q(current_version__text__icontains=q))
    return list(matches[:SEARCH_LIMIT])


def snippet(text: str, q: str, width: int = 40) -> str:
    """The text around the first match of ``q``, for search results."""
    at = text.lower().find(q.lower()) if q else -1
    if at < 0:
        return text[: width * 2]
    start = max(at - width, 0)
    return ("…" if start else "") + text[start : at + len(q) + width] + ("…" if at + len(q) + width < len(text) else "")


@dataclasses.dataclass(frozen=True)
class VolumeView:
    volume: str
    label: str
    documents: list[Document]


@dataclasses.dataclass(frozen=True)
class DossierView:
    volumes: list[VolumeView]
    may_upload: bool
    volume_choices: list[tuple[str, str]]
    category_choices: list[tuple[str, str]]
    ocr_available: bool
    max_upload_mb: int

    @property
    def count(self) -> int:
        return sum(len(v.documents) for v in self.volumes)


def dossier_view(*, user: Any, case: Any) -> DossierView:
    """What the case page shows of the dossier: documents per visible volume and the upload form's choices."""
    documents = list(dossier_for_user(user, case))
    labels = dict(Volume.choices)
    volumes = [
        VolumeView(volume=v, label=str(labels[v]), documents=[d for d in documents if d.volume == v])
        for v in visible_volumes(user)
    ]
    return DossierView(
        volumes=volumes,
        may_upload=permissions.may_keep(user, case),
        volume_choices=[(v, str(label)) for v, label in Volume.choices],
        category_choices=[(c, str(label)) for c, label in Category.choices],
        ocr_available=files.ocr_available(),
        max_upload_mb=files.max_upload_bytes() // (1024 * 1024),
    )
