"""The appointment API: shapes, error codes through the one handler, roles and scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests import factories
from tests.appointments.conftest import at
from tests.conftest import CourtTree, Users, bearer
from tianping.appointments import services
from tianping.core import clock

pytestmark = pytest.mark.django_db

API = "/api/v1/appointments"


def post(client: Client, url: str, data: dict[str, Any], headers: dict[str, str]) -> Any:
    return client.post(url, data, content_type="application/json", headers=headers)


def test_services_and_slots_are_public(api_client: Client, service: Any, courts: CourtTree) -> None:
    response = api_client.get(f"{API}/services", {"court": courts.chaoyang.pk})
    assert response.status_code == 200
    [item] = response.json()
    assert item["name"] == "立案窗口"
    assert item["kind"] == "window_visit"
    assert item["kind_label"] == "窗口办事"
    assert item["windows"] == [["09:00", "12:00"], ["13:30", "17:00"]]
    assert item["court"]["id"] == courts.chaoyang.pk
    assert item["capacity"] == 2

    day = api_client.get(f"{API}/services/{service.pk}/slots", {"date": "2026-09-29"}).json()
    assert day["working_day"] is True
    assert len(day["slots"]) == 13
    assert day["slots"][0] == {
        "start": "2026-09-29T09:00:00+08:00",
        "end": "2026-09-29T09:30:00+08:00",
        "capacity": 2,
        "remaining": 2,
        "available": True,
    }
    holiday = api_client.get(f"{API}/services/{service.pk}/slots", {"date": "2026-10-01"}).json()
    assert holiday["working_day"] is False
    assert holiday["slots"] == []
    bad = api_client.get(f"{API}/services/{service.pk}/slots", {"date": "2026-13-01"})
    assert bad.status_code == 422
    assert bad.json()["code"] == "validation_failed"
    assert api_client.get(f"{API}/services/999999/slots", {"date": "2026-09-29"}).status_code == 404


def test_booking_flow_and_error_codes(api_client: Client, service: Any, users: Users) -> None:
    litigant, lawyer = bearer(api_client, "litigant"), bearer(api_client, "lawyer")
    body = {"service_id": service.pk, "slot_start": "2026-09-29T09:00:00+08:00", "note": "咨询", "case_number": ""}
    created = post(api_client, f"{API}/bookings", body, litigant)
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["status"] == "booked"
    assert data["status_label"] == "已预约"
    assert data["slot_end"] == "2026-09-29T09:30:00+08:00"
    assert data["reference"].startswith("YY")
    assert data["user"]["id"] == users.litigant.pk
    assert data["service"]["id"] == service.pk

    again = post(api_client, f"{API}/bookings", body, litigant)
    assert (again.status_code, again.json()["code"]) == (409, "already_booked")
    assert post(api_client, f"{API}/bookings", body, lawyer).status_code == 201
    clerk = bearer(api_client, "clerk")
    staff = post(api_client, f"{API}/bookings", body, clerk)
    assert (staff.status_code, staff.json()["code"]) == (403, "litigants_only")

    cases = {
        "2026-09-29T09:00:00+08:00": (409, "slot_full"),
        "2026-10-01T09:00:00+08:00": (422, "not_a_working_day"),
        "2026-09-28T09:00:00+08:00": (422, "slot_in_past"),
        "2026-09-29T09:15:00+08:00": (422, "slot_not_available"),
        "2026-12-01T09:00:00+08:00": (422, "too_far_ahead"),
    }
    factories.litigant_user("lit3", "孙三")
    other = bearer(api_client, "lit3")
    for when, (status, code) in cases.items():
        response = post(api_client, f"{API}/bookings", {**body, "slot_start": when}, other)
        assert (response.status_code, response.json()["code"]) == (status, code), when
        assert set(response.json()) == {"code", "message", "details"}
    missing = post(api_client, f"{API}/bookings", {"service_id": service.pk}, other)
    assert (missing.status_code, missing.json()["code"]) == (422, "validation_failed")
    assert api_client.post(f"{API}/bookings", body, content_type="application/json").status_code == 401


def test_lists_scope_and_404_for_outsiders(
    api_client: Client, service: Any, users: Users, django_assert_max_num_queries: Any
) -> None:
    mine = services.booking_create(actor=users.litigant, service=service, slot_start=at("2026-09-29", "09:00"))
    services.booking_create(actor=users.lawyer, service=service, slot_start=at("2026-09-29", "09:30"))
    services.booking_create(actor=users.lawyer, service=service, slot_start=at("2026-09-30", "09:30"))

    litigant = bearer(api_client, "litigant")
    response = api_client.get(f"{API}/bookings", headers=litigant)
    assert [b["id"] for b in response.json()] == [mine.pk]

    clerk = bearer(api_client, "clerk")
    with django_assert_max_num_queries(8):
        court = api_client.get(f"{API}/bookings", headers=clerk).json()
    assert len(court) == 3
    one_day = api_client.get(
        f"{API}/bookings", {"date_from": "2026-09-30", "date_to": "2026-09-30"}, headers=clerk
    ).json()
    assert len(one_day) == 1
    # The higher court reads the courts below it; another court's staff sees nothing.
    assert len(api_client.get(f"{API}/bookings", headers=bearer(api_client, "judge3")).json()) == 3
    outsider = bearer(api_client, "outsider")
    assert api_client.get(f"{API}/bookings", headers=outsider).json() == []
    seen = api_client.get(f"{API}/bookings/{mine.pk}", headers=outsider)
    assert (seen.status_code, seen.json()["code"]) == (404, "booking_not_found")
    cancel = post(api_client, f"{API}/bookings/{mine.pk}/cancel", {}, outsider)
    assert (cancel.status_code, cancel.json()["code"]) == (404, "booking_not_found")
    lawyer = bearer(api_client, "lawyer")
    assert api_client.get(f"{API}/bookings/{mine.pk}", headers=lawyer).status_code == 404
    marked = post(api_client, f"{API}/bookings/{mine.pk}/attendance", {"outcome": "attended"}, outsider)
    assert marked.status_code == 404


def test_cancel_and_attendance_over_the_api(api_client: Client, service: Any, users: Users) -> None:
    booking = services.booking_create(actor=users.litigant, service=service, slot_start=at("2026-09-29", "09:00"))
    denied = post(
        api_client, f"{API}/bookings/{booking.pk}/attendance", {"outcome": "attended"}, bearer(api_client, "litigant")
    )
    assert (denied.status_code, denied.json()["code"]) == (403, "role_required")
    with clock.frozen_at(at("2026-09-29", "09:10")):
        litigant = bearer(api_client, "litigant")
        late = post(api_client, f"{API}/bookings/{booking.pk}/cancel", {"reason": "有事"}, litigant)
        assert (late.status_code, late.json()["code"]) == (409, "too_late_to_cancel")
        clerk = bearer(api_client, "clerk")
        bad = post(api_client, f"{API}/bookings/{booking.pk}/attendance", {"outcome": "late"}, clerk)
        assert (bad.status_code, bad.json()["code"]) == (422, "validation_failed")
        ok = post(api_client, f"{API}/bookings/{booking.pk}/attendance", {"outcome": "attended"}, clerk)
        assert ok.status_code == 200
        assert ok.json()["status"] == "attended"
        assert ok.json()["marked_at"]
        gone = post(api_client, f"{API}/bookings/{booking.pk}/cancel", {}, clerk)
        assert (gone.status_code, gone.json()["code"]) == (409, "not_cancellable")

    other = services.booking_create(actor=users.lawyer, service=service, slot_start=at("2026-09-29", "10:00"))
    cancelled = post(api_client, f"{API}/bookings/{other.pk}/cancel", {"reason": "改期"}, bearer(api_client, "lawyer"))
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == "改期"


def test_staff_create_service_over_the_api(api_client: Client, courts: CourtTree, users: Users, frozen: Any) -> None:
    body = {"court_id": courts.chaoyang.pk, "kind": "judge_meeting", "name": "约见法官", "judge_id": users.judge.pk,
            "slot_minutes": 20, "capacity": 1, "windows": [["14:00", "16:00"]]}  # fmt: skip
    created = post(api_client, f"{API}/services", body, bearer(api_client, "clerk"))
    assert created.status_code == 201, created.content
    assert created.json()["judge"] == {"id": users.judge.pk, "name": "李法官"}
    denied = post(api_client, f"{API}/services", {**body, "name": "另一个"}, bearer(api_client, "judge"))
    assert (denied.status_code, denied.json()["code"]) == (403, "role_required")
    foreign = post(api_client, f"{API}/services", body, bearer(api_client, "outsider"))
    assert (foreign.status_code, foreign.json()["code"]) == (404, "court_not_found")
