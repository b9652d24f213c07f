from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from tianping.accounts import selectors, services
from tianping.accounts.forms import LoginForm, OtpForm, RegistrationForm
from tianping.core import navigation, ratelimit
from tianping.core.errors import RateLimited, ValidationFailed
from tianping.core.middleware import client_ip
from tianping.core.validators import mask_id_number, mask_mobile


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            ratelimit.hit("login", client_ip(request), settings.RATE_LIMITS["login"])
        except RateLimited as exc:
            return render(request, "accounts/locked.html", {"message": exc.message}, status=429)
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect(_next_url(request))
    next_url = request.POST.get("next") or request.GET.get("next", "")  # kept across failed attempts
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    device = services.totp_device_for(user=request.user)  # type: ignore[arg-type]
    if device is None:
        return redirect("accounts:mfa_setup")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("验证码不正确或已过期"))
    return render(request, "accounts/mfa_verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if services.totp_device_for(user=user) is not None:  # type: ignore[arg-type]
        return redirect("accounts:mfa_verify")
    form = OtpForm(request.POST or None)
    device_id = request.session.get("mfa_enrol_device")
    device = services.totp_enrolment_device(user=user, device_id=device_id)  # type: ignore[arg-type]
    request.session["mfa_enrol_device"] = device.pk
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_device_confirm(user=user, device=device, token=form.cleaned_data["token"])  # type: ignore[arg-type]
        except ValidationFailed as exc:
            form.add_error("token", exc.message)
        else:
            otp_login(request, device)
            request.session.pop("mfa_enrol_device", None)
            messages.success(request, _("二次验证已启用"))
            return redirect(_next_url(request))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#1f2937")
    # Authenticator apps take the key in base32 (as in the QR code), grouped for typing.
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    secret = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(request, "accounts/mfa_setup.html", {"form": form, "qr_svg": qr_svg, "secret": secret})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The landing page: who you are, where you work, what you may do here."""
    user: Any = request.user
    grant = selectors.primary_grant(user)
    context: dict[str, Any] = {
        "grant": grant,
        "grants": selectors.active_grants(user),
        "readable_courts": len(selectors.readable_court_ids(user)),
        "staff_member": selectors.staff_member_of(user),
        "sections": [item for item in navigation.items_for(user) if item["name"] != "accounts:home"],
        "id_number_masked": mask_id_number(user.id_number) if getattr(user, "id_number", "") else "",
        "mobile_masked": mask_mobile(user.mobile) if getattr(user, "mobile", "") else "",
    }
    return render(request, "accounts/home.html", context)


def locked_out(request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes calls this when an account is locked: JSON for the API, a page otherwise."""
    message = _("登录失败次数过多，账户已被暂时锁定，请稍后再试或联系系统管理员。")
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "account_locked", "message": message, "details": {}}, status=429)
    return render(request, "accounts/locked.html", {"message": message}, status=429)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """Litigants and lawyers open an account with their real-name identity."""
    form = RegistrationForm(request.POST or None, initial={"kind": "litigant"})
    if request.method == "POST":
        try:
            ratelimit.hit("register", client_ip(request), settings.RATE_LIMITS["register"])
        except RateLimited as exc:
            return render(request, "accounts/locked.html", {"message": exc.message}, status=429)
        if form.is_valid():
            try:
                user = services.public_user_register(actor=None, **form.cleaned_data)
            except ValidationFailed as exc:
                form.add_error(RegistrationForm.FIELD_FOR_CODE.get(exc.code), _details_text(exc))
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("注册成功，已完成实名认证"))
                return redirect("accounts:home")
    return render(request, "accounts/register.html", {"form": form})


def _details_text(exc: ValidationFailed) -> str:
    extra = exc.details.get("password") if isinstance(exc.details, dict) else None
    return f"{exc.message}：{'；'.join(extra)}" if extra else exc.message
