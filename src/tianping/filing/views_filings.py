"""Online-filing pages: the filer's "我的立案" (new filing, edit sections, submit, supplement,
ruling) and the clerk's "立案审查" (queue, review with register / supplement / reject).
Views parse, load through ``selectors.filing_for_user`` (404 for what the user may not see),
call one service and redirect or re-render with the error; the services hold every rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tianping.accounts.enums import UserKind
from tianping.cases import selectors as case_selectors
from tianping.core import clock
from tianping.core.errors import ApplicationError, NotFound
from tianping.core.pages import not_found_page, run_page_action
from tianping.courts import selectors as court_selectors
from tianping.filing import api_filings, forms_filings, selectors, services
from tianping.filing.enums import FilingErrorCode, FilingStatus
from tianping.filing.models import Filing

SUPPLEMENT_DEFAULT_DAYS = 15


def _is_filer(user: Any) -> bool:
    return getattr(user, "kind", None) in (UserKind.LITIGANT, UserKind.LAWYER)


# ---- The filer's pages ------------------------------------------------------------------------


@login_required
@require_GET
def filing_list(request: HttpRequest) -> HttpResponse:
    """我的立案 (staff who review filings are sent to their queue)."""
    if not _is_filer(request.user) and selectors.reviewer_court_ids(request.user):
        return redirect("filings:queue")
    filings = list(selectors.filings_for_user(request.user)[:200])
    return render(request, "filing/list.html", {"filings": filings, "may_file": _is_filer(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def filing_new(request: HttpRequest) -> HttpResponse:
    courts = list(court_selectors.court_list())
    form = forms_filings.NewFilingForm(request.POST or None, courts=courts)
    if request.method == "POST" and form.is_valid():
        try:
            filing = services.filing_create(
                actor=request.user, court_id=form.cleaned_data["court"], kind=form.cleaned_data["kind"]
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("已创建立案草稿，请逐项填写并上传材料。"))
            return redirect("filings:edit", filing.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "filing/new.html", {"form": form}, status=status)


def _owned(request: HttpRequest, filing_id: int) -> Filing | None:
    try:
        return _owned_or_404(request, filing_id)
    except NotFound:
        return None


def _owned_or_404(request: HttpRequest, filing_id: int) -> Filing:
    """The user's own filing (one they may only review is not theirs to edit)."""
    filing = selectors.filing_for_user(request.user, filing_id)
    if filing.owner_id != request.user.pk:
        raise NotFound(_("立案申请不存在或无权访问"), code=FilingErrorCode.FILING_NOT_FOUND)
    return filing


def _detail_context(request: HttpRequest, filing: Filing) -> dict[str, Any]:
    user = request.user
    return {
        "filing": filing,
        "parties": selectors.party_rows(user=user, filing=filing),
        "agent": selectors.agent_row(user=user, filing=filing),
        "attachments": selectors.filing_attachments(filing=filing),
        "timeline": selectors.filing_timeline(filing=filing),
        "supplement": selectors.filing_supplement(filing=filing),
        "fee": selectors.filing_fee(filing=filing),
        "gaps": selectors.filing_gaps(user=user, filing=filing),
        "item": selectors.queue_item(filing),
        "actions": selectors.allowed_actions(user=user, filing=filing),
        "case_url": reverse("cases:detail", args=[filing.case_id]) if filing.case_id else "",
    }


@login_required
@require_GET
def filing_detail(request: HttpRequest, filing_id: int) -> HttpResponse:
    try:
        filing = selectors.filing_for_user(request.user, filing_id)
    except NotFound:
        return not_found_page(request)
    if filing.owner_id != request.user.pk:
        return redirect("filings:review", filing.pk)
    return render(request, "filing/detail.html", _detail_context(request, filing))


def _edit_context(request: HttpRequest, filing: Filing, data: Any = None) -> dict[str, Any]:
    category = forms_filings.cause_category(filing.kind)
    parties = selectors.filing_parties(filing=filing)
    return {
        **_detail_context(request, filing),
        "form": forms_filings.FilingMainForm(data, initial=forms_filings.main_initial(filing), category=category),
        "party_rows": forms_filings.party_rows(data, filing, parties),
        "evidence_rows": forms_filings.evidence_rows(data, filing.evidence),
        "attachment_form": forms_filings.AttachmentForm(),
        "category": category,
        "causes": case_selectors.cause_search(category=category, limit=40),
    }


@login_required
@require_http_methods(["GET", "POST"])
def filing_edit(request: HttpRequest, filing_id: int) -> HttpResponse:
    """The sections of the filing; "保存草稿" saves, "保存并提交" saves and submits (or resubmits)."""
    filing = _owned(request, filing_id)
    if filing is None:
        return not_found_page(request)
    if request.method == "GET":
        return render(request, "filing/edit.html", _edit_context(request, filing))
    context = _edit_context(request, filing, request.POST)
    form, rows, evidence = context["form"], context["party_rows"], context["evidence_rows"]
    if not (form.is_valid() and all(r.is_valid() for r in rows) and all(e.is_valid() for e in evidence)):
        return render(request, "filing/edit.html", context, status=422)
    data = form.to_data(as_agent=filing.as_agent)
    data["parties"] = [p for p in (r.to_party() for r in rows) if p is not None]
    data["evidence"] = [e.cleaned_data for e in evidence]
    try:
        services.filing_update(actor=request.user, filing=filing, data=data)
        if "submit" in request.POST:
            return _submit_or_resubmit(request, filing)
    except ApplicationError as exc:
        _attach_error(context, exc)
        return render(request, "filing/edit.html", {**context, "error": exc}, status=exc.status)
    messages.success(request, _("草稿已保存。"))
    return redirect("filings:edit", filing.pk)


def _attach_error(context: dict[str, Any], exc: ApplicationError) -> None:
    index = exc.details.get("party_index") if isinstance(exc.details, dict) else None
    if isinstance(index, int) and 0 <= index < len(context["party_rows"]):
        context["party_rows"][index].add_error(None, exc.message)


def _submit_or_resubmit(request: HttpRequest, filing: Filing) -> HttpResponse:
    filing = services.filing_send(actor=request.user, filing=filing)
    if filing.status == FilingStatus.RESUBMITTED:
        messages.success(request, _("补正材料已提交，法院将重新审查。"))
    else:
        messages.success(request, _("立案申请已提交，收件编号 %(n)s。") % {"n": filing.receipt_number})
    return redirect("filings:detail", filing.pk)


@login_required
@require_POST
def filing_submit(request: HttpRequest, filing_id: int) -> HttpResponse:
    filing = _owned(request, filing_id)
    if filing is None:
        return not_found_page(request)
    try:
        return _submit_or_resubmit(request, filing)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("filings:detail", filing.pk)


@login_required
@require_POST
def filing_withdraw(request: HttpRequest, filing_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: _owned_or_404(request, filing_id),
        act=lambda filing: services.filing_withdraw(
            actor=request.user, filing=filing, reason=request.POST.get("reason", "")
        ),
        success=_("立案申请已撤回。"),
        then=lambda filing: reverse("filings:detail", args=[filing.pk]),
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, filing_id: int) -> HttpResponse:
    filing = _owned(request, filing_id)
    if filing is None:
        return not_found_page(request)
    form = forms_filings.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("上传失败：请选择材料类别和文件。"))
    else:
        try:
            attachment = services.filing_attachment_add(
                actor=request.user, filing=filing, category=form.cleaned_data["category"],
                uploaded_file=form.cleaned_data["file"], title=form.cleaned_data["title"],
            )  # fmt: skip
        except ApplicationError as exc:
            messages.error(request, _("上传失败：%(reason)s") % {"reason": exc.message})
        else:
            messages.success(request, _("已上传“%(title)s”。") % {"title": attachment.title})
    return redirect(reverse("filings:edit", args=[filing.pk]) + "#attachments")


@login_required
@require_POST
def attachment_delete(request: HttpRequest, filing_id: int, attachment_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.attachment_for_user(request.user, filing_id, attachment_id),
        act=lambda attachment: services.filing_attachment_delete(actor=request.user, attachment=attachment),
        success=_("已删除材料。"),
        then=lambda attachment: reverse("filings:edit", args=[filing_id]) + "#attachments",
    )


@login_required
@require_GET
def attachment_download(request: HttpRequest, filing_id: int, attachment_id: int) -> HttpResponseBase:
    try:
        attachment = selectors.attachment_for_user(request.user, filing_id, attachment_id)
    except NotFound:
        return not_found_page(request)
    return api_filings.attachment_response(request.user, attachment)


@login_required
@require_GET
def ruling_download(request: HttpRequest, filing_id: int) -> HttpResponseBase:
    try:
        filing = selectors.filing_for_user(request.user, filing_id)
        return api_filings.ruling_response(request.user, filing)
    except NotFound:
        return not_found_page(request)


# ---- The clerk's pages ------------------------------------------------------------------------


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    court_ids = selectors.reviewer_court_ids(request.user)
    if not court_ids:
        return not_found_page(request)
    items = selectors.review_queue(user=request.user)
    return render(
        request,
        "filing/queue.html",
        {
            "awaiting": [i for i in items if i.filing.status != "supplement_requested"],
            "waiting": [i for i in items if i.filing.status == "supplement_requested"],
            "today": clock.today(),
        },
    )


def _review_forms(filing: Filing, data: Any = None, action: str = "") -> dict[str, Any]:
    default_deadline = clock.today() + dt.timedelta(days=SUPPLEMENT_DEFAULT_DAYS)
    proposed = selectors.proposed_division(filing)
    return {
        "register_form": forms_filings.RegisterForm(
            data if action == "register" else None,
            divisions=selectors.hearing_divisions(filing=filing),
            initial={"division": proposed.pk if proposed is not None else None},
        ),
        "supplement_form": forms_filings.SupplementForm(
            data if action == "supplement" else None, initial={"deadline": default_deadline}
        ),
        "reject_form": forms_filings.RejectForm(data if action == "reject" else None),
    }


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, filing_id: int) -> HttpResponseBase:
    """The review page: materials, and the register / supplement / reject forms."""
    try:
        filing = selectors.filing_for_user(request.user, filing_id)
    except NotFound:
        return not_found_page(request)
    if filing.owner_id == request.user.pk:
        return redirect("filings:detail", filing.pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = _review_forms(filing, request.POST if action else None, action)
    error: ApplicationError | None = None
    if action:
        done = _review_action(request, filing, action, forms)
        if isinstance(done, HttpResponseBase):
            return done
        error = done
    context = {**_detail_context(request, filing), **forms, "active": action, "action_error": error}
    status = error.status if error is not None else 422 if action else 200
    return render(request, "filing/review.html", context, status=status)


def _review_action(
    request: HttpRequest, filing: Filing, action: str, forms: dict[str, Any]
) -> HttpResponseBase | ApplicationError | None:
    """A redirect when done; else the service's error (the form also carries it), or None for a bad form."""
    form = forms.get(f"{action}_form")
    if form is None or not form.is_valid():
        return None
    try:
        if action == "register":
            filing = services.filing_register(
                actor=request.user, filing=filing, fee_amount=form.cleaned_data["fee_amount"],
                division_id=form.cleaned_data["division"],
            )  # fmt: skip
            number = filing.case.number if filing.case is not None else ""
            messages.success(request, _("已登记立案，案号 %(n)s。") % {"n": number})
        elif action == "supplement":
            services.filing_request_supplement(
                actor=request.user, filing=filing, items=form.items_list(),
                deadline=form.cleaned_data["deadline"], note=form.cleaned_data["note"],
            )  # fmt: skip
            messages.success(request, _("已一次性告知补正事项。"))
        else:
            services.filing_reject(
                actor=request.user, filing=filing, reasons=form.cleaned_data["reasons"],
                legal_bases=form.cleaned_data["legal_bases"],
            )  # fmt: skip
            messages.success(request, _("已裁定不予受理，裁定书已生成。"))
    except ApplicationError as exc:
        field = exc.details.get("field") if isinstance(exc.details, dict) else None
        form.add_error(field if field in form.fields else None, exc.message)
        return exc
    return redirect("filings:review", filing.pk)
