"""Dossier pages: the upload form on the case page, downloads for staff, and 网上阅卷 — the
request, grant, refuse and revoke forms of the case page's dossier section, the reading page
and its watermarked copies. Views parse, load through the gatekeepers (404 for what the user
may not see), call one service and redirect back with a message; the services hold every rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.cases import selectors as case_selectors
from tianping.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from tianping.core.pages import id_list, not_found_page, optional_date, run_page_action
from tianping.dossier import api, selectors, services
from tianping.dossier.enums import ReadingErrorCode, ReadingPurpose


@login_required
@require_POST
def upload(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case: Any) -> Any:
        uploaded = request.FILES.get("file")
        if uploaded is None:
            raise ValidationFailed(_("请选择要上传的文件"), code="file_required")
        return services.document_add(
            actor=request.user,
            case=case,
            volume=request.POST.get("volume", ""),
            category=request.POST.get("category", ""),
            title=request.POST.get("title", ""),
            uploaded_file=uploaded,
        )

    return run_page_action(
        request,
        load=lambda: case_selectors.case_for_user(request.user, case_id),
        act=act,
        success=lambda document: _("已上传“%(title)s”。") % {"title": document.title},
        then=lambda case: reverse("cases:detail", args=[case.pk]) + "#dossier",
        failure=_("上传失败：%(reason)s"),
    )


def _forbidden(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    """A page saying why a document is not handed out (403, 409, 429); without a reading grant
    it leads to the request form."""
    context = {"error": exc, "grant_required": exc.code == ReadingErrorCode.GRANT_REQUIRED}
    return render(request, "dossier/forbidden.html", context, status=exc.status)


@login_required
@require_GET
def download(request: HttpRequest, version_id: int) -> HttpResponseBase:
    try:
        version = selectors.version_file_for_user(request.user, version_id)
    except NotFound:
        return not_found_page(request)
    except PermissionDenied as exc:
        return _forbidden(request, exc)
    return api.file_response(version)


def _reading_url(case_id: int) -> str:
    return reverse("cases:detail", args=[case_id]) + "#reading"


def _datetime(value: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(_("时间格式不正确"), code="invalid_datetime") from None


@login_required
@require_POST
def reading_request(request: HttpRequest, case_id: int) -> HttpResponse:
    post = request.POST
    return run_page_action(
        request,
        load=lambda: case_selectors.case_for_user(request.user, case_id),
        act=lambda case: services.reading_request_create(
            actor=request.user,
            case=case,
            purpose=post.get("purpose", ""),
            document_ids=id_list(post.getlist("documents")) if post.get("scope", "all") == "selected" else [],
            preferred_from=optional_date(post.get("preferred_from", "")),
            preferred_to=optional_date(post.get("preferred_to", "")),
        ),
        success=_("阅卷申请已提交，请等待承办法官审批。"),
        then=lambda case: _reading_url(case.pk),
        failure=_("申请未提交：%(reason)s"),
    )


def _decide(
    request: HttpRequest, request_id: int, decide: Callable[[Any], Any], success: str, failure: str
) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.reading_request_for_user(request.user, request_id),
        act=decide,
        success=success,
        then=lambda reading_request: _reading_url(reading_request.case_id),
        failure=failure,
    )


@login_required
@require_POST
def reading_grant(request: HttpRequest, request_id: int) -> HttpResponse:
    post = request.POST
    return _decide(
        request,
        request_id,
        lambda r: services.reading_request_grant(
            actor=request.user,
            reading_request=r,
            expires_at=_datetime(post.get("expires_at", "")),
            all_main_volume=post.get("scope", "all") == "all",
            document_ids=id_list(post.getlist("documents")),
            may_download=post.get("may_download") == "on",
        ),
        _("已准许阅卷。"),
        _("准许未成功：%(reason)s"),
    )


@login_required
@require_POST
def reading_refuse(request: HttpRequest, request_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _decide(
        request,
        request_id,
        lambda r: services.reading_request_refuse(actor=request.user, reading_request=r, reason=reason),
        _("已决定不予准许。"),
        _("操作未成功：%(reason)s"),
    )


@login_required
@require_POST
def reading_revoke(request: HttpRequest, request_id: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _decide(
        request,
        request_id,
        lambda r: services.reading_request_revoke(actor=request.user, reading_request=r, reason=reason),
        _("已撤销阅卷许可。"),
        _("撤销未成功：%(reason)s"),
    )


@login_required
@require_GET
def read(request: HttpRequest, document_id: int) -> HttpResponse:
    """The reading page: the watermarked copy in a frame, and the download link when allowed."""
    try:
        page = selectors.reading_page(request.user, document_id)
    except NotFound:
        return not_found_page(request)
    except PermissionDenied as exc:
        return _forbidden(request, exc)
    return render(request, "dossier/read.html", {"page": page, "case": page.document.case})


def _copy(request: HttpRequest, document_id: int, purpose: str) -> HttpResponse:
    try:
        copy = services.document_read(actor=request.user, document_id=document_id, purpose=purpose)
    except NotFound:
        return not_found_page(request)
    except ApplicationError as exc:
        return _forbidden(request, exc)
    return api.copy_response(copy, inline=purpose == ReadingPurpose.VIEW)


@login_required
@require_GET
def view_copy(request: HttpRequest, document_id: int) -> HttpResponse:
    return _copy(request, document_id, ReadingPurpose.VIEW)


@login_required
@require_GET
def download_copy(request: HttpRequest, document_id: int) -> HttpResponse:
    return _copy(request, document_id, ReadingPurpose.DOWNLOAD)
