"""Drafting and issuing (签发) judgment documents.

A draft is created from its kind's template with every section the case knows pre-filled
(``prefill``); the case's handlers — its judge, the other judges of its panel, its clerk and the
judge assistants of its division — write it (each save names the revision it started from; a
stale one is a 409), submit it to the issuer, who returns it with a note or issues it.

Who issues is the draft's approval level (default per kind, see ``rendering.kinds``): the case's
judge (presiding judge or sole judge) may issue their own draft; a division head of the case's
division or the court president issues at ``division_head``; only the court president at
``president``. Issuing freezes the text assembled from the sections, hashes it, renders the
.docx and the PDF, files both in the dossier (PDF in the 正卷 — the copy that is served — and the
Word file in the 副卷), creates the immutable ``IssuedDocument`` and tells the effect service,
all in one transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.cases.enums import CaseStatus, ClosingMethod
from tianping.core import audit, clock
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Source, Volume
from tianping.judgments import prefill
from tianping.judgments.enums import ApprovalLevel, DocumentKind, DraftStatus
from tianping.judgments.models import Draft, IssuedDocument
from tianping.judgments.rendering import kinds
from tianping.judgments.rendering.docx import document_docx
from tianping.judgments.rendering.pdf import document_pdf
from tianping.judgments.rendering.text import DocumentData, full_text, sha256_bytes, sha256_text
from tianping.judgments.services import effect

__all__ = [
    "DRAFTING_ROLES",
    "DRAFT_TRANSITIONS",
    "draft_create",
    "draft_data",
    "draft_issue",
    "draft_return",
    "draft_submit",
    "draft_update",
    "head_division_ids",
    "may_draft",
    "may_issue",
    "missing_sections",
]

S = DraftStatus
DRAFT_TRANSITIONS: Mapping[str, frozenset[str]] = {
    S.DRAFTING: frozenset({S.SUBMITTED}),
    S.RETURNED: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.RETURNED, S.ISSUED}),
    S.ISSUED: frozenset(),
}
EDITABLE = frozenset({S.DRAFTING, S.RETURNED})
DRAFTING_ROLES = (Role.JUDGE, Role.JUDGE_ASSISTANT, Role.COURT_CLERK, Role.DIVISION_HEAD, Role.PRESIDENT)
# Case statuses in which a document may be drafted and issued (trial under way, or closed for
# documents issued afterwards, e.g. a ruling correcting a judgment).
DRAFTABLE_CASE_STATUSES = frozenset({CaseStatus.REGISTERED, CaseStatus.ASSIGNED, CaseStatus.IN_TRIAL,
                                     CaseStatus.CLOSED, CaseStatus.EFFECTIVE})  # fmt: skip
CLOSABLE_CASE_STATUSES = frozenset({CaseStatus.REGISTERED, CaseStatus.ASSIGNED, CaseStatus.IN_TRIAL})
TITLE_MAX = 100
OUTCOME_MAX = 200
NOTE_MAX = 500


# ---- Who may do what ---------------------------------------------------------------------------


def _is_staff_of_court(actor: Any, case: Any) -> bool:
    return access.is_staff_user(actor) and case.court_id in access.acting_court_ids(actor)


def may_draft(actor: Any, case: Any) -> bool:
    """The case's handlers: its judge, the judges of its panel, its clerk, a judge assistant of its division."""
    if not _is_staff_of_court(actor, case):
        return False
    user_id = getattr(actor, "pk", None)
    if user_id in {case.judge_id, case.clerk_id}:
        return True
    if any(m.user_id == user_id for m in case_selectors.case_panel(case=case)):
        return True
    if access.has_role(actor, Role.JUDGE_ASSISTANT, court_id=case.court_id):
        assistants = access.users_with_role(
            court_id=case.court_id, roles=[Role.JUDGE_ASSISTANT], division_id=case.division_id
        )
        return any(a.pk == user_id for a in assistants)
    return False


def head_division_ids(user: Any, court_id: int) -> set[int] | None:
    """The divisions ``user`` heads at the court (their grant's or their post's division); None when
    they hold no division-head role there."""
    grants = [g for g in access.active_grants(user) if g.role == Role.DIVISION_HEAD and g.court_id == court_id]
    if not grants:
        return None
    divisions = {g.division_id for g in grants if g.division_id}
    member = access.staff_member_of(user)
    if member is not None and getattr(member, "division_id", None):
        divisions.add(member.division_id)
    return divisions


def _heads_division(user: Any, case: Any) -> bool:
    divisions = head_division_ids(user, case.court_id)
    if divisions is None:
        return False
    return case.division_id is None or case.division_id in divisions


def _is_president(user: Any, case: Any) -> bool:
    return access.has_role(user, Role.PRESIDENT, court_id=case.court_id)


def may_issue(actor: Any, draft: Draft) -> bool:
    """签发 by the draft's approval level: the case's judge; a head of its division or the president; the president."""
    case = draft.case
    if not _is_staff_of_court(actor, case):
        return False
    level = draft.approval_level
    if level == ApprovalLevel.PRESIDING:
        return actor.pk == case.judge_id
    if level == ApprovalLevel.DIVISION_HEAD:
        return _heads_division(actor, case) or _is_president(actor, case)
    return _is_president(actor, case)


def _require_drafter(actor: Any, case: Any) -> None:
    if not may_draft(actor, case):
        raise PermissionDenied("仅本案承办法官、合议庭成员、法官助理或书记员可以起草文书", code="not_case_drafter")


def _require_issuer(actor: Any, draft: Draft) -> None:
    if not may_issue(actor, draft):
        raise PermissionDenied(
            f"本文书应由{draft.get_approval_level_display()}签发",
            code="not_issuer",
            details={"approval_level": draft.approval_level},
        )


def _visible_case(actor: Any, case: Any) -> Any:
    """The case through its gatekeeper; parties and lawyers never see drafts (404)."""
    if not access.is_staff_user(actor):
        raise NotFound("案件不存在或无权访问", code="case_not_found")
    return case_selectors.case_for_user(actor, case.pk)


# ---- Checks ------------------------------------------------------------------------------------


def _check_transition(draft: Draft, target: str) -> None:
    if draft.status == S.ISSUED:
        raise Conflict("文书已签发，不能再修改", code="document_issued")
    if target not in DRAFT_TRANSITIONS.get(draft.status, frozenset()):
        raise Conflict(
            f"文书当前状态为“{draft.get_status_display()}”，不能执行此操作",
            code="illegal_transition",
            details={"status": draft.status, "target": target},
        )


def _locked(draft: Draft) -> Draft:
    """The draft row locked for this transaction, with its case (loaded by the gatekeeper)."""
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    locked.case = draft.case
    return locked


def missing_sections(draft: Draft) -> list[str]:
    """The required sections of the draft's kind that are still empty."""
    return [key for key in kinds.spec_for(draft.kind).required if not str(draft.sections.get(key, "")).strip()]


def _check_complete(draft: Draft) -> None:
    missing = missing_sections(draft)
    spec = kinds.spec_for(draft.kind)
    if missing:
        labels = "、".join(spec.section(k).label for k in missing if spec.section(k))  # type: ignore[union-attr]
        raise ValidationFailed(
            f"以下部分尚未填写：{labels}",
            code="sections_missing",
            details={"missing": missing, "labels": [str(spec.section(k).label) for k in missing]},  # type: ignore[union-attr]
        )
    if draft.closes_case and draft.closing_method not in ClosingMethod.values:
        raise ValidationFailed(
            "签发后结案的文书须选择结案方式",
            code="closing_method_required",
            details={"field": "closing_method", "allowed": ClosingMethod.values},
        )
    if not draft.title.strip():
        raise ValidationFailed("请填写文书标题", code="title_required", details={"field": "title"})


def _clean_sections(kind: str, sections: Any) -> dict[str, str]:
    if not isinstance(sections, Mapping):
        raise ValidationFailed("文书内容格式不正确", code="invalid_sections", details={"field": "sections"})
    spec = kinds.spec_for(kind)
    unknown = sorted(str(k) for k in sections if k not in spec.keys)
    if unknown:
        raise ValidationFailed("文书内容包含本类文书没有的部分", code="unknown_section", details={"unknown": unknown})
    not_text = sorted(k for k, v in sections.items() if not isinstance(v, str))
    if not_text:
        raise ValidationFailed("文书内容须为文字", code="invalid_sections", details={"fields": not_text})
    too_long = sorted(k for k, v in sections.items() if len(v) > kinds.SECTION_MAX_CHARS)
    if too_long:
        raise ValidationFailed(
            f"每部分不能超过 {kinds.SECTION_MAX_CHARS} 字",
            code="section_too_long",
            details={"fields": too_long, "max": kinds.SECTION_MAX_CHARS},
        )
    return {k: v.replace("\r\n", "\n") for k, v in sections.items()}


def _text(value: Any, *, field: str, max_length: int, label: str) -> str:
    if not isinstance(value, str):
        raise ValidationFailed(f"{label}格式不正确", code="invalid_field", details={"field": field})
    value = value.strip()
    if len(value) > max_length:
        raise ValidationFailed(
            f"{label}不能超过 {max_length} 字", code="too_long", details={"field": field, "max": max_length}
        )
    return value


def _approval_level(kind: str, level: Any) -> str:
    if level not in ApprovalLevel.values:
        raise ValidationFailed(
            "签发层级不正确", code="invalid_approval_level", details={"allowed": ApprovalLevel.values}
        )
    default = kinds.spec_for(kind).approval_level
    if kinds.APPROVAL_RANK[ApprovalLevel(level)] < kinds.APPROVAL_RANK[default]:
        raise ValidationFailed(
            f"本类文书至少应由{default.label}签发",
            code="approval_level_too_low",
            details={"minimum": str(default)},
        )
    return str(level)


def _closing_method(value: Any) -> str:
    if value not in ("", *ClosingMethod.values):
        raise ValidationFailed(
            "结案方式不正确", code="invalid_closing_method", details={"allowed": ClosingMethod.values}
        )
    return str(value)


def _audit(actor: Any, action: str, draft: Draft, changes: Mapping[str, Any]) -> None:
    audit.record(
        actor=actor,
        action=f"judgments.{action}",
        obj=draft,
        court_code=draft.case.court.code,
        changes={"case": draft.case_id, "kind": draft.kind, **changes},
    )


# ---- Writes ------------------------------------------------------------------------------------


@transaction.atomic
def draft_create(*, actor: Any, case: Any, kind: str) -> Draft:
    """A new draft of ``kind`` for ``case``, every section the case knows filled in."""
    case = _visible_case(actor, case)
    if kind not in DocumentKind.values:
        raise ValidationFailed("未知的文书种类", code="invalid_kind", details={"allowed": DocumentKind.values})
    _require_drafter(actor, case)
    if case.status not in DRAFTABLE_CASE_STATUSES:
        raise Conflict(
            f"案件状态为“{case.get_status_display()}”，不能起草文书",
            code="case_not_draftable",
            details={"status": case.status},
        )
    spec = kinds.spec_for(kind)
    draft = Draft.objects.create(
        case=case,
        kind=kind,
        title=kinds.document_title(kind, case.category),
        approval_level=spec.approval_level,
        closes_case=spec.closes_case and case.status in CLOSABLE_CASE_STATUSES,
        closing_method=spec.closing_method,
        sections=prefill.prefill(case, kind),
        drafted_by=actor,
    )
    _audit(actor, "draft_create", draft, {"approval_level": draft.approval_level, "closes_case": draft.closes_case})
    return draft


@transaction.atomic
def draft_update(
    *,
    actor: Any,
    draft: Draft,
    revision: int,
    sections: Mapping[str, str] | None = None,
    title: str | None = None,
    closes_case: bool | None = None,
    closing_method: str | None = None,
    outcome: str | None = None,
    approval_level: str | None = None,
) -> Draft:
    """Save changes made from ``revision`` (the revision the editor loaded); only drafting/returned drafts."""
    _require_drafter(actor, draft.case)
    locked = _locked(draft)
    if locked.status == S.ISSUED:
        raise Conflict("文书已签发，不能再修改", code="document_issued")
    if locked.status not in EDITABLE:
        raise Conflict("文书已提交签发，退回后方可修改", code="draft_submitted", details={"status": locked.status})
    if not isinstance(revision, int) or isinstance(revision, bool) or revision != locked.revision:
        raise Conflict(
            "文书已被他人修改，请刷新后再编辑",
            code="stale_revision",
            details={"current_revision": locked.revision, "your_revision": revision},
        )
    changes: dict[str, Any] = {}
    if sections is not None:
        cleaned = _clean_sections(locked.kind, sections)
        changed = sorted(k for k, v in cleaned.items() if locked.sections.get(k, "") != v)
        locked.sections = {**locked.sections, **cleaned}
        changes["sections"] = changed
    if title is not None:
        locked.title = _text(title, field="title", max_length=TITLE_MAX, label="标题")
        if not locked.title:
            raise ValidationFailed("请填写文书标题", code="title_required", details={"field": "title"})
        changes["title"] = locked.title
    if closes_case is not None:
        if not isinstance(closes_case, bool):
            raise ValidationFailed("签发后结案须为是或否", code="invalid_field", details={"field": "closes_case"})
        locked.closes_case = closes_case
        changes["closes_case"] = closes_case
    if closing_method is not None:
        locked.closing_method = _closing_method(closing_method)
        changes["closing_method"] = locked.closing_method
    if outcome is not None:
        locked.outcome = _text(outcome, field="outcome", max_length=OUTCOME_MAX, label="结案情况")
        changes["outcome"] = locked.outcome
    if approval_level is not None:
        locked.approval_level = _approval_level(locked.kind, approval_level)
        changes["approval_level"] = locked.approval_level
    locked.revision += 1
    locked.save()
    _audit(actor, "draft_update", locked, {"revision": [revision, locked.revision], **changes})
    return locked


@transaction.atomic
def draft_submit(*, actor: Any, draft: Draft) -> Draft:
    """Send a complete draft to its issuer; every missing required section is listed at once (422)."""
    _require_drafter(actor, draft.case)
    locked = _locked(draft)
    _check_transition(locked, S.SUBMITTED)
    _check_complete(locked)
    locked.status, locked.submitted_at = S.SUBMITTED, clock.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    _audit(actor, "draft_submit", locked, {"status": [draft.status, S.SUBMITTED]})
    return locked


@transaction.atomic
def draft_return(*, actor: Any, draft: Draft, note: str) -> Draft:
    """The issuer sends a submitted draft back to its drafters with a note."""
    _require_issuer(actor, draft)
    locked = _locked(draft)
    _check_transition(locked, S.RETURNED)
    note = _text(note, field="note", max_length=NOTE_MAX, label="退回意见")
    if not note:
        raise ValidationFailed("请填写退回意见", code="note_required", details={"field": "note"})
    locked.status, locked.review_note = S.RETURNED, note
    locked.save(update_fields=["status", "review_note", "updated_at"])
    _audit(actor, "draft_return", locked, {"status": [S.SUBMITTED, S.RETURNED], "note": note})
    return locked


def draft_data(draft: Draft, *, day: Any = None) -> DocumentData:
    """The document a draft makes (for the preview, dated today; for issuing, dated the issuing day)."""
    case = draft.case
    return DocumentData(
        court=case.court.name,
        title=draft.title,
        case_number=case.number or "",
        kind=draft.kind,
        sections=dict(draft.sections),
        day=day or clock.today(),
    )


@dataclasses.dataclass(frozen=True)
class _Rendered:
    text: str
    pdf: bytes
    docx: bytes


def _render(draft: Draft, day: Any) -> _Rendered:
    data = draft_data(draft, day=day)
    return _Rendered(text=full_text(data), pdf=document_pdf(data), docx=document_docx(data))


def _file(actor: Any, draft: Draft, data: bytes, *, volume: str, extension: str, content_type: str) -> Any:
    name = f"{draft.title}-{draft.case.number or draft.case_id}.{extension}"
    return dossier_services.document_add(
        actor=actor,
        case=draft.case,
        volume=volume,
        category=Category.RULING,
        title=f"{draft.title}（{'Word' if extension == 'docx' else 'PDF'}）"[:200],
        uploaded_file=SimpleUploadedFile(name, data, content_type=content_type),
        source=Source.GENERATED,
    )


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@transaction.atomic
def draft_issue(*, actor: Any, draft: Draft) -> IssuedDocument:
    """签发: freeze, hash, render, file in the dossier, create the issued document, tell the effect service."""
    _require_issuer(actor, draft)
    locked = _locked(draft)
    _check_transition(locked, S.ISSUED)
    _check_complete(locked)
    case = locked.case = case_selectors.case_for_user(actor, locked.case_id)  # its status as of now
    if locked.closes_case and case.status not in CLOSABLE_CASE_STATUSES:
        raise Conflict(
            f"案件状态为“{case.get_status_display()}”，不能以本文书结案",
            code="case_not_closable",
            details={"status": case.status},
        )
    day = clock.today()
    rendered = _render(locked, day)
    pdf_document = _file(actor, locked, rendered.pdf, volume=Volume.MAIN, extension="pdf",
                         content_type="application/pdf")  # fmt: skip
    docx_document = _file(actor, locked, rendered.docx, volume=Volume.SECONDARY, extension="docx",
                          content_type=DOCX_TYPE)  # fmt: skip
    issued = IssuedDocument.objects.create(
        draft=locked,
        case=case,
        kind=locked.kind,
        title=locked.title,
        issued_on=day,
        text=rendered.text,
        text_sha256=sha256_text(rendered.text),
        pdf_document=pdf_document,
        docx_document=docx_document,
        pdf_sha256=sha256_bytes(rendered.pdf),
        docx_sha256=sha256_bytes(rendered.docx),
    )
    locked.status, locked.issued_by, locked.issued_at = S.ISSUED, actor, clock.now()
    locked.save(update_fields=["status", "issued_by", "issued_at", "updated_at"])
    _audit(actor, "draft_issue", locked, {
        "status": [S.SUBMITTED, S.ISSUED], "issued_document": issued.pk, "text_sha256": issued.text_sha256,
        "pdf_sha256": issued.pdf_sha256, "docx_sha256": issued.docx_sha256,
        "closes_case": locked.closes_case, "closing_method": locked.closing_method,
    })  # fmt: skip
    effect.document_issued(actor=actor, document=issued)
    return issued
