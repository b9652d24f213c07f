from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from tianping.accounts import selectors as access
from tianping.core.errors import NotFound
from tianping.core.pages import not_found_page
from tianping.courts import selectors
from tianping.courts.enums import CourtLevel, CourtSpecialty


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """The court tree with filters; an htmx request gets only the results."""
    level = request.GET.get("level") or None
    query = (request.GET.get("q") or "").strip()[:40] or None
    if level not in CourtLevel.values:
        level = None
    courts = list(selectors.court_list(level=level, query=query))
    counts = selectors.court_counts(court_ids=[c.pk for c in courts])
    readable = access.readable_court_ids(request.user)
    for court in courts:  # for display: templates cannot index a dict by a variable
        court.stats = counts.get(court.pk)  # type: ignore[attr-defined]
        court.is_readable = court.pk in readable  # type: ignore[attr-defined]
    context = {
        "tree": selectors.court_tree(courts=courts),
        "counts": counts,
        "readable": readable,
        "levels": CourtLevel.choices,
        "specialties": dict(CourtSpecialty.choices),
        "level": level or "",
        "q": query or "",
        "total": len(courts),
    }
    partial = request.htmx and not request.htmx.history_restore_request  # type: ignore[attr-defined]
    response = render(request, "courts/_tree.html" if partial else "courts/directory.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def detail(request: HttpRequest, court_id: int) -> HttpResponse:
    """A court's organisation. Staff names only for users whose scope includes the court."""
    try:
        court = selectors.court_get(court_id=court_id)
    except NotFound:
        return not_found_page(request)
    internal = court.pk in access.readable_court_ids(request.user)
    context = {
        "court": court,
        "ancestors": selectors.court_ancestors(court=court),
        "children": selectors.court_list(parent_id=court.pk),
        "divisions": selectors.division_list(court=court),
        "courtrooms": selectors.courtroom_list(court=court),
        "staff": selectors.staff_list(court=court) if internal else None,
        "internal": internal,
        "specialties": dict(CourtSpecialty.choices),
    }
    return render(request, "courts/detail.html", context)
