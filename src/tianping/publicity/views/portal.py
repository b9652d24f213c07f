"""The public portal's home (司法公开): no login, statistics, latest publications and the entries."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.views.decorators.http import require_GET

from tianping.publicity.selectors import portal as selectors

# The portal's entries whose pages belong to other parts of the platform; an entry is shown only
# when its page is mounted (the judgment search comes with the search context).
SEARCH_URL_NAMES = ("search:home", "search:search", "search:index")


def _first_url(names: tuple[str, ...]) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _publication_url(publication_id: int) -> str:
    try:
        return reverse("publicity:judgment", args=[publication_id])
    except NoReverseMatch:
        return ""


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    publications = [
        {"title": p.title, "case_number": p.case_number, "court_name": p.court.name,
         "judgment_date": p.judgment_date, "url": _publication_url(p.pk)}
        for p in selectors.portal_latest_publications()
    ]  # fmt: skip
    context = {
        "statistics": selectors.portal_statistics(),
        "publications": publications,
        "search_url": _first_url(SEARCH_URL_NAMES),
    }
    return render(request, "publicity/home.html", context)


urlpatterns: list[URLPattern] = [path("", home, name="home")]
