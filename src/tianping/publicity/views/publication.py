"""Pages of the publication pipeline: the public judgment page (no login) and the reviewers' queue,
review page (side-by-side anonymization with add/undo) and withdraw form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.core import ratelimit
from tianping.core.errors import NotFound, RateLimited
from tianping.core.middleware import client_ip
from tianping.core.pages import not_found_page, run_page_action
from tianping.publicity import selectors, services
from tianping.publicity.enums import PublicationStatus, ReplacementKind
from tianping.publicity.models import Publication

PUBLIC_RATE_DEFAULT = "60/m"
QUEUE_PAGE = 50


@require_GET
def judgment(request: HttpRequest, publication_id: int) -> HttpResponse:
    """The full (anonymized) document; metadata and reason when not published; a notice when withdrawn."""
    try:
        ratelimit.hit("public_judgments", client_ip(request), settings.RATE_LIMITS.get("public", PUBLIC_RATE_DEFAULT))
    except RateLimited as exc:
        return render(request, "publicity/judgment_limited.html", {"error": exc.message}, status=429)
    try:
        publication = selectors.publication_for_public(publication_id=publication_id)
    except NotFound:
        return not_found_page(request)
    return render(request, "publicity/judgment.html", {"publication": publication})


def _segments(text: str, replacements: list[dict[str, Any]], *, anonymized: bool) -> list[dict[str, Any]]:
    """The text cut into plain pieces and replacements (original or replacement side)."""
    pieces: list[dict[str, Any]] = []
    position = 0
    for r in replacements:
        pieces.append({"text": text[position : r["start"]]})
        pieces.append({"text": r["replacement"] if anonymized else r["original"], "mark": r})
        position = r["end"]
    pieces.append({"text": text[position:]})
    return pieces


def _kind_label(kind: str) -> str:
    return str(ReplacementKind(kind).label) if kind in ReplacementKind.values else kind


def _distinct_replacements(replacements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for r in replacements:
        entry = seen.setdefault(r["original"], {**r, "count": 0, "kind_label": _kind_label(r["kind"])})
        entry["count"] += 1
    return list(seen.values())


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in ("", *PublicationStatus.values):
        status = ""
    queue = selectors.review_queue(user=request.user, status=status)
    page = Paginator(queue, QUEUE_PAGE).get_page(request.GET.get("page"))
    return render(request, "publicity/publication/queue.html", {"page": page, "status": status})


@login_required
@require_GET
def review(request: HttpRequest, publication_id: int) -> HttpResponse:
    try:
        publication = selectors.publication_for_reviewer(user=request.user, publication_id=publication_id)
    except NotFound:
        return not_found_page(request)
    original = publication.document.text
    context = {
        "publication": publication,
        "original_segments": _segments(original, publication.replacements, anonymized=False),
        "anonymized_segments": _segments(original, publication.replacements, anonymized=True),
        "distinct": _distinct_replacements(publication.replacements),
        "editable": publication.status in services.EDITABLE,
    }
    return render(request, "publicity/publication/review.html", context)


def _action(request: HttpRequest, publication_id: int, act: Any, success: str) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.publication_for_reviewer(user=request.user, publication_id=publication_id),
        act=act,
        success=success,
        then=lambda p: reverse("publicity:review", args=[p.pk]),
    )


@login_required
@require_POST
def publish(request: HttpRequest, publication_id: int) -> HttpResponse:
    act = lambda p: services.publication_publish(actor=request.user, publication=p)  # noqa: E731
    return _action(request, publication_id, act, _("已公开"))


@login_required
@require_POST
def send_back(request: HttpRequest, publication_id: int) -> HttpResponse:
    note = request.POST.get("note", "")
    act = lambda p: services.publication_return(actor=request.user, publication=p, note=note)  # noqa: E731
    return _action(request, publication_id, act, _("已退回"))


@login_required
@require_POST
def resubmit(request: HttpRequest, publication_id: int) -> HttpResponse:
    act = lambda p: services.publication_resubmit(actor=request.user, publication=p)  # noqa: E731
    return _action(request, publication_id, act, _("已重新脱敏并放回待审核"))


@login_required
@require_POST
def withdraw(request: HttpRequest, publication_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    act = lambda p: services.publication_withdraw(actor=request.user, publication=p, reason=reason)  # noqa: E731
    return _action(request, publication_id, act, _("已撤回"))


@login_required
@require_POST
def add_replacement(request: HttpRequest, publication_id: int) -> HttpResponse:
    term = request.POST.get("term", "")
    act = lambda p: services.publication_add_replacement(actor=request.user, publication=p, term=term)  # noqa: E731
    return _action(request, publication_id, act, _("已添加替换"))


@login_required
@require_POST
def undo_replacement(request: HttpRequest, publication_id: int) -> HttpResponse:
    term = request.POST.get("term", "")
    act = lambda p: services.publication_undo_replacement(actor=request.user, publication=p, term=term)  # noqa: E731
    return _action(request, publication_id, act, _("已撤销替换"))


def publication_url(publication: Publication) -> str:
    return reverse("publicity:judgment", args=[publication.pk])


urlpatterns: list[URLPattern] = [
    path("judgments/<int:publication_id>/", judgment, name="judgment"),
    path("review/", review_queue, name="review_queue"),
    path("review/<int:publication_id>/", review, name="review"),
    path("review/<int:publication_id>/publish/", publish, name="publish"),
    path("review/<int:publication_id>/return/", send_back, name="return"),
    path("review/<int:publication_id>/resubmit/", resubmit, name="resubmit"),
    path("review/<int:publication_id>/withdraw/", withdraw, name="withdraw"),
    path("review/<int:publication_id>/replacements/", add_replacement, name="replacement_add"),
    path("review/<int:publication_id>/replacements/undo/", undo_replacement, name="replacement_undo"),
]
