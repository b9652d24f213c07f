"""The party portal: one page and one API answer with a party's filings, cases, fees, served
documents, appointments and reading rights — and nothing of anybody else's."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import bearer
from tests.delivery.conftest import World, consent, serve
from tianping.core import clock
from tianping.dossier import services as dossier_services
from tianping.payments import services as payment_services
from tianping.payments.enums import PaymentPurpose

pytestmark = pytest.mark.django_db

MAX_QUERIES = 25  # the page's queries do not grow with the number of items


@pytest.fixture
def busy_litigant(world: World, users: Any, make_filing: Any) -> Any:
    """张三 (users.litigant): a draft filing, a case, an unpaid fee, an unopened served ruling and
    a granted reading request."""
    make_filing(actor=users.litigant)
    payment_services.fee_order_issue(
        actor=users.clerk,
        court_id=world.case.court_id,
        payer_account_id=users.litigant.pk,
        payer_name="张三",
        amount=Decimal("3300.00"),
        purpose=PaymentPurpose.ACCEPTANCE_FEE,
        related_type="cases.Case",
        related_id=world.case.pk,
        description="案件受理费",
    )
    consent(world, users.litigant, world.plaintiff)
    serve(world, users.judge, world.plaintiff, at=clock.now())
    request = dossier_services.reading_request_create(actor=users.litigant, case=world.case, purpose="准备庭审")
    dossier_services.reading_request_grant(
        actor=users.president,  # the case has no judge drawn yet; the president may decide
        reading_request=request,
        expires_at=clock.now() + dt.timedelta(days=5),
        all_main_volume=True,
    )
    return users.litigant


def test_the_page_shows_every_area_of_the_party(client: Any, busy_litigant: Any, world: World) -> None:
    client.force_login(busy_litigant)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/portal/")
    assert response.status_code == 200
    html = response.content.decode()
    assert world.case.number in html  # the case, and the reading right on it
    assert "民事裁定书" in html  # the served ruling
    assert "未查阅" in html
    assert "3300.00" in html  # the fee due
    assert "草稿" in html  # the draft filing
    assert len(queries) <= MAX_QUERIES, len(queries)


def test_the_api_counts_what_waits_for_the_party(api_client: Any, busy_litigant: Any) -> None:
    response = api_client.get("/api/v1/portal/overview", headers=bearer(api_client, busy_litigant.username))
    assert response.status_code == 200
    body = response.json()
    assert body["filings"] == {"total": 1, "pending": 1}  # a draft to finish
    assert body["cases"]["total"] == 1
    assert body["fees"] == {"total": 1, "pending": 1}
    assert body["served"] == {"total": 1, "pending": 1}
    assert body["reading"] == {"total": 1, "pending": 1}
    assert body["appointments"] == {"total": 0, "pending": 0}


def test_another_party_sees_nothing_of_it(api_client: Any, busy_litigant: Any, world: World) -> None:
    # 李四 is a party of the same case, so only the case is his too; nothing else is.
    response = api_client.get("/api/v1/portal/overview", headers=bearer(api_client, world.other_litigant.username))
    assert response.status_code == 200
    body = response.json()
    assert body["cases"]["total"] == 1
    for area in ("filings", "fees", "served", "reading", "appointments"):
        assert body[area] == {"total": 0, "pending": 0}, area


def test_the_page_of_another_party_names_none_of_it(client: Any, busy_litigant: Any, world: World) -> None:
    client.force_login(world.other_litigant)
    html = client.get("/portal/").content.decode()
    assert "民事裁定书" not in html
    assert "3300.00" not in html


def test_staff_are_sent_to_their_workbench_not_the_portal(client: Any, api_client: Any, users: Any) -> None:
    client.force_login(users.judge)
    assert client.get("/portal/").status_code == 403
    response = api_client.get("/api/v1/portal/overview", headers=bearer(api_client, users.judge.username))
    assert response.status_code == 403
    assert response.json()["code"] == "portal_parties_only"


def test_anonymous_visitors_are_asked_to_sign_in(client: Any, api_client: Any) -> None:
    response = client.get("/portal/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert api_client.get("/api/v1/portal/overview").status_code == 401
