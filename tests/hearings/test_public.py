"""The public hearing listing (庭审公开): only public, upcoming sittings of non-confidential cases;
no party data; no login; rate-limited."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.hearings.conftest import at, schedule
from tianping.hearings import selectors, services

pytestmark = pytest.mark.django_db


def test_listing_shows_public_sittings_with_stream_link(client, world, users):
    streamed = schedule(world, users.judge, courtroom_id=world.tech_room.pk, streamed=True,
                        stream_url="https://live.court.example/1")  # fmt: skip
    closed = schedule(world, users.judge, starts_at=at(6), is_public=False)
    response = client.get("/api/v1/public/hearings")
    assert response.status_code == 200
    rows = response.json()
    assert [r["id"] for r in rows] == [streamed.pk]
    assert rows[0]["case_number"] == world.case.number
    assert rows[0]["court"] == "北京市朝阳区人民法院"
    assert rows[0]["courtroom"] == "科技法庭"
    assert rows[0]["stream_url"] == "https://live.court.example/1"
    assert closed.pk not in {r["id"] for r in rows}


def test_confidential_case_never_listed(client, world, users):
    hearing = schedule(world, users.judge)
    world.case.is_private = True  # becomes confidential after scheduling
    world.case.save()
    assert list(selectors.public_hearings()) == []
    assert client.get("/api/v1/public/hearings").json() == []
    assert hearing.pk not in {h.pk for h in selectors.public_hearings(court_id=world.case.court_id)}


def test_cancelled_and_past_sittings_are_not_listed(client, world, users):
    hearing = schedule(world, users.judge)
    services.hearing_cancel(actor=users.judge, hearing=hearing, reason="撤诉")
    assert client.get("/api/v1/public/hearings").json() == []


def test_no_party_data_in_the_listing(client, world, users):
    schedule(world, users.judge)
    text = client.get("/api/v1/public/hearings").content.decode()
    assert world.plaintiff.id_number not in text
    assert "张三" not in text
    assert not re.search(r"1[3-9]\d{9}", text)


def test_filters_and_bad_input(client, world, users):
    schedule(world, users.judge)
    schedule(world, world.haidian_judge, case=world.haidian_case, courtroom_id=world.haidian_room.pk, starts_at=at(7))
    assert len(client.get(f"/api/v1/public/hearings?court_id={world.haidian_case.court_id}").json()) == 1
    day = at(5).date().isoformat()
    assert len(client.get(f"/api/v1/public/hearings?date_from={day}&date_to={day}").json()) == 1
    bad = client.get("/api/v1/public/hearings?date_from=soon")
    assert bad.status_code == 422
    assert bad.json()["code"] == "validation_failed"
    reversed_range = client.get(f"/api/v1/public/hearings?date_from={day}&date_to=2000-01-01")
    assert reversed_range.json()["code"] == "invalid_date_range"


def test_query_count_does_not_grow(client, world, users):
    schedule(world, users.judge)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/public/hearings")
    for days in range(6, 10):
        schedule(world, users.judge, starts_at=at(days))
    with CaptureQueriesContext(connection) as five:
        assert len(client.get("/api/v1/public/hearings").json()) == 5
    assert len(five) == len(one)


def test_rate_limited(client, world, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public": "3/m"}
    codes = [client.get("/api/v1/public/hearings").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
