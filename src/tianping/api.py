"""The JSON API at /api/v1 and its one error handler: every error is
``{"code", "message", "details"}`` with the right status, never a bare 500 for bad input."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from tianping.accounts.api import BearerAuth, VerifiedSessionAuth
from tianping.accounts.api import router as accounts_router
from tianping.appointments.api import router as appointments_router
from tianping.cases.api import reference_router as case_reference_router
from tianping.cases.api import router as cases_router
from tianping.core.errors import ApplicationError, NotFound
from tianping.courts.api import router as courts_router
from tianping.credit.api import router as credit_router
from tianping.delivery.api import router as delivery_router
from tianping.dossier.api import router as dossier_router
from tianping.filing.api import router as fees_router
from tianping.filing.api_filings import router as filings_router
from tianping.hearings.api import public_router as public_hearings_router
from tianping.hearings.api import router as hearings_router
from tianping.judgments.api import router as judgments_router
from tianping.notify.api import router as notify_router
from tianping.notify.api import voice_router
from tianping.payments.api import router as payments_router
from tianping.portal.api import router as portal_router
from tianping.publicity.api import router as publicity_router
from tianping.search.api import router as search_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Tianping 天平 API",
    version="1",
    description="人民法院一体化平台接口。错误统一为 {code, message, details}。",
    urls_namespace="api",
    auth=[BearerAuth(), VerifiedSessionAuth()],
)


def _error(request: HttpRequest, status: int, code: str, message: str, details: Any = None) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, "details": details or {}}, status=status)


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return _error(request, exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = [
        {"loc": [str(part) for part in e.get("loc", [])], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
        for e in exc.errors
    ]
    return _error(request, 422, "validation_failed", "输入有误", {"errors": fields})


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "authentication_required", "请先登录或提供有效的访问令牌")


@api.exception_handler(AuthorizationError)
def authorization_error(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return _error(request, 403, "permission_denied", "无权执行此操作")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, NotFound.code, NotFound.default_message)


@api.exception_handler(ObjectDoesNotExist)
def object_missing(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 404, NotFound.code, NotFound.default_message)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {400: "bad_request", 401: "authentication_required", 403: "permission_denied", 405: "method_not_allowed"}
    return _error(request, exc.status_code, code.get(exc.status_code, "http_error"), str(exc))


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _error(request, 413, "request_too_large", "请求内容过大", {"max_bytes": limit})


@api.exception_handler(Exception)
def unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("unhandled API error", exc_info=exc)
    return _error(request, 500, "internal_error", "服务器内部错误，请稍后重试")


api.add_router("/", accounts_router)
api.add_router("/courts", courts_router)
api.add_router("/cases", cases_router)
api.add_router("/", case_reference_router)
api.add_router("/fees", fees_router)
api.add_router("/filings", filings_router)
api.add_router("/notifications", notify_router)
api.add_router("/voice", voice_router)
api.add_router("/appointments", appointments_router)
api.add_router("/", dossier_router)
api.add_router("/payments", payments_router)
api.add_router("/portal", portal_router)
api.add_router("/", delivery_router)
api.add_router("/", hearings_router)
api.add_router("/public", public_hearings_router)
api.add_router("/", judgments_router)
api.add_router("/", publicity_router)
api.add_router("/", search_router)
api.add_router("/credit", credit_router)

# Registered last, so it only sees paths no route above matched: an unknown API path gets
# the same JSON error as a missing object instead of Django's HTML 404 page.
unknown_paths = Router(auth=None)


@unknown_paths.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False)
def unknown_path(request: HttpRequest, rest: str) -> HttpResponse:
    raise NotFound()


api.add_router("/", unknown_paths)
