"""Effect and archive pages: the refresh and appeal actions of the case page's effect section, and the
archive page (checklist, seal button, manifest, verification). Views parse, load through the
gatekeepers (404 for what the user may not see), call one service and redirect."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core.errors import NotFound, ValidationFailed
from tianping.core.pages import not_found_page, optional_date, optional_int, run_page_action
from tianping.judgments import selectors, services
from tianping.judgments.models import IssuedDocument


def _effect_url(document: IssuedDocument) -> str:
    return reverse("cases:detail", args=[document.case_id]) + "#effect"


def _staff_document(user: Any, document_id: int) -> IssuedDocument:
    document = selectors.issued_document_for_user(user, document_id)
    if not access.is_staff_user(user):
        raise NotFound("文书不存在或无权访问", code="issued_document_not_found")
    return document


@login_required
@require_POST
def effect_refresh(request: HttpRequest, document_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: _staff_document(request.user, document_id),
        act=lambda document: services.effect_refresh(document=document, actor=request.user),
        success=lambda document: _("已按送达情况更新：%(status)s") % {"status": document.get_effect_status_display()},
        then=_effect_url,
    )


def _appeal(request: HttpRequest, document: IssuedDocument) -> Any:
    party_id = optional_int(request.POST.get("party_id"))
    filed_on = optional_date(request.POST.get("filed_on"))
    if party_id is None or filed_on is None:
        raise ValidationFailed(_("请选择上诉人并填写上诉日期"), code="appeal_input_required")
    return services.appeal_register(actor=request.user, document=document, party_id=party_id, filed_on=filed_on)


@login_required
@require_POST
def appeal_register(request: HttpRequest, document_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: _staff_document(request.user, document_id),
        act=lambda document: _appeal(request, document),
        success=lambda period: _("已登记上诉，二审案号：%(number)s") % {"number": period.appeal_case.number},
        then=_effect_url,
        failure=_("未能登记上诉：%(reason)s"),
    )


def _staff_case(user: Any, case_id: int) -> Any:
    case = case_selectors.case_for_user(user, case_id)
    if not access.is_staff_user(user):
        raise NotFound("案件不存在或无权访问", code="case_not_found")
    return case


@login_required
@require_GET
def archive_page(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = _staff_case(request.user, case_id)
    except NotFound:
        return not_found_page(request)
    view = selectors.archive_view(user=request.user, case=case)
    return render(request, "judgments/effect/archive.html", {"case": case, "view": view})


@login_required
@require_POST
def archive_seal(request: HttpRequest, case_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: _staff_case(request.user, case_id),
        act=lambda case: services.case_archive(actor=request.user, case=case),
        success=lambda archive: _("已归档，档案号 %(no)s") % {"no": archive.archive_no},
        then=lambda case: reverse("judgments:archive", args=[case.pk]),
        failure=_("未能归档：%(reason)s"),
    )


ARCHIVE_QUEUE_PAGE = 50


@login_required
@require_GET
def archive_queue(request: HttpRequest) -> HttpResponse:
    if not access.is_staff_user(request.user):
        return not_found_page(request)
    cases = selectors.cases_awaiting_archive(user=request.user)
    page = Paginator(cases, ARCHIVE_QUEUE_PAGE).get_page(request.GET.get("page"))
    return render(request, "judgments/effect/archive_queue.html", {"page": page, "query": ""})


urlpatterns: list[URLPattern] = [
    path("archive/", archive_queue, name="archive_queue"),
    path("issued-documents/<int:document_id>/refresh/", effect_refresh, name="effect_refresh"),
    path("issued-documents/<int:document_id>/appeals/", appeal_register, name="appeal_register"),
    path("cases/<int:case_id>/archive/", archive_page, name="archive"),
    path("cases/<int:case_id>/archive/seal/", archive_seal, name="archive_seal"),
]
