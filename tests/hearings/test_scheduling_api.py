"""The scheduling API: status codes, error codes, no partial writes, query counts on the lists."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import bearer
from tests.hearings.conftest import at, schedule
from tianping.hearings.models import Hearing

pytestmark = pytest.mark.django_db


def post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", headers=headers)


def body(world, **overrides):
    data = {"kind": "hearing", "mode": "in_person", "starts_at": at(5, 9).isoformat(), "duration_minutes": 120,
            "courtroom_id": world.room.pk}  # fmt: skip
    data.update(overrides)
    return data


def test_schedule_and_read(api_client, world, users):
    headers = bearer(api_client, "judge")
    response = post(api_client, f"/api/v1/cases/{world.case.pk}/hearings",
                    body(world, participants=[{"role": "witness", "name": "证人甲"}]), headers)  # fmt: skip
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["courtroom"] == "第一法庭"
    assert data["presiding_judge"]["id"] == users.judge.pk
    names = {p["name"]: p for p in data["participants"]}
    assert "证人甲" in names
    assert names["北京某某科技有限公司"]["mobile"] == "139****5678"
    assert names["北京某某科技有限公司"]["role_label"] == "被告"  # a party by their standing in the case
    assert names["证人甲"]["role_label"] == "证人"
    listed = api_client.get(f"/api/v1/cases/{world.case.pk}/hearings", headers=headers).json()
    assert [h["id"] for h in listed] == [data["id"]]
    assert api_client.get(f"/api/v1/hearings/{data['id']}", headers=headers).status_code == 200


def test_conflict_is_409_with_details(api_client, world, users):
    schedule(world, users.judge)
    headers = bearer(api_client, "divhead")
    response = post(api_client, f"/api/v1/cases/{world.other_case.pk}/hearings", body(world), headers)
    assert response.status_code == 409
    error = response.json()
    assert error["code"] == "hearing_conflict"
    assert error["details"]["conflicts"][0]["kind"] == "courtroom"
    assert error["details"]["conflicts"][0]["case_number"] == world.case.number
    assert Hearing.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"starts_at": "tomorrow"}, 422, "validation_failed"),
        ({"duration_minutes": "long"}, 422, "validation_failed"),
        ({"kind": "party"}, 422, "validation_failed"),
        ({"courtroom_id": 999999}, 422, "invalid_courtroom"),
        ({"starts_at": "2030-01-07T09:00:00"}, 422, "naive_datetime"),
        ({"duration_minutes": 1000}, 422, "invalid_duration"),
        ({"participants": [{"role": "judge", "name": "x"}]}, 422, "validation_failed"),
        ({"note": "长" * 301}, 422, "validation_failed"),
    ],
)
def test_bad_input(api_client, world, overrides, status, code):
    headers = bearer(api_client, "judge")
    response = post(api_client, f"/api/v1/cases/{world.case.pk}/hearings", body(world, **overrides), headers)
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert set(response.json()) == {"code", "message", "details"}
    assert not Hearing.objects.exists()


def test_permissions(api_client, world, users):
    hearing = schedule(world, users.judge)
    party = bearer(api_client, "litigant")
    response = post(
        api_client, f"/api/v1/cases/{world.case.pk}/hearings", body(world, starts_at=at(9).isoformat()), party
    )
    assert response.status_code == 403
    assert api_client.get(f"/api/v1/hearings/{hearing.pk}", headers=party).status_code == 200
    outsider = bearer(api_client, "outsider")
    assert api_client.get(f"/api/v1/hearings/{hearing.pk}", headers=outsider).status_code == 404
    assert post(api_client, f"/api/v1/cases/{world.case.pk}/hearings", body(world), outsider).status_code == 404
    response = post(api_client, f"/api/v1/hearings/{hearing.pk}/cancel", {"reason": "x"}, outsider)
    assert response.status_code == 404
    assert post(api_client, f"/api/v1/hearings/{hearing.pk}/cancel", {"reason": "x"}, party).status_code == 403
    assert api_client.get(f"/api/v1/cases/{world.case.pk}/hearings").status_code == 401


def test_reschedule_cancel_and_transitions(api_client, world, users):
    hearing = schedule(world, users.judge)
    headers = bearer(api_client, "judge")
    url = f"/api/v1/hearings/{hearing.pk}"
    change = {"starts_at": at(8, 14).isoformat(), "duration_minutes": 60, "reason": "当事人申请"}
    moved = post(api_client, f"{url}/reschedule", change, headers)
    assert moved.status_code == 200, moved.content
    assert moved.json()["status_reason"] == "当事人申请"
    assert post(api_client, f"{url}/start", {}, headers).json()["code"] == "hearing_too_early"
    assert post(api_client, f"{url}/cancel", {"reason": ""}, headers).json()["code"] == "reason_required"
    assert post(api_client, f"{url}/cancel", {"reason": "撤诉"}, headers).json()["status"] == "cancelled"
    assert post(api_client, f"{url}/finish", {}, headers).json()["code"] == "illegal_hearing_transition"


def test_mine_and_calendar_with_bounded_queries(api_client, world, users):
    for days in range(5, 9):
        schedule(world, users.judge, starts_at=at(days, 9))
    headers = bearer(api_client, "judge")
    with CaptureQueriesContext(connection) as few:
        response = api_client.get("/api/v1/hearings/mine", headers=headers)
    assert len(response.json()) == 4
    for days in range(9, 13):
        schedule(world, users.judge, starts_at=at(days, 9))
    with CaptureQueriesContext(connection) as more:
        assert len(api_client.get("/api/v1/hearings/mine", headers=headers).json()) == 8
    assert len(more) <= len(few)
    day = at(5).date().isoformat()
    response = api_client.get(
        f"/api/v1/courts/{world.case.court_id}/hearing-calendar?date={day}&days=7", headers=headers
    )
    assert response.status_code == 200
    room = next(r for r in response.json()["rows"] if r["courtroom"] == "第一法庭")
    assert [len(d["hearings"]) for d in room["days"]] == [1, 1, 1, 1, 1, 1, 1]
    bad = api_client.get(f"/api/v1/courts/{world.case.court_id}/hearing-calendar?days=99", headers=headers)
    assert bad.json()["code"] == "invalid_days"
    haidian = api_client.get(f"/api/v1/courts/{world.haidian_case.court_id}/hearing-calendar", headers=headers)
    assert haidian.status_code == 404
