from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tianping.core.errors import PermissionDenied
from tianping.supervision import selectors, services
from tianping.supervision.forms import AssignmentFilterForm, AuditFilterForm

PAGE_SIZE = 50


def _change_rows(changes: Any) -> list[dict[str, Any]]:
    """For display: ``{field: [before, after]}`` as rows; any other shape shown as is."""
    if not changes:
        return []
    if not isinstance(changes, dict):
        return [{"field": "", "value": changes, "pair": False}]
    rows = []
    for field, value in changes.items():
        if isinstance(value, list | tuple) and len(value) == 2:
            rows.append({"field": field, "before": value[0], "after": value[1], "pair": True})
        else:
            rows.append({"field": field, "value": value, "pair": False})
    return rows


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not selectors.may_browse_audit_log(request.user):
        return render(request, "403.html", status=403)
    form = AuditFilterForm(request.GET or None)
    filters = selectors.AuditFilter(**form.cleaned_data) if form.is_valid() else selectors.AuditFilter()
    records = selectors.audit_record_list(user=request.user, filters=filters)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    for record in page:
        record.change_rows = _change_rows(record.changes)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "supervision/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode(), "actions": selectors.audit_action_names()},
    )


@login_required
@require_POST
def audit_verify(request: HttpRequest) -> HttpResponse:
    try:
        report = services.audit_chain_verify(actor=request.user)
    except PermissionDenied:
        return render(request, "403.html", status=403)
    if report.ok:
        messages.success(request, _("审计链完整：已校验 %(n)d 条记录，未发现篡改。") % {"n": report.checked})
    else:
        messages.error(request, _("审计链被破坏：%(problem)s") % {"problem": report.problem})
    return redirect("supervision:audit_log")


@login_required
def assignment_supervision(request: HttpRequest) -> HttpResponse:
    """Designations and reassignments for division heads, presidents and auditors."""
    if not selectors.may_supervise_assignments(request.user):
        return render(request, "403.html", status=403)
    form = AssignmentFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    assignments = selectors.assignment_supervision_list(
        user=request.user, method=data.get("method", ""), status=data.get("status", "")
    )
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "supervision/assignments.html", {"form": form, "page": page, "query": query.urlencode()})
