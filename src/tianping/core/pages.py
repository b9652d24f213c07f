"""The one shape of a page form post: load the record through its gatekeeper, call one service,
say how it went, redirect. Also the shared 404 page and the parsing of optional form values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from tianping.core.errors import ApplicationError, NotFound, ValidationFailed

Loaded = TypeVar("Loaded")
Result = TypeVar("Result")


def not_found_page(request: HttpRequest) -> HttpResponse:
    return render(request, "404.html", status=404)


def run_page_action(
    request: HttpRequest,
    *,
    load: Callable[[], Loaded],
    act: Callable[[Loaded], Result],
    success: str | Callable[[Result], str],
    then: Callable[[Loaded], str],
    failure: str = "",
) -> HttpResponse:
    """``load()`` the record (NotFound → the 404 page), ``act`` on it (an ApplicationError → its
    message, wrapped in ``failure`` with ``%(reason)s`` when given; else the ``success`` message),
    then redirect to the URL ``then`` gives for the record."""
    try:
        loaded = load()
    except NotFound:
        return not_found_page(request)
    try:
        result = act(loaded)
    except ApplicationError as exc:
        messages.error(request, failure % {"reason": exc.message} if failure else exc.message)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect(then(loaded))


def optional_int(value: str | None) -> int | None:
    """A form's integer, or None when missing or not a number."""
    try:
        return int(value) if value else None
    except ValueError:
        return None


def id_list(values: list[str]) -> list[int]:
    """The ids a form's checkboxes or multi-select sent; anything not a number is a ValidationFailed."""
    ids = [optional_int(value) for value in values]
    if any(i is None for i in ids):
        raise ValidationFailed(_("选择无效"), code="invalid_choice")
    return [i for i in ids if i is not None]


def optional_date(value: str | None) -> dt.date | None:
    """A form's ISO date, or None when missing; a malformed one is a ValidationFailed."""
    if not value:
        return None
    try:
        parsed = parse_date(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationFailed(_("日期格式不正确"), code="invalid_date")
    return parsed
