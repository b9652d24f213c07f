"""Staff pages of credit discipline: the court list (/credit/) and the form posts of the case page's
credit section (list a debtor, remove a listing, issue and lift a restriction order)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.cases import selectors as case_selectors
from tianping.core.errors import ApplicationError, ValidationFailed
from tianping.core.pages import not_found_page, optional_int, run_page_action
from tianping.credit import selectors, services
from tianping.credit.enums import ErrorCode, ListingStatus, RestrictionStatus
from tianping.credit.models import DishonestListing

LIST_PAGE = 50
PERSON_ROWS = 3
KINDS = ("listings", "restrictions")


def _case_url(case_id: int) -> str:
    return reverse("cases:detail", args=[case_id]) + "#credit"


def _row(user: Any, record: Any) -> dict[str, Any]:
    if isinstance(record, DishonestListing):
        return selectors.listing_view(user=user, listing=record)
    return selectors.restriction_view(user=user, restriction=record)


@login_required
@require_GET
def court_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "listings")
    kind = kind if kind in KINDS else "listings"
    statuses = ListingStatus if kind == "listings" else RestrictionStatus
    status = request.GET.get("status", "")
    status = status if status in statuses.values else ""
    court_id = optional_int(request.GET.get("court"))
    records: QuerySet[Any]
    try:
        if kind == "listings":
            records = selectors.court_listings(user=request.user, court_id=court_id, status=status)
        else:
            records = selectors.court_restrictions(user=request.user, court_id=court_id, status=status)
    except ApplicationError:
        return not_found_page(request)
    page = Paginator(records.order_by("-id"), LIST_PAGE).get_page(request.GET.get("page"))
    shown: list[Any] = list(page.object_list)
    selectors.record_full_id_read(user=request.user, records=shown, purpose="credit_list")
    rows = [_row(request.user, record) for record in shown]
    query = urlencode({k: v for k, v in {"kind": kind, "status": status, "court": court_id or ""}.items() if v})
    context = {"page": page, "rows": rows, "kind": kind, "status": status, "statuses": statuses.choices, "query": query}
    return render(request, "credit/court_list.html", context)


def _flag(request: HttpRequest, name: str) -> bool:
    return request.POST.get(name, "") in ("on", "1", "true")


def _extension(request: HttpRequest) -> int:
    raw = request.POST.get("term_extension_years", "") or "0"
    if not raw.isdigit():
        raise ValidationFailed(_("延长年限应为0至3年"), code=ErrorCode.EXTENSION_OUT_OF_RANGE)
    return int(raw[:2])


def _list_debtor(request: HttpRequest, case: Any) -> Any:
    party = selectors.case_party(case=case, party_id=optional_int(request.POST.get("party_id")))
    post = request.POST
    return services.dishonest_list(
        actor=request.user, case=case, party=party, conducts=post.getlist("conducts"),
        obligation=post.get("obligation", ""), performance=post.get("performance", ""),
        source_document_number=post.get("source_document_number", ""), source_issuer=post.get("source_issuer", ""),
        decision_number=post.get("decision_number", ""), term_extension_years=_extension(request),
        security_given=_flag(request, "security_given"),
        seized_assets_cover_debt=_flag(request, "seized_assets_cover_debt"),
    )  # fmt: skip


def _persons(request: HttpRequest) -> list[dict[str, str]]:
    post = request.POST
    rows = [
        {"name": post.get(f"person_name_{i}", ""), "role": post.get(f"person_role_{i}", ""),
         "id_number": post.get(f"person_id_number_{i}", "")}
        for i in range(PERSON_ROWS)
    ]  # fmt: skip
    return [row for row in rows if row["name"].strip() or row["id_number"].strip()]


def _restrict(request: HttpRequest, case: Any) -> Any:
    party = selectors.case_party(case=case, party_id=optional_int(request.POST.get("party_id")))
    return services.consumption_restrict(
        actor=request.user, case=case, party=party, order_number=request.POST.get("order_number", ""),
        restricted_persons=_persons(request),
    )  # fmt: skip


def _on_case(request: HttpRequest, case_id: int, act: Any, success: str) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: case_selectors.case_for_user(request.user, case_id),
        act=act,
        success=success,
        then=lambda case: _case_url(case.pk),
    )


@login_required
@require_POST
def list_debtor(request: HttpRequest, case_id: int) -> HttpResponse:
    return _on_case(request, case_id, lambda case: _list_debtor(request, case), _("已纳入失信被执行人名单"))


@login_required
@require_POST
def restrict(request: HttpRequest, case_id: int) -> HttpResponse:
    return _on_case(request, case_id, lambda case: _restrict(request, case), _("已发布限制消费令"))


@login_required
@require_POST
def remove(request: HttpRequest, listing_id: int) -> HttpResponse:
    reason, note = request.POST.get("reason", ""), request.POST.get("note", "")
    return run_page_action(
        request,
        load=lambda: selectors.listing_for_staff(user=request.user, listing_id=listing_id),
        act=lambda listing: services.dishonest_remove(actor=request.user, listing=listing, reason=reason, note=note),
        success=_("已删除失信信息"),
        then=lambda listing: _case_url(listing.case_id),
    )


@login_required
@require_POST
def lift(request: HttpRequest, restriction_id: int) -> HttpResponse:
    reason, note = request.POST.get("reason", ""), request.POST.get("note", "")
    return run_page_action(
        request,
        load=lambda: selectors.restriction_for_staff(user=request.user, restriction_id=restriction_id),
        act=lambda r: services.consumption_lift(actor=request.user, restriction=r, reason=reason, note=note),
        success=_("已解除限制消费"),
        then=lambda restriction: _case_url(restriction.case_id),
    )


urlpatterns: list[URLPattern] = [
    path("", court_list, name="court_list"),
    path("cases/<int:case_id>/listings/", list_debtor, name="list_debtor"),
    path("cases/<int:case_id>/restrictions/", restrict, name="restrict"),
    path("listings/<int:listing_id>/remove/", remove, name="remove"),
    path("restrictions/<int:restriction_id>/lift/", lift, name="lift"),
]
