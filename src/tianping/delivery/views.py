"""Electronic-service pages: the recipient's inbox (我的送达), the 送达 page of a case (staff serve
and record outcomes; parties confirm or withdraw their electronic address) and the court
clerk's paper-service tasks (送达任务). Views parse, load through the gatekeepers (404 for
what the user may not see), call one service and redirect; the services hold every rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.accounts import selectors as access
from tianping.cases import selectors as case_selectors
from tianping.core.errors import ApplicationError, NotFound, ValidationFailed
from tianping.core.pages import id_list, not_found_page, optional_date, optional_int, run_page_action
from tianping.delivery import responses, selectors, services
from tianping.delivery.enums import ServiceStatus

TASKS_SHOWN = 300


def _case_url(case_id: int, anchor: str = "") -> str:
    return reverse("delivery:case", args=[case_id]) + (f"#{anchor}" if anchor else "")


def _case_page(case_id: int, anchor: str = "") -> HttpResponse:
    return redirect(_case_url(case_id, anchor))


# ---- The recipient's inbox --------------------------------------------------------------------


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    items = list(selectors.inbox_for_user(request.user)[:200])
    return render(
        request,
        "delivery/inbox.html",
        {"items": items, "unopened": sum(1 for s in items if s.first_opened_at is None)},
    )


@login_required
@require_GET
def inbox_item(request: HttpRequest, service_id: int) -> HttpResponse:
    try:
        service = selectors.inbox_service_for_user(request.user, service_id)
    except NotFound:
        return not_found_page(request)
    paper = list(service.paper_requests.order_by("-created_at"))
    return render(request, "delivery/inbox_item.html", {"service": service, "paper_requests": paper})


@login_required
@require_GET
def inbox_file(request: HttpRequest, service_id: int) -> HttpResponse:
    return _file_or_reason(
        request,
        lambda: responses.open_served_file(request.user, selectors.inbox_service_for_user(request.user, service_id)),
        back=reverse("delivery:inbox_item", args=[service_id]),
    )


def _file_or_reason(request: HttpRequest, respond: Callable[[], HttpResponse], back: str) -> HttpResponse:
    """A file handed out, the 404 page, or — when the stored file no longer matches its SHA-256 —
    back to the page it was asked from with the reason."""
    try:
        return respond()
    except NotFound:
        return not_found_page(request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(back)


@login_required
@require_POST
def paper_request(request: HttpRequest, service_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.inbox_service_for_user(request.user, service_id),
        act=lambda service: services.paper_request(
            actor=request.user, service=service, note=request.POST.get("note", "")
        ),
        success=_("已申请纸质送达，法院将另行邮寄或直接送达纸质文书。"),
        then=lambda service: reverse("delivery:inbox_item", args=[service.pk]),
    )


# ---- The 送达 page of a case -------------------------------------------------------------------


@login_required
@require_GET
def case_page(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = case_selectors.case_for_user(request.user, case_id)
    except NotFound:
        return not_found_page(request)
    view = selectors.case_delivery_view(user=request.user, case=case)
    context: dict[str, Any] = {
        "case": case,
        "view": view,
        "staff": access.is_staff_user(request.user),
        "status": ServiceStatus,
        "inbox_choices": [
            (f"{s.party.pk}:{a.pk}", f"{s.party.name} · {a.display_name}（{a.username}）")
            for s in view.parties
            for a in s.linked_accounts
        ],
        "my_parties": [s for s in view.parties if s.mine and s.consent is None],
        "may_serve_any": view.may_serve,
        "paper_methods": view.paper_methods,
    }
    return render(request, "delivery/case.html", context)


@login_required
@require_POST
def serve(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = case_selectors.case_for_user(request.user, case_id)
    except NotFound:
        return not_found_page(request)
    try:
        created = services.document_serve(
            actor=request.user,
            case=case,
            document_ids=id_list(request.POST.getlist("document")),
            party_ids=id_list(request.POST.getlist("party")),
            paper_method=request.POST.get("paper_method", "post"),
        )
    except ApplicationError as exc:
        messages.error(request, _("送达失败：%(reason)s") % {"reason": exc.message})
        return _case_page(case.pk, "serve")
    electronic = sum(1 for s in created if s.is_electronic)
    messages.success(
        request,
        _("已电子送达 %(e)d 份，生成纸质送达任务 %(p)d 项。") % {"e": electronic, "p": len(created) - electronic},
    )
    return _case_page(case.pk, "services")


@login_required
@require_POST
def consent(request: HttpRequest, case_id: int) -> HttpResponse:
    """Online consent by a party or agent (their own account is the inbox)."""
    return run_page_action(
        request,
        load=lambda: case_selectors.case_for_user(request.user, case_id),
        act=lambda case: services.consent_record(
            actor=request.user,
            case=case,
            party_id=optional_int(request.POST.get("party")) or 0,
            alert_mobile=request.POST.get("alert_mobile", ""),
            alert_email=request.POST.get("alert_email", ""),
        ),
        success=_("已确认电子送达地址。此后本案文书将送达您的“我的送达”。"),
        then=lambda case: _case_url(case.pk, "consent"),
        failure=_("确认失败：%(reason)s"),
    )


@login_required
@require_POST
def consent_paper(request: HttpRequest, case_id: int) -> HttpResponse:
    """Court staff record a signed paper consent form."""
    party_id, _sep, account_id = request.POST.get("inbox", "").partition(":")

    def act(case: Any) -> Any:
        consented_on = optional_date(request.POST.get("consented_on"))
        if consented_on is None:
            raise ValidationFailed(_("请填写确认日期"), code="date_required")
        return services.consent_record_from_form(
            actor=request.user,
            case=case,
            party_id=optional_int(party_id) or 0,
            inbox_account_id=optional_int(account_id) or 0,
            consented_on=consented_on,
            form_file=request.FILES.get("form_file"),
            alert_mobile=request.POST.get("alert_mobile", ""),
            alert_email=request.POST.get("alert_email", ""),
        )

    return run_page_action(
        request,
        load=lambda: case_selectors.case_for_user(request.user, case_id),
        act=act,
        success=_("已录入送达地址确认书，确认书已归入正卷。"),
        then=lambda case: _case_url(case.pk, "consent"),
        failure=_("录入失败：%(reason)s"),
    )


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.consent_for_user(request.user, consent_id),
        act=lambda consent_obj: services.consent_withdraw(
            actor=request.user, consent=consent_obj, reason=request.POST.get("reason", "")
        ),
        success=_("已撤回电子送达同意，此后改为纸质送达。"),
        then=lambda consent_obj: _case_url(consent_obj.case_id, "consent"),
    )


# ---- Staff after serving ------------------------------------------------------------------------


@login_required
@require_POST
def outcome(request: HttpRequest, service_id: int) -> HttpResponse:
    def act(service: Any) -> Any:
        return services.paper_outcome_record(
            actor=request.user,
            service=service,
            outcome=request.POST.get("outcome", ""),
            method=request.POST.get("method", ""),
            delivered_on=optional_date(request.POST.get("delivered_on")),
            reason=request.POST.get("reason", ""),
            receipt_file=request.FILES.get("receipt"),
        )

    def then(service: Any) -> str:
        if request.POST.get("back") == "tasks":
            return reverse("delivery:tasks")
        return _case_url(service.case_id, "services")

    return run_page_action(
        request,
        load=lambda: selectors.service_for_user(request.user, service_id),
        act=act,
        success=lambda done: _("已登记“%(title)s”的送达结果。") % {"title": done.document_title},
        then=then,
        failure=_("登记失败：%(reason)s"),
    )


@login_required
@require_GET
def proof(request: HttpRequest, service_id: int) -> HttpResponse:
    try:
        service = selectors.service_for_user(request.user, service_id)
    except NotFound:
        return not_found_page(request)
    return _file_or_reason(
        request, lambda: responses.proof_response(request.user, service), back=_case_url(service.case_id, "services")
    )


@login_required
@require_POST
def proof_regenerate(request: HttpRequest, service_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.service_for_user(request.user, service_id),
        act=lambda service: services.service_proof_regenerate(actor=request.user, service=service),
        success=_("已生成含查阅时间的送达回证新版本。"),
        then=lambda service: _case_url(service.case_id, "services"),
    )


@login_required
@require_GET
def tasks(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ServiceStatus.PAPER_PENDING)
    if status not in ServiceStatus.values:
        status = ""
    mine = request.GET.get("mine") == "1"
    rows = list(selectors.paper_tasks_for_user(user=request.user, status=status, mine=mine)[:TASKS_SHOWN])
    return render(
        request,
        "delivery/tasks.html",
        {
            "rows": rows,
            "status": status,
            "mine": mine,
            "statuses": [
                (s, label)
                for s, label in ServiceStatus.choices
                if s not in (ServiceStatus.SERVED, ServiceStatus.OPENED)
            ],
            "paper_methods": selectors.paper_method_choices(),
            "pending": ServiceStatus.PAPER_PENDING,
        },
    )
