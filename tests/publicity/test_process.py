"""Trial-process disclosure (审判流程公开): identification by query code + full ID number or by account,
failure quotas, session grants limited to the proved case, masking; page and API."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.cases.conftest import company, person
from tests.conftest import Users
from tests.delivery.conftest import World, consent, serve
from tianping.cases import services as case_services
from tianping.cases.enums import PartyRole
from tianping.core.models import AuditRecord
from tianping.publicity.selectors.process import PROCESS_SESSION_KEY

SESSIONS = "/api/v1/public/process/sessions"
pytestmark = pytest.mark.django_db


def open_session(client: Client, query_code: str, id_number: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        SESSIONS, {"query_code": query_code, "id_number": id_number}, content_type="application/json", REMOTE_ADDR=ip
    )


def case_api(case_id: int) -> str:
    return f"/api/v1/public/process/cases/{case_id}"


@pytest.fixture
def other_case(users: Users, courts: Any) -> Any:
    """Case B: another 民初 case at 朝阳 with parties unrelated to the world's case."""
    return case_services.case_register(
        actor=users.clerk,
        court_id=courts.chaoyang.pk,
        type_code="民初",
        parties=[person(PartyRole.PLAINTIFF, "王五", mobile="13911112222"), company(PartyRole.DEFENDANT, "北京乙公司")],
    )


# ---- Identification --------------------------------------------------------------------------------


def test_query_code_and_full_id_number_open_the_case_for_the_session(world: World) -> None:
    client = Client()
    party = world.plaintiff
    response = open_session(client, party.query_code.lower(), party.id_number)
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["case_id"], body["number"]) == (world.case.pk, world.case.number)
    assert client.session[PROCESS_SESSION_KEY] == {str(world.case.pk): [party.pk]}
    assert party.id_number not in str(dict(client.session))  # the session keeps ids, never the ID number
    detail = client.get(case_api(world.case.pk))
    assert detail.status_code == 200
    assert detail.json()["case"]["number"] == world.case.number
    record = AuditRecord.objects.filter(action="process_disclosure.identified").get()
    assert (record.object_id, record.changes["party_id"]) == (str(world.case.pk), party.pk)
    assert party.id_number not in str(record.changes)


def test_credit_code_identifies_a_company(world: World) -> None:
    client = Client()
    response = open_session(client, world.defendant.query_code, world.defendant.credit_code)
    assert response.status_code == 200
    assert client.get(case_api(world.case.pk)).status_code == 200


@pytest.mark.parametrize(
    "mangle",
    [
        lambda p: (p.query_code, p.id_number[-6:]),  # a suffix is not enough here
        lambda p: (p.query_code, p.id_number[:-1] + ("0" if p.id_number[-1] != "0" else "1")),
        lambda p: ("ZZZZZZZZ", p.id_number),
    ],
)
def test_a_wrong_pair_is_401_and_grants_nothing(world: World, mangle: Any) -> None:
    client = Client()
    code, number = mangle(world.plaintiff)
    response = open_session(client, code, number)
    assert response.status_code == 401
    assert response.json()["code"] == "process_identity_mismatch"
    assert PROCESS_SESSION_KEY not in client.session
    assert client.get(case_api(world.case.pk)).status_code == 404
    assert not AuditRecord.objects.filter(action="process_disclosure.identified").exists()


def test_another_partys_code_with_my_id_number_fails(world: World) -> None:
    response = open_session(Client(), world.third.query_code, world.plaintiff.id_number)
    assert response.status_code == 401


def test_missing_fields_are_422(world: World) -> None:
    response = open_session(Client(), "", world.plaintiff.id_number)
    assert response.status_code == 422
    assert response.json()["code"] == "process_query_missing"
    response = Client().post(SESSIONS, {"query_code": "X"}, content_type="application/json")
    assert response.status_code == 422


# ---- Quotas -------------------------------------------------------------------------------------------


def test_failures_per_query_code_end_in_429_even_for_the_right_id(world: World) -> None:
    party = world.plaintiff
    for attempt in range(5):  # from five addresses: the per-code quota
        assert open_session(Client(), party.query_code, "110105199001011234", ip=f"10.0.1.{attempt}").status_code == 401
    response = open_session(Client(), party.query_code, party.id_number, ip="10.0.2.1")
    assert response.status_code == 429
    assert response.json()["code"] == "process_query_quota"
    assert "查询失败次数过多" in response.json()["message"]


def test_failures_per_client_ip_end_in_429(world: World) -> None:
    client = Client()
    for attempt in range(10):
        assert open_session(client, f"WRONG{attempt}", "110105199001011234", ip="10.9.9.9").status_code == 401
    response = open_session(client, world.plaintiff.query_code, world.plaintiff.id_number, ip="10.9.9.9")
    assert response.status_code == 429
    # another address is not affected
    assert (
        open_session(Client(), world.plaintiff.query_code, world.plaintiff.id_number, ip="10.9.9.8").status_code == 200
    )


def test_the_page_shows_the_quota_message_with_429(world: World) -> None:
    client = Client(REMOTE_ADDR="10.7.7.7")
    for attempt in range(10):
        client.post(reverse("publicity:process"), {"query_code": f"NOPE{attempt}", "id_number": "110105199001011234"})
    response = client.post(
        reverse("publicity:process"), {"query_code": world.plaintiff.query_code, "id_number": world.plaintiff.id_number}
    )
    assert response.status_code == 429
    assert "查询失败次数过多" in response.content.decode()


# ---- Access: only the proved case, or the account's cases ---------------------------------------------


def test_party_of_case_a_cannot_see_case_b(world: World, other_case: Any) -> None:
    client = Client()
    assert open_session(client, world.plaintiff.query_code, world.plaintiff.id_number).status_code == 200
    assert client.get(case_api(other_case.pk)).status_code == 404
    assert client.get(case_api(other_case.pk)).json()["code"] == "process_case_not_found"
    page = client.get(reverse("publicity:process_case", args=[other_case.pk]))
    assert page.status_code == 404
    assert other_case.number not in page.content.decode()
    assert client.get(reverse("publicity:process_case", args=[world.case.pk])).status_code == 200
    listing = client.get("/api/v1/public/process/cases").json()
    assert [c["case_id"] for c in listing] == [world.case.pk]


def test_anonymous_without_a_session_sees_nothing(world: World) -> None:
    assert Client().get(case_api(world.case.pk)).status_code == 404
    assert Client().get(reverse("publicity:process_case", args=[world.case.pk])).status_code == 404


def test_account_of_a_party_and_of_an_agent_see_their_case_only(world: World, users: Users, other_case: Any) -> None:
    for user in (users.litigant, users.lawyer):
        client = Client()
        client.force_login(user)
        assert client.get(case_api(world.case.pk)).status_code == 200
        assert client.get(case_api(other_case.pk)).status_code == 404
        page = client.get(reverse("publicity:process"))
        assert world.case.number in page.content.decode()
        assert other_case.number not in page.content.decode()


def test_staff_accounts_get_no_disclosure_view(world: World, users: Users) -> None:
    client = Client()
    client.force_login(users.judge)  # judges use the case page, not the public disclosure
    assert client.get(case_api(world.case.pk)).status_code == 404


def test_ending_the_query_forgets_the_grant(world: World) -> None:
    client = Client()
    client.post(
        reverse("publicity:process"), {"query_code": world.plaintiff.query_code, "id_number": world.plaintiff.id_number}
    )
    assert client.get(reverse("publicity:process_case", args=[world.case.pk])).status_code == 200
    assert client.post(reverse("publicity:process_end")).status_code == 302
    assert client.get(reverse("publicity:process_case", args=[world.case.pk])).status_code == 404


def test_the_page_form_redirects_to_the_case(world: World) -> None:
    client = Client()
    response = client.post(
        reverse("publicity:process"), {"query_code": world.plaintiff.query_code, "id_number": world.plaintiff.id_number}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("publicity:process_case", args=[world.case.pk])
    wrong = client.post(reverse("publicity:process"), {"query_code": "ABCDEFGH", "id_number": "110105199001011234"})
    assert wrong.status_code == 401
    assert "查询码或证件号码不正确" in wrong.content.decode()


# ---- What is shown ------------------------------------------------------------------------------------


def test_view_shows_the_process_and_masks_identity_data(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    consent(world, world.other_litigant, world.third, mobile="13700137000")
    serve(world, world.court_clerk, world.plaintiff, world.third)
    client = Client()
    open_session(client, world.plaintiff.query_code, world.plaintiff.id_number)
    body = client.get(case_api(world.case.pk)).json()
    assert body["case"]["filed_on"] == world.case.filed_on.isoformat()
    assert body["events"], "the process nodes"
    assert [s["title"] for s in body["services"]] == ["民事裁定书"]  # the plaintiff's own service only
    mine = [p for p in body["parties"] if p["mine"]]
    assert [p["name"] for p in mine] == ["张三"]
    assert mine[0]["id_masked"].startswith(world.plaintiff.id_number[:6])
    assert "*" in mine[0]["id_masked"]
    others = [p for p in body["parties"] if not p["mine"]]
    assert {p["name"] for p in others} == {"北京某某科技有限公司", "李四"}
    assert all(p["id_masked"] == "" and p["mobile_masked"] == "" for p in others)
    page = client.get(reverse("publicity:process_case", args=[world.case.pk])).content.decode()
    for secret in (world.plaintiff.id_number, world.third.id_number, world.defendant.credit_code, "13700137000",
                   world.plaintiff.mobile, world.third.query_code, world.plaintiff.address):  # fmt: skip
        if secret:
            assert secret not in page
            assert secret not in str(body)
    assert "民事裁定书" in page
    assert world.case.number in page


def test_served_documents_of_other_parties_are_not_listed(world: World, users: Users) -> None:
    consent(world, world.other_litigant, world.third, mobile="13700137000")
    serve(world, world.court_clerk, world.third)
    client = Client()
    open_session(client, world.plaintiff.query_code, world.plaintiff.id_number)
    assert client.get(case_api(world.case.pk)).json()["services"] == []


def test_two_proved_cases_are_both_listed(world: World, other_case: Any) -> None:
    client = Client()
    open_session(client, world.plaintiff.query_code, world.plaintiff.id_number)
    wang = other_case.parties.get(name="王五")
    open_session(client, wang.query_code, wang.id_number)
    listed = {c["case_id"] for c in client.get("/api/v1/public/process/cases").json()}
    assert listed == {world.case.pk, other_case.pk}
