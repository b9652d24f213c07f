"""Bad input against the API of the new contexts (filings, payments, electronic service, dossier
reading, 12368): wrong types, missing fields, huge strings, unknown ids. Every answer is a 4xx in
the {code, message, details} shape — never a 500 — for a clerk, a judge and a litigant alike."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from tests.conftest import CourtTree, Users, bearer
from tests.delivery.conftest import World, consent, huey_immediate, serve, world  # noqa: F401  (fixtures)
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.filing.conftest import complete_data
from tests.payments.conftest import issue
from tianping.delivery.models import Consent
from tianping.dossier import services as dossier_services
from tianping.filing import services as filing_services
from tianping.filing.enums import FilingKind
from tianping.notify.voice import SIGNATURE_HEADER, signature_for
from tianping.payments import services as payment_services

PREFIXES = ("/api/v1/filings", "/api/v1/payments", "/api/v1/service", "/api/v1/inbox", "/api/v1/dossier",
            "/api/v1/cases/{case_id}/dossier", "/api/v1/notifications", "/api/v1/voice")  # fmt: skip
UNKNOWN_ID = 987654321
VOICE_SECRET = "probe-voice-secret"
HUGE = "长" * 100_000
BODIES: list[Any] = [
    {},
    [],
    "text",
    None,
    {"amount": "abc", "reason": 5, "party_id": "x", "document_ids": "1", "expires_at": "tomorrow"},
    {"amount": 1e309, "party_ids": [None], "document_ids": [-1], "kind": HUGE, "reason": HUGE, "note": HUGE},
    {"expires_at": "2026-13-45T99:00", "items": [{"bad": 1}], "deadline": "soon", "fee_amount": "NaN"},
    {"amount": "1e999", "reply": HUGE, "alert_mobile": HUGE, "purpose": "", "scope": "selected"},
    {"call_id": "c1", "caller": "13700137000", "event": "digits", "digits": "9" * 32, "transcript": HUGE[:4000]},
    {"call_id": "c1", "caller": "anonymous", "event": "recording", "court_code": "京0105", "recording_url": ""},
]


@pytest.fixture
def ids(world: World, users: Users, courts: CourtTree) -> dict[str, int]:  # noqa: F811
    consent(world, users.litigant, world.plaintiff)
    (service,) = serve(world, users.judge, world.plaintiff)
    order = issue(courts, users)
    filing = filing_services.filing_create(
        actor=users.litigant, court_id=courts.chaoyang.pk, kind=FilingKind.CIVIL, data=complete_data()
    )
    reading = dossier_services.reading_request_create(actor=users.litigant, case=world.case, purpose="准备答辩")
    relief = payment_services.fee_relief_request(actor=users.litigant, order=order, kind="exemption", reason="困难")
    return {
        "filing_id": filing.pk,
        "request_id": reading.pk,
        "relief_id": relief.pk,
        "case_id": world.case.pk,
        "document_id": world.ruling.pk,
        "version_id": world.ruling.current_version.pk,
        "service_id": service.pk,
        "consent_id": Consent.objects.get().pk,
        "order_id": order.pk,
    }


def _routes(client: Client) -> Iterator[tuple[str, str]]:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, operations in sorted(paths.items()):
        if path.startswith(PREFIXES):
            for method in operations:
                if method in ("post", "patch", "put", "delete", "get"):
                    yield method, path


def _fill(path: str, ids: dict[str, int], unknown: bool) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(UNKNOWN_ID if unknown else ids.get(m.group(1), UNKNOWN_ID)), path)


def _call(client: Client, method: str, url: str, body: Any, auth: dict[str, str]) -> Any:
    if method == "get":
        return client.get(url, {"page": "x", "status": HUGE[:500], "court": "y"}, headers=auth)
    raw = "{not json" if body is None else json.dumps(body)
    headers = {**auth, SIGNATURE_HEADER: signature_for(raw.encode(), VOICE_SECRET)}
    return getattr(client, method)(url, raw, content_type="application/json", headers=headers)


@pytest.mark.django_db
@pytest.mark.slow
def test_bad_input_is_a_4xx_with_the_error_shape(
    client: Client, users: Users, ids: dict[str, int], settings: Any
) -> None:
    settings.VOICE_WEBHOOK_SECRET = VOICE_SECRET
    settings.TTS_COMMAND = "tianping-no-such-tts-program"
    tokens = {name: bearer(client, name) for name in ("clerk", "judge", "litigant", "outsider")}
    failures: list[str] = []
    for method, path in _routes(client):
        for unknown in (False, True):
            url = _fill(path, ids, unknown)
            for name, auth in tokens.items():
                for body in BODIES if method != "get" else [None]:
                    response = _call(client, method, url, body, auth)
                    status = response.status_code
                    if status < 400:
                        continue
                    shape_ok = response["Content-Type"].startswith("application/json") and set(response.json()) == {
                        "code", "message", "details"
                    }  # fmt: skip
                    if status >= 500 or not shape_ok:
                        failures.append(f"{method.upper()} {url} as {name} body={str(body)[:60]!r}: {status}")
                        break
    assert len(list(_routes(client))) > 60  # the probe really covers the new contexts
    assert failures == [], "\n".join(failures[:40])
