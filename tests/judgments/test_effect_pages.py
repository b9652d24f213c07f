"""Pages: the effect section on the case page (refresh, appeal form for the court above), the archive
page (checklist, seal, manifest and verification)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.cases.conftest import on_day
from tests.conftest import Users
from tests.judgments.test_effect_support import World, issue, serve_all, serve_on_paper
from tianping.accounts.models import User
from tianping.cases.enums import CaseStatus
from tianping.judgments.enums import EffectStatus
from tianping.judgments.models import Archive

pytestmark = pytest.mark.django_db
D = dt.date


def login(client: Client, username: str) -> Client:
    client.force_login(User.objects.get(username=username))
    return client


def test_case_page_shows_periods_and_refresh_updates_them(client: Client, world: World, users: Users) -> None:
    document = issue(users, world.case)
    serve_on_paper(users, world.court_clerk, document, world.plaintiff, D(2026, 9, 20))
    login(client, "courtclerk")
    with on_day(D(2026, 9, 21)):
        response = client.post(reverse("judgments:effect_refresh", args=[document.pk]), follow=True)
    page = response.content.decode()
    assert "上诉期内" in page
    assert "2026-10-08" in page
    assert "登记上诉" not in page  # only the court above registers appeals
    document.refresh_from_db()
    assert document.effect_status == EffectStatus.APPEAL_PERIOD


def test_appeal_form_for_the_court_above(client: Client, world: World, users: Users) -> None:
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 20))
    login(client, "clerk3")
    page = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "登记上诉" in page
    url = reverse("judgments:appeal_register", args=[document.pk])
    with on_day(D(2026, 10, 9)):
        late = client.post(url, {"party_id": world.defendant.pk, "filed_on": "2026-10-09"}, follow=True)
    assert "已超过上诉期限" in late.content.decode()
    with on_day(D(2026, 10, 9)):
        bad = client.post(url, {"party_id": "x", "filed_on": "not a date"}, follow=True)
    assert bad.status_code == 200
    with on_day(D(2026, 10, 8)):
        done = client.post(url, {"party_id": world.defendant.pk, "filed_on": "2026-10-08"}, follow=True)
    assert "京03民终1号" in done.content.decode()


def test_archive_page_checklist_seal_and_manifest(client: Client, world: World, users: Users) -> None:
    document = issue(users, world.case)
    login(client, "courtclerk")
    url = reverse("judgments:archive", args=[world.case.pk])
    page = client.get(url).content.decode()
    assert "文书已送达全部当事人" in page
    assert "未送达" in page
    refused = client.post(reverse("judgments:archive_seal", args=[world.case.pk]), follow=True)
    assert "未能归档" in refused.content.decode()
    assert not Archive.objects.exists()
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    with on_day(D(2026, 10, 20)):
        client.post(reverse("judgments:effect_refresh", args=[document.pk]))
        sealed = client.post(reverse("judgments:archive_seal", args=[world.case.pk]), follow=True).content.decode()
    assert "京0105-2026-档-000001" in sealed
    assert "核验通过" in sealed
    assert document.pdf_sha256 in sealed
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.ARCHIVED


def test_archive_page_is_for_staff_only(client: Client, world: World, users: Users) -> None:
    login(client, "litigant")
    assert client.get(reverse("judgments:archive", args=[world.case.pk])).status_code == 404
    login(client, "outsider")
    assert client.get(reverse("judgments:archive", args=[world.case.pk])).status_code == 404
    assert client.post(reverse("judgments:archive_seal", args=[world.case.pk])).status_code == 404
    assert client.post(reverse("judgments:effect_refresh", args=[999999])).status_code == 404


def test_archive_queue_lists_closed_cases_for_court_clerks(client: Client, world: World, users: Users) -> None:
    login(client, "courtclerk")
    url = reverse("judgments:archive_queue")
    assert world.case.number not in client.get(url).content.decode()  # still in trial
    issue(users, world.case)
    page = client.get(url).content.decode()
    assert world.case.number in page
    assert reverse("judgments:archive", args=[world.case.pk]) in page
    assert "待归档" in client.get(reverse("cases:list")).content.decode()  # navigation entry
    login(client, "litigant")
    assert client.get(url).status_code == 404
    login(client, "outsider")
    assert world.case.number not in client.get(url).content.decode()


def test_a_document_effective_on_service_shows_each_partys_service(client: Client, world: World, users: Users) -> None:
    from tianping.judgments.enums import DocumentKind

    document = issue(users, world.case, kind=DocumentKind.MEDIATION)
    serve_on_paper(users, world.court_clerk, document, world.plaintiff, D(2026, 9, 14))
    login(client, "judge")
    section = client.get(reverse("cases:detail", args=[world.case.pk])).content.decode()
    assert "送达即生效" in section
    assert "2026-09-14 送达" in section
    assert "未送达" in section  # the defendant
