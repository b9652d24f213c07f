"""Online-hearing and transcript pages.

Court side (through the hearing gatekeeper, 404 otherwise): issuing join links, attendance mode and
in-court presence, joining as moderator (redirect to the video platform), the clerk's transcript
editor with autosave (HTMX posts every few seconds with the revision; a stale revision shows a
warning instead of overwriting), submitting a version, and the review-and-sign page of the judge,
the clerk and participants with accounts.

Participant side by personal link (no login needed): ``/hearings/join/<token>/`` shows whose link
it is and asks for identity (or the account's confirmation), records attendance and shows the
video page; ``…/leave/`` records leaving; ``…/transcript/`` lets a participant without an account
read and sign the transcript after the query-code check. Views hold no rules.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tianping.core.errors import ApplicationError, NotFound
from tianping.core.pages import not_found_page, optional_int, run_page_action
from tianping.hearings import selectors, services
from tianping.hearings.models import Hearing

SESSION_ATTENDANCES = "hearings_online_attendances"


def _detail_url(hearing: Hearing | int, anchor: str = "online") -> str:
    pk = hearing if isinstance(hearing, int) else hearing.pk
    return reverse("hearings:detail", args=[pk]) + f"#{anchor}"


def _load(request: HttpRequest, hearing_id: int) -> Any:
    return lambda: selectors.hearing_for_user(request.user, hearing_id)


# ---- Court side ----------------------------------------------------------------------------------


@login_required
@require_POST
def join_links(request: HttpRequest, hearing_id: int) -> HttpResponse:
    ids = request.POST.getlist("participant")
    chosen = [i for i in (optional_int(v) for v in ids) if i is not None] if ids else None
    return run_page_action(
        request,
        load=_load(request, hearing_id),
        act=lambda h: services.join_link_issue(
            actor=request.user, hearing=h, base_url=request.build_absolute_uri("/"), participant_ids=chosen
        ),
        success=lambda links: _("已向 %(count)s 位在线参加人发送入庭链接，旧链接已失效。") % {"count": len(links)},
        then=_detail_url,
    )


@login_required
@require_POST
def attendance_mode(request: HttpRequest, hearing_id: int, participant_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=_load(request, hearing_id),
        act=lambda h: services.participant_attendance_set(
            actor=request.user, hearing=h, participant_id=participant_id, mode=request.POST.get("mode", "")
        ),
        success=_("参加方式已更新。"),
        then=_detail_url,
    )


@login_required
@require_POST
def mark_present(request: HttpRequest, hearing_id: int, participant_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=_load(request, hearing_id),
        act=lambda h: services.attendance_mark_in_court(actor=request.user, hearing=h, participant_id=participant_id),
        success=_("已记录到庭。"),
        then=_detail_url,
    )


@login_required
@require_POST
def moderator_join(request: HttpRequest, hearing_id: int) -> HttpResponse:
    try:
        hearing = selectors.hearing_for_user(request.user, hearing_id)
    except NotFound:
        return not_found_page(request)
    try:
        url = services.moderator_join(actor=request.user, hearing=hearing)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(_detail_url(hearing))
    return HttpResponseRedirect(url)


# ---- Transcript: the clerk's editor ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def transcript_edit(request: HttpRequest, hearing_id: int) -> HttpResponse:
    """The editor; a POST is an autosave (HTMX: answers with the status fragment) or a plain save."""
    try:
        hearing = selectors.hearing_for_user(request.user, hearing_id)
    except NotFound:
        return not_found_page(request)
    if not services.may_write_transcript(request.user, hearing):
        return render(request, "403.html", status=403)
    if request.method == "POST":
        return _autosave(request, hearing)
    transcript = selectors.transcript_for_hearing(hearing=hearing)
    review = selectors.transcript_review(transcript=transcript) if transcript else None
    return render(
        request,
        "hearings/online/transcript_edit.html",
        {"hearing": hearing, "transcript": transcript, "review": review,
         "text": transcript.text if transcript else "", "revision": transcript.revision if transcript else 0},
    )  # fmt: skip


def _autosave(request: HttpRequest, hearing: Hearing) -> HttpResponse:
    revision = optional_int(request.POST.get("revision"))
    context: dict[str, Any] = {"hearing": hearing}
    try:
        transcript = services.transcript_save(
            actor=request.user, hearing=hearing, text=request.POST.get("text", ""), revision=revision or 0
        )
    except ApplicationError as exc:
        if not request.htmx:  # type: ignore[attr-defined]
            messages.error(request, exc.message)
            return redirect(reverse("hearings:transcript_edit", args=[hearing.pk]))
        # HTMX swaps only 2xx answers: the warning comes back as 200 and keeps the editor's revision,
        # so the next autosave is refused again until the clerk reloads the newer text.
        context.update(error=exc, revision=revision, stale=exc.code == "transcript_stale")
        return render(request, "hearings/online/_autosave_status.html", context)
    context.update(revision=transcript.revision, saved_at=transcript.autosaved_at)
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("笔录已保存。"))
        return redirect(reverse("hearings:transcript_edit", args=[hearing.pk]))
    return render(request, "hearings/online/_autosave_status.html", context)


@login_required
@require_POST
def transcript_submit(request: HttpRequest, hearing_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=_load(request, hearing_id),
        act=lambda h: services.transcript_submit_for_signature(
            actor=request.user, hearing=h, reason=request.POST.get("reason", "")
        ),
        success=lambda v: _("第 %(n)s 版笔录已提交核对签名。") % {"n": v.number},
        then=lambda h: reverse("hearings:transcript_edit", args=[h.pk]),
    )


# ---- Transcript: review and signature with an account ---------------------------------------------


@login_required
@require_GET
def transcript_review(request: HttpRequest, hearing_id: int) -> HttpResponse:
    try:
        hearing = selectors.hearing_for_user(request.user, hearing_id)
    except NotFound:
        return not_found_page(request)
    transcript = selectors.transcript_for_hearing(hearing=hearing)
    review = selectors.transcript_review(transcript=transcript) if transcript else None
    return render(
        request,
        "hearings/online/transcript_review.html",
        {
            "hearing": hearing,
            "review": review,
            "sign_url": reverse("hearings:transcript_sign", args=[hearing.pk]),
            "may_sign": review is not None and selectors.awaits_signature_of(review=review, user=request.user),
        },
    )


@login_required
@require_POST
def transcript_sign(request: HttpRequest, hearing_id: int) -> HttpResponse:
    return run_page_action(
        request,
        load=_load(request, hearing_id),
        act=lambda h: services.transcript_sign(
            actor=request.user, hearing=h, text_sha256=request.POST.get("text_sha256", "")
        ),
        success=_("签名成功。"),
        then=lambda h: reverse("hearings:transcript_review", args=[h.pk]),
    )


# ---- Participant side, by personal link ----------------------------------------------------------


def _link_refused(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    status = 404 if isinstance(exc, NotFound) else exc.status
    return render(request, "hearings/online/join_refused.html", {"error": exc}, status=status)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """Whose link this is and the identity form; a POST records the attendance and shows the video page."""
    try:
        participant = services.join_token_open(token=token)
    except ApplicationError as exc:
        return _link_refused(request, exc)
    context: dict[str, Any] = {
        "participant": participant,
        "hearing": participant.hearing,
        "token": token,
        "own_account": request.user.is_authenticated and request.user.pk in services.participant_accounts(participant),
    }
    if request.method == "POST":
        try:
            joined = services.attendance_join(
                token=token, user=request.user, query_code=request.POST.get("query_code", ""),
                id_suffix=request.POST.get("id_suffix", ""), user_agent=request.headers.get("User-Agent", ""),
            )  # fmt: skip
        except ApplicationError as exc:
            if exc.code in ("identity_failed",):
                context["error"] = exc
                return render(request, "hearings/online/join.html", context, status=exc.status)
            return _link_refused(request, exc)
        request.session[SESSION_ATTENDANCES] = [*request.session.get(SESSION_ATTENDANCES, []), joined.attendance.pk]
        return render(request, "hearings/online/video.html", {**context, "joined": joined})
    return render(request, "hearings/online/join.html", context)


@require_POST
def join_leave(request: HttpRequest, token: str) -> HttpResponse:
    try:
        participant = services.join_token_open(token=token, for_review=True)
    except ApplicationError as exc:
        return _link_refused(request, exc)
    attendance_id = optional_int(request.POST.get("attendance"))
    if attendance_id is None or attendance_id not in request.session.get(SESSION_ATTENDANCES, []):
        return not_found_page(request)
    services.attendance_leave(attendance_id=attendance_id, participant=participant, user=request.user)
    return render(request, "hearings/online/left.html", {"participant": participant, "token": token})


@require_http_methods(["GET", "POST"])
def join_transcript(request: HttpRequest, token: str) -> HttpResponse:
    """Read and sign the transcript by query code (participants without an account)."""
    try:
        participant = services.join_token_open(token=token, for_review=True)
    except ApplicationError as exc:
        return _link_refused(request, exc)
    hearing = participant.hearing
    if request.user.is_authenticated:
        return redirect(reverse("hearings:transcript_review", args=[hearing.pk]))
    context: dict[str, Any] = {"participant": participant, "hearing": hearing, "token": token}
    if request.method == "GET":
        return render(request, "hearings/online/join_transcript.html", context)
    identity = {"query_code": request.POST.get("query_code", ""), "id_suffix": request.POST.get("id_suffix", "")}
    try:
        if request.POST.get("text_sha256"):
            services.transcript_sign(
                actor=AnonymousUser(), hearing=hearing, text_sha256=request.POST["text_sha256"],
                participant_id=participant.pk, **identity,
            )  # fmt: skip
            context["signed"] = True
        else:
            services.identity_check(participant=participant, user=AnonymousUser(), **identity)
    except ApplicationError as exc:
        context["error"] = exc
        if exc.code not in ("transcript_changed", "already_signed"):
            return render(request, "hearings/online/join_transcript.html", context, status=exc.status)
    transcript = selectors.transcript_for_hearing(hearing=hearing)
    context.update(identity=identity, review=selectors.transcript_review(transcript=transcript) if transcript else None)
    return render(request, "hearings/online/join_transcript.html", context)


urlpatterns: list[URLPattern] = [
    path("<int:hearing_id>/join-links/", join_links, name="join_links"),
    path("<int:hearing_id>/participants/<int:participant_id>/mode/", attendance_mode, name="attendance_mode"),
    path("<int:hearing_id>/participants/<int:participant_id>/present/", mark_present, name="mark_present"),
    path("<int:hearing_id>/video/", moderator_join, name="moderator_join"),
    path("<int:hearing_id>/transcript/", transcript_edit, name="transcript_edit"),
    path("<int:hearing_id>/transcript/submit/", transcript_submit, name="transcript_submit"),
    path("<int:hearing_id>/transcript/review/", transcript_review, name="transcript_review"),
    path("<int:hearing_id>/transcript/sign/", transcript_sign, name="transcript_sign"),
    path("join/<str:token>/", join, name="join"),
    path("join/<str:token>/leave/", join_leave, name="join_leave"),
    path("join/<str:token>/transcript/", join_transcript, name="join_transcript"),
]
