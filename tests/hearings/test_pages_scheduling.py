"""Hearing pages: the case section, scheduling form, hearing page with actions, calendar, my hearings,
the public listing; 404 for outsiders."""

from __future__ import annotations

import pytest

from tests.hearings.conftest import at, schedule
from tianping.accounts.models import User
from tianping.hearings.enums import HearingStatus
from tianping.hearings.models import Hearing

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(User.objects.get(username=username))


def form(world, **overrides):
    start = at(5, 9)
    data = {"kind": "hearing", "mode": "in_person", "day": start.date().isoformat(), "time": "09:00",
            "duration": "120", "room": str(world.room.pk), "presiding": "", "clerk": "", "public": "",
            "others": "证人甲\n鉴定人:王鉴定"}  # fmt: skip
    data.update(overrides)
    return data


def test_case_page_lists_hearings_and_links_to_the_form(client, world, users):
    hearing = schedule(world, users.judge)
    login(client, "judge")
    page = client.get(f"/cases/{world.case.pk}/").content.decode()
    assert "庭审排期" in page
    assert f"/hearings/{hearing.pk}/" in page
    assert f"/hearings/cases/{world.case.pk}/new/" in page
    client.logout()
    login(client, "litigant")
    page = client.get(f"/cases/{world.case.pk}/").content.decode()
    assert f"/hearings/{hearing.pk}/" in page
    assert f"/hearings/cases/{world.case.pk}/new/" not in page


def test_schedule_form(client, world, users):
    login(client, "judge")
    assert client.get(f"/hearings/cases/{world.case.pk}/new/").status_code == 200
    response = client.post(f"/hearings/cases/{world.case.pk}/new/", form(world))
    hearing = Hearing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/hearings/{hearing.pk}/"
    assert set(hearing.participants.values_list("name", flat=True)) >= {"证人甲", "王鉴定"}


def test_schedule_form_shows_conflict_and_bad_input(client, world, users):
    schedule(world, users.division_head, case=world.other_case)
    login(client, "judge")
    response = client.post(f"/hearings/cases/{world.case.pk}/new/", form(world, time="10:00"))
    assert response.status_code == 409
    assert "排期冲突" in response.content.decode()
    assert world.other_case.number in response.content.decode()
    for bad in ({"day": "soon"}, {"duration": "x"}, {"judges": ["a"]}, {"others": "法官:某"}, {"room": "zz"}):
        response = client.post(f"/hearings/cases/{world.case.pk}/new/", form(world, **bad))
        assert 400 <= response.status_code < 500
    assert Hearing.objects.count() == 1


def test_schedule_form_refused_to_party_and_outsider(client, world, users):
    login(client, "litigant")
    assert client.get(f"/hearings/cases/{world.case.pk}/new/").status_code == 403
    client.logout()
    login(client, "outsider")
    assert client.get(f"/hearings/cases/{world.case.pk}/new/").status_code == 404


def test_detail_page_and_actions(client, world, users):
    hearing = schedule(world, users.judge)
    login(client, "litigant")
    page = client.get(f"/hearings/{hearing.pk}/").content.decode()
    assert "139****5678" in page
    assert "13912345678" not in page
    assert "取消开庭" not in page
    client.logout()
    login(client, "outsider")
    assert client.get(f"/hearings/{hearing.pk}/").status_code == 404
    assert client.post(f"/hearings/{hearing.pk}/cancel/", {"reason": "x"}).status_code == 404
    client.logout()
    login(client, "judge")
    assert "取消开庭" in client.get(f"/hearings/{hearing.pk}/").content.decode()
    new = at(8, 14)
    change = {"day": new.date().isoformat(), "time": "14:00", "duration": "60", "reason": "当事人申请"}
    response = client.post(f"/hearings/{hearing.pk}/reschedule/", change)
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert hearing.starts_at == new
    client.post(f"/hearings/{hearing.pk}/cancel/", {"reason": "撤诉"})
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.CANCELLED


def test_calendar_mine_and_public_pages(client, world, users):
    hearing = schedule(world, users.judge)
    login(client, "judge")
    day = hearing.starts_at.date().isoformat()
    page = client.get(f"/hearings/calendar/?date={day}&view=week").content.decode()
    assert "第一法庭" in page
    assert world.case.number in page
    assert client.get("/hearings/calendar/?date=bad").status_code == 200
    assert client.get(f"/hearings/calendar/?court={world.haidian_case.court_id}").status_code == 404
    assert world.case.number in client.get("/hearings/mine/").content.decode()
    client.logout()
    login(client, "lawyer")
    assert world.case.number in client.get("/hearings/mine/").content.decode()
    assert client.get("/hearings/calendar/").status_code == 404
    client.logout()
    public = client.get("/hearings/public/")
    assert public.status_code == 200
    assert world.case.number in public.content.decode()
    assert "张三" not in public.content.decode()
    assert client.get("/hearings/public/?from=bad").status_code == 200
