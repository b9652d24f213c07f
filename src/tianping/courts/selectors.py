"""Reads of courts and their organisation. Court scope for a user is applied by the
gatekeepers in ``accounts.selectors``; these functions take already-allowed ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from tianping.core.errors import NotFound
from tianping.courts.models import Court, Courtroom, Division, StaffMember


def court_list(
    *, level: str | None = None, parent_id: int | None = None, specialty: str | None = None, query: str | None = None
) -> QuerySet[Court]:
    courts = Court.objects.select_related("parent")
    if level:
        courts = courts.filter(level=level)
    if parent_id is not None:
        courts = courts.filter(parent_id=parent_id)
    if specialty is not None:
        courts = courts.filter(specialty=specialty)
    if query:
        courts = courts.filter(Q(name__icontains=query) | Q(code__icontains=query) | Q(region_name__icontains=query))
    return courts


def court_get(*, court_id: int) -> Court:
    try:
        return Court.objects.select_related("parent").get(pk=court_id)
    except Court.DoesNotExist as exc:
        raise NotFound("法院不存在", code="court_not_found") from exc


def court_get_by_code(*, code: str) -> Court:
    try:
        return Court.objects.get(code=code)
    except Court.DoesNotExist as exc:
        raise NotFound("法院不存在", code="court_not_found") from exc


def court_subtree_ids(*, court_ids: Iterable[int]) -> frozenset[int]:
    """The given courts and every court below them."""
    paths = list(Court.objects.filter(pk__in=list(court_ids)).values_list("path", flat=True))
    if not paths:
        return frozenset()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return frozenset(Court.objects.filter(condition).values_list("pk", flat=True))


def court_ancestors(*, court: Court) -> list[Court]:
    """From the root down to the court's parent."""
    ids = [int(part) for part in court.path.strip("/").split("/")[:-1] if part]
    by_id = Court.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def court_tree(*, courts: Iterable[Court]) -> list[dict[str, Any]]:
    """Nest ``courts`` under their parents; a court whose parent is not listed becomes a root."""
    nodes: dict[int, dict[str, Any]] = {c.pk: {"court": c, "children": []} for c in courts}
    roots: list[dict[str, Any]] = []
    for node in nodes.values():
        parent = nodes.get(node["court"].parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


def court_counts(*, court_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Divisions, courtrooms and active staff per court, in three queries."""
    ids = list(court_ids)
    counts: dict[int, dict[str, int]] = {i: {"divisions": 0, "courtrooms": 0, "staff": 0} for i in ids}
    for key, model, extra in (
        ("divisions", Division, Q()),
        ("courtrooms", Courtroom, Q(active=True)),
        ("staff", StaffMember, Q(active=True)),
    ):
        for row in model.objects.filter(Q(court_id__in=ids) & extra).values("court_id").annotate(n=Count("id")):
            counts[row["court_id"]][key] = row["n"]
    return counts


def division_list(*, court: Court) -> QuerySet[Division]:
    # Only staff in post count (as in court_counts); Meta.ordering is dropped from GROUP BY queries.
    return (
        Division.objects.filter(court=court)
        .annotate(staff_count=Count("staff", filter=Q(staff__active=True)))
        .order_by("sort_order", "id")
    )


def courtroom_list(*, court: Court) -> QuerySet[Courtroom]:
    return Courtroom.objects.filter(court=court)


def staff_list(*, court: Court, division_id: int | None = None, post: str | None = None) -> QuerySet[StaffMember]:
    staff = StaffMember.objects.filter(court=court, active=True).select_related("division", "court")
    if division_id:
        staff = staff.filter(division_id=division_id)
    if post:
        staff = staff.filter(post=post)
    return staff


def staff_member_for_user(*, user_id: int) -> StaffMember | None:
    return StaffMember.objects.select_related("court", "division").filter(user_id=user_id).first()
