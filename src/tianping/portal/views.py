"""The party portal page: one overview of a litigant's or lawyer's business with the courts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tianping.core.errors import PermissionDenied
from tianping.portal import selectors


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    try:
        overview = selectors.portal_overview(user=request.user)
    except PermissionDenied as exc:
        return render(request, "403.html", {"message": exc.message}, status=403)
    return render(request, "portal/home.html", {"overview": overview})
