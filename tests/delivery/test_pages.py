"""Electronic-service pages: the inbox (我的送达), the case's 送达 page for staff and parties, the
court clerk's tasks, and the forms behind them."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Users
from tests.delivery.conftest import World, consent, serve
from tianping.accounts.models import User
from tianping.delivery.enums import ServiceStatus
from tianping.delivery.models import Consent, Service

pytestmark = pytest.mark.django_db


def login(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


def test_inbox_lists_and_opening_records_the_time(client: Client, users: Users, world: World) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    login(client, "litigant")
    page = client.get(reverse("delivery:inbox"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "民事裁定书" in html
    assert world.case.number in html
    assert "未查阅" in html
    assert "我的送达" in html  # the navigation entry
    detail = client.get(reverse("delivery:inbox_item", args=[service.pk]))
    assert detail.status_code == 200
    assert "尚未查阅" in detail.content.decode()
    opened = client.get(reverse("delivery:inbox_file", args=[service.pk]))
    assert opened.status_code == 200
    assert opened["Content-Disposition"].startswith("inline")
    service.refresh_from_db()
    assert service.first_opened_at is not None
    assert service.open_count == 1


def test_another_litigant_gets_404(client: Client, users: Users, world: World) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    login(client, "litigant2")
    for name in ("delivery:inbox_item", "delivery:inbox_file", "delivery:proof"):
        assert client.get(reverse(name, args=[service.pk])).status_code == 404, name
    assert client.post(reverse("delivery:paper_request", args=[service.pk])).status_code == 404
    assert "民事裁定书" not in client.get(reverse("delivery:inbox")).content.decode()
    service.refresh_from_db()
    assert service.open_count == 0


def test_party_confirms_online_on_the_case_page(client: Client, users: Users, world: World) -> None:
    login(client, "litigant")
    page = client.get(reverse("delivery:case", args=[world.case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "同意电子送达" in html
    assert "北京某某科技有限公司" not in html  # the litigant sees only their own party
    assert 'name="document"' not in html  # no serve form for a party
    response = client.post(
        reverse("delivery:consent", args=[world.case.pk]),
        {"party": world.plaintiff.pk, "alert_mobile": "13800138000", "alert_email": ""},
    )
    assert response.status_code == 302
    assert Consent.objects.get().inbox_account == users.litigant


def test_staff_serve_through_the_page_and_record_a_paper_outcome(client: Client, users: Users, world: World) -> None:
    consent(world, users.litigant, world.plaintiff)
    login(client, "courtclerk")
    page = client.get(reverse("delivery:case", args=[world.case.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "民事裁定书" in html
    assert "合议庭评议笔录" not in html
    response = client.post(
        reverse("delivery:serve", args=[world.case.pk]),
        {"document": [world.ruling.pk], "party": [world.plaintiff.pk, world.defendant.pk], "paper_method": "direct"},
    )
    assert response.status_code == 302
    statuses = dict(Service.objects.values_list("party_id", "status"))
    assert statuses == {world.plaintiff.pk: ServiceStatus.SERVED, world.defendant.pk: ServiceStatus.PAPER_PENDING}
    tasks = client.get(reverse("delivery:tasks"))
    assert tasks.status_code == 200
    task = Service.objects.get(party=world.defendant)
    assert "北京某某科技有限公司" in tasks.content.decode()
    assert reverse("delivery:outcome", args=[task.pk]) in tasks.content.decode()  # the outcome form is offered
    serve_form = client.get(reverse("delivery:case", args=[world.case.pk])).content.decode().splitlines()
    offered = [line for line in serve_form if 'name="document"' in line]
    assert offered  # the ruling is still offered …
    assert not any("送达回证" in line for line in offered)  # … but never a proof of service
    done = client.post(
        reverse("delivery:outcome", args=[task.pk]),
        {"outcome": "failed", "reason": "拒收", "back": "tasks"},
    )
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.status == ServiceStatus.PAPER_FAILED
    proof = client.get(reverse("delivery:proof", args=[Service.objects.get(party=world.plaintiff).pk]))
    assert proof.status_code == 200
    assert proof["Content-Type"] == "application/pdf"


def test_page_errors_are_messages_not_500(client: Client, users: Users, world: World) -> None:
    login(client, "judge")
    response = client.post(
        reverse("delivery:serve", args=[world.case.pk]), {"document": [world.memo.pk], "party": [world.plaintiff.pk]}
    )
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "副卷材料不对当事人公开" in follow.content.decode()
    assert not Service.objects.exists()
    bad = client.post(reverse("delivery:serve", args=[world.case.pk]), {"document": ["x"], "party": ["y"]})
    assert bad.status_code == 302
    assert not Service.objects.exists()


def test_outsider_staff_and_case_page_link(client: Client, users: Users, world: World) -> None:
    login(client, "outsider")
    assert client.get(reverse("delivery:case", args=[world.case.pk])).status_code == 404
    client.logout()
    login(client, "judge")
    detail = client.get(reverse("cases:detail", args=[world.case.pk]))
    assert reverse("delivery:case", args=[world.case.pk]) in detail.content.decode()


def test_navigation_entries(client: Client, users: Users, world: World) -> None:
    login(client, "courtclerk")
    html: Any = client.get(reverse("delivery:tasks")).content.decode()
    assert "送达任务" in html
    assert "我的送达" not in html


def test_consent_history_is_shown_after_a_withdrawal(client: Client, users: Users, world: World) -> None:
    from tianping.delivery import services

    given = consent(world, users.litigant, world.plaintiff)
    services.consent_withdraw(actor=users.litigant, consent=given, reason="改为纸质送达")
    login(client, "judge")
    html = client.get(reverse("delivery:case", args=[world.case.pk])).content.decode()
    assert "确认书记录" in html
    assert "改为纸质送达" in html
