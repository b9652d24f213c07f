"""Request and response shapes of the dossier API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from tianping.dossier.enums import Category, Volume


class ErrorOut(Schema):
    code: str
    message: str
    details: dict[str, object]


class DocumentIn(Schema):
    volume: Volume = Volume.MAIN
    category: Category = Category.OTHER
    title: str = Field(max_length=200)


class VersionOut(Schema):
    id: int
    number: int
    sha256: str
    content_type: str
    size: int
    pages: int
    ocr_applied: bool
    original_name: str
    uploaded_by: str
    created_at: dt.datetime
    download_url: str


class DocumentOut(Schema):
    id: int
    case_id: int
    volume: str
    volume_label: str
    category: str
    category_label: str
    title: str
    source: str
    source_label: str
    uploaded_by: str
    created_at: dt.datetime
    current_version: VersionOut | None
    read_url: str | None = None
    watermarked_download_url: str | None = None


class DossierOut(Schema):
    case_id: int
    ocr_available: bool
    documents: list[DocumentOut]


class SearchQuery(Schema):
    q: str = Field(min_length=1, max_length=100)


class SearchHitOut(Schema):
    document: DocumentOut
    snippet: str


class ReadingRequestIn(Schema):
    """An empty ``document_ids`` asks for the whole 正卷."""

    purpose: str
    document_ids: list[int] = Field(default_factory=list, max_length=500)
    preferred_from: dt.date | None = None
    preferred_to: dt.date | None = None


class ReadingGrantIn(Schema):
    """Either ``all_main_volume`` or a non-empty ``document_ids`` (正卷 documents only)."""

    expires_at: dt.datetime
    all_main_volume: bool = False
    document_ids: list[int] = Field(default_factory=list, max_length=500)
    may_download: bool = False


class ReasonIn(Schema):
    reason: str = ""


class ReadingRequestOut(Schema):
    id: int
    case_id: int
    case_number: str
    requester: str
    status: str
    status_label: str
    state: str
    whole_main_volume: bool
    requested_document_ids: list[int]
    purpose: str
    preferred_from: dt.date | None
    preferred_to: dt.date | None
    decided_by: str | None
    decided_at: dt.datetime | None
    refusal_reason: str
    all_main_volume: bool
    granted_document_ids: list[int]
    expires_at: dt.datetime | None
    may_download: bool
    revoked_at: dt.datetime | None
    revoke_reason: str
    created_at: dt.datetime
