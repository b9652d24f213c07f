"""Reads of the publication pipeline: the public reading, the review queue, the search feed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q, QuerySet

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.core.errors import NotFound
from tianping.publicity.enums import ErrorCode, PublicationStatus
from tianping.publicity.models import Publication
from tianping.search.services import IndexInput

__all__ = [
    "REVIEWER_ROLES",
    "index_input_for",
    "is_reviewer",
    "latest_publications",
    "publication_for_public",
    "publication_for_reviewer",
    "published_for_index",
    "review_queue",
]

# Who reviews and publishes (裁判文书公开审核): the judge assistants, court clerks and division heads of
# the document's court (docs/publication.md).
REVIEWER_ROLES = (Role.JUDGE_ASSISTANT, Role.COURT_CLERK, Role.DIVISION_HEAD)

PUBLIC_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.EXCLUDED, PublicationStatus.WITHDRAWN)


def _with_case(queryset: QuerySet[Publication]) -> QuerySet[Publication]:
    return queryset.select_related("court", "case__cause", "case__case_type")


def index_input_for(publication: Publication) -> IndexInput:
    """What the search index stores for one published publication (the anonymized text only)."""
    case, court = publication.case, publication.court
    assert publication.published_at is not None
    return IndexInput(
        publication_id=publication.pk,
        title=publication.title,
        text=publication.anonymized_text,
        case_number=publication.case_number,
        court_id=court.pk,
        court_name=court.name,
        court_path=court.path,
        court_level=court.level,
        region_code=court.division_code,
        region_name=court.region_name,
        case_category=case.category,
        case_type_code=case.case_type_id,
        cause_id=case.cause_id,
        cause_name=case.cause.name if case.cause is not None else "",
        document_kind=publication.document_kind,
        procedure=case.procedure,
        judgment_date=publication.judgment_date,
        published_at=publication.published_at,
    )


def published_for_index(*, batch_size: int = 500) -> Iterator[IndexInput]:
    """Every published publication as the search index needs it (the rebuild command's feed)."""
    published = _with_case(Publication.objects.filter(status=PublicationStatus.PUBLISHED)).order_by("id")
    for publication in published.iterator(chunk_size=batch_size):
        yield index_input_for(publication)


def latest_publications(*, limit: int = 10) -> list[Publication]:
    """The newest published judgments, for the portal home."""
    published = Publication.objects.filter(status=PublicationStatus.PUBLISHED).select_related("court")
    return list(published.order_by("-published_at", "-id")[: max(0, min(limit, 100))])


def publication_for_public(*, publication_id: int) -> Publication:
    """What the public may open: published, excluded (metadata only) or withdrawn (a notice)."""
    publication = _with_case(Publication.objects.filter(pk=publication_id, status__in=PUBLIC_STATUSES)).first()
    if publication is None:
        raise NotFound("裁判文书不存在或未公开", code=ErrorCode.PUBLICATION_NOT_FOUND)
    return publication


def is_reviewer(user: Any, *, court_id: int | None = None) -> bool:
    return access.has_role(user, *REVIEWER_ROLES, court_id=court_id)


def _reviewable_court_ids(user: Any) -> list[int]:
    return [court_id for court_id in access.acting_court_ids(user) if is_reviewer(user, court_id=court_id)]


def review_queue(*, user: Any, status: str = "") -> QuerySet[Publication]:
    """The reviewer's courts' publications waiting for review (or returned), earliest deadline first."""
    statuses = [status] if status else [PublicationStatus.PENDING_REVIEW, PublicationStatus.RETURNED]
    return (
        Publication.objects.filter(court_id__in=_reviewable_court_ids(user), status__in=statuses)
        .select_related("court")
        .order_by("deadline", "id")
    )


def publication_for_reviewer(*, user: Any, publication_id: int) -> Publication:
    """Any publication of a court the user reviews for; otherwise 404."""
    publication = (
        _with_case(Publication.objects.filter(pk=publication_id))
        .select_related("document")
        .filter(Q(court_id__in=_reviewable_court_ids(user)))
        .first()
    )
    if publication is None:
        raise NotFound("裁判文书不存在或无权访问", code=ErrorCode.PUBLICATION_NOT_FOUND)
    return publication
