"""The process sign-in API writes a grant into the session cookie, so it is CSRF-protected like a form:
a cross-site POST without the token is refused and writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.delivery.conftest import World
from tianping.publicity.selectors.process import PROCESS_SESSION_KEY

SESSIONS = "/api/v1/public/process/sessions"
pytestmark = pytest.mark.django_db


def sign_in(client: Client, world: World, **headers: str) -> object:
    payload = {"query_code": world.plaintiff.query_code, "id_number": world.plaintiff.id_number}
    return client.post(SESSIONS, payload, content_type="application/json", **headers)


def test_a_post_without_the_csrf_token_is_refused_and_grants_nothing(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = sign_in(client, world)
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert PROCESS_SESSION_KEY not in client.session


def test_the_token_from_the_case_list_lets_the_party_sign_in(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    listing = client.get("/api/v1/public/process/cases")
    assert listing.status_code == 200
    token = listing.cookies["csrftoken"].value
    response = sign_in(client, world, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 200, response.content
    assert response.json()["case_id"] == world.case.pk
    assert client.session[PROCESS_SESSION_KEY] == {str(world.case.pk): [world.plaintiff.pk]}


def test_a_forged_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get("/api/v1/public/process/cases")
    response = sign_in(client, world, HTTP_X_CSRFTOKEN="x" * 32)
    assert response.status_code == 403
    assert PROCESS_SESSION_KEY not in client.session
