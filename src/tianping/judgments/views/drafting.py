"""Drafting pages: 我的文书 (the drafts of the user's cases), the drafting page (sections as text areas
under their kind's headings, saved with the revision they started from, a PDF preview), 待签发 (the
issue queue), the issue page (preview, return with a note, 签发) and the issued document with its
downloads. Views parse, load through the gatekeepers (404 for what the user may not see), call one
service and redirect; the services hold every rule."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.cases import selectors as case_selectors
from tianping.cases.enums import ClosingMethod
from tianping.core.errors import ApplicationError, NotFound
from tianping.core.pages import not_found_page, optional_int, run_page_action
from tianping.judgments import selectors, services
from tianping.judgments.downloads import file_response, preview_response
from tianping.judgments.enums import ApprovalLevel
from tianping.judgments.rendering.pdf import document_pdf
from tianping.judgments.rendering.text import full_text

LIST_SHOWN = 300


def _draft_url(draft: Any) -> str:
    return reverse("judgments:draft", args=[draft.pk])


@login_required
@require_GET
def my_drafts(request: HttpRequest) -> HttpResponse:
    drafts = list(selectors.my_drafts(user=request.user)[:LIST_SHOWN])
    return render(request, "judgments/my_drafts.html", {"drafts": drafts})


@login_required
@require_GET
def issue_queue(request: HttpRequest) -> HttpResponse:
    return render(request, "judgments/issue_queue.html", {"drafts": selectors.issue_queue(user=request.user)})


@login_required
@require_POST
def draft_create(request: HttpRequest, case_id: int) -> HttpResponse:
    try:
        case = case_selectors.case_for_user(request.user, case_id)
    except NotFound:
        return not_found_page(request)
    try:
        draft = services.draft_create(actor=request.user, case=case, kind=request.POST.get("kind", ""))
    except NotFound:
        return not_found_page(request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("cases:detail", args=[case_id]) + "#judgments")
    messages.success(request, _("已按模板生成文书草稿，案件已知信息已预先填入。"))
    return redirect(_draft_url(draft))


@login_required
@require_GET
def draft_page(request: HttpRequest, draft_id: int) -> HttpResponse:
    try:
        draft = selectors.draft_for_user(request.user, draft_id)
    except NotFound:
        return not_found_page(request)
    actions = selectors.draft_actions(user=request.user, draft=draft)
    sections = selectors.draft_form_sections(draft)
    return render(
        request,
        "judgments/draft.html",
        {
            "draft": draft,
            "case": draft.case,
            "sections": sections,
            "missing_labels": [s["label"] for s in sections if s["key"] in actions.missing],
            "actions": actions,
            "closing_methods": ClosingMethod.choices,
            "approval_levels": ApprovalLevel.choices,
            "heading": selectors.kind_spec(draft.kind).decision_heading,
            "issued": selectors.issued_of_draft(draft=draft),
        },
    )


def _sections_from_form(request: HttpRequest, draft: Any) -> dict[str, str]:
    return {key: request.POST[f"section_{key}"] for key in selectors.kind_spec(draft.kind).keys
            if f"section_{key}" in request.POST}  # fmt: skip


@login_required
@require_POST
def draft_save(request: HttpRequest, draft_id: int) -> HttpResponse:
    revision = optional_int(request.POST.get("revision"))
    return run_page_action(
        request,
        load=lambda: selectors.draft_for_user(request.user, draft_id),
        act=lambda draft: services.draft_update(
            actor=request.user,
            draft=draft,
            revision=revision if revision is not None else -1,
            sections=_sections_from_form(request, draft),
            title=request.POST.get("title"),
            closes_case=request.POST.get("closes_case") == "1",
            closing_method=request.POST.get("closing_method", ""),
            outcome=request.POST.get("outcome", ""),
            approval_level=request.POST.get("approval_level"),
        ),
        success=_("已保存。"),
        failure=_("未保存：%(reason)s"),
        then=_draft_url,
    )


@login_required
@require_POST
def draft_submit(request: HttpRequest, draft_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.draft_for_user(request.user, draft_id),
        act=lambda draft: services.draft_submit(actor=request.user, draft=draft),
        success=_("已提交签发。"),
        failure=_("未能提交：%(reason)s"),
        then=_draft_url,
    )


@login_required
@require_GET
def draft_preview(request: HttpRequest, draft_id: int) -> HttpResponse:
    """The draft as PDF, marked 草稿 · 未签发 on every page (not stored, not hashed)."""
    try:
        draft = selectors.draft_for_user(request.user, draft_id)
    except NotFound:
        return not_found_page(request)
    return preview_response(document_pdf(services.draft_data(draft), draft=True))


@login_required
@require_GET
def issue_page(request: HttpRequest, draft_id: int) -> HttpResponse:
    try:
        draft = selectors.draft_for_user(request.user, draft_id)
    except NotFound:
        return not_found_page(request)
    actions = selectors.draft_actions(user=request.user, draft=draft)
    text = full_text(services.draft_data(draft))
    return render(
        request, "judgments/issue.html", {"draft": draft, "case": draft.case, "actions": actions, "text": text}
    )


@login_required
@require_POST
def draft_return(request: HttpRequest, draft_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=lambda: selectors.draft_for_user(request.user, draft_id),
        act=lambda draft: services.draft_return(actor=request.user, draft=draft, note=request.POST.get("note", "")),
        success=_("已退回起草人修改。"),
        failure=_("未能退回：%(reason)s"),
        then=lambda draft: reverse("judgments:issue_queue"),
    )


@login_required
@require_POST
def draft_issue(request: HttpRequest, draft_id: int) -> HttpResponse:
    try:
        draft = selectors.draft_for_user(request.user, draft_id)
    except NotFound:
        return not_found_page(request)
    try:
        issued = services.draft_issue(actor=request.user, draft=draft)
    except ApplicationError as exc:
        messages.error(request, _("未能签发：%(reason)s") % {"reason": exc.message})
        return redirect(reverse("judgments:issue", args=[draft_id]))
    messages.success(request, _("已签发，PDF 与 Word 文书已存入电子卷宗。"))
    return redirect(reverse("judgments:issued", args=[issued.pk]))


@login_required
@require_GET
def issued_page(request: HttpRequest, document_id: int) -> HttpResponse:
    try:
        document = selectors.issued_for_user(request.user, document_id)
    except NotFound:
        return not_found_page(request)
    return render(request, "judgments/issued.html", {"document": document, "case": document.case})


@login_required
@require_GET
def issued_file(request: HttpRequest, document_id: int, file_format: str) -> HttpResponse:
    try:
        document = selectors.issued_for_user(request.user, document_id)
        stored = selectors.issued_file(user=request.user, document=document, file_format=file_format)
    except NotFound:
        return not_found_page(request)
    except ApplicationError as exc:  # the stored file no longer matches its hash
        messages.error(request, exc.message)
        return redirect(reverse("judgments:issued", args=[document_id]))
    return file_response(stored, inline=file_format == "pdf" and request.GET.get("inline") == "1")


urlpatterns = [
    path("drafts/", my_drafts, name="my_drafts"),
    path("issue-queue/", issue_queue, name="issue_queue"),
    path("cases/<int:case_id>/drafts/new", draft_create, name="draft_create"),
    path("drafts/<int:draft_id>/", draft_page, name="draft"),
    path("drafts/<int:draft_id>/save", draft_save, name="draft_save"),
    path("drafts/<int:draft_id>/submit", draft_submit, name="draft_submit"),
    path("drafts/<int:draft_id>/preview.pdf", draft_preview, name="draft_preview"),
    path("drafts/<int:draft_id>/issue/", issue_page, name="issue"),
    path("drafts/<int:draft_id>/return", draft_return, name="draft_return"),
    path("drafts/<int:draft_id>/issue/sign", draft_issue, name="draft_issue"),
    path("issued/<int:document_id>/", issued_page, name="issued"),
    path("issued/<int:document_id>/<str:file_format>", issued_file, name="issued_file"),
]
