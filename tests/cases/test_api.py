"""The case API over HTTP, with every role including the outsider and a sibling court's staff."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.conftest import CourtTree, Users, bearer
from tianping.accounts.enums import Role
from tianping.cases import services, timelimits
from tianping.cases.enums import ApprovalStatus, CaseStatus, DesignationReason, PartyKind, PartyRole
from tianping.cases.models import Assignment, Case, CaseNumberSequence, Party
from tianping.core import clock
from tianping.core.models import AuditRecord
from tianping.core.validators import credit_code_check_char
from tianping.core.workdays import working_calendar

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"^（(\d{4})）京0105民初(\d+)号$")
_serial = iter(range(1000, 100000))


# ---- helpers -------------------------------------------------------------------------------------


def credit_code() -> str:
    first17 = f"91110105MA{next(_serial):07d}"
    return first17 + credit_code_check_char(first17)


def person(role: str = "plaintiff", name: str = "张三", **extra: Any) -> dict[str, Any]:
    return {"kind": "natural", "role": role, "name": name, "id_number": factories.make_id_number(),
            "mobile": factories.make_mobile(), "address": "北京市朝阳区建国路88号院3号楼1单元101", **extra}  # fmt: skip


def company(role: str = "defendant", name: str = "北京某某科技有限公司", **extra: Any) -> dict[str, Any]:
    return {"kind": "legal", "role": role, "name": name, "credit_code": credit_code(),
            "legal_representative": "周经理", "address": "北京市朝阳区望京街10号", **extra}  # fmt: skip


def case_payload(courts: CourtTree, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "court_id": courts.chaoyang.pk,
        "type_code": "民初",
        "claim_amount": "120000.50",
        "parties": [
            person(agents=[{"kind": "lawyer", "name": "王律师", "law_firm": "北京天平律师事务所",
                            "licence_no": "11101201010123456"}]),
            company(),
        ],
    }  # fmt: skip
    data.update(overrides)
    return data


def post(client: Client, url: str, data: Any, auth: dict[str, str]) -> Any:
    return client.post(url, data, content_type="application/json", headers=auth)


def get(client: Client, url: str, auth: dict[str, str], **params: Any) -> Any:
    return client.get(url, params, headers=auth)


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code, body
    return body


def register(courts: CourtTree, users: Users, **extra: Any) -> Case:
    """A 民初 case at 朝阳 registered by the filing clerk through the service."""
    parties = extra.pop("parties", None) or [
        services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name="张三",
                            id_number=factories.make_id_number(), mobile=factories.make_mobile()),
        services.PartyInput(kind=PartyKind.LEGAL, role=PartyRole.DEFENDANT, name="北京某某科技有限公司",
                            credit_code=credit_code()),
    ]  # fmt: skip
    return services.case_register(
        actor=users.clerk, court_id=courts.chaoyang.pk, type_code="民初", parties=parties, **extra
    )


def designate(case: Case, users: Users, judge: Any) -> Case:
    request = services.case_designate(
        actor=users.clerk, case=case, judge_id=judge.pk, reason=DesignationReason.RELATED_CASE
    )
    services.assignment_decide(actor=users.division_head, assignment=request, approve=True)
    case.refresh_from_db()
    return case


@contextlib.contextmanager
def on_day(day: dt.date) -> Iterator[None]:
    with clock.frozen_at(dt.datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        yield


# ---- registration ----------------------------------------------------------------------------------


def test_clerk_registers_a_case_and_gets_the_detail(client: Client, courts: CourtTree, users: Users) -> None:
    auth = bearer(client, "clerk")

    response = post(client, "/api/v1/cases", case_payload(courts), auth)

    assert response.status_code == 201, response.content.decode()
    body = response.json()
    match = NUMBER.match(body["number"])
    assert match, body["number"]
    assert int(match[1]) == clock.today().year
    assert body["status"] == CaseStatus.REGISTERED
    assert body["claim_amount"] == "120000.50"
    assert body["procedure"] == "ordinary"
    assert [p["role"] for p in body["parties"]] == ["plaintiff", "defendant"]
    plaintiff = body["parties"][0]
    assert not plaintiff["masked"]
    assert len(plaintiff["id_number"]) == 18
    assert "*" not in plaintiff["id_number"]
    assert plaintiff["query_code"]
    assert plaintiff["agents"][0]["name"] == "王律师"
    assert body["time_limit"]["deadline"]
    assert body["time_limit"]["limit"] == "6个月"
    assert body["time_limit"]["remaining_days"] > 150
    assert [e["action"] for e in body["events"]] == ["立案"]
    assert body["allowed_next"] == ["assigned", "closed"]


def test_serials_count_up_per_court_type_and_year(client: Client, courts: CourtTree, users: Users) -> None:
    auth = bearer(client, "clerk")
    first = post(client, "/api/v1/cases", case_payload(courts), auth).json()["number"]
    second = post(client, "/api/v1/cases", case_payload(courts), auth).json()["number"]

    assert int(NUMBER.match(second)[2]) == int(NUMBER.match(first)[2]) + 1  # type: ignore[index]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"parties": [person(id_number="110105198503120000"), company()]}, "invalid_id_number"),
        ({"parties": [person(), person(role="plaintiff", name="李四")]}, "parties_required"),
        ({"parties": []}, "parties_required"),
        ({"type_code": "民X"}, "invalid_type_code"),
        ({"procedure": "second_instance_ruling", "type_code": "刑初"}, "invalid_procedure"),
        ({"claim_amount": "十万元"}, "invalid_amount"),
        ({"parties": [person(mobile="12345"), company()]}, "invalid_mobile"),
        ({"parties": [person(), company(credit_code="91110105MA0000000X")]}, "invalid_credit_code"),
    ],
)
def test_bad_registration_is_422_with_a_code_and_writes_nothing(
    client: Client, courts: CourtTree, users: Users, change: dict[str, Any], code: str
) -> None:
    auth = bearer(client, "clerk")
    before = (Case.objects.count(), Party.objects.count(), list(CaseNumberSequence.objects.values("last_serial")))

    body = assert_error(post(client, "/api/v1/cases", case_payload(courts, **change), auth), 422, code)

    assert body["message"]
    after = (Case.objects.count(), Party.objects.count(), list(CaseNumberSequence.objects.values("last_serial")))
    assert after == before


def test_party_errors_say_which_party(client: Client, courts: CourtTree, users: Users) -> None:
    payload = case_payload(courts, parties=[person(), company(credit_code="91110105MA0000000X")])

    body = assert_error(post(client, "/api/v1/cases", payload, bearer(client, "clerk")), 422, "invalid_credit_code")

    assert body["details"]["party_index"] == 1


def test_malformed_registration_body_is_422_not_500(client: Client, courts: CourtTree, users: Users) -> None:
    response = post(client, "/api/v1/cases", {"court_id": "x", "parties": "none"}, bearer(client, "clerk"))

    assert_error(response, 422, "validation_failed")


@pytest.mark.parametrize("username", ["judge", "auditor", "outsider", "litigant"])
def test_only_registrars_of_the_court_may_register(
    client: Client, courts: CourtTree, users: Users, username: str
) -> None:
    response = post(client, "/api/v1/cases", case_payload(courts), bearer(client, username))

    assert_error(response, 403, "role_required")
    assert not Case.objects.exists()


def test_anonymous_gets_401(client: Client, courts: CourtTree, users: Users) -> None:
    assert_error(client.get("/api/v1/cases"), 401, "authentication_required")
    assert_error(client.post("/api/v1/cases", {}, content_type="application/json"), 401, "authentication_required")


# ---- list and scope --------------------------------------------------------------------------------


def test_list_is_scoped_by_court_and_party(client: Client, courts: CourtTree, users: Users) -> None:
    own = register(courts, users)
    litigants_case = register(
        courts,
        users,
        parties=[
            services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name="张三",
                                account_id=users.litigant.pk),
            services.PartyInput(kind=PartyKind.LEGAL, role=PartyRole.DEFENDANT, name="北京某公司"),
        ],
    )  # fmt: skip

    def ids(username: str) -> set[int]:
        body = get(client, "/api/v1/cases", bearer(client, username)).json()
        assert body["count"] == len(body["items"])
        return {row["id"] for row in body["items"]}

    assert ids("clerk") == {own.pk, litigants_case.pk}
    assert ids("judge3") == {own.pk, litigants_case.pk}  # the court above supervises
    assert ids("auditor") == {own.pk, litigants_case.pk}
    assert ids("outsider") == set()  # a sibling court
    assert ids("litigant") == {litigants_case.pk}
    assert ids("lawyer") == set()


def test_list_filters(client: Client, courts: CourtTree, users: Users) -> None:
    first = register(courts, users)
    second = register(
        courts,
        users,
        parties=[
            services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name="欧阳明月"),
            services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.DEFENDANT, name="司马青衫"),
        ],
    )
    designate(second, users, users.judge)
    auth = bearer(client, "clerk")

    def ids(**params: Any) -> list[int]:
        response = get(client, "/api/v1/cases", auth, **params)
        assert response.status_code == 200, response.content.decode()
        return [row["id"] for row in response.json()["items"]]

    assert ids(q="司马") == [second.pk]
    assert ids(q=first.number) == [first.pk]
    assert ids(status="assigned") == [second.pk]
    assert ids(judge=users.judge.pk) == [second.pk]
    assert set(ids(type="民初")) == {first.pk, second.pk}
    assert ids(type="刑初") == []
    assert ids(category="criminal") == []
    assert set(ids(court=courts.chaoyang.pk, filed_from=clock.today().isoformat())) == {first.pk, second.pk}
    assert ids(filed_to=(clock.today() - dt.timedelta(days=1)).isoformat()) == []
    assert ids(overdue="true") == []


def test_list_paginates(client: Client, courts: CourtTree, users: Users) -> None:
    for _ in range(5):
        register(courts, users)
    auth = bearer(client, "clerk")

    page1 = get(client, "/api/v1/cases", auth, page_size=2).json()
    page3 = get(client, "/api/v1/cases", auth, page_size=2, page=3).json()

    assert page1["count"] == 5
    assert len(page1["items"]) == 2
    assert page1["page"] == 1
    assert len(page3["items"]) == 1
    assert_error(get(client, "/api/v1/cases", auth, page_size=101), 422, "validation_failed")
    assert_error(get(client, "/api/v1/cases", auth, page=0), 422, "validation_failed")


def test_list_query_count_does_not_grow_with_rows(
    client: Client, courts: CourtTree, users: Users, django_assert_max_num_queries: Any
) -> None:
    auth = bearer(client, "clerk")
    for _ in range(3):
        designate(register(courts, users), users, users.judge)
    get(client, "/api/v1/cases", auth)  # warm up the token's last-used stamp and the calendar

    with CaptureQueriesContext(connection) as few, django_assert_max_num_queries(6):
        assert get(client, "/api/v1/cases", auth, page_size=100).json()["count"] == 3
    for index in range(12):
        case = register(courts, users, cause_id=None)
        if index % 2:
            designate(case, users, users.president)
    with CaptureQueriesContext(connection) as many, django_assert_max_num_queries(6):
        assert len(get(client, "/api/v1/cases", auth, page_size=100).json()["items"]) == 15
    with CaptureQueriesContext(connection) as searched:
        get(client, "/api/v1/cases", auth, page_size=100, q="张三", overdue="true", status="assigned")

    assert len(many) == len(few)
    assert len(searched) == len(few)


# ---- detail, masking -------------------------------------------------------------------------------


def test_detail_is_404_outside_scope(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)

    for username in ("outsider", "litigant", "lawyer"):
        assert_error(get(client, f"/api/v1/cases/{case.pk}", bearer(client, username)), 404, "case_not_found")
    assert_error(get(client, "/api/v1/cases/999999", bearer(client, "clerk")), 404, "case_not_found")
    assert get(client, f"/api/v1/cases/{case.pk}", bearer(client, "judge3")).status_code == 200


def test_sibling_court_staff_get_404_on_every_case_endpoint(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    assignment = services.case_assign_random(actor=users.clerk, case=case)
    auth = bearer(client, "outsider")

    assert_error(post(client, f"/api/v1/cases/{case.pk}/assignment", {"method": "random"}, auth), 404, "case_not_found")
    assert_error(post(client, f"/api/v1/cases/{case.pk}/transitions", {"to_status": "in_trial"}, auth), 404,
                 "case_not_found")  # fmt: skip
    assert_error(get(client, f"/api/v1/assignments/{assignment.pk}/verify", auth), 404, "case_not_found")
    decision = {"approve": True}
    assert_error(post(client, f"/api/v1/assignments/{assignment.pk}/decision", decision, auth), 404, "case_not_found")


def test_parties_are_masked_for_staff_who_do_not_handle_the_case(
    client: Client, courts: CourtTree, users: Users
) -> None:
    case = register(courts, users)
    full_id = case.parties.get(role=PartyRole.PLAINTIFF).id_number
    reads_before = AuditRecord.objects.filter(action="sensitive.read").count()

    for username in ("judge", "auditor", "judge3"):
        body = get(client, f"/api/v1/cases/{case.pk}", bearer(client, username)).json()
        plaintiff = body["parties"][0]
        assert plaintiff["masked"] is True
        assert plaintiff["id_number"] != full_id
        assert "*" in plaintiff["id_number"]
        assert plaintiff["id_number"][:6] == full_id[:6]
        assert plaintiff["id_number"][-4:] == full_id[-4:]
        assert "*" in plaintiff["mobile"]
        assert plaintiff["query_code"] == ""
        assert "*" in body["parties"][1]["credit_code"]
    assert AuditRecord.objects.filter(action="sensitive.read").count() == reads_before


def test_filing_clerk_sees_full_data_and_the_read_is_audited(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    full_id = case.parties.get(role=PartyRole.PLAINTIFF).id_number

    body = get(client, f"/api/v1/cases/{case.pk}", bearer(client, "clerk")).json()

    assert body["parties"][0]["id_number"] == full_id
    assert body["parties"][0]["masked"] is False
    read = AuditRecord.objects.filter(action="sensitive.read", object_id=str(case.pk)).latest("seq")
    assert read.actor_username == "clerk"
    assert read.object_type == "cases.Case"
    assert "party.id_number" in read.changes["fields"]


def test_the_judge_in_charge_sees_full_data(client: Client, courts: CourtTree, users: Users) -> None:
    case = designate(register(courts, users), users, users.judge)

    body = get(client, f"/api/v1/cases/{case.pk}", bearer(client, "judge")).json()

    assert body["parties"][0]["masked"] is False
    assert body["judge"] == {"id": users.judge.pk, "name": "李法官"}


# ---- assignment ------------------------------------------------------------------------------------


def test_random_assignment_is_verifiable(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    auth = bearer(client, "clerk")

    response = post(client, f"/api/v1/cases/{case.pk}/assignment", {"method": "random"}, auth)

    assert response.status_code == 201, response.content.decode()
    assignment = response.json()
    judges = {users.judge.pk, users.division_head.pk, users.president.pk}
    assert assignment["method"] == "random"
    assert assignment["status"] == ApprovalStatus.APPROVED
    assert {c["judge_id"] for c in assignment["candidates"]} == judges
    assert assignment["judge"]["id"] in judges
    assert assignment["verified"] is True
    verify = get(client, f"/api/v1/assignments/{assignment['id']}/verify", bearer(client, "auditor")).json()
    assert verify == {"verified": True, "seed": assignment["seed"], "candidates": assignment["candidates"],
                      "judge_id": assignment["judge"]["id"]}  # fmt: skip
    detail = get(client, f"/api/v1/cases/{case.pk}", auth).json()
    assert detail["status"] == "assigned"
    assert detail["judge"]["id"] == assignment["judge"]["id"]
    assert detail["assignments"][0]["verified"] is True
    assert [m["role"] for m in detail["panel"]] == ["presiding"]


def test_a_tampered_draw_no_longer_verifies(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    drawn = services.case_assign_random(actor=users.clerk, case=case)
    other = next(j for j in (users.judge, users.division_head, users.president) if j.pk != drawn.judge_id)
    Assignment.objects.filter(pk=drawn.pk).update(judge=other)

    verify = get(client, f"/api/v1/assignments/{drawn.pk}/verify", bearer(client, "clerk")).json()

    assert verify["verified"] is False


def test_only_assigners_may_draw(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)

    assert_error(post(client, f"/api/v1/cases/{case.pk}/assignment", {"method": "random"}, bearer(client, "judge")),
                 403, "role_required")  # fmt: skip
    # The court above may read the case but does not act in it.
    response = post(client, f"/api/v1/cases/{case.pk}/assignment", {"method": "random"}, bearer(client, "judge3"))
    assert_error(response, 404, "case_not_found")


def test_designation_waits_for_someone_elses_approval(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    head = bearer(client, "divhead")
    body = {"method": "designated", "judge_id": users.judge.pk, "reason": "related_case", "note": "同一当事人的前案"}

    requested = post(client, f"/api/v1/cases/{case.pk}/assignment", body, head)

    assert requested.status_code == 201, requested.content.decode()
    designation = requested.json()
    assert designation["status"] == "pending"
    assert designation["verified"] is False
    assert get(client, f"/api/v1/cases/{case.pk}", head).json()["judge"] is None
    url = f"/api/v1/assignments/{designation['id']}/decision"
    assert_error(post(client, url, {"approve": True}, head), 403, "self_approval")
    assert_error(post(client, url, {"approve": True}, bearer(client, "clerk")), 403, "approver_required")
    # A second request while one is pending is a conflict.
    assert_error(post(client, f"/api/v1/cases/{case.pk}/assignment", {"method": "random"}, bearer(client, "clerk")),
                 409, "assignment_pending")  # fmt: skip

    decided = post(client, url, {"approve": True, "note": "同意"}, bearer(client, "president"))

    assert decided.status_code == 200, decided.content.decode()
    assert decided.json()["status"] == "approved"
    assert decided.json()["decided_by"]["id"] == users.president.pk
    detail = get(client, f"/api/v1/cases/{case.pk}", head).json()
    assert detail["judge"]["id"] == users.judge.pk
    assert detail["status"] == "assigned"
    assert AuditRecord.objects.filter(action="case.assignment_decided", object_id=str(case.pk)).exists()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"method": "designated", "reason": "related_case"}, "judge_required"),
        ({"method": "designated", "judge_id": 0, "reason": "friendship"}, "invalid_reason"),
        ({"method": "lottery"}, "validation_failed"),
    ],
)
def test_bad_designation_is_422(
    client: Client, courts: CourtTree, users: Users, body: dict[str, Any], code: str
) -> None:
    case = register(courts, users)

    assert_error(post(client, f"/api/v1/cases/{case.pk}/assignment", body, bearer(client, "clerk")), 422, code)


def test_reassignment_after_the_draw_needs_approval(client: Client, courts: CourtTree, users: Users) -> None:
    case = designate(register(courts, users), users, users.judge)
    body = {"reason": "recusal", "note": "承办法官与被告法定代表人系同学", "judge_id": users.president.pk}

    requested = post(client, f"/api/v1/cases/{case.pk}/assignment/reassign", body, bearer(client, "judge"))

    assert requested.status_code == 201, requested.content.decode()
    assert requested.json()["method"] == "reassigned"
    assert requested.json()["previous_judge"]["id"] == users.judge.pk
    url = f"/api/v1/assignments/{requested.json()['id']}/decision"
    assert post(client, url, {"approve": True}, bearer(client, "divhead")).status_code == 200
    assert get(client, f"/api/v1/cases/{case.pk}", bearer(client, "clerk")).json()["judge"]["id"] == users.president.pk
    assert_error(post(client, f"/api/v1/cases/{case.pk}/assignment/reassign", {"reason": "recusal", "note": ""},
                      bearer(client, "president")), 422, "reason_required")  # fmt: skip


# ---- lifecycle ---------------------------------------------------------------------------------------


def test_illegal_transition_is_409(client: Client, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)

    body = assert_error(
        post(client, f"/api/v1/cases/{case.pk}/transitions", {"to_status": "effective"}, bearer(client, "president")),
        409,
        "illegal_transition",
    )

    assert body["details"]["from"] == "registered"
    assert body["details"]["allowed"] == ["assigned", "closed"]
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED


def test_judge_moves_the_case_along_and_closes_it(client: Client, courts: CourtTree, users: Users) -> None:
    case = designate(register(courts, users), users, users.judge)
    auth = bearer(client, "judge")
    url = f"/api/v1/cases/{case.pk}/transitions"

    assert post(client, url, {"to_status": "in_trial", "note": "排期开庭"}, auth).json()["status"] == "in_trial"
    assert_error(post(client, url, {"to_status": "closed"}, auth), 422, "closing_method_required")
    closed = post(
        client, url, {"to_status": "closed", "closing_method": "mediation", "closing_outcome": "调解结案"}, auth
    )

    assert closed.status_code == 200, closed.content.decode()
    body = closed.json()
    assert body["status"] == "closed"
    assert body["closing_method"] == "mediation"
    assert body["closed_on"]
    assert body["time_limit"]["remaining_days"] is None
    assert [e["to_status"] for e in body["events"]][-2:] == ["in_trial", "closed"]
    assert_error(post(client, url, {"to_status": "in_trial"}, bearer(client, "divhead")), 409, "illegal_transition")
    assert_error(post(client, url, {"to_status": "nowhere"}, auth), 422, "invalid_status")


def test_only_the_judge_in_charge_or_leaders_move_the_case(client: Client, courts: CourtTree, users: Users) -> None:
    case = designate(register(courts, users), users, users.president)

    response = post(client, f"/api/v1/cases/{case.pk}/transitions", {"to_status": "in_trial"}, bearer(client, "judge"))

    assert_error(response, 403, "not_case_handler")


def test_panel(client: Client, courts: CourtTree, users: Users) -> None:
    case = designate(register(courts, users), users, users.judge)
    body = {"judge_ids": [users.division_head.pk], "assessor_names": ["钱陪审", " "], "clerk_id": None}

    response = post(client, f"/api/v1/cases/{case.pk}/panel", body, bearer(client, "judge"))

    assert response.status_code == 200, response.content.decode()
    members = [(m["role"], m["name"]) for m in response.json()]
    assert members == [("assessor", "钱陪审"), ("judge", "赵庭长"), ("presiding", "李法官")]
    assert_error(post(client, f"/api/v1/cases/{case.pk}/panel", {"judge_ids": [users.outsider.pk]},
                      bearer(client, "judge")), 422, "invalid_judge")  # fmt: skip
    assert_error(
        post(client, f"/api/v1/cases/{case.pk}/panel", body, bearer(client, "auditor")), 403, "not_case_handler"
    )


# ---- time limits -----------------------------------------------------------------------------------


def test_extension_approved_by_the_president_moves_the_deadline(
    client: Client, courts: CourtTree, users: Users
) -> None:
    case = designate(register(courts, users), users, users.judge)
    before = case.deadline
    assert case.filed_on is not None
    assert before is not None

    requested = post(client, f"/api/v1/cases/{case.pk}/time-limit/extensions",
                     {"months": 6, "reason": "案情复杂，需鉴定"}, bearer(client, "judge"))  # fmt: skip

    assert requested.status_code == 201, requested.content.decode()
    extension = requested.json()
    assert extension["approver_level"] == "president"
    assert extension["approver_court"]["code"] == "京0105"
    assert extension["status"] == "pending"
    url = f"/api/v1/extensions/{extension['id']}/decision"
    assert_error(post(client, url, {"approve": True}, bearer(client, "judge")), 403, "approver_required")
    assert_error(post(client, url, {"approve": True}, bearer(client, "divhead")), 403, "approver_required")
    assert_error(post(client, url, {"approve": True}, bearer(client, "outsider")), 404, "case_not_found")

    decided = post(client, url, {"approve": True}, bearer(client, "president"))

    assert decided.status_code == 200
    assert decided.json()["status"] == "approved"
    rule = timelimits.rule_for(case.category, case.procedure)
    assert rule is not None
    expected = timelimits.deadline(case.filed_on, rule, [timelimits.Period(months=6)], 0, working_calendar())
    detail = get(client, f"/api/v1/cases/{case.pk}", bearer(client, "judge")).json()
    assert detail["time_limit"]["deadline"] == expected.isoformat()
    assert expected > before
    assert detail["time_limit"]["extensions"][0]["status"] == "approved"
    assert_error(post(client, url, {"approve": False}, bearer(client, "president")), 409, "already_decided")


def test_extension_beyond_the_allowed_period_is_422(client: Client, courts: CourtTree, users: Users) -> None:
    case = designate(register(courts, users), users, users.judge)

    response = post(client, f"/api/v1/cases/{case.pk}/time-limit/extensions", {"months": 7, "reason": "复杂"},
                    bearer(client, "judge"))  # fmt: skip

    assert_error(response, 422, "extension_too_long")


def test_suspension_and_resumption_move_the_deadline(client: Client, courts: CourtTree, users: Users) -> None:
    start = dt.date(2025, 3, 3)
    with on_day(start):
        case = designate(register(courts, users), users, users.judge)
        original = case.deadline
    rule = timelimits.rule_for(case.category, case.procedure)
    assert rule is not None
    assert original is not None

    with on_day(start + dt.timedelta(days=10)):
        judge, head = bearer(client, "judge"), bearer(client, "divhead")
        body = {"reason": "appraisal", "started_on": "2025-03-05", "note": "委托司法鉴定"}
        requested = post(client, f"/api/v1/cases/{case.pk}/time-limit/suspensions", body, judge)
        assert requested.status_code == 201, requested.content.decode()
        assert requested.json()["status"] == "pending"
        url = f"/api/v1/suspensions/{requested.json()['id']}/decision"
        assert_error(post(client, url, {"approve": True}, judge), 403, "approver_required")
        assert post(client, url, {"approve": True}, head).json()["status"] == "approved"
        suspended = get(client, f"/api/v1/cases/{case.pk}", judge).json()["time_limit"]
        assert suspended["suspended"] is True
        assert suspended["suspended_since"] == "2025-03-05"

        resumed = post(client, f"/api/v1/cases/{case.pk}/time-limit/resumptions", {"ended_on": "2025-03-13"}, judge)

        assert resumed.status_code == 200, resumed.content.decode()
        assert resumed.json()["ended_on"] == "2025-03-13"
        after = get(client, f"/api/v1/cases/{case.pk}", judge).json()["time_limit"]
    expected = timelimits.deadline(start, rule, [], 8, working_calendar())
    assert after["suspended"] is False
    assert after["excluded_days"] == 8
    assert after["deadline"] == expected.isoformat()
    assert expected > original
    with on_day(start + dt.timedelta(days=11)):
        again = post(client, f"/api/v1/cases/{case.pk}/time-limit/resumptions", {"ended_on": "2025-03-14"},
                     bearer(client, "judge"))  # fmt: skip
    assert_error(again, 409, "no_open_suspension")


def test_suspension_with_an_unlisted_reason_is_422(client: Client, courts: CourtTree, users: Users) -> None:
    case = designate(register(courts, users), users, users.judge)

    body = {"reason": "holiday", "started_on": clock.today().isoformat()}
    response = post(client, f"/api/v1/cases/{case.pk}/time-limit/suspensions", body, bearer(client, "judge"))

    assert_error(response, 422, "invalid_reason")


# ---- case numbers and reference data ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "parts"),
    [
        ("（2024）京0105民初12345号", {"style": "current", "year": 2024, "court_code": "京0105", "marker": "",
                                      "type_code": "民初", "serial": 12345, "formatted": "（2024）京0105民初12345号"}),
        ("(2025)粤73知民初88号", {"style": "current", "year": 2025, "court_code": "粤73", "marker": "知",
                                 "type_code": "民初", "serial": 88, "formatted": "（2025）粤73知民初88号"}),
        ("（2014）奉民二（商）初字第2829号", {"style": "legacy", "year": 2014, "court_code": "奉", "serial": 2829}),
    ],
)  # fmt: skip
def test_case_numbers_parse(client: Client, users: Users, number: str, parts: dict[str, Any]) -> None:
    response = get(client, "/api/v1/case-numbers/parse", bearer(client, "judge"), number=number)

    assert response.status_code == 200, response.content.decode()
    body = response.json()
    assert {k: body[k] for k in parts} == parts
    if parts["style"] == "legacy":
        assert body["type_code"].startswith("民二")


@pytest.mark.parametrize("number", ["（2024）京0105民初号", "hello", "（1800）京0105民初1号", "（2024）京0105民X1号"])
def test_garbage_case_numbers_are_422(client: Client, users: Users, number: str) -> None:
    body = assert_error(
        get(client, "/api/v1/case-numbers/parse", bearer(client, "judge"), number=number), 422, "invalid_case_number"
    )

    assert "案号" in body["message"]


def test_case_number_parameter_is_required(client: Client, users: Users) -> None:
    assert_error(get(client, "/api/v1/case-numbers/parse", bearer(client, "judge")), 422, "validation_failed")


def test_case_types_and_causes(client: Client, users: Users) -> None:
    auth = bearer(client, "judge")

    types = get(client, "/api/v1/case-types", auth, category="civil").json()
    causes = get(client, "/api/v1/causes", auth, q="借款", category="civil").json()

    assert "民初" in {t["code"] for t in types}
    assert {t["category"] for t in types} == {"civil"}
    assert causes
    assert all("借款" in c["name"] and c["category"] == "civil" for c in causes)
    assert_error(get(client, "/api/v1/causes", auth, limit=1000), 422, "validation_failed")


def test_the_case_endpoints_are_in_the_openapi_description(client: Client, users: Users) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    for path in ("/api/v1/cases", "/api/v1/cases/{case_id}", "/api/v1/cases/{case_id}/assignment",
                 "/api/v1/cases/{case_id}/transitions", "/api/v1/cases/{case_id}/time-limit/extensions",
                 "/api/v1/cases/{case_id}/time-limit/suspensions", "/api/v1/cases/{case_id}/time-limit/resumptions",
                 "/api/v1/case-numbers/parse", "/api/v1/assignments/{assignment_id}/verify"):  # fmt: skip
        assert path in paths, path


def test_appeal_is_registered_at_the_higher_court_with_parties_carried_over(
    client: Client, courts: CourtTree, users: Users
) -> None:
    origin = designate(register(courts, users), users, users.judge)
    services.case_transition(actor=users.judge, case=origin, to_status=CaseStatus.IN_TRIAL)
    services.case_transition(actor=users.judge, case=origin, to_status=CaseStatus.CLOSED, closing_method="judgment")
    appellant = origin.parties.get(role=PartyRole.DEFENDANT)
    factories.staff_user("clerk3", courts.third_intermediate, Role.FILING_CLERK)
    body = {"link_kind": "appeal", "court_id": courts.third_intermediate.pk, "type_code": "民终",
            "mover_party_ids": [appellant.pk]}  # fmt: skip

    response = post(client, f"/api/v1/cases/{origin.pk}/linked", body, bearer(client, "clerk3"))

    assert response.status_code == 201, response.content
    appeal = response.json()
    assert re.fullmatch(r"（\d{4}）京03民终1号", appeal["number"])
    roles = {p["name"]: p["role"] for p in appeal["parties"]}
    assert roles == {appellant.name: "appellant", "张三": "appellee"}
    assert [c["number"] for c in appeal["chain"]] == [origin.number, appeal["number"]]


def test_linked_case_from_an_unreadable_origin_is_404(client: Client, courts: CourtTree, users: Users) -> None:
    origin = register(courts, users)
    factories.staff_user("clerk_hd", courts.haidian, Role.FILING_CLERK)
    body = {"link_kind": "jurisdiction", "court_id": courts.haidian.pk, "type_code": "民辖"}

    response = post(client, f"/api/v1/cases/{origin.pk}/linked", body, bearer(client, "clerk_hd"))

    assert_error(response, 404, "case_not_found")
    assert Case.objects.count() == 1


def test_linked_case_before_the_origin_is_ready_is_409(client: Client, courts: CourtTree, users: Users) -> None:
    origin = register(courts, users)
    body = {"link_kind": "appeal", "court_id": courts.chaoyang.pk, "type_code": "民终",
            "mover_party_ids": [origin.parties.first().pk]}  # fmt: skip

    response = post(client, f"/api/v1/cases/{origin.pk}/linked", body, bearer(client, "clerk"))

    assert_error(response, 409, "origin_not_ready")
