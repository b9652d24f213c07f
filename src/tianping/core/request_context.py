"""Who is asking, from where: set once per request by middleware, read by the audit log."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
from collections.abc import Iterator


@dataclasses.dataclass(frozen=True)
class RequestInfo:
    client_ip: str = ""
    request_id: str = ""


_current: contextvars.ContextVar[RequestInfo] = contextvars.ContextVar("tianping_request", default=RequestInfo())  # noqa: B039 (frozen)


def current() -> RequestInfo:
    return _current.get()


@contextlib.contextmanager
def bound(info: RequestInfo) -> Iterator[None]:
    token = _current.set(info)
    try:
        yield
    finally:
        _current.reset(token)
