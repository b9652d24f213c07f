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


class DossierOut(Schema):
    case_id: int
    ocr_available: bool
    documents: list[DocumentOut]


class SearchQuery(Schema):
    q: str = Field(min_length=1, max_length=100)


class SearchHitOut(Schema):
    document: DocumentOut
    snippet: str
