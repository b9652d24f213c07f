"""The video platform of online hearings behind one small interface (architecture convention 9).

``VideoProvider`` is what the hearings services need: a room per hearing and a personal URL into
it. The built-in ``JitsiProvider`` speaks the token authentication of Jitsi Meet (and compatible
servers): the URL is ``<JITSI_URL>/<room>?jwt=<token>``, the token an HS256 JWT signed with
``JITSI_SECRET`` (derived from ``SECRET_KEY`` when unset) carrying aud, iss (the app id), sub
(the server's domain), room, nbf, exp and ``context.user`` {name, moderator}. Nothing is sent to
the server: the participant's browser opens the URL. A court plugs in another platform by naming
its class in ``TIANPING_VIDEO_PROVIDER``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.utils.module_loading import import_string

from tianping.core import clock

JWT_AUDIENCE = "jitsi"
NOT_BEFORE_LEEWAY = dt.timedelta(minutes=5)


class VideoProvider(Protocol):
    def room_for(self, hearing: Any) -> str:
        """The room of ``hearing`` (unguessable, the same every time; may set ``hearing.video_room``)."""
        ...

    def join_url(
        self, hearing: Any, participant_name: str, display_role: str, moderator: bool, expires_at: dt.datetime
    ) -> str:
        """A URL that lets one person into the hearing's room until ``expires_at``."""
        ...


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def jwt_hs256(claims: dict[str, Any], secret: str) -> str:
    """A compact JWS (header.payload.signature) over ``claims`` signed with HMAC-SHA256."""
    header = {"alg": "HS256", "typ": "JWT"}
    signing_input = ".".join(
        _b64url(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        for part in (header, claims)
    )
    signature = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{_b64url(signature)}"


def jitsi_secret() -> str:
    configured = getattr(settings, "JITSI_SECRET", "")
    if configured:
        return str(configured)
    return hashlib.sha256(f"tianping.hearings.video:{settings.SECRET_KEY}".encode()).hexdigest()


class JitsiProvider:
    """Rooms on a Jitsi-compatible server with JWT (HS256) authentication."""

    def __init__(self, base_url: str | None = None, app_id: str | None = None, secret: str | None = None) -> None:
        self.base_url = (base_url or settings.JITSI_URL).rstrip("/")
        self.app_id = app_id or settings.JITSI_APP_ID
        self.secret = secret or jitsi_secret()

    @property
    def domain(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    def room_for(self, hearing: Any) -> str:
        if not hearing.video_room:
            hearing.video_room = f"tp-{hearing.pk}-{secrets.token_hex(12)}"
        return str(hearing.video_room)

    def join_url(
        self, hearing: Any, participant_name: str, display_role: str, moderator: bool, expires_at: dt.datetime
    ) -> str:
        room = self.room_for(hearing)
        now = clock.now()
        claims = {
            "aud": JWT_AUDIENCE,
            "iss": self.app_id,
            "sub": self.domain,
            "room": room,
            "nbf": int((now - NOT_BEFORE_LEEWAY).timestamp()),
            "exp": int(expires_at.timestamp()),
            "context": {"user": {"name": f"{participant_name}（{display_role}）", "moderator": bool(moderator)}},
        }
        return f"{self.base_url}/{quote(room)}?jwt={jwt_hs256(claims, self.secret)}"


def provider() -> VideoProvider:
    """The configured provider (``settings.VIDEO_PROVIDER``, a dotted path to a class)."""
    chosen: VideoProvider = import_string(settings.VIDEO_PROVIDER)()
    return chosen
