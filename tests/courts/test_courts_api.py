"""The court directory API: listing, filters, the tree, court detail and the scoped staff list."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests import factories
from tests.conftest import bearer
from tianping.courts import services
from tianping.courts.enums import CourtSpecialty, DivisionKind, StaffPost


@pytest.fixture
def judge_headers(users: Any, client: Client) -> dict[str, str]:
    return bearer(client, "judge")


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [court["code"] for court in response.json()]


@pytest.fixture
def organised(courts: Any) -> dict[str, Any]:
    """朝阳 with two divisions, two courtrooms and three staff (one inactive)."""
    civil = services.division_create(
        actor=None, court=courts.chaoyang, name="民事审判第一庭", kind=DivisionKind.CIVIL, sort_order=2
    )
    filing = services.division_create(
        actor=None, court=courts.chaoyang, name="立案庭", kind=DivisionKind.FILING, sort_order=1
    )
    services.courtroom_create(actor=None, court=courts.chaoyang, name="第一法庭", seats=60, supports_online=True)
    services.courtroom_create(actor=None, court=courts.chaoyang, name="第二法庭", supports_streaming=True)
    for n, (name, post, division, active) in enumerate(
        [
            ("李法官", StaffPost.JUDGE, civil, True),
            ("王书记员", StaffPost.CLERK, civil, True),
            ("周离任", StaffPost.JUDGE, filing, False),
        ]
    ):
        services.staff_member_create(
            actor=None,
            court=courts.chaoyang,
            division=division,
            name=name,
            gender="female",
            post=post,
            employee_no=f"CY{n:04d}",
            active=active,
        )
    services.staff_member_create(
        actor=None, court=courts.haidian, name="海淀人员", gender="male", post=StaffPost.JUDGE, employee_no="HD0001"
    )
    return {"civil": civil, "filing": filing}


# --- listing -------------------------------------------------------------------------------


def test_list_needs_authentication(courts: Any, client: Client) -> None:
    response = client.get("/api/v1/courts")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_required"


def test_list_returns_all_courts(users: Any, client: Client, judge_headers: dict[str, str]) -> None:
    response = client.get("/api/v1/courts", headers=judge_headers)

    assert sorted(codes(response)) == sorted(["京", "京03", "京0105", "京01", "京0108"])
    chaoyang = next(c for c in response.json() if c["code"] == "京0105")
    assert chaoyang["name"] == "北京市朝阳区人民法院"
    assert chaoyang["level"] == "basic"
    assert chaoyang["level_label"] == "基层人民法院"
    assert chaoyang["division_code"] == "110105"
    assert chaoyang["parent_id"] is not None


def test_litigant_may_browse_the_directory(users: Any, client: Client) -> None:
    response = client.get("/api/v1/courts", headers=bearer(client, "litigant"))

    assert len(codes(response)) == 5


def test_filter_by_level(users: Any, client: Client, judge_headers: dict[str, str]) -> None:
    assert sorted(codes(client.get("/api/v1/courts?level=basic", headers=judge_headers))) == ["京0105", "京0108"]
    assert sorted(codes(client.get("/api/v1/courts?level=intermediate", headers=judge_headers))) == ["京01", "京03"]
    assert codes(client.get("/api/v1/courts?level=supreme", headers=judge_headers)) == []


def test_filter_by_parent(users: Any, courts: Any, client: Client, judge_headers: dict[str, str]) -> None:
    third = courts.third_intermediate.pk
    high = courts.high.pk

    assert codes(client.get(f"/api/v1/courts?parent={third}", headers=judge_headers)) == ["京0105"]
    assert sorted(codes(client.get(f"/api/v1/courts?parent={high}", headers=judge_headers))) == ["京01", "京03"]


@pytest.mark.parametrize(
    ("q", "expected"), [("朝阳", ["京0105"]), ("京01", ["京01", "京0105", "京0108"]), ("不存在", [])]
)
def test_filter_by_text(users: Any, client: Client, judge_headers: dict[str, str], q: str, expected: list[str]) -> None:
    assert sorted(codes(client.get("/api/v1/courts", {"q": q}, headers=judge_headers))) == expected


def test_filter_by_specialty(users: Any, courts: Any, client: Client, judge_headers: dict[str, str]) -> None:
    factories.court("京0491", "北京互联网法院", "basic", parent=courts.high, specialty=CourtSpecialty.INTERNET)

    assert codes(client.get("/api/v1/courts?specialty=internet", headers=judge_headers)) == ["京0491"]
    assert codes(client.get("/api/v1/courts?specialty=maritime", headers=judge_headers)) == []


def test_filters_combine(users: Any, courts: Any, client: Client, judge_headers: dict[str, str]) -> None:
    factories.court("京0491", "北京互联网法院", "basic", parent=courts.high, specialty=CourtSpecialty.INTERNET)

    response = client.get(f"/api/v1/courts?level=basic&parent={courts.high.pk}", headers=judge_headers)

    assert codes(response) == ["京0491"]


def test_tree_nests_the_hierarchy(users: Any, client: Client, judge_headers: dict[str, str]) -> None:
    response = client.get("/api/v1/courts?tree=true", headers=judge_headers)

    assert response.status_code == 200
    roots = response.json()
    assert [r["code"] for r in roots] == ["京"]
    children = {c["code"]: c for c in roots[0]["children"]}
    assert set(children) == {"京01", "京03"}
    assert [g["code"] for g in children["京03"]["children"]] == ["京0105"]
    assert [g["code"] for g in children["京01"]["children"]] == ["京0108"]
    assert children["京03"]["children"][0]["children"] == []


def test_tree_of_a_filtered_list_makes_orphans_roots(users: Any, client: Client, judge_headers: dict[str, str]) -> None:
    response = client.get("/api/v1/courts?tree=true&level=basic", headers=judge_headers)

    assert sorted(r["code"] for r in response.json()) == ["京0105", "京0108"]
    assert all(r["children"] == [] for r in response.json())


@pytest.mark.parametrize(
    ("query", "field"),
    [("level=bogus", "level"), ("parent=abc", "parent"), ("specialty=space", "specialty"), ("tree=maybe", "tree")],
)
def test_invalid_filter_is_422_not_500(
    users: Any, client: Client, judge_headers: dict[str, str], query: str, field: str
) -> None:
    response = client.get(f"/api/v1/courts?{query}", headers=judge_headers)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_failed"
    assert [e["loc"][-1] for e in body["details"]["errors"]] == [field]


def test_list_query_count_does_not_grow_with_courts(
    users: Any, courts: Any, client: Client, judge_headers: dict[str, str], django_assert_max_num_queries: Any
) -> None:
    client.get("/api/v1/courts", headers=judge_headers)  # first use stamps the token's last_used_at
    bound = 2  # the token (with its user) and the courts, however many there are

    with django_assert_max_num_queries(bound):
        assert len(codes(client.get("/api/v1/courts", headers=judge_headers))) == 5

    for n in range(10):
        factories.court(f"京9{n:02d}", f"测试第{n}法院", "basic", parent=courts.first_intermediate)

    with django_assert_max_num_queries(bound):
        assert len(codes(client.get("/api/v1/courts", headers=judge_headers))) == 15
    with django_assert_max_num_queries(bound):
        assert len(client.get("/api/v1/courts?tree=true", headers=judge_headers).json()) == 1


# --- detail ----------------------------------------------------------------------------------


def test_detail_with_divisions_and_courtrooms(
    users: Any, courts: Any, organised: dict[str, Any], client: Client, judge_headers: dict[str, str]
) -> None:
    response = client.get(f"/api/v1/courts/{courts.chaoyang.pk}", headers=judge_headers)

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "京0105"
    assert [d["name"] for d in body["divisions"]] == ["立案庭", "民事审判第一庭"]
    staff = {d["name"]: d["staff_count"] for d in body["divisions"]}
    assert staff == {"立案庭": 0, "民事审判第一庭": 2}  # staff no longer in post are not counted
    rooms = {r["name"]: r for r in body["courtrooms"]}
    assert set(rooms) == {"第一法庭", "第二法庭"}
    assert rooms["第一法庭"]["seats"] == 60
    assert rooms["第一法庭"]["supports_online"] is True
    assert rooms["第二法庭"]["supports_streaming"] is True
    assert body["internal_access"] is True


def test_detail_internal_access_false_for_outsider(
    users: Any, courts: Any, organised: dict[str, Any], client: Client
) -> None:
    response = client.get(f"/api/v1/courts/{courts.chaoyang.pk}", headers=bearer(client, "outsider"))

    assert response.status_code == 200
    assert response.json()["internal_access"] is False
    assert len(response.json()["divisions"]) == 2


@pytest.mark.parametrize(
    ("who", "court", "expected"),
    [
        ("higher_judge", "chaoyang", True),
        ("higher_judge", "third_intermediate", True),
        ("higher_judge", "high", False),
        ("judge", "third_intermediate", False),
        ("sysadmin", "haidian", True),
        ("litigant", "chaoyang", False),
    ],
)
def test_detail_internal_access_follows_scope(
    users: Any, courts: Any, client: Client, who: str, court: str, expected: bool
) -> None:
    username = getattr(users, who).username
    response = client.get(f"/api/v1/courts/{getattr(courts, court).pk}", headers=bearer(client, username))

    assert response.json()["internal_access"] is expected


def test_detail_of_unknown_court_is_404(users: Any, client: Client, judge_headers: dict[str, str]) -> None:
    response = client.get("/api/v1/courts/999999", headers=judge_headers)

    assert response.status_code == 404
    assert response.json()["code"] in {"court_not_found", "not_found"}


def test_detail_needs_authentication(courts: Any, client: Client) -> None:
    assert client.get(f"/api/v1/courts/{courts.chaoyang.pk}").status_code == 401


# --- staff -------------------------------------------------------------------------------------


def test_staff_of_own_court(users: Any, courts: Any, organised: dict[str, Any], client: Client) -> None:
    response = client.get(f"/api/v1/courts/{courts.chaoyang.pk}/staff", headers=bearer(client, "judge"))

    assert response.status_code == 200
    names = {m["name"]: m for m in response.json()}
    assert set(names) == {"李法官", "王书记员"}  # not the inactive one, not 海淀's
    assert names["李法官"]["post"] == "judge"
    assert names["李法官"]["post_label"] == "员额法官"
    assert names["李法官"]["division"] == "民事审判第一庭"


def test_staff_filters(users: Any, courts: Any, organised: dict[str, Any], client: Client) -> None:
    headers = bearer(client, "judge")
    url = f"/api/v1/courts/{courts.chaoyang.pk}/staff"

    assert [m["name"] for m in client.get(f"{url}?post=clerk", headers=headers).json()] == ["王书记员"]
    assert client.get(f"{url}?division={organised['filing'].pk}", headers=headers).json() == []


def test_staff_visible_to_supervising_court(users: Any, courts: Any, organised: dict[str, Any], client: Client) -> None:
    response = client.get(f"/api/v1/courts/{courts.chaoyang.pk}/staff", headers=bearer(client, "judge3"))

    assert response.status_code == 200
    assert {m["name"] for m in response.json()} == {"李法官", "王书记员"}


@pytest.mark.parametrize("username", ["outsider", "litigant", "lawyer"])
def test_staff_outside_scope_looks_like_an_unknown_court(
    users: Any, courts: Any, organised: dict[str, Any], client: Client, username: str
) -> None:
    headers = bearer(client, username)

    forbidden = client.get(f"/api/v1/courts/{courts.chaoyang.pk}/staff", headers=headers)
    missing = client.get("/api/v1/courts/999999/staff", headers=headers)

    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.json() == missing.json()
    assert forbidden.json()["code"] == "court_not_found"
    assert "李法官" not in forbidden.content.decode()


def test_staff_of_a_higher_court_is_not_visible(users: Any, courts: Any, client: Client) -> None:
    response = client.get(f"/api/v1/courts/{courts.third_intermediate.pk}/staff", headers=bearer(client, "judge"))

    assert response.status_code == 404


def test_staff_needs_authentication(courts: Any, client: Client) -> None:
    assert client.get(f"/api/v1/courts/{courts.chaoyang.pk}/staff").status_code == 401
