"""Case pages: the staff workbench, the case list, registration at the counter and the case page
with its action forms. Views parse, load through ``selectors`` (404 for a case the user may
not read), call one service and redirect; the services hold every rule."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tianping.accounts import selectors as access
from tianping.cases import forms, selectors, services
from tianping.cases.enums import CaseCategory, CaseStatus
from tianping.cases.models import Case
from tianping.core import clock
from tianping.core.errors import ApplicationError, NotFound, ValidationFailed
from tianping.core.pages import not_found_page, run_page_action
from tianping.courts import selectors as court_selectors
from tianping.dossier import selectors as dossier_selectors

PAGE_SIZE = 20
CAUSE_CATEGORIES = {CaseCategory.CIVIL, CaseCategory.CRIMINAL, CaseCategory.ADMINISTRATIVE}


def _forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "403.html", status=403)


def _with_urgency(cases: Any) -> list[Case]:
    """For display: remaining days and urgency on each case (templates cannot call with arguments)."""
    today = clock.today()
    rows = list(cases)
    for case in rows:
        case.remaining = selectors.remaining_days(case, today)
        case.urgency = selectors.urgency_for(case.remaining)
    return rows


# ---- Workbench -----------------------------------------------------------------------------


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    """My open cases by deadline, deadline warnings, what waits for my approval, cases to assign."""
    user = request.user
    if not access.is_staff_user(user):
        return _forbidden(request)
    mine = _with_urgency(selectors.my_cases(user=user)[:200])
    awaiting: list[Case] = []
    for court_id in selectors.registrar_court_ids(user):
        waiting = selectors.case_list(
            user=user, filters=selectors.CaseFilter(status=CaseStatus.REGISTERED, court_id=court_id)
        )
        awaiting.extend(waiting[:20])
    pending = selectors.pending_approvals(user=user)
    remaining = [r for r in (getattr(c, "remaining", None) for c in mine) if r is not None]
    context = {
        "mine": mine,
        "overdue": len([r for r in remaining if r < 0]),
        "due_soon": len([r for r in remaining if 0 <= r <= 30]),
        "warnings": list(selectors.warnings_for(user=user)[:20]),
        "pending": pending,
        "pending_count": sum(len(items) for items in pending.values()),
        "awaiting": awaiting,
        "may_register": bool(selectors.registrar_court_ids(user)),
    }
    return render(request, "cases/workbench.html", context)


# ---- Case list -----------------------------------------------------------------------------


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    """Cases in the user's scope with filters; an htmx request gets only the results."""
    user = request.user
    staff = access.is_staff_user(user)
    courts = (
        list(court_selectors.court_list().filter(pk__in=access.readable_court_ids(user)).order_by("path"))
        if staff
        else []
    )
    own_courts = sorted(access.acting_court_ids(user))
    judges = [j for court_id in own_courts for j in selectors.court_judges(court_id=court_id)]
    form = forms.CaseFilterForm(request.GET or None, courts=courts, judges=judges)
    filters = form.to_filter() if form.is_valid() else selectors.CaseFilter()
    cases = selectors.case_list(user=user, filters=filters)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_urgency(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": bool(query),
        "causes": selectors.cause_search(limit=60),
        "staff": staff,
        "may_register": bool(selectors.registrar_court_ids(user)),
    }
    partial = request.htmx and not request.htmx.history_restore_request  # type: ignore[attr-defined]
    response = render(request, "cases/_list_results.html" if partial else "cases/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


# ---- Registration at the counter -------------------------------------------------------------


@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    """窗口立案: case fields and up to four parties; blank rows are ignored; nothing is saved on errors."""
    user = request.user
    court_ids = selectors.registrar_court_ids(user)
    if not court_ids:
        return _forbidden(request)
    courts = [court_selectors.court_get(court_id=court_id) for court_id in court_ids]
    divisions = [d for court in courts for d in court_selectors.division_list(court=court)]
    data = request.POST if request.method == "POST" else None
    form = forms.CaseRegisterForm(data, courts=courts, divisions=divisions, initial={"court": courts[0].pk})
    rows = forms.party_row_forms(data)
    party_error = ""
    if data is not None:
        form_ok = form.is_valid()
        rows_valid = [row.is_valid() for row in rows]  # every row, so each shows its own errors
        rows_ok = all(rows_valid)
        used = [i for i, row in enumerate(rows) if row.has_changed()]
        if form_ok and rows_ok:
            try:
                case = services.case_register(
                    actor=user, parties=[rows[i].party_input() for i in used], **form.service_arguments()
                )
            except ApplicationError as exc:
                if exc.code == "parties_required":
                    party_error = exc.message
                elif not forms.put_service_error(exc, form, rows, used):
                    form.add_error(None, exc.message)
            else:
                messages.success(request, _("立案成功，案号：%(number)s") % {"number": case.number})
                return redirect("cases:detail", case_id=case.pk)
        messages.error(request, _("立案信息有误，请按提示修改后重新提交。"))
    context = {
        "form": form,
        "rows": rows,
        "party_error": party_error,
        "causes": selectors.cause_search(limit=60),
        "single_court": len(courts) == 1,
    }
    return render(request, "cases/new.html", context)


@login_required
@require_GET
def cause_options(request: HttpRequest) -> HttpResponse:
    """``<option>`` elements for the cause datalist (htmx, as the clerk types)."""
    text = (request.GET.get("cause") or "").strip()[:40]
    type_code = request.GET.get("type_code") or request.GET.get("type") or ""
    category = next((t.category for t in selectors.case_types() if t.code == type_code), "")
    category = category or request.GET.get("category", "")[:16]
    if category not in CAUSE_CATEGORIES:  # enforcement and the like carry any cause
        category = ""
    causes = selectors.cause_search(query=text, category=category, limit=40)
    return render(request, "cases/_cause_options.html", {"causes": causes})


# ---- The case page -------------------------------------------------------------------------


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    user = request.user
    try:
        case = selectors.case_for_user(user, case_id)
    except NotFound:
        return not_found_page(request)
    parties = selectors.party_views(user=user, case=case)
    time_limit = selectors.time_limit_view(case=case)
    assignments = selectors.assignment_list(case=case)
    for assignment in assignments:
        assignment.verified = selectors.assignment_verify(assignment=assignment)  # type: ignore[attr-defined]
    actions = selectors.case_actions(user=user, case=case, time_limit=time_limit, assignments=assignments)
    panel = selectors.case_panel(case=case)
    context: dict[str, Any] = {
        "case": case,
        "parties": parties,
        "masked": any(p["masked"] for p in parties),
        "panel": panel,
        "time_limit": time_limit,
        "chain": selectors.case_chain(user=user, case=case),
        "events": selectors.case_events(case=case),
        "assignments": assignments,
        "audit": selectors.case_audit_excerpt(case=case) if access.is_staff_user(user) else None,
        "actions": actions,
        "dossier": dossier_selectors.dossier_view(user=user, case=case),
    }
    if actions.any:
        judges = selectors.court_judges(court_id=case.court_id)
        others = [j for j in judges if j.pk != case.judge_id]
        today = clock.today()
        context.update(
            assign_form=forms.AssignForm(judges=judges, auto_id="assign_%s"),
            reassign_form=forms.ReassignForm(judges=others, auto_id="reassign_%s"),
            transition_form=forms.TransitionForm(targets=actions.transitions, auto_id="transition_%s"),
            extension_form=forms.ExtensionForm(auto_id="extension_%s"),
            suspension_form=forms.SuspensionForm(initial={"started_on": today}, auto_id="suspension_%s"),
            resume_form=forms.ResumeForm(initial={"ended_on": today}, auto_id="resume_%s"),
            panel_form=forms.PanelForm(
                judges=others,
                clerks=selectors.court_clerks(court_id=case.court_id),
                initial={
                    "judges": [m.user_id for m in panel if m.role == "judge"],
                    "assessors": "、".join(m.name for m in panel if m.role == "assessor"),
                    "clerk": case.clerk_id,
                },
                auto_id="panel_%s",
            ),
        )
    return render(request, "cases/detail.html", context)


def _case_action(
    request: HttpRequest,
    case_id: int,
    make_form: Callable[[Case], Any],
    run: Callable[[Case, dict[str, Any]], Any],
    success: str,
    anchor: str,
) -> HttpResponse:
    """Shared shape of the action posts: load through the gatekeeper, parse, call, report, redirect."""

    def act(case: Case) -> Any:
        form = make_form(case)
        if not form.is_valid():
            raise ValidationFailed(forms.first_error(form), code="validation_failed")
        return run(case, form.cleaned_data)

    return run_page_action(
        request,
        load=lambda: selectors.case_for_user(request.user, case_id),
        act=act,
        success=success,
        then=lambda case: reverse("cases:detail", args=[case.pk]) + anchor,
    )


@login_required
@require_POST
def case_assign(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> Any:
        if d["method"] == "random":
            return services.case_assign_random(actor=request.user, case=case)
        return services.case_designate(
            actor=request.user, case=case, judge_id=d["judge"], reason=d["reason"], note=d["note"]
        )

    make = lambda case: forms.AssignForm(request.POST, judges=selectors.court_judges(court_id=case.court_id))  # noqa: E731
    method = request.POST.get("method")
    done = _("已完成随机分案") if method == "random" else _("已提交指定分案申请，等待庭长或院长审批")
    return _case_action(request, case_id, make, run, done, "#assignments")


@login_required
@require_POST
def case_reassign(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> Any:
        return services.case_reassign_request(
            actor=request.user, case=case, reason=d["reason"], note=d["note"], judge_id=d["judge"]
        )

    make = lambda case: forms.ReassignForm(request.POST, judges=selectors.court_judges(court_id=case.court_id))  # noqa: E731
    return _case_action(request, case_id, make, run, _("已提交变更承办人申请，等待审批"), "#assignments")


@login_required
@require_POST
def case_transition(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> Any:
        return services.case_transition(
            actor=request.user, case=case, to_status=d["to_status"], note=d["note"],
            closing_method=d["closing_method"], closing_outcome=d["closing_outcome"],
        )  # fmt: skip

    return _case_action(
        request, case_id, lambda case: forms.TransitionForm(request.POST), run, _("案件状态已变更"), "#timeline"
    )


@login_required
@require_POST
def case_extension(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> Any:
        return services.extension_request(
            actor=request.user, case=case, months=d["months"] or 0, days=d["days"] or 0, reason=d["reason"]
        )

    return _case_action(
        request, case_id, lambda case: forms.ExtensionForm(request.POST), run,
        _("已提交延长审限申请，等待审批"), "#time-limit",
    )  # fmt: skip


@login_required
@require_POST
def case_suspension(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> Any:
        return services.suspension_request(
            actor=request.user, case=case, reason=d["reason"], started_on=d["started_on"], note=d["note"]
        )

    return _case_action(
        request, case_id, lambda case: forms.SuspensionForm(request.POST), run,
        _("扣除审限期间已登记"), "#time-limit",
    )  # fmt: skip


@login_required
@require_POST
def case_resume(request: HttpRequest, case_id: int) -> HttpResponse:
    def run(case: Case, d: dict[str, Any]) -> Any:
        return services.suspension_end(actor=request.user, case=case, ended_on=d["ended_on"])

    return _case_action(
        request, case_id, lambda case: forms.ResumeForm(request.POST), run, _("已恢复审限计算"), "#time-limit"
    )


@login_required
@require_POST
def case_panel(request: HttpRequest, case_id: int) -> HttpResponse:
    def make(case: Case) -> forms.PanelForm:
        return forms.PanelForm(
            request.POST,
            judges=selectors.court_judges(court_id=case.court_id),
            clerks=selectors.court_clerks(court_id=case.court_id),
        )

    def run(case: Case, d: dict[str, Any]) -> Any:
        return services.panel_set(
            actor=request.user, case=case, judge_ids=d["judges"], assessor_names=d["assessors"], clerk_id=d["clerk"]
        )

    return _case_action(request, case_id, make, run, _("合议庭已组成"), "#panel")


# ---- Decisions (from the workbench or the case page) ---------------------------------------


def _back_url(request: HttpRequest, case_id: int) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("cases:detail", kwargs={"case_id": case_id})


def _decide(request: HttpRequest, load: Callable[[], Any], decide: Callable[[Any, bool, str], Any]) -> HttpResponse:
    def act(obj: Any) -> bool:
        form = forms.DecisionForm(request.POST)
        if not form.is_valid():
            raise ValidationFailed(_("请选择批准或驳回"), code="validation_failed")
        approve: bool = form.cleaned_data["approve"]
        decide(obj, approve, form.cleaned_data["note"])
        return approve

    return run_page_action(
        request,
        load=load,
        act=act,
        success=lambda approve: _("已批准") if approve else _("已驳回"),
        then=lambda obj: _back_url(request, obj.case_id),
    )


@login_required
@require_POST
def assignment_decide(request: HttpRequest, assignment_id: int) -> HttpResponse:
    return _decide(
        request,
        lambda: selectors.assignment_for_user(request.user, assignment_id),
        lambda obj, approve, note: services.assignment_decide(
            actor=request.user, assignment=obj, approve=approve, note=note
        ),
    )


@login_required
@require_POST
def extension_decide(request: HttpRequest, extension_id: int) -> HttpResponse:
    return _decide(
        request,
        lambda: selectors.extension_for_user(request.user, extension_id),
        lambda obj, approve, note: services.extension_decide(
            actor=request.user, extension=obj, approve=approve, note=note
        ),
    )


@login_required
@require_POST
def suspension_decide(request: HttpRequest, suspension_id: int) -> HttpResponse:
    return _decide(
        request,
        lambda: selectors.suspension_for_user(request.user, suspension_id),
        lambda obj, approve, note: services.suspension_decide(actor=request.user, suspension=obj, approve=approve),
    )
