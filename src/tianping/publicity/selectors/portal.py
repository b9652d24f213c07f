"""The public portal's home (司法公开): statistics and the latest publications, cached briefly
because the portal is read by many and the figures change slowly."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.core.cache import cache

from tianping.cases import selectors as case_selectors
from tianping.core import clock
from tianping.hearings import selectors as hearing_selectors
from tianping.publicity.enums import PublicationStatus
from tianping.publicity.models import Publication
from tianping.publicity.selectors import enforcement as enforcement_selectors
from tianping.publicity.selectors import publication as publication_selectors

__all__ = ["PortalStatistics", "portal_latest_publications", "portal_statistics"]

STATISTICS_SECONDS = 300


@dataclasses.dataclass(frozen=True)
class PortalStatistics:
    year: int
    filed: int
    closed: int
    upcoming_public_hearings: int
    published_judgments: int
    dishonest_listed: int = 0  # debtors on the dishonest list now
    restrictions_in_force: int = 0  # consumption-restriction orders in force
    no_assets_cases: int = 0  # 终本 cases not resumed


def portal_statistics() -> PortalStatistics:
    """Cases filed and closed this year at every court, upcoming public hearings, published judgments,
    and the enforcement disclosure's counts (dishonest debtors listed, restrictions in force, 终本 cases)."""
    year = clock.today().year
    key = f"publicity:portal:statistics:{year}"
    cached = cache.get(key)
    if isinstance(cached, PortalStatistics):
        return cached
    counts = case_selectors.case_year_counts(year=year)
    enforcement = enforcement_selectors.enforcement_statistics()
    statistics = PortalStatistics(
        year=year,
        filed=counts.filed,
        closed=counts.closed,
        upcoming_public_hearings=hearing_selectors.public_hearings().count(),
        published_judgments=Publication.objects.filter(status=PublicationStatus.PUBLISHED).count(),
        dishonest_listed=enforcement.dishonest_listed,
        restrictions_in_force=enforcement.restrictions_in_force,
        no_assets_cases=enforcement.no_assets_cases,
    )
    cache.set(key, statistics, STATISTICS_SECONDS)
    return statistics


def portal_latest_publications(*, limit: int = 8) -> list[Any]:
    """The newest published judgments (title, case number, court, date), from the publication pipeline."""
    latest = getattr(publication_selectors, "latest_publications", None)
    return list(latest(limit=limit)) if latest is not None else []
