"""Enforcement disclosure (执行信息公开, issue 6 item 6): the four public queries by exact name, ID number
or credit code; only listed / in-force rows; 终本 without resumed cases; masked ID numbers, ages,
organisation fields; bad input 422; quotas 429; pagination; bounded queries; the pages and the portal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import Users
from tests.publicity.enforcement_world import (
    ACME_CODE,
    LI_ID,
    ZHANG_ID,
    EnforcementWorld,
    debtor,
    enforcement_case,
    listing,
)
from tianping.core import clock
from tianping.core.validators import mask_id_number

pytestmark = pytest.mark.django_db
API = "/api/v1/public/enforcement"
World = EnforcementWorld
BAD_CHECK = ZHANG_ID[:17] + ("1" if ZHANG_ID[17] == "0" else "0")  # a wrong check character


def get(client: Client, kind: str, ip: str = "10.1.0.1", **params: Any) -> Any:
    return client.get(f"{API}/{kind}", params, REMOTE_ADDR=ip)


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["debtor"]["name"] for item in response.json()["items"]]


# ---- 被执行人 -------------------------------------------------------------------------------------


def test_debtors_are_the_respondents_of_pending_enforcement_cases(enforcement_world: World) -> None:
    client = Client()
    assert names(get(client, "debtors", name="张伟")) == ["张伟"]
    assert names(get(client, "debtors", name="王芳")) == []  # the case is closed (执行完毕)
    assert names(get(client, "debtors", name="北京申请执行有限公司")) == []  # an applicant is no debtor
    body = get(client, "debtors", id_number=ZHANG_ID).json()
    (row,) = body["items"]
    assert row["case_number"] == enforcement_world.pending.number
    assert row["court_name"] == "北京市朝阳区人民法院"
    assert row["filed_on"] == "2026-03-02"
    assert row["claim_amount"] == "125000.00"
    assert row["closed_on"] is None
    assert row["debtor"]["id_number_masked"] == mask_id_number(ZHANG_ID) == f"{ZHANG_ID[:6]}********{ZHANG_ID[-4:]}"
    assert ZHANG_ID not in get(client, "debtors", id_number=ZHANG_ID).content.decode()


def test_a_minor_debtor_is_never_disclosed_an_adult_is(enforcement_world: World) -> None:
    today = clock.today()
    case = enforcement_case(enforcement_world.pending.court)
    minor_birth = today - dt.timedelta(days=17 * 365)
    debtor(case, "赵小明", birth_date=minor_birth, gender="male")
    eighteenth_birthday = dt.date(today.year - 18, today.month, min(today.day, 28))  # 28: valid every year
    debtor(case, "钱成年", birth_date=eighteenth_birthday, gender="female")
    closed = enforcement_case(
        enforcement_world.pending.court, status="closed", closing_method="no_assets", closed_on=today
    )
    debtor(closed, "孙小红", birth_date=minor_birth, gender="female")
    client = Client()
    assert names(get(client, "debtors", name="赵小明")) == []
    assert names(get(client, "debtors", name="钱成年")) == ["钱成年"]
    assert names(get(client, "terminated", name="孙小红")) == []


def test_organisations_are_found_by_credit_code_with_their_legal_representative(enforcement_world: World) -> None:
    body = get(Client(), "debtors", credit_code=ACME_CODE.lower()).json()
    (row,) = body["items"]
    assert row["debtor"] == {
        "name": "北京某某贸易有限公司", "is_person": False, "gender": "", "age": None, "id_number_masked": "",
        "credit_code": ACME_CODE, "legal_representative": "陈某某",
    }  # fmt: skip


def test_a_name_and_a_number_must_both_match(enforcement_world: World) -> None:
    client = Client()
    assert names(get(client, "debtors", name="张伟", id_number=ZHANG_ID)) == ["张伟"]
    assert names(get(client, "debtors", name="张伟", id_number=LI_ID)) == []


def test_names_match_exactly_never_by_a_part(enforcement_world: World) -> None:
    client = Client()
    assert names(get(client, "debtors", name="北京某某")) == []
    assert names(get(client, "debtors", name="北京某某贸易有限公司")) == ["北京某某贸易有限公司"]
    assert names(get(client, "debtors", name=" 张 伟 ")) == ["张伟"]  # spaces are not part of a name


def test_secret_enforcement_cases_are_never_public(enforcement_world: World, courts: Any) -> None:
    secret = enforcement_case(courts.chaoyang, is_secret=True)
    debtor(secret, "孙秘密", id_number=LI_ID)
    assert names(get(Client(), "debtors", name="孙秘密")) == []


# ---- 终本案件 ------------------------------------------------------------------------------------


def test_terminated_lists_no_assets_cases_not_other_closings_nor_resumed_ones(enforcement_world: World) -> None:
    client = Client()
    body = get(client, "terminated", name="李强").json()
    (row,) = body["items"]
    assert (row["case_number"], row["closed_on"], row["claim_amount"]) == (
        enforcement_world.no_assets.number,
        "2026-08-14",
        "88000.50",
    )
    assert row["debtor"]["id_number_masked"] == mask_id_number(LI_ID)
    assert names(get(client, "terminated", name="王芳")) == []  # 执行完毕, not 终本
    assert names(get(client, "terminated", name="张伟")) == []  # still pending
    assert names(get(client, "terminated", name="赵敏")) == []  # resumed (执恢): no longer 终本
    assert names(get(client, "debtors", name="赵敏")) == ["赵敏"]  # …but a debtor of the resumed case


# ---- 失信被执行人 ---------------------------------------------------------------------------------


def test_dishonest_shows_listed_debtors_with_the_published_fields(enforcement_world: World) -> None:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 11, 29, 10))):
        body = get(Client(), "dishonest", name="张伟").json()
    (row,) = body["items"]
    assert row["debtor"] == {
        "name": "张伟", "is_person": True, "gender": "男", "age": 41, "id_number_masked": mask_id_number(ZHANG_ID),
        "credit_code": "", "legal_representative": "",
    }  # fmt: skip
    assert row["case_number"] == enforcement_world.pending.number
    assert row["filed_on"] == "2026-03-02"
    assert row["source_document_number"] == "（2025）京0105民初8812号"
    assert row["source_issuer"] == "北京市朝阳区人民法院"
    assert row["obligation"].startswith("向申请执行人支付")
    assert row["performance_label"] == "全部未履行"
    assert row["conduct_labels"] == ["有履行能力而拒不履行生效法律文书确定义务", "违反财产报告制度"]
    assert row["listed_on"] == "2026-05-06"
    assert set(row) == {"id", "debtor", "case_number", "filed_on", "court_name", "source_document_number",
                        "source_issuer", "obligation", "performance", "performance_label", "conducts",
                        "conduct_labels", "listed_on"}  # fmt: skip


def test_age_is_computed_at_todays_date(enforcement_world: World) -> None:
    with clock.frozen_at(timezone.make_aware(dt.datetime(2027, 3, 11, 10))):
        assert get(Client(), "dishonest", id_number=ZHANG_ID).json()["items"][0]["debtor"]["age"] == 41
    with clock.frozen_at(timezone.make_aware(dt.datetime(2027, 3, 12, 10))):
        assert get(Client(), "dishonest", id_number=ZHANG_ID).json()["items"][0]["debtor"]["age"] == 42


def test_age_falls_back_to_the_id_number_when_no_birth_date_was_recorded(enforcement_world: World) -> None:
    enforcement_world.zhang_listing.__class__.objects.filter(pk=enforcement_world.zhang_listing.pk).update(
        birth_date=None
    )
    with clock.frozen_at(timezone.make_aware(dt.datetime(2026, 11, 29, 10))):
        assert get(Client(), "dishonest", name="张伟").json()["items"][0]["debtor"]["age"] == 41


def test_removed_listings_and_lifted_restrictions_are_hidden(enforcement_world: World) -> None:
    client = Client()
    assert names(get(client, "dishonest", name="王芳")) == []
    assert names(get(client, "restricted", name="王芳")) == []
    detail = client.get(f"{API}/dishonest/{enforcement_world.removed_listing.pk}")
    assert detail.status_code == 404
    assert detail.json()["code"] == "dishonest_listing_not_found"
    page = client.get(reverse("publicity:enforcement_dishonest", args=[enforcement_world.removed_listing.pk]))
    assert page.status_code == 404


def test_dishonest_organisation_and_its_detail(enforcement_world: World) -> None:
    client = Client()
    (row,) = get(client, "dishonest", credit_code=ACME_CODE).json()["items"]
    assert row["debtor"]["credit_code"] == ACME_CODE
    assert row["debtor"]["legal_representative"] == "陈某某"
    assert row["performance_label"] == "部分未履行"
    detail = client.get(f"{API}/dishonest/{row['id']}")
    assert detail.status_code == 200
    assert detail.json() == row
    page = client.get(reverse("publicity:enforcement_dishonest", args=[row["id"]]))
    text = page.content.decode()
    assert page.status_code == 200
    shown_fields = (
        "北京某某贸易有限公司", ACME_CODE, "陈某某", "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
        "（2025）京0105民初8812号", "部分未履行", enforcement_world.pending.number, "2026-03-02",
    )  # fmt: skip
    for shown in shown_fields:
        assert shown in text, shown


def test_dishonest_person_detail_page_masks_the_id_number(enforcement_world: World) -> None:
    page = Client().get(reverse("publicity:enforcement_dishonest", args=[enforcement_world.zhang_listing.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert mask_id_number(ZHANG_ID) in text
    assert ZHANG_ID not in text
    assert "北京市朝阳区建国路88号" not in text  # the address on record is never published


# ---- 限制消费人员 ---------------------------------------------------------------------------------


def test_restricted_shows_orders_in_force_and_only_names_of_the_bound_persons(enforcement_world: World) -> None:
    client = Client()
    response = get(client, "restricted", credit_code=ACME_CODE)
    (row,) = response.json()["items"]
    assert row["restricted_persons"] == [{"name": "陈某某", "role_label": "法定代表人"}]
    assert LI_ID not in response.content.decode()  # the bound person's ID number stays on record
    (zhang,) = get(client, "restricted", id_number=ZHANG_ID).json()["items"]
    assert zhang["debtor"]["id_number_masked"] == mask_id_number(ZHANG_ID)
    assert zhang["order_number"].startswith("（2026）京0105执")


# ---- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "code", "field"),
    [
        ({}, "enforcement_query_empty", "name"),
        ({"name": "张"}, "enforcement_name_too_short", "name"),
        ({"name": "   "}, "enforcement_query_empty", "name"),
        ({"id_number": BAD_CHECK}, "invalid_id_number", "id_number"),
        ({"id_number": "11010519850312"}, "invalid_id_number", "id_number"),
        ({"id_number": "X" * 30}, "invalid_id_number", "id_number"),
        ({"credit_code": "91110105MA00000000"}, "invalid_credit_code", "credit_code"),
        ({"credit_code": "abc"}, "invalid_credit_code", "credit_code"),
        ({"name": "张\x00伟"}, "enforcement_name_invalid", "name"),  # PostgreSQL refuses NUL in text
    ],
)
def test_bad_input_is_a_422_naming_the_field(enforcement_world: World, params: dict[str, str], code: str,
                                             field: str) -> None:  # fmt: skip
    for kind in ("debtors", "dishonest", "restricted", "terminated"):
        response = get(Client(), kind, **params)
        assert response.status_code == 422, (kind, params)
        assert response.json() == {"code": code, "message": response.json()["message"], "details": {"field": field}}
        assert response.json()["message"]


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"page_size": "51"}, {"page": "51"},
                                    {"name": "长" * 101}])  # fmt: skip
def test_bad_paging_and_huge_input_are_422(enforcement_world: World, params: dict[str, str]) -> None:
    response = get(Client(), "dishonest", **{"name": "张伟", **params})
    assert response.status_code == 422
    assert set(response.json()) == {"code", "message", "details"}


def test_bad_input_on_the_page_is_answered_on_the_page(enforcement_world: World) -> None:
    response = Client().post(reverse("publicity:enforcement"), {"kind": "dishonest", "number": BAD_CHECK})
    assert response.status_code == 422
    assert "身份证号码校验位不正确" in response.content.decode()
    short = Client().get(reverse("publicity:enforcement"), {"kind": "debtors", "name": "张", "page": "-1"})
    assert short.status_code == 422
    assert "至少2个字" in short.content.decode()


# ---- Quotas --------------------------------------------------------------------------------------


def test_per_client_quota_answers_429_with_retry_after(enforcement_world: World, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "enforcement_query": "3/m"}
    client = Client()
    for _ in range(3):
        assert get(client, "debtors", ip="10.9.9.9", name="张伟").status_code == 200
    refused = get(client, "dishonest", ip="10.9.9.9", name="李强")
    assert refused.status_code == 429
    body = refused.json()
    assert body["code"] == "enforcement_query_quota"
    assert 0 < body["details"]["retry_after"] <= 60
    assert body["details"]["scope"] == "enforcement_ip_minute"
    assert get(client, "debtors", ip="10.9.9.10", name="张伟").status_code == 200  # another client is not affected
    page = client.get(reverse("publicity:enforcement"), {"name": "张伟"}, REMOTE_ADDR="10.9.9.9")
    assert page.status_code == 429
    assert "查询过于频繁" in page.content.decode()


def test_per_day_quota(enforcement_world: World, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "enforcement_query": "100/m", "enforcement_query_day": "2/d"}
    client = Client()
    assert get(client, "debtors", ip="10.8.0.1", name="张伟").status_code == 200
    assert get(client, "debtors", ip="10.8.0.1", name="李强").status_code == 200
    refused = get(client, "debtors", ip="10.8.0.1", name="王芳")
    assert refused.status_code == 429
    assert refused.json()["details"]["scope"] == "enforcement_ip_day"
    assert refused.json()["details"]["retry_after"] <= 86400


def test_per_subject_quota_counts_every_client_together(enforcement_world: World, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "enforcement_subject": "3/h"}
    client = Client()
    for n in range(3):
        assert get(client, "dishonest", ip=f"10.7.0.{n}", id_number=ZHANG_ID).status_code == 200
    refused = get(client, "dishonest", ip="10.7.0.99", id_number=ZHANG_ID)
    assert refused.status_code == 429
    assert refused.json()["details"]["scope"] == "enforcement_subject"
    assert "查询次数已达上限" in refused.json()["message"]
    assert get(client, "dishonest", ip="10.7.0.99", name="李强").status_code == 200  # another subject


def test_names_have_a_looser_subject_quota_than_numbers(enforcement_world: World, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "enforcement_subject": "1/h", "enforcement_name": "3/h"}
    client = Client()
    for n in range(3):
        assert get(client, "dishonest", ip=f"10.4.0.{n}", name="张伟").status_code == 200
    refused = get(client, "dishonest", ip="10.4.0.99", name="张伟")
    assert refused.status_code == 429
    assert refused.json()["details"]["scope"] == "enforcement_subject"
    assert get(client, "dishonest", ip="10.4.1.1", id_number=LI_ID).status_code == 200
    assert get(client, "dishonest", ip="10.4.1.2", id_number=LI_ID).status_code == 429  # a number: 1/h


def test_invalid_queries_are_refused_before_counting(enforcement_world: World, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "enforcement_query": "1/m"}
    client = Client()
    for _ in range(3):
        assert get(client, "debtors", ip="10.6.0.1", name="张").status_code == 422
    assert get(client, "debtors", ip="10.6.0.1", name="张伟").status_code == 200


# ---- Pagination and query counts ------------------------------------------------------------------


def test_pagination_and_bounded_queries(enforcement_world: World, users: Users, courts: Any,
                                        django_assert_max_num_queries: Any) -> None:  # fmt: skip
    for n in range(24):
        case = enforcement_case(courts.chaoyang, filed_on=dt.date(2026, 1, 1) + dt.timedelta(days=n))
        party = debtor(case, "张伟", id_number=ZHANG_ID, gender="male", birth_date=dt.date(1985, 3, 12))
        listing(party, users.judge, listed_on=dt.date(2026, 6, 1) + dt.timedelta(days=n))
    client = Client()
    first = get(client, "dishonest", name="张伟", page_size="10").json()
    assert (first["total"], first["pages"], len(first["items"])) == (25, 3, 10)
    last = get(client, "dishonest", name="张伟", page_size="10", page="3").json()
    assert len(last["items"]) == 5
    ids = {i["id"] for i in first["items"]} | {i["id"] for i in last["items"]}
    assert len(ids) == 15  # pages do not overlap
    beyond = get(client, "dishonest", name="张伟", page_size="10", page="4").json()
    assert beyond["items"] == []
    assert beyond["total"] == 25
    debtors = get(client, "debtors", name="张伟", page_size="50").json()
    assert (debtors["total"], len(debtors["items"])) == (25, 25)
    dates = [i["filed_on"] for i in debtors["items"]]
    assert dates == sorted(dates, reverse=True)  # newest case first
    for kind in ("debtors", "dishonest", "restricted", "terminated"):
        with django_assert_max_num_queries(4):
            assert get(client, kind, name="张伟", page_size="50").status_code == 200
    with django_assert_max_num_queries(8):
        page = client.get(reverse("publicity:enforcement"), {"kind": "dishonest", "name": "张伟", "page": "2"},
                          REMOTE_ADDR="10.5.0.1")  # fmt: skip
    assert page.status_code == 200
    text = page.content.decode()
    assert "第 2 / 2 页" in text
    assert 'rel="prev"' in text
    assert 'rel="next"' not in text


# ---- Pages and the portal ------------------------------------------------------------------------


def test_query_page_renders_each_kind_in_chinese(enforcement_world: World) -> None:
    client = Client()
    blank = client.get(reverse("publicity:enforcement"))
    assert blank.status_code == 200
    text = blank.content.decode()
    for label in (
        "执行信息公开",
        "被执行人",
        "失信被执行人",
        "限制消费人员",
        "终本案件",
        "身份证号码/统一社会信用代码",
    ):
        assert label in text
    expectations = {
        "debtors": ("张伟", enforcement_world.pending.number, "125,000.00"),
        "dishonest": ("张伟", "全部未履行", "查看"),
        "restricted": ("张伟", "2026-04-20"),
        "terminated": ("李强", "2026-08-14", "88,000.50"),
    }
    for kind, shown in expectations.items():
        number = LI_ID if kind == "terminated" else ZHANG_ID
        response = client.post(reverse("publicity:enforcement"), {"kind": kind, "number": number})
        page = response.content.decode()
        assert response.status_code == 200, kind
        assert "共 1 条" in page, kind
        for value in shown:
            assert value in page, (kind, value)
        assert number not in page
        assert mask_id_number(number) in page
    by_code = client.post(reverse("publicity:enforcement"), {"kind": "restricted", "number": ACME_CODE})
    assert "陈某某（法定代表人）" in by_code.content.decode().replace('<span class="muted small">', "").replace(
        "</span>", ""
    )


def test_portal_home_links_the_enforcement_query_and_counts(enforcement_world: World) -> None:
    response = Client().get(reverse("publicity:home"))
    text = response.content.decode()
    assert response.status_code == 200
    assert reverse("publicity:enforcement") in text
    assert "执行信息公开" in text
    statistics = response.context["statistics"]
    assert (statistics.dishonest_listed, statistics.restrictions_in_force, statistics.no_assets_cases) == (2, 2, 1)


def test_openapi_documents_the_public_enforcement_endpoints(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    for kind in ("debtors", "dishonest", "restricted", "terminated"):
        operation = schema["paths"][f"{API}/{kind}"]["get"]
        assert {"200", "422", "429"} <= set(operation["responses"])
        assert not operation.get("security")  # no login
        assert {p["name"] for p in operation["parameters"]} >= {"name", "id_number", "credit_code", "page"}


def test_the_page_posts_numbers_and_redirects_names_to_a_shareable_address(enforcement_world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    form = client.get(reverse("publicity:enforcement"), {"kind": "dishonest"})
    token = form.cookies["csrftoken"].value
    by_name = client.post(reverse("publicity:enforcement"), {"kind": "dishonest", "name": "张伟",
                                                             "csrfmiddlewaretoken": token})  # fmt: skip
    assert by_name.status_code == 302
    assert by_name["Location"] == "/open/enforcement/?kind=dishonest&name=%E5%BC%A0%E4%BC%9F"
    shared = client.get(by_name["Location"])
    assert "共 1 条" in shared.content.decode()
    by_number = client.post(reverse("publicity:enforcement"), {"kind": "dishonest", "number": ZHANG_ID,
                                                               "csrfmiddlewaretoken": token})  # fmt: skip
    assert by_number.status_code == 200
    text = by_number.content.decode()
    assert ZHANG_ID not in text
    assert f"证件号码：{mask_id_number(ZHANG_ID)}" in text
    assert (
        Client(enforce_csrf_checks=True).post(reverse("publicity:enforcement"), {"number": ZHANG_ID}).status_code == 403
    )


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "长" * 500, "name": "长" * 20_000, "page": "1e999"},
        {"kind": "dishonest", "number": "长" * 20_000},
        {"kind": "terminated", "name": "张伟", "number": "<script>", "page": "-5"},
        {"name": "\x00\x01", "number": "1" * 18},
        {"kind": ["a", "b"], "name": ["张伟", "李强"], "page": "2.5"},
    ],
)
def test_garbage_on_the_page_is_a_page_never_a_500(enforcement_world: World, data: dict[str, Any]) -> None:
    client = Client()
    for response in (client.get(reverse("publicity:enforcement"), data),
                     client.post(reverse("publicity:enforcement"), data)):  # fmt: skip
        assert response.status_code in (200, 302, 422), response.status_code
    assert client.get(f"{reverse('publicity:enforcement')}dishonest/987654321/").status_code == 404
    assert client.get(f"{API}/dishonest/987654321").status_code == 404
