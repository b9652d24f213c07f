"""Public endpoints are rate-limited per client address."""

import pytest

from tianping.core import ratelimit
from tianping.core.errors import RateLimited


def test_parse_rate_units():
    assert ratelimit.parse_rate("30/m") == (30, 60)
    assert ratelimit.parse_rate("5/s") == (5, 1)
    assert ratelimit.parse_rate("100/h") == (100, 3600)


def test_limit_allows_up_to_rate_then_refuses():
    for _ in range(3):
        ratelimit.hit("test", "10.0.0.1", "3/m")
    with pytest.raises(RateLimited) as excinfo:
        ratelimit.hit("test", "10.0.0.1", "3/m")
    assert excinfo.value.code == "rate_limited"
    ratelimit.hit("test", "10.0.0.2", "3/m")  # another address has its own budget


@pytest.mark.django_db
def test_token_endpoint_answers_429_when_flooded(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api_token": "2/m"}
    statuses = [
        client.post(
            "/api/v1/auth/token", {"username": "x", "password": "y"}, content_type="application/json"
        ).status_code
        for _ in range(3)
    ]
    assert statuses[:2] == [401, 401]
    assert statuses[2] == 429
    flooded = client.post("/api/v1/auth/token", {"username": "x", "password": "y"}, content_type="application/json")
    assert flooded.json()["code"] == "rate_limited"


@pytest.mark.django_db
def test_login_page_answers_429_when_flooded(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "1/m"}
    client.post("/accounts/login/", {"username": "x", "password": "y"})
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 429
