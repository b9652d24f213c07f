"""The staff API under /api/v1/credit: create, read, remove, restrict, lift; errors in the
{code, message, details} shape with the right status; court scope and ID masking."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import Users, bearer
from tests.credit.conftest import ADULT_ID, LISTING_DEFAULTS, EnforcementWorld
from tianping.core.models import AuditRecord
from tianping.credit import services
from tianping.credit.models import ConsumptionRestriction, DishonestListing

pytestmark = pytest.mark.django_db
BASE = "/api/v1/credit"


def post(client: Client, url: str, body: Any, auth: dict[str, str]) -> Any:
    return client.post(url, body, content_type="application/json", headers=auth)


def listing_body(world: EnforcementWorld, **overrides: Any) -> dict[str, Any]:
    return {"case_id": world.case.pk, "party_id": world.debtor.pk, **LISTING_DEFAULTS, **overrides}


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == code
    assert body["message"]
    return body


def test_list_read_and_remove_through_the_api(client: Client, world: EnforcementWorld) -> None:
    auth = bearer(client, "officer")
    created = post(
        client, f"{BASE}/listings", listing_body(world, conducts=["obstructs"], term_extension_years=2), auth
    )
    assert created.status_code == 201, created.content
    listing = created.json()
    assert (listing["term_ends_on"], listing["id_number"], listing["id_number_masked"]) == (
        "2030-03-10", ADULT_ID, False
    )  # fmt: skip
    assert listing["conduct_labels"] == ["以伪造证据、暴力、威胁等方法妨碍、抗拒执行"]
    assert client.get(f"{BASE}/listings/{listing['id']}", headers=auth).json()["name"] == "王失信"
    assert [x["id"] for x in client.get(f"{BASE}/listings?status=listed", headers=auth).json()] == [listing["id"]]
    assert client.get(f"{BASE}/listings?status=removed", headers=auth).json() == []
    removed = post(client, f"{BASE}/listings/{listing['id']}/remove", {"reason": "performed"}, auth)
    assert removed.status_code == 200
    assert removed.json()["status"] == "removed"
    assert_error(post(client, f"{BASE}/listings/{listing['id']}/remove", {"reason": "performed"}, auth), 409,
                 "invalid_credit_transition")  # fmt: skip
    case_view = client.get(f"{BASE}/cases/{world.case.pk}", headers=auth).json()
    assert [x["id"] for x in case_view["listings"]] == [listing["id"]]
    assert case_view["restrictions"] == []


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"conducts": []}, 422, "conduct_required"),
        ({"conducts": ["x"]}, 422, "conduct_unknown"),
        ({"security_given": True}, 422, "security_given"),
        ({"seized_assets_cover_debt": True}, 422, "assets_cover_debt"),
        ({"term_extension_years": 2}, 422, "extension_not_allowed"),
        ({"term_extension_years": 9}, 422, "validation_failed"),
        ({"obligation": 5}, 422, "validation_failed"),
        ({"party_id": 987654321}, 404, "party_not_found"),
        ({"case_id": 987654321}, 404, "case_not_found"),
    ],
)
def test_refusals_are_error_shaped_and_write_nothing(
    client: Client, world: EnforcementWorld, overrides: dict[str, Any], status: int, code: str
) -> None:
    response = post(client, f"{BASE}/listings", listing_body(world, **overrides), bearer(client, "officer"))
    assert_error(response, status, code)
    assert not DishonestListing.objects.exists()
    assert not AuditRecord.objects.filter(action__startswith="credit.").exists()


def test_a_minor_and_a_duplicate_are_refused(client: Client, world: EnforcementWorld) -> None:
    auth = bearer(client, "officer")
    assert_error(post(client, f"{BASE}/listings", listing_body(world, party_id=world.minor.pk), auth), 422,
                 "debtor_minor")  # fmt: skip
    assert post(client, f"{BASE}/listings", listing_body(world), auth).status_code == 201
    assert_error(post(client, f"{BASE}/listings", listing_body(world), auth), 409, "already_listed")


def test_access_outsider_other_court_litigant_and_clerk(client: Client, world: EnforcementWorld, users: Users) -> None:
    created = post(client, f"{BASE}/listings", listing_body(world), bearer(client, "officer")).json()
    # another court's staff do not see the case or the listing
    for name in ("outsider", "officer2"):
        auth = bearer(client, name)
        assert_error(post(client, f"{BASE}/listings", listing_body(world, party_id=world.company.pk), auth), 404,
                     "case_not_found")  # fmt: skip
        assert_error(client.get(f"{BASE}/listings/{created['id']}", headers=auth), 404, "listing_not_found")
        assert client.get(f"{BASE}/listings", headers=auth).json() == []
    # the applicant (a party with an account) sees the case but decides nothing and reads no staff list
    auth = bearer(client, "litigant")
    assert_error(post(client, f"{BASE}/listings", listing_body(world, party_id=world.company.pk), auth), 403,
                 "not_credit_officer")  # fmt: skip
    assert_error(client.get(f"{BASE}/listings/{created['id']}", headers=auth), 404, "listing_not_found")
    assert_error(client.get(f"{BASE}/listings", headers=auth), 403, "staff_only")
    assert_error(client.get(f"{BASE}/cases/{world.case.pk}", headers=auth), 403, "staff_only")
    # a filing clerk of the court reads the list but may not decide
    auth = bearer(client, "clerk")
    seen = client.get(f"{BASE}/listings/{created['id']}", headers=auth)
    assert seen.status_code == 200
    assert seen.json()["id_number"] == ADULT_ID[:6] + "********" + ADULT_ID[-4:]  # decides nothing: masked
    assert_error(post(client, f"{BASE}/listings/{created['id']}/remove", {"reason": "performed"}, auth), 403,
                 "not_credit_officer")  # fmt: skip
    assert DishonestListing.objects.get().status == "listed"


def test_a_higher_court_judge_reads_the_list_with_masked_id_numbers(client: Client, world: EnforcementWorld) -> None:
    created = post(client, f"{BASE}/listings", listing_body(world), bearer(client, "officer")).json()
    auth = bearer(client, "judge3")
    seen = client.get(f"{BASE}/listings/{created['id']}", headers=auth).json()
    assert seen["id_number"] == ADULT_ID[:6] + "********" + ADULT_ID[-4:]
    assert seen["id_number_masked"]
    assert ADULT_ID not in client.get(f"{BASE}/listings", headers=auth).content.decode()
    assert_error(post(client, f"{BASE}/listings/{created['id']}/remove", {"reason": "performed"}, auth), 403,
                 "not_credit_officer")  # fmt: skip


def test_bad_list_filters_are_422(client: Client, world: EnforcementWorld) -> None:
    auth = bearer(client, "officer")
    assert_error(client.get(f"{BASE}/listings?status=gone", headers=auth), 422, "invalid_choice")
    assert_error(client.get(f"{BASE}/restrictions?status=gone", headers=auth), 422, "invalid_choice")
    assert_error(client.get(f"{BASE}/listings?court_id=abc", headers=auth), 422, "validation_failed")
    assert client.get(f"{BASE}/listings?court_id=987654321", headers=auth).json() == []


def test_restrict_and_lift_through_the_api(client: Client, world: EnforcementWorld) -> None:
    auth = bearer(client, "officer")
    body = {"case_id": world.case.pk, "party_id": world.company.pk, "order_number": "（2026）京0105执1号",
            "restricted_persons": [{"name": "赵控制", "role": "actual_controller"}]}  # fmt: skip
    created = post(client, f"{BASE}/restrictions", body, auth)
    assert created.status_code == 201, created.content
    order = created.json()
    assert [(p["name"], p["role"]) for p in order["restricted_persons"]] == [
        ("周经理", "legal_representative"), ("赵控制", "actual_controller")
    ]  # fmt: skip
    assert_error(post(client, f"{BASE}/restrictions", body, auth), 409, "already_restricted")
    bad = {**body, "restricted_persons": [{"name": "某", "role": "principal", "id_number": "123"}]}
    assert_error(post(client, f"{BASE}/restrictions", bad, auth), 422, "invalid_id_number")
    assert client.get(f"{BASE}/restrictions?status=in_force", headers=auth).json()[0]["id"] == order["id"]
    assert_error(post(client, f"{BASE}/restrictions/{order['id']}/lift", {"reason": "nope"}, auth), 422,
                 "reason_unknown")  # fmt: skip
    lifted = post(client, f"{BASE}/restrictions/{order['id']}/lift", {"reason": "applicant_request"}, auth)
    assert lifted.status_code == 200
    assert lifted.json()["status"] == "lifted"
    assert ConsumptionRestriction.objects.count() == 1
    assert_error(client.get(f"{BASE}/restrictions/{order['id']}", headers=bearer(client, "outsider")), 404,
                 "restriction_not_found")  # fmt: skip


HUGE = "长" * 50_000
BODIES: list[Any] = [
    {},
    [],
    "text",
    None,
    {"case_id": "x", "party_id": None, "conducts": "evades", "reason": 5, "restricted_persons": "赵"},
    {"case_id": 2**70, "party_id": -1, "conducts": [HUGE], "obligation": HUGE, "performance": HUGE, "note": HUGE},
    {"case_id": 1, "party_id": 1, "conducts": ["evades"] * 50, "term_extension_years": 1e309,
     "restricted_persons": [{"name": HUGE[:1000]}] * 20, "reason": "performed"},
]  # fmt: skip


def test_bad_input_on_every_credit_route_is_a_4xx_with_the_error_shape(
    client: Client, world: EnforcementWorld, users: Users
) -> None:
    officer = bearer(client, "officer")
    listing = post(client, f"{BASE}/listings", listing_body(world), officer).json()
    order_body = {"case_id": world.case.pk, "party_id": world.company.pk}
    order = post(client, f"{BASE}/restrictions", order_body, officer).json()
    ids = {"case_id": world.case.pk, "listing_id": listing["id"], "restriction_id": order["id"]}
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    routes = [(m, p) for p, ops in paths.items() if p.startswith(BASE) for m in ops]
    assert len(routes) == 9
    failures: list[str] = []
    for name in ("officer", "clerk", "litigant", "outsider"):
        auth = officer if name == "officer" else bearer(client, name)
        for method, path in routes:
            for unknown in (False, True):
                url = path.format(**{k: 987654321 if unknown else v for k, v in ids.items()})
                for body in BODIES if method == "post" else [None]:
                    if method == "get":
                        response = client.get(url, {"status": HUGE[:300], "court_id": "y"}, headers=auth)
                    else:
                        raw = "{not json" if body is None else json.dumps(body)
                        response = client.post(url, raw, content_type="application/json", headers=auth)
                    if response.status_code < 400:
                        continue
                    if response.status_code >= 500 or set(response.json()) != {"code", "message", "details"}:
                        failures.append(f"{method} {url} as {name} {str(body)[:40]}: {response.status_code}")
    assert failures == [], "\n".join(failures[:20])
    assert DishonestListing.objects.count() == 1
    assert ConsumptionRestriction.objects.count() == 1


def test_the_list_endpoint_does_not_query_per_row(
    client: Client, world: EnforcementWorld, django_assert_max_num_queries: Any
) -> None:
    auth = bearer(client, "officer")
    services.dishonest_list(actor=world.officer, case=world.case, party=world.debtor, **LISTING_DEFAULTS)
    client.get(f"{BASE}/listings", headers=auth)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(f"{BASE}/listings", headers=auth).json()) == 1
    for _ in range(3):
        listing = DishonestListing.objects.filter(status="listed").get()
        services.dishonest_remove(actor=world.officer, listing=listing, reason="applicant_request")
        services.dishonest_list(actor=world.officer, case=world.case, party=world.debtor, **LISTING_DEFAULTS)
    services.dishonest_list(actor=world.officer, case=world.case, party=world.company, **LISTING_DEFAULTS)
    with django_assert_max_num_queries(len(one)):
        assert len(client.get(f"{BASE}/listings", headers=auth).json()) == 5


def test_showing_full_id_numbers_is_an_audited_read_masked_ones_are_not(
    client: Client, world: EnforcementWorld
) -> None:
    listing = services.dishonest_list(actor=world.officer, case=world.case, party=world.debtor, **LISTING_DEFAULTS)
    client.get(f"{BASE}/listings/{listing.pk}", headers=bearer(client, "officer"))
    client.get(f"{BASE}/listings", headers=bearer(client, "officer"))
    reads = AuditRecord.objects.filter(action="sensitive.read", object_type="credit.DishonestListing").order_by("pk")
    assert [(r.actor_username, r.changes["purpose"], r.changes["ids"]) for r in reads] == [
        ("officer", "credit_detail", [listing.pk]), ("officer", "credit_list", [listing.pk])
    ]  # fmt: skip
    client.get(f"{BASE}/listings/{listing.pk}", headers=bearer(client, "judge3"))  # masked: no read record
    assert AuditRecord.objects.filter(action="sensitive.read", object_type="credit.DishonestListing").count() == 2
