from __future__ import annotations

from ninja import Schema


class CourtOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    level: str
    level_label: str
    specialty: str
    parent_id: int | None
    division_code: str
    region_name: str
    address: str
    phone: str


class CourtNode(CourtOut):
    children: list[CourtNode]


class DivisionOut(Schema):
    id: int
    name: str
    kind: str
    staff_count: int


class CourtroomOut(Schema):
    id: int
    name: str
    seats: int
    supports_online: bool
    supports_streaming: bool


class CourtDetailOut(CourtOut):
    divisions: list[DivisionOut]
    courtrooms: list[CourtroomOut]
    internal_access: bool


class StaffOut(Schema):
    id: int
    name: str
    post: str
    post_label: str
    title: str
    division: str | None
