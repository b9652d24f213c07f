"""The shared page-action helper: 404 for a record out of scope, the error's message, the success message."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from tianping.core.errors import Conflict, NotFound, ValidationFailed
from tianping.core.pages import id_list, optional_date, optional_int, run_page_action


def _request() -> Any:
    request = RequestFactory().post("/x")
    request._messages = CookieStorage(request)
    return request


def _texts(request: Any) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def _missing() -> Any:
    raise NotFound("无", code="not_found")


def _refuse(_obj: Any) -> Any:
    raise Conflict("状态不允许", code="invalid_transition")


@pytest.mark.django_db
def test_a_record_out_of_scope_is_the_404_page_and_nothing_runs() -> None:
    request, ran = _request(), []
    response = run_page_action(request, load=_missing, act=ran.append, success="好", then=lambda _o: "/back")
    assert response.status_code == 404
    assert ran == []
    assert _texts(request) == []


def test_a_refusal_becomes_its_message_wrapped_in_the_failure_text() -> None:
    request = _request()
    response = run_page_action(
        request, load=lambda: 7, act=_refuse, success="好", then=lambda o: f"/case/{o}", failure="失败：%(reason)s"
    )
    assert (response.status_code, response["Location"]) == (302, "/case/7")
    assert _texts(request) == [("error", "失败：状态不允许")]


def test_success_message_may_use_the_result() -> None:
    request = _request()
    response = run_page_action(
        request, load=lambda: 2, act=lambda n: n * 21, success=lambda r: f"结果 {r}", then=lambda _o: "/done"
    )
    assert response["Location"] == "/done"
    assert _texts(request) == [("success", "结果 42")]


def test_optional_values() -> None:
    assert optional_int("12") == 12
    assert optional_int("x") is None
    assert optional_int(None) is None
    assert optional_date("") is None
    assert str(optional_date("2026-03-09")) == "2026-03-09"
    for bad in ("2026-02-30", "09/03/2026"):
        with pytest.raises(ValidationFailed):
            optional_date(bad)


def test_id_lists_refuse_anything_but_numbers() -> None:
    assert id_list(["3", "12"]) == [3, 12]
    assert id_list([]) == []
    with pytest.raises(ValidationFailed):
        id_list(["3", "drop table"])
