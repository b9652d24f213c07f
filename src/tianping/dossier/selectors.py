"""Reads of the electronic dossier, always behind the case gatekeeper ``case_for_user``.

Staff who may read the case see both volumes; the parties and their lawyers see only the
正卷 — a 副卷 document is "not found" for them, exactly like a document of another case.
Parties and lawyers see the list of the 正卷 but open a document's content only under an
active reading grant (网上阅卷, see ``reading``), and then as a watermarked copy; the
original files are for court staff. Every download and every reading is an audited read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import logging
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core import audit, clock
from tianping.core.enums import AuditKind
from tianping.core.errors import Conflict, NotFound, PermissionDenied
from tianping.dossier import files, permissions
from tianping.dossier.enums import Category, FileType, ReadingErrorCode, ReadingStatus, Volume
from tianping.dossier.models import BROWSER_READABLE, Document, DocumentVersion, ReadingRequest

logger = logging.getLogger(__name__)

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
    """A stored original to hand out as a file, for court staff: 404 outside the user's scope;
    a party or lawyer gets 403 (they read watermarked copies under a grant); the read is audited."""
    version = DocumentVersion.objects.filter(pk=version_id).only("id", "document_id").first()
    if version is None:
        raise _not_found()
    document = document_for_user(user, version.document_id)
    if not access.is_staff_user(user):
        if reading_access(user, document.case).grant_for(document) is None:
            raise grant_required(document)
        raise PermissionDenied(
            "原件仅供法院工作人员下载，请使用在线阅读或下载含水印的副本",
            code=ReadingErrorCode.ORIGINAL_STAFF_ONLY,
            details={"read_url": reverse("dossier:read", args=[document.pk])},
        )
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
    in_text = Q(current_version__text__icontains=q)
    if not access.is_staff_user(user):
        # A document's text is its content: without a grant a party finds it by title only.
        in_text &= reading_access(user, case).document_filter()
    matches = dossier_for_user(user, case).filter(Q(title__icontains=q) | in_text)
    return list(matches[:SEARCH_LIMIT])


def document_search_hits(user: Any, case: Any, q: str) -> list[tuple[Document, str]]:
    """Search results with a snippet of the text, shown only for documents ``user`` may read."""
    hits = document_search(user, case, q)
    readable = reading_access(user, case)
    return [(d, snippet(d.current_version.text, q) if d.current_version and readable.may_read(d) else "") for d in hits]


def snippet(text: str, q: str, width: int = 40) -> str:
    """The text around the first match of ``q``, for search results."""
    at = text.lower().find(q.lower()) if q else -1
    if at < 0:
        return text[: width * 2]
    start = max(at - width, 0)
    return ("…" if start else "") + text[start : at + len(q) + width] + ("…" if at + len(q) + width < len(text) else "")


# ---- Reading access (网上阅卷) ------------------------------------------------------------


def version_bytes(version: DocumentVersion) -> bytes:
    """The stored bytes of ``version`` (no access check: load it through a gatekeeper first).
    A file whose content no longer matches its recorded SHA-256 is refused, never handed out."""
    with version.file.open("rb") as stored:
        data: bytes = stored.read()
    if hashlib.sha256(data).hexdigest() != version.sha256:
        logger.error("dossier file %s does not match its SHA-256 %s", version.file.name, version.sha256)
        raise Conflict("存储的文件与登记的哈希值不符，已停止提供", code="stored_file_altered")
    return data


def grant_required(document: Document) -> PermissionDenied:
    """The 403 a party or lawyer gets for a document's content without an active reading grant."""
    return PermissionDenied(
        "阅览卷宗材料须先申请网上阅卷，经承办法官准许后方可在线阅读或下载",
        code=ReadingErrorCode.GRANT_REQUIRED,
        details={
            "case_id": document.case_id,
            "document_id": document.pk,
            "request_url": f"/api/v1/cases/{document.case_id}/dossier/reading-requests",
            "request_page": reverse("cases:detail", args=[document.case_id]) + "#reading",
        },
    )


@dataclasses.dataclass(frozen=True)
class ReadingAccess:
    """The grants a user holds on one case right now; staff who may read the case read everything."""

    everything: bool = False
    grants: tuple[tuple[ReadingRequest, frozenset[int]], ...] = ()

    def grant_for(self, document: Document) -> ReadingRequest | None:
        """The grant covering ``document`` (one allowing download first, then the latest ending); never 副卷."""
        if document.volume != Volume.MAIN:
            return None
        covering = [g for g, ids in self.grants if g.all_main_volume or document.pk in ids]
        covering.sort(key=lambda g: (g.may_download, g.expires_at), reverse=True)
        return covering[0] if covering else None

    def may_read(self, document: Document) -> bool:
        return self.everything or self.grant_for(document) is not None

    def may_download(self, document: Document) -> bool:
        grant = self.grant_for(document)
        return self.everything or (grant is not None and grant.may_download)

    def document_filter(self) -> Q:
        """Documents of the case this access covers, as a filter on ``Document``."""
        if self.everything:
            return Q()
        if any(g.all_main_volume for g, _ in self.grants):
            return Q(volume=Volume.MAIN)
        ids = set().union(*(ids for _, ids in self.grants)) if self.grants else set()
        return Q(pk__in=sorted(ids), volume=Volume.MAIN)


def active_grants(user: Any, case: Any, moment: dt.datetime | None = None) -> list[ReadingRequest]:
    """``user``'s reading grants on ``case`` in force at ``moment`` (now by default)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        ReadingRequest.objects.filter(
            case=case, requester=user, status=ReadingStatus.GRANTED, expires_at__gt=moment or clock.now()
        )
        .prefetch_related(Prefetch("granted_documents", queryset=Document.objects.only("id")))
        .order_by("-expires_at")
    )


def reading_access(user: Any, case: Any) -> ReadingAccess:
    """What ``user`` may read of ``case`` (already loaded through ``case_for_user``)."""
    if access.is_staff_user(user):
        return ReadingAccess(everything=True)
    grants = active_grants(user, case)
    return ReadingAccess(grants=tuple((g, frozenset(d.pk for d in g.granted_documents.all())) for g in grants))


def reading_request_for_user(user: Any, request_id: int) -> ReadingRequest:
    """A reading request: its requester and the staff who may read its case see it; anyone else 404."""
    found = ReadingRequest.objects.filter(pk=request_id).only("id", "case_id", "requester_id").first()
    if found is None:
        raise NotFound("阅卷申请不存在或无权访问", code="reading_request_not_found")
    try:
        case = case_selectors.case_for_user(user, found.case_id)
    except NotFound:
        raise NotFound("阅卷申请不存在或无权访问", code="reading_request_not_found") from None
    if not access.is_staff_user(user) and found.requester_id != getattr(user, "pk", None):
        raise NotFound("阅卷申请不存在或无权访问", code="reading_request_not_found")
    reading_request = _requests().get(pk=request_id)
    reading_request.case = case
    return reading_request


def _requests() -> QuerySet[ReadingRequest]:
    documents = Document.objects.only("id", "title", "volume", "case_id")
    return ReadingRequest.objects.select_related("requester", "decided_by", "revoked_by", "case").prefetch_related(
        Prefetch("requested_documents", queryset=documents), Prefetch("granted_documents", queryset=documents)
    )


def reading_request_list(*, user: Any, case: Any) -> QuerySet[ReadingRequest]:
    """Reading requests of ``case``: all of them for its court staff, a party's own for a party."""
    requests = _requests().filter(case=case)
    if not access.is_staff_user(user):
        requests = requests.filter(requester=user)
    return requests.order_by("-created_at", "-id")


def reading_requests_mine(*, user: Any) -> QuerySet[ReadingRequest]:
    """Every reading request ``user`` made, on any case, newest first."""
    if not getattr(user, "is_authenticated", False):
        return ReadingRequest.objects.none()
    return _requests().filter(requester=user).order_by("-created_at", "-id")


def reading_state(reading_request: ReadingRequest, moment: dt.datetime | None = None) -> str:
    """The status to show: a granted request past its end reads as 'expired'."""
    if reading_request.status == ReadingStatus.GRANTED and not reading_request.is_active(moment or clock.now()):
        return "expired"
    return str(reading_request.status)


# ---- The case page's dossier section ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class VolumeView:
    volume: str
    label: str
    documents: list[Document]


@dataclasses.dataclass(frozen=True)
class ReadingView:
    """The 网上阅卷 part of the section: a party's form and requests, or the handler's decisions."""

    is_reader: bool
    may_decide: bool
    requests: list[ReadingRequest]
    pending: list[ReadingRequest]
    active: list[ReadingRequest]
    history: list[ReadingRequest]
    main_documents: list[Document]
    default_expiry: dt.datetime
    max_days: int
    has_pending_own: bool


@dataclasses.dataclass(frozen=True)
class DossierView:
    volumes: list[VolumeView]
    may_upload: bool
    volume_choices: list[tuple[str, str]]
    category_choices: list[tuple[str, str]]
    ocr_available: bool
    max_upload_mb: int
    reading: ReadingView | None = None

    @property
    def count(self) -> int:
        return sum(len(v.documents) for v in self.volumes)


READING_MAX_DAYS = 90
DEFAULT_READING_DAYS = 7


def default_expiry() -> dt.datetime:
    """What the grant form proposes: 17:30 court time, a week from today."""
    day = clock.today() + dt.timedelta(days=DEFAULT_READING_DAYS)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(17, 30)))


def _reading_view(user: Any, case: Any, documents: list[Document]) -> ReadingView:
    """Parties see their own requests and the form; staff see all requests, the handler with forms."""
    is_reader = not access.is_staff_user(user)
    may_decide = not is_reader and case_selectors.is_case_handler(user, case)
    now = clock.now()
    requests = list(reading_request_list(user=user, case=case))
    for r in requests:
        r.state = reading_state(r, now)  # type: ignore[attr-defined]
    return ReadingView(
        is_reader=is_reader,
        may_decide=may_decide,
        requests=requests,
        pending=[r for r in requests if r.status == ReadingStatus.PENDING],
        active=[r for r in requests if r.is_active(now)],
        history=[r for r in requests if r.status != ReadingStatus.PENDING and not r.is_active(now)],
        main_documents=[d for d in documents if d.volume == Volume.MAIN],
        default_expiry=default_expiry(),
        max_days=READING_MAX_DAYS,
        has_pending_own=is_reader and any(r.status == ReadingStatus.PENDING for r in requests),
    )


def dossier_view(*, user: Any, case: Any) -> DossierView:
    """What the case page shows of the dossier: documents per visible volume (each marked with
    what the user may open), the upload form's choices and the 网上阅卷 part."""
    documents = list(dossier_for_user(user, case))
    readable = reading_access(user, case)
    for d in documents:
        d.may_read = readable.may_read(d)  # type: ignore[attr-defined]
        d.may_download_copy = readable.may_download(d)  # type: ignore[attr-defined]
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
        reading=_reading_view(user, case, documents),
    )


def reading_request_list_by_ids(ids: list[int]) -> list[ReadingRequest]:
    """Reading requests by id with what their answer shows (no access check: after a gatekept write)."""
    return list(_requests().filter(pk__in=ids).order_by("-created_at", "-id"))


@dataclasses.dataclass(frozen=True)
class ReadingPage:
    """What the reading page shows; the copy it frames is fetched (and audited) separately."""

    document: Document
    version: DocumentVersion
    grant: ReadingRequest | None
    may_download: bool
    on_site_only: bool
    staff: bool

    @property
    def is_ofd(self) -> bool:
        return self.version.content_type not in BROWSER_READABLE  # OFD, DOCX: the original is downloaded


def reading_page(user: Any, document_id: int) -> ReadingPage:
    """The reading page of a document: 404 outside scope (副卷 for outsiders), 403 without a grant."""
    document = document_for_user(user, document_id)
    version = document.current_version
    if version is None:
        raise _not_found()
    if access.is_staff_user(user):
        return ReadingPage(document, version, None, may_download=True, on_site_only=False, staff=True)
    grant = reading_access(user, document.case).grant_for(document)
    if grant is None:
        raise grant_required(document)
    return ReadingPage(
        document,
        version,
        grant,
        may_download=grant.may_download,
        on_site_only=version.content_type == FileType.OFD,
        staff=False,
    )


def case_documents(*, case: Any) -> QuerySet[Document]:
    """Every document of ``case`` (both volumes) with its current version, in filing order. No access
    check: for other contexts' whole-dossier work (archiving) after their own gatekeeper."""
    return Document.objects.filter(case_id=case.pk).select_related("current_version").order_by("id")


def pending_reading_requests(*, case: Any) -> int:
    """How many reading requests of ``case`` wait for a decision."""
    return ReadingRequest.objects.filter(case_id=case.pk, status=ReadingStatus.PENDING).count()
