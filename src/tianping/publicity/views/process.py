"""Trial-process disclosure pages (审判流程公开): the query form and the case's process view."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tianping.core.errors import ApplicationError, NotFound
from tianping.core.middleware import client_ip
from tianping.core.pages import not_found_page
from tianping.publicity.selectors import process as selectors


@require_http_methods(["GET", "POST"])
def query(request: HttpRequest) -> HttpResponse:
    """The query form (query code + ID number) and the cases this session or account may open."""
    error, status = "", 200
    entered = {"query_code": "", "id_number_given": False}
    if request.method == "POST":
        entered["query_code"] = request.POST.get("query_code", "")[:32]
        try:
            summary = selectors.process_grant_identify(
                session=request.session, query_code=request.POST.get("query_code"),
                id_number=request.POST.get("id_number"), client_ip=client_ip(request),
            )  # fmt: skip
        except ApplicationError as exc:
            error, status = exc.message, exc.status
        else:
            return redirect("publicity:process_case", case_id=summary.case_id)
    context = {
        "cases": selectors.process_cases_for(session=request.session, user=request.user),
        "error": error,
        "entered": entered,
    }
    return render(request, "publicity/process/query.html", context, status=status)


@require_GET
def case(request: HttpRequest, case_id: int) -> HttpResponse:
    """One granted case's process view; any other case is the 404 page."""
    try:
        view = selectors.process_view_for(session=request.session, user=request.user, case_id=case_id)
    except NotFound:
        return not_found_page(request)
    return render(request, "publicity/process/case.html", {"view": view, "query_url": reverse("publicity:process")})


@require_POST
def end(request: HttpRequest) -> HttpResponse:
    """Forget the cases proved in this session (on a shared computer)."""
    selectors.process_grants_clear(session=request.session)
    return redirect("publicity:process")


urlpatterns: list[URLPattern] = [
    path("process/", query, name="process"),
    path("process/cases/<int:case_id>/", case, name="process_case"),
    path("process/end/", end, name="process_end"),
]
