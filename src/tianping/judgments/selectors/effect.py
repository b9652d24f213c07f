"""Reads of effectiveness and archiving: a document's periods, effective documents, a case's seal.

``effective_documents`` and ``case_effective_document`` serve other contexts (the publication
pipeline, enforcement filing): no access check there, the caller applies its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core.errors import NotFound
from tianping.delivery import selectors as delivery_selectors
from tianping.judgments.enums import EffectStatus
from tianping.judgments.models import AppealPeriod, Archive, IssuedDocument
from tianping.judgments.services import archiving, effect

__all__ = [
    "ArchiveView",
    "EffectView",
    "appealed_documents",
    "archive_view",
    "case_effect_views",
    "case_effective_document",
    "cases_awaiting_archive",
    "document_effect",
    "effective_documents",
    "effective_documents_for_user",
    "issued_document_for_user",
]


def _not_found() -> NotFound:
    return NotFound("文书不存在或无权访问", code="issued_document_not_found")


def issued_document_for_user(user: Any, document_id: int) -> IssuedDocument:
    """An issued document whose case ``user`` may read (staff of the court and above, the parties); else 404."""
    document = IssuedDocument.objects.filter(pk=document_id).only("id", "case_id").first()
    if document is None:
        raise _not_found()
    try:
        case = case_selectors.case_for_user(user, document.case_id)
    except NotFound:
        raise _not_found() from None
    loaded = IssuedDocument.objects.select_related("draft", "case__case_type").get(pk=document_id)
    loaded.case = case
    return loaded


@dataclasses.dataclass(frozen=True)
class PeriodView:
    party_id: int
    party_name: str
    role_label: str
    days: int
    served_on: dt.date | None
    ends_on: dt.date | None
    appealed_on: dt.date | None
    appeal_case_id: int | None
    appeal_case_number: str


@dataclasses.dataclass(frozen=True)
class ServedParty:
    name: str
    role_label: str
    served_on: dt.date | None


@dataclasses.dataclass(frozen=True)
class EffectView:
    document: IssuedDocument
    periods: list[PeriodView]
    served: list[ServedParty]  # every party of the case with the day the PDF reached them
    may_register_appeal: bool
    is_staff: bool


def _visible_number(case: Any, readable: frozenset[int] | None) -> str:
    """The appeal case's number for staff who may read its court; the parties (all carried over to the
    appeal case) always see it (``readable`` None)."""
    if case is None or (readable is not None and case.court_id not in readable):
        return ""
    return case.number or ""


def document_effect(*, user: Any, document: IssuedDocument) -> EffectView:
    """A document (loaded through ``issued_document_for_user``) with each party's period: names, roles
    and dates (no identity data); the appeal case number to those who may read that case."""
    rows = list(AppealPeriod.objects.filter(document=document).select_related("party", "appeal_case").order_by("id"))
    readable = access.readable_court_ids(user) if access.is_staff_user(user) else None
    views = [
        PeriodView(
            party_id=p.party_id, party_name=p.party.name, role_label=p.party.get_role_display(), days=p.days,
            served_on=p.served_on, ends_on=p.ends_on, appealed_on=p.appealed_on, appeal_case_id=p.appeal_case_id,
            appeal_case_number=_visible_number(p.appeal_case, readable),
        )
        for p in rows
    ]  # fmt: skip
    dates = delivery_selectors.service_dates(document_id=document.pdf_document_id)
    served = [ServedParty(p.name, p.get_role_display(), dates.get(p.pk)) for p in document.case.parties.all()]
    return EffectView(
        document=document,
        periods=views,
        served=served,
        may_register_appeal=effect.may_register_appeal(user, document),
        is_staff=access.is_staff_user(user),
    )


def case_effect_views(*, user: Any, case: Any) -> list[EffectView]:
    """Every issued document of ``case`` (loaded through the gatekeeper) with its periods, newest first."""
    documents = IssuedDocument.objects.filter(case_id=case.pk).select_related("draft").order_by("-issued_on", "-id")
    views = []
    for document in documents:
        document.case = case
        views.append(document_effect(user=user, document=document))
    return views


def effective_documents(
    *, court_ids: Iterable[int] | None = None, since: dt.date | None = None
) -> QuerySet[IssuedDocument]:
    """Documents that took effect (at ``court_ids``, on or after ``since``), oldest effect first."""
    documents = IssuedDocument.objects.filter(effect_status=EffectStatus.EFFECTIVE).select_related(
        "case__court", "pdf_document__current_version"
    )
    if court_ids is not None:
        documents = documents.filter(case__court_id__in=list(court_ids))
    if since is not None:
        documents = documents.filter(effective_on__gte=since)
    return documents.order_by("effective_on", "id")


def effective_documents_for_user(*, user: Any, since: dt.date | None = None) -> QuerySet[IssuedDocument]:
    """Staff: the effective documents of the courts they may read. Anyone else: none."""
    if not access.is_staff_user(user):
        return IssuedDocument.objects.none()
    return effective_documents(court_ids=access.readable_court_ids(user), since=since)


def appealed_documents(*, case_ids: Iterable[int]) -> QuerySet[IssuedDocument]:
    """The documents of ``case_ids`` that were appealed (they take effect with the appeal decision)."""
    return IssuedDocument.objects.filter(case_id__in=list(case_ids), effect_status=EffectStatus.APPEALED).order_by("id")


def case_effective_document(*, case: Any) -> IssuedDocument | None:
    """The effective document that decided ``case`` (the latest one closing it), if any."""
    return (
        IssuedDocument.objects.filter(case_id=case.pk, effect_status=EffectStatus.EFFECTIVE, draft__closes_case=True)
        .order_by("-effective_on", "-id")
        .first()
    )


@dataclasses.dataclass(frozen=True)
class ArchiveView:
    checklist: list[archiving.ChecklistItem]
    archive: Archive | None
    verify: archiving.VerifyResult | None
    may_archive: bool

    @property
    def ready(self) -> bool:
        return all(item.ok for item in self.checklist)


def archive_view(*, user: Any, case: Any) -> ArchiveView:
    """The archive page of a case loaded through the gatekeeper (staff only): checklist, seal, verification."""
    if not access.is_staff_user(user):
        raise NotFound("案件不存在或无权访问", code="case_not_found")
    archive = Archive.objects.filter(case_id=case.pk).select_related("sealed_by").first()
    return ArchiveView(
        checklist=[] if archive else archiving.archive_checklist(case=case),
        archive=archive,
        verify=archiving.archive_verify(case=case) if archive else None,
        may_archive=archive is None and archiving.may_archive(user, case),
    )


AWAITING_ARCHIVE = ("closed", "effective")


def cases_awaiting_archive(*, user: Any) -> QuerySet[Any]:
    """待归档: closed or effective cases of the courts where ``user`` acts (staff only), oldest closing
    first. Whether each one's checklist holds is shown on its archive page."""
    cases = case_selectors.case_list(user=user, filters=case_selectors.CaseFilter())
    if not access.is_staff_user(user):
        return cases.none()
    return cases.filter(status__in=AWAITING_ARCHIVE, court_id__in=access.acting_court_ids(user)).order_by(
        "closed_on", "id"
    )
