"""Security headers and the per-request context the audit log reads."""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation

from tianping.core import request_context


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


def client_ip(request: HttpRequest) -> str:
    """The caller's address; X-Forwarded-For is believed only behind a configured proxy."""
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.TRUST_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            candidate = forwarded.split(",")[0].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return ""


class RequestContextMiddleware:
    """Binds the client address and a request id for the duration of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        info = request_context.RequestInfo(client_ip=client_ip(request), request_id=uuid.uuid4().hex)
        with request_context.bound(info):
            response = self.get_response(request)
        response.headers["X-Request-ID"] = info.request_id
        return response


class ApiErrorShapeMiddleware:
    """A 405 from the URL layer (wrong method on a known API path) in the API's error shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code == 405
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            allowed = response.get("Allow", "")
            body = {"code": "method_not_allowed", "message": "不支持该请求方法", "details": {"allowed": allowed}}
            response = JsonResponse(body, status=405, json_dumps_params={"ensure_ascii": False})
            response["Allow"] = allowed
        return response


class LanguageMiddleware:
    """Simplified Chinese unless the user chose another language (the language cookie set by
    Django's set_language view). The browser's Accept-Language is deliberately not followed:
    a court's pages read the same on every office machine."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
