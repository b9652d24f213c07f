"""The Jitsi provider: room names and JWTs checked independently of the code that makes them."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tianping.core import clock
from tianping.hearings import video

MOMENT = dt.datetime(2026, 3, 16, 1, 0, tzinfo=dt.UTC)


def b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def decode_verified(token: str, secret: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and claims of an HS256 JWT, after checking its signature with ``secret``."""
    header_b64, claims_b64, signature_b64 = token.split(".")
    expected = hmac.new(secret.encode(), f"{header_b64}.{claims_b64}".encode(), hashlib.sha256).digest()
    assert hmac.compare_digest(expected, b64decode(signature_b64)), "signature does not verify"
    return json.loads(b64decode(header_b64)), json.loads(b64decode(claims_b64))


def hearing(room: str = "") -> Any:
    return SimpleNamespace(pk=42, video_room=room)


def test_room_is_unguessable_and_kept() -> None:
    first, second = hearing(), hearing()
    provider = video.JitsiProvider(base_url="https://meet.example.org", app_id="court", secret="s3cret")
    room = provider.room_for(first)
    assert room.startswith("tp-42-")
    assert len(room) >= 30
    assert first.video_room == room
    assert provider.room_for(first) == room
    assert provider.room_for(second) != room


def test_join_url_carries_a_signed_jwt_with_the_jitsi_claims() -> None:
    provider = video.JitsiProvider(base_url="https://meet.example.org/", app_id="court-app", secret="s3cret")
    sitting = hearing("tp-42-abc")
    expires = MOMENT + dt.timedelta(hours=4)
    with clock.frozen_at(MOMENT):
        url = provider.join_url(sitting, "张三", "当事人", False, expires)
    parts = urlsplit(url)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", "meet.example.org", "/tp-42-abc")
    token = parse_qs(parts.query)["jwt"][0]
    header, claims = decode_verified(token, "s3cret")
    assert header == {"alg": "HS256", "typ": "JWT"}
    assert claims["aud"] == "jitsi"
    assert claims["iss"] == "court-app"
    assert claims["sub"] == "meet.example.org"
    assert claims["room"] == "tp-42-abc"
    assert claims["exp"] == int(expires.timestamp())
    assert claims["nbf"] <= int(MOMENT.timestamp())
    assert claims["context"]["user"] == {"name": "张三（当事人）", "moderator": False}


def test_a_token_signed_with_another_secret_does_not_verify() -> None:
    provider = video.JitsiProvider(base_url="https://meet.example.org", app_id="a", secret="right")
    url = provider.join_url(hearing("r"), "李法官", "审判长", True, MOMENT)
    token = parse_qs(urlsplit(url).query)["jwt"][0]
    assert decode_verified(token, "right")[1]["context"]["user"]["moderator"] is True
    with pytest.raises(AssertionError):
        decode_verified(token, "wrong")


def test_default_secret_is_derived_from_secret_key_and_provider_comes_from_settings(settings: Any) -> None:
    settings.JITSI_SECRET = ""
    settings.SECRET_KEY = "k1"
    first = video.jitsi_secret()
    settings.SECRET_KEY = "k2"
    assert video.jitsi_secret() != first
    assert "k2" not in video.jitsi_secret()
    settings.JITSI_SECRET = "configured"
    assert video.jitsi_secret() == "configured"
    settings.VIDEO_PROVIDER = "tianping.hearings.video.JitsiProvider"
    assert isinstance(video.provider(), video.JitsiProvider)
