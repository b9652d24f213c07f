from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from tianping.accounts import selectors as access
from tianping.courts import selectors
from tianping.courts.enums import CourtLevel
from tianping.courts.models import Court
from tianping.courts.schemas import CourtDetailOut, CourtNode, CourtOut, StaffOut

router = Router(tags=["courts"])


class CourtFilters(Schema):
    level: Literal["supreme", "high", "intermediate", "basic"] | None = None
    parent: int | None = None
    specialty: Literal["", "railway", "maritime", "ip", "financial", "internet"] | None = None
    q: str | None = None
    tree: bool = False


def court_out(court: Court) -> dict[str, Any]:
    return {
        "id": court.pk,
        "code": court.code,
        "name": court.name,
        "short_name": court.short_name,
        "level": court.level,
        "level_label": str(CourtLevel(court.level).label),
        "specialty": court.specialty,
        "parent_id": court.parent_id,
        "division_code": court.division_code,
        "region_name": court.region_name,
        "address": court.address,
        "phone": court.phone,
    }


def _node(node: dict[str, Any]) -> dict[str, Any]:
    return {**court_out(node["court"]), "children": [_node(child) for child in node["children"]]}


@router.get("", response=list[CourtNode] | list[CourtOut])
def list_courts(request: HttpRequest, filters: Query[CourtFilters]) -> list[dict[str, Any]]:
    """The court directory: filter by level, parent, specialty or text; ``tree=true`` nests it."""
    courts = list(
        selectors.court_list(
            level=filters.level, parent_id=filters.parent, specialty=filters.specialty, query=filters.q
        )
    )
    if filters.tree:
        return [_node(node) for node in selectors.court_tree(courts=courts)]
    return [court_out(court) for court in courts]


@router.get("/{int:court_id}", response=CourtDetailOut)
def court_detail(request: HttpRequest, court_id: int) -> dict[str, Any]:
    """A court's public profile with its divisions and courtrooms."""
    court = selectors.court_get(court_id=court_id)
    return {
        **court_out(court),
        "divisions": [
            {"id": d.pk, "name": d.name, "kind": d.kind, "staff_count": getattr(d, "staff_count", 0)}
            for d in selectors.division_list(court=court)
        ],
        "courtrooms": list(
            selectors.courtroom_list(court=court).values("id", "name", "seats", "supports_online", "supports_streaming")
        ),
        "internal_access": court.pk in access.readable_court_ids(request.user),
    }


@router.get("/{int:court_id}/staff", response=list[StaffOut])
def court_staff(
    request: HttpRequest, court_id: int, division: int | None = None, post: str | None = None
) -> list[dict[str, Any]]:
    """Staff of a court: only for staff of that court or a court above it (otherwise 404)."""
    court = access.court_for_user(request.user, court_id)
    return [
        {
            "id": m.pk,
            "name": m.name,
            "post": m.post,
            "post_label": str(m.get_post_display()),
            "title": m.title,
            "division": m.division.name if m.division else None,
        }
        for m in selectors.staff_list(court=court, division_id=division, post=post)
    ]
