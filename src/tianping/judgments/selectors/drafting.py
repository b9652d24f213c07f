"""Reads of drafts and issued documents, always behind the case gatekeeper.

Drafts and issued documents are court-internal until served: court staff who may read the case
see them; parties, lawyers and staff of other courts get a 404 (the issued PDF reaches the
parties through electronic service). Downloads hand out the dossier's stored bytes, checked
against their SHA-256 and audited.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db.models import Q, QuerySet

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.core import audit
from tianping.core.enums import AuditKind
from tianping.core.errors import Conflict, NotFound
from tianping.dossier import selectors as dossier_selectors
from tianping.judgments.enums import ApprovalLevel, DraftStatus
from tianping.judgments.models import Draft, IssuedDocument
from tianping.judgments.rendering import kinds
from tianping.judgments.services.drafting import may_draft, may_issue, missing_sections

__all__ = [
    "DraftActions",
    "IssuedFile",
    "case_drafts",
    "case_drafts_for_user",
    "draft_actions",
    "draft_for_user",
    "draft_form_sections",
    "issue_queue",
    "issued_documents",
    "issued_file",
    "issued_for_user",
    "issued_of_draft",
    "kind_spec",
    "may_start_draft",
    "my_drafts",
]

FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _draft_not_found() -> NotFound:
    return NotFound("文书不存在或无权访问", code="draft_not_found")


def _drafts() -> QuerySet[Draft]:
    return Draft.objects.select_related("case", "case__court", "drafted_by", "issued_by", "issued")


def draft_for_user(user: Any, draft_id: int) -> Draft:
    """The draft if ``user`` is court staff who may read its case; otherwise NotFound."""
    draft = _drafts().filter(pk=draft_id).first()
    if draft is None or not access.is_staff_user(user):
        raise _draft_not_found()
    try:
        draft.case = case_selectors.case_for_user(user, draft.case_id)
    except NotFound:
        raise _draft_not_found() from None
    return draft


def case_drafts(*, case: Any) -> list[Draft]:
    """The drafts of a case (loaded through its gatekeeper), newest first."""
    drafts = list(
        Draft.objects.filter(case_id=case.pk).select_related("drafted_by", "issued_by", "issued").order_by("-id")
    )
    for draft in drafts:
        draft.case = case
    return drafts


def case_drafts_for_user(*, user: Any, case: Any) -> list[Draft]:
    """The drafts of a case the user may read: court staff only (parties and lawyers: 404)."""
    if not access.is_staff_user(user):
        raise NotFound("案件不存在或无权访问", code="case_not_found")
    return case_drafts(case=case)


def my_drafts(*, user: Any) -> QuerySet[Draft]:
    """Drafts ``user`` wrote or whose case they handle as its judge or clerk (我的文书), open ones first."""
    if not access.is_staff_user(user):
        return Draft.objects.none()
    mine = Q(drafted_by=user) | Q(case__judge=user) | Q(case__clerk=user)
    return (
        _drafts()
        .filter(mine, case__court_id__in=access.acting_court_ids(user))
        .select_related("case__case_type")
        .order_by("status", "-updated_at", "-id")
    )


def issue_queue(*, user: Any) -> list[Draft]:
    """Submitted drafts awaiting ``user``'s signature (待签发), oldest submission first."""
    if not access.is_staff_user(user):
        return []
    grants = access.active_grants(user)
    president_courts = [g.court_id for g in grants if g.role == Role.PRESIDENT]
    head_courts = [g.court_id for g in grants if g.role == Role.DIVISION_HEAD]
    wanted = Q(approval_level=ApprovalLevel.PRESIDING, case__judge=user)
    wanted |= Q(approval_level__in=[ApprovalLevel.DIVISION_HEAD, ApprovalLevel.PRESIDENT],
                case__court_id__in=president_courts)  # fmt: skip
    wanted |= Q(approval_level=ApprovalLevel.DIVISION_HEAD, case__court_id__in=head_courts)
    candidates = (
        _drafts()
        .filter(wanted, status=DraftStatus.SUBMITTED, case__court_id__in=access.acting_court_ids(user))
        .select_related("case__case_type")
        .order_by("submitted_at", "id")
    )
    return [d for d in candidates if may_issue(user, d)]  # the division of a head's drafts checked here


def _issued_not_found() -> NotFound:
    return NotFound("文书不存在或无权访问", code="issued_document_not_found")


def issued_for_user(user: Any, document_id: int) -> IssuedDocument:
    """The issued document if ``user`` is court staff who may read its case; otherwise NotFound."""
    document = (
        IssuedDocument.objects.select_related("draft", "draft__issued_by", "pdf_document", "docx_document")
        .filter(pk=document_id)
        .first()
    )
    if document is None or not access.is_staff_user(user):
        raise _issued_not_found()
    try:
        document.case = case_selectors.case_for_user(user, document.case_id)
    except NotFound:
        raise _issued_not_found() from None
    document.draft.case = document.case
    return document


def issued_documents(*, case: Any) -> list[IssuedDocument]:
    """The issued documents of a case (loaded through its gatekeeper), newest first."""
    documents = list(
        IssuedDocument.objects.filter(case_id=case.pk).select_related("draft__issued_by").order_by("-issued_on", "-id")
    )
    for document in documents:
        document.case = case
    return documents


@dataclasses.dataclass(frozen=True)
class IssuedFile:
    data: bytes
    filename: str
    content_type: str
    sha256: str


def issued_file(*, user: Any, document: IssuedDocument, file_format: str) -> IssuedFile:
    """The stored PDF or .docx of an issued document (loaded through ``issued_for_user``): the dossier's
    bytes, refused (409) if they no longer match the hash recorded at issuing; an audited read."""
    if file_format not in FILE_TYPES:
        raise NotFound("文件格式不存在", code="format_not_found")
    stored = document.pdf_document if file_format == "pdf" else document.docx_document
    recorded = document.pdf_sha256 if file_format == "pdf" else document.docx_sha256
    version = stored.current_version
    if version is None:
        raise _issued_not_found()
    data = dossier_selectors.version_bytes(version)  # 409 stored_file_altered when the bytes changed
    if version.sha256 != recorded:
        raise Conflict("卷宗中的文件与签发时记录的哈希值不符", code="issued_file_altered")
    audit.record(
        actor=user,
        action="judgments.issued_download",
        obj=document,
        kind=AuditKind.READ,
        court_code=document.case.court.code,
        changes={"case": document.case_id, "format": file_format, "sha256": recorded},
    )
    filename = f"{document.title}-{document.case.number or document.case_id}.{file_format}"
    return IssuedFile(data=data, filename=filename, content_type=FILE_TYPES[file_format], sha256=recorded)


# ---- What the pages offer (the services check everything again) ---------------------------------


@dataclasses.dataclass(frozen=True)
class DraftActions:
    edit: bool
    submit: bool
    return_: bool
    issue: bool
    missing: list[str]


def draft_actions(*, user: Any, draft: Draft) -> DraftActions:
    drafter = may_draft(user, draft.case)
    editable = draft.status in (DraftStatus.DRAFTING, DraftStatus.RETURNED)
    submitted = draft.status == DraftStatus.SUBMITTED
    issuer = submitted and may_issue(user, draft)
    return DraftActions(
        edit=drafter and editable,
        submit=drafter and editable,
        return_=issuer,
        issue=issuer,
        missing=missing_sections(draft),
    )


def may_start_draft(*, user: Any, case: Any) -> bool:
    return may_draft(user, case)


def draft_form_sections(draft: Draft) -> list[dict[str, Any]]:
    """The sections of the draft's kind in order, with label, text and whether required (for the form)."""
    spec = kinds.spec_for(draft.kind)
    return [
        {"key": s.key, "label": s.label, "required": s.required, "rows": s.rows, "text": draft.sections.get(s.key, "")}
        for s in spec.sections
    ]


def kind_spec(kind: str) -> kinds.KindSpec:
    """The template facts of a kind (sections, headings, notice rule, default approval level)."""
    return kinds.spec_for(kind)


def issued_of_draft(*, draft: Draft) -> IssuedDocument | None:
    """The document issued from ``draft`` (None before issuing); no query when it was selected with the draft."""
    try:
        return draft.issued
    except IssuedDocument.DoesNotExist:
        return None
