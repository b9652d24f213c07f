"""The appointment pages: litigants book and cancel, staff see the day and record attendance."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.appointments.conftest import at
from tests.conftest import Users
from tianping.appointments import services
from tianping.appointments.enums import BookingStatus
from tianping.appointments.models import Booking

pytestmark = pytest.mark.django_db

URL = "/appointments/"


def test_litigant_books_a_slot_and_cancels_it(client: Client, service: Any, users: Users) -> None:
    client.force_login(users.litigant)
    html = client.get(URL, {"court": service.court_id, "service": service.pk, "date": "2026-09-29"}).content.decode()
    assert "立案窗口" in html
    assert 'value="2026-09-29T09:00:00+08:00"' in html
    assert "<script>" not in html
    assert "style=" not in html
    response = client.post(
        "/appointments/book/",
        {"service": service.pk, "slot_start": "2026-09-29T09:00:00+08:00", "note": "递交材料", "date": "2026-09-29"},
    )
    assert response.status_code == 302
    assert "date=2026-09-29" in response["Location"]
    booking = Booking.objects.get(user=users.litigant)
    assert booking.note == "递交材料"
    html = client.get(response["Location"]).content.decode()
    assert booking.reference in html
    assert "预约成功" in html
    client.post(f"/appointments/bookings/{booking.pk}/cancel/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_errors_show_as_messages(client: Client, service: Any, users: Users) -> None:
    client.force_login(users.litigant)
    response = client.post(
        "/appointments/book/", {"service": service.pk, "slot_start": "2026-10-01T09:00:00+08:00"}, follow=True
    )
    assert "所选日期不是工作日" in response.content.decode()
    assert not Booking.objects.exists()


def test_htmx_returns_the_panel_only(client: Client, service: Any, users: Users) -> None:
    client.force_login(users.lawyer)
    html = client.get(
        URL,
        {"court": service.court_id, "date": "2026-09-30"},
        headers={"HX-Request": "true", "HX-Target": "booking-panel"},
    ).content.decode()
    assert html.lstrip().startswith('<div id="booking-panel"')
    assert "2026-09-30 的时段" in html


def test_staff_page_and_attendance(client: Client, service: Any, users: Users) -> None:
    booking = services.booking_create(actor=users.litigant, service=service, slot_start=at("2026-09-28", "14:00"))
    services.booking_create(actor=users.lawyer, service=service, slot_start=at("2026-10-09", "09:00"))
    client.force_login(users.clerk)
    html = client.get(URL).content.decode()
    assert "今日预约" in html
    assert booking.reference in html
    assert "张三" in html
    assert "立案窗口" in html
    assert "李律师" in html  # upcoming
    client.post(f"/appointments/bookings/{booking.pk}/attendance/", {"outcome": "attended"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED


def test_outsider_gets_404_and_litigant_cannot_mark(client: Client, service: Any, users: Users) -> None:
    booking = services.booking_create(actor=users.litigant, service=service, slot_start=at("2026-09-28", "14:00"))
    client.force_login(users.outsider)
    assert client.post(f"/appointments/bookings/{booking.pk}/attendance/", {"outcome": "attended"}).status_code == 404
    assert client.post(f"/appointments/bookings/{booking.pk}/cancel/").status_code == 404
    client.force_login(users.litigant)
    response = client.post(f"/appointments/bookings/{booking.pk}/attendance/", {"outcome": "attended"}, follow=True)
    assert "只有本院工作人员可以登记到场情况" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
