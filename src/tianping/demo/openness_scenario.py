"""The openness scenario of the demo (司法公开演示): the judgments the trial scenario made effective go
through the publication pipeline — taken in, anonymized — and ``chaoyang_head`` publishes those of
京0105, so the portal home (/open/), the judgment search and the public judgment pages show them.

Through the publicity services only. Idempotent: the intake takes a document once, so a second run
publishes nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from tianping.publicity import selectors as publicity_selectors
from tianping.publicity import services as publicity_services
from tianping.publicity.enums import PublicationStatus

REVIEWER = "chaoyang_head"


@transaction.atomic
def publish_effective_judgments() -> int:
    """Take in every effective document and publish what its court's demo reviewer may; the count published."""
    reviewer = get_user_model().objects.filter(username=REVIEWER).first()
    published = 0
    for publication in publicity_services.publication_intake():
        awaiting = publication.status == PublicationStatus.PENDING_REVIEW
        if (
            awaiting
            and reviewer is not None
            and publicity_selectors.is_reviewer(reviewer, court_id=publication.court_id)
        ):
            publicity_services.publication_publish(actor=reviewer, publication=publication)
            published += 1
    return published
