"""Search index writes: the contract the publication pipeline calls.

The publicity context calls ``judgment_index_put`` when a judgment is published (or its
published text changes) and ``judgment_index_remove`` when it is withdrawn.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = ["IndexInput", "judgment_index_put", "judgment_index_remove"]


@dataclass(frozen=True)
class IndexInput:
    """One published (already anonymized) judgment, as the search index needs it."""

    publication_id: int
    title: str
    text: str
    case_number: str
    court_id: int
    court_name: str
    court_path: str
    court_level: str
    region_code: str
    region_name: str
    case_category: str
    case_type_code: str
    cause_id: int | None
    cause_name: str
    document_kind: str
    procedure: str
    judgment_date: datetime.date
    published_at: datetime.datetime


def judgment_index_put(*, entry: IndexInput) -> None:
    """Insert or replace the index entry of one publication."""
    from tianping.search.engine import index_put

    index_put(entry=entry)


def judgment_index_remove(*, publication_id: int) -> None:
    """Remove a publication from the index (withdrawn); no error when absent."""
    from tianping.search.engine import index_remove

    index_remove(publication_id=publication_id)
