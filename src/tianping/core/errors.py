"""The ``ApplicationError`` tree: every rule violation has a stable code and an HTTP status.

Services raise these; the one API handler (``tianping.api``) and the page helpers turn
them into ``{"code", "message", "details"}`` or a message on the page.
"""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """Base of all expected errors. ``code`` is stable and documented; ``message`` is for people."""

    status = 400
    code = "application_error"
    default_message = "请求无法处理"

    def __init__(self, message: str | None = None, *, code: str | None = None, details: Any = None) -> None:
        self.message = str(message or self.default_message)
        if code:
            self.code = code
        self.details = details if details is not None else {}
        super().__init__(self.message)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "details": self.details}


class ValidationFailed(ApplicationError):
    status = 422
    code = "validation_failed"
    default_message = "输入有误"


class AuthenticationFailed(ApplicationError):
    status = 401
    code = "authentication_failed"
    default_message = "用户名或密码错误"


class AccountLocked(ApplicationError):
    status = 429
    code = "account_locked"
    default_message = "登录失败次数过多，账户已被暂时锁定"


class PermissionDenied(ApplicationError):
    """The user is known to see the object but may not do this to it."""

    status = 403
    code = "permission_denied"
    default_message = "无权执行此操作"


class NotFound(ApplicationError):
    """Unknown objects, and objects outside the user's scope: both look the same to the caller."""

    status = 404
    code = "not_found"
    default_message = "对象不存在或无权访问"


class Conflict(ApplicationError):
    status = 409
    code = "conflict"
    default_message = "操作与当前状态冲突"


class RateLimited(ApplicationError):
    status = 429
    code = "rate_limited"
    default_message = "请求过于频繁，请稍后再试"
