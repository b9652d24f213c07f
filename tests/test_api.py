"""The API as a whole: its OpenAPI description, docs page, headers and error behaviour."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.conftest import bearer


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert body["message"]
    if code is not None:
        assert body["code"] == code
    return body


# --- OpenAPI ------------------------------------------------------------------------------


def test_openapi_json_is_3_1_and_lists_the_endpoints(db: Any, client: Client) -> None:
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"].startswith("Tianping")
    for path in ("/api/v1/auth/token", "/api/v1/me", "/api/v1/courts", "/api/v1/courts/{court_id}"):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/auth/token"]
    assert "get" in schema["paths"]["/api/v1/me"]


def test_openapi_does_not_list_the_catch_all(db: Any, client: Client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert not [p for p in paths if "{rest}" in p]


def test_openapi_declares_bearer_auth_and_token_endpoint_is_open(db: Any, client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()

    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert "security" in schema["paths"]["/api/v1/me"]["get"]
    assert not schema["paths"]["/api/v1/auth/token"]["post"].get("security")


def test_docs_page_for_signed_in_user(users: Any, client: Client) -> None:
    client.force_login(users.judge)

    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


# --- headers -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/docs", "/healthz", "/api/v1/openapi.json"])
def test_security_headers_on_responses(users: Any, client: Client, url: str) -> None:
    client.force_login(users.judge)

    response = client.get(url)

    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_security_headers_on_api_errors_too(db: Any, client: Client) -> None:
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in response
    assert response["X-Request-ID"]


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/no-such-thing", "/api/v1/courts/1/nothing/here", "/api/v1/me/"])
def test_unknown_api_path_is_json_404(users: Any, client: Client, method: str, path: str) -> None:
    response = getattr(client, method)(path, headers=bearer(client, "judge"))

    assert_error(response, 404, "not_found")


def test_unknown_api_path_is_404_without_auth_too(db: Any, client: Client) -> None:
    assert_error(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_non_numeric_court_id_is_404(users: Any, client: Client) -> None:
    assert_error(client.get("/api/v1/courts/abc", headers=bearer(client, "judge")), 404)


@pytest.mark.parametrize(
    ("method", "path"),
    [("delete", "/api/v1/me"), ("post", "/api/v1/me"), ("get", "/api/v1/auth/token"), ("delete", "/api/v1/courts")],
)
def test_wrong_method_is_405_not_500(users: Any, client: Client, method: str, path: str) -> None:
    response = getattr(client, method)(path, headers=bearer(client, "judge"))

    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"] or "POST" in response["Allow"]


@pytest.mark.parametrize(
    "raw",
    ['{"username": "judge", "password": "x"', "{'username': 'judge'}", "not json at all", "\x00\x01", '{"a": NaN'],
)
def test_malformed_json_to_token_endpoint_is_4xx(users: Any, client: Client, raw: str) -> None:
    response = client.post("/api/v1/auth/token", raw, content_type="application/json")

    assert 400 <= response.status_code < 500
    assert_error(response, response.status_code)


def test_oversized_field_is_422(users: Any, client: Client) -> None:
    response = client.post(
        "/api/v1/auth/token", {"username": "j" * 151, "password": "x"}, content_type="application/json"
    )

    body = assert_error(response, 422, "validation_failed")
    assert [e["loc"][-1] for e in body["details"]["errors"]] == ["username"]


def test_error_body_is_utf8_json_with_chinese_message(db: Any, client: Client) -> None:
    response = client.get("/api/v1/me")

    body = assert_error(response, 401, "authentication_required")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])


@pytest.mark.django_db
def test_a_body_over_the_upload_limit_is_413_not_500(client: Client, settings: Any) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    body = {"query_code": "x" * 2_000, "id_number": "1"}
    response = client.post("/api/v1/public/process/sessions", body, content_type="application/json")
    assert response.status_code == 413
    assert response.json() == {"code": "request_too_large", "message": "请求内容过大", "details": {"max_bytes": 1_000}}
