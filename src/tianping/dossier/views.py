"""Dossier pages: the upload form on the case page and downloads for signed-in users.
Views parse, load through the gatekeepers (404 for what the user may not see), call one
service and redirect back with a message; the services hold every rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.cases import selectors as case_selectors
from tianping.core.errors import ApplicationError, NotFound
from tianping.dossier import api, selectors, services


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "404.html", status=404)


@login_required
@require_POST
def upload(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = case_selectors.case_for_user(request.user, case_id)
    except NotFound:
        return _not_found(request)
    uploaded = request.FILES.get("file")
    try:
        if uploaded is None:
            raise ApplicationError(_("请选择要上传的文件"), code="file_required")
        document = services.document_add(
            actor=request.user,
            case=case,
            volume=request.POST.get("volume", ""),
            category=request.POST.get("category", ""),
            title=request.POST.get("title", ""),
            uploaded_file=uploaded,
        )
    except ApplicationError as exc:
        messages.error(request, _("上传失败：%(reason)s") % {"reason": exc.message})
    else:
        messages.success(request, _("已上传“%(title)s”。") % {"title": document.title})
    return redirect(reverse("cases:detail", args=[case.pk]) + "#dossier")


@login_required
@require_GET
def download(request: HttpRequest, version_id: int) -> HttpResponseBase:
    try:
        version = selectors.version_file_for_user(request.user, version_id)
    except NotFound:
        return _not_found(request)
    return api.file_response(version)
