"""Enforcement disclosure pages (执行信息公开): one query page with four kinds (被执行人, 失信被执行人,
限制消费人员, 终本案件) by exact name, ID number or credit code, and a dishonest debtor's detail page.
No login. Queries by name are GET addresses (shareable, paginated); a query by ID number or credit code
is posted and answered directly (first 50 rows), so the full number never appears in an address, in
the browser history, in a link or in the page — only masked. Bad input and exhausted quotas are
answered on the page (422 / 429)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from tianping.core.errors import ApplicationError, NotFound
from tianping.core.middleware import client_ip
from tianping.core.pages import not_found_page
from tianping.core.validators import mask_credit_code, mask_id_number
from tianping.publicity.selectors import enforcement as selectors

KINDS = {
    "debtors": (_("被执行人"), _("正在执行中的案件的被执行人：案号、执行法院、立案日期、执行标的。")),
    "dishonest": (_("失信被执行人"), _("依法纳入失信被执行人名单且尚未删除的被执行人及其失信情形。")),
    "restricted": (_("限制消费人员"), _("被发布限制消费令且尚未解除的被执行人。")),
    "terminated": (_("终本案件"), _("因未发现可供执行的财产而终结本次执行程序、尚未恢复执行的案件。")),
}
MAX_INPUT = 100


def _kind(raw: str) -> str:
    return raw if raw in KINDS else "debtors"


def _search(request: HttpRequest, kind: str, **criteria: Any) -> tuple[Any, str, int]:
    try:
        parsed = selectors.enforcement_query_parse(**criteria)
        return selectors.enforcement_search(kind=kind, query=parsed, client_ip=client_ip(request)), "", 200
    except ApplicationError as exc:
        return None, exc.message, exc.status


@require_http_methods(["GET", "POST"])
def query(request: HttpRequest) -> HttpResponse:
    """GET: the form, and a query by name (``?kind=…&name=…&page=…``, shareable). POST: the form; a
    query by name is redirected to its GET address, a query by ID number or credit code is answered
    directly, so the full number is never in an address, a link or the page (shown masked only)."""
    data = request.POST if request.method == "POST" else request.GET
    kind = _kind(data.get("kind", ""))
    name, number = (
        data.get("name", "")[:MAX_INPUT],
        data.get("number", "")[:MAX_INPUT] if request.method == "POST" else "",
    )
    if request.method == "POST" and not number.strip() and name.strip():
        return redirect(f"{reverse('publicity:enforcement')}?{urlencode({'kind': kind, 'name': name})}")
    results, error, status, searched_number = None, "", 200, ""
    if number.strip():
        results, error, status = _search(request, kind, name=name, number=number, page_size=selectors.MAX_PAGE_SIZE)
        searched_number = _masked(number) if results is not None else ""
    elif name.strip() or request.method == "POST":
        results, error, status = _search(request, kind, name=name, page=request.GET.get("page"))
    base = {"kind": kind, "name": name}
    context: dict[str, Any] = {
        "kind": kind,
        "kinds": [{"value": k, "label": label, "url": "?" + urlencode({**base, "kind": k} if name else {"kind": k})}
                  for k, (label, _desc) in KINDS.items()],
        "kind_label": KINDS[kind][0],
        "kind_description": KINDS[kind][1],
        "name": name,
        "searched_number": searched_number,
        "results": results,
        "error": error,
        "quota_exceeded": status == 429,
    }  # fmt: skip
    if results is not None and not searched_number:
        context["prev_query"] = urlencode({**base, "page": results.page - 1}) if results.has_previous else ""
        context["next_query"] = urlencode({**base, "page": results.page + 1}) if results.has_next else ""
    return render(request, "publicity/enforcement/query.html", context, status=status)


def _masked(number: str) -> str:
    text = "".join(number.split()).upper()
    return mask_credit_code(text) if not text[:17].isdigit() else mask_id_number(text)


@require_GET
def dishonest_detail(request: HttpRequest, dishonest_listing_id: int) -> HttpResponse:
    """Every published field of one listed dishonest debtor; removed or unknown → the 404 page."""
    try:
        listing = selectors.enforcement_dishonest_detail(listing_id=dishonest_listing_id, client_ip=client_ip(request))
    except NotFound:
        return not_found_page(request)
    except ApplicationError as exc:
        refused = {"error": exc.message, "query_url": reverse("publicity:enforcement")}
        return render(request, "publicity/enforcement/dishonest.html", refused, status=exc.status)
    context = {"listing": listing, "query_url": reverse("publicity:enforcement")}
    return render(request, "publicity/enforcement/dishonest.html", context)


urlpatterns: list[URLPattern] = [
    path("enforcement/", query, name="enforcement"),
    path("enforcement/dishonest/<int:dishonest_listing_id>/", dishonest_detail, name="enforcement_dishonest"),
]
