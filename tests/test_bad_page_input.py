"""Bad form input against the pages of the new contexts: every answer is a page (200/302/4xx),
never a 500 — garbage dates, numbers and ids, huge text, unknown records, each role."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import CourtTree, Users
from tests.delivery.conftest import World, consent, huey_immediate, serve, world  # noqa: F401  (fixtures)
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.filing.conftest import complete_data
from tests.payments.conftest import issue
from tianping.accounts.models import User
from tianping.delivery.models import Consent
from tianping.dossier import services as dossier_services
from tianping.filing import services as filing_services
from tianping.filing.enums import FilingKind
from tianping.payments import services as payment_services

QUERY = {"page": "x", "court": "y", "status": "长" * 200, "date": "2026-02-30", "filter": "zz", "mine": "1"}
NAMESPACES = ("delivery", "payments", "filings", "dossier", "notify", "portal")
UNKNOWN_ID = 987654321
HUGE = "长" * 20_000
FORMS: list[dict[str, Any]] = [
    {},
    {"party": "x", "document": ["a", "1"], "consented_on": "2026-02-30", "delivered_on": "yesterday",
     "expires_at": "soon", "preferred_from": "2026-13-01", "scope": "selected", "documents": ["x"],
     "amount": "abc", "requested_due_date": "2026-02-30", "kind": "deferral", "inbox": "a:b"},
    {"reason": HUGE, "note": HUGE, "reply": HUGE, "amount": "1e999", "kind": "reduction", "reduce_by": "percent",
     "requested_amount": "NaN", "outcome": "delivered", "method": HUGE[:50], "decision": "approve", "back": HUGE},
]  # fmt: skip


def _routes() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []

    def walk(patterns: list[Any], prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace in NAMESPACES:
                found.append((namespace, prefix + str(p.pattern)))

    walk(get_resolver().url_patterns, "/", "")
    return found


def _url(route: str, ids: dict[str, int], unknown: bool) -> str | None:
    if "<str:" in route or "<slug:" in route or "<path:" in route:
        return None
    return re.sub(r"<int:(\w+)>", lambda m: str(UNKNOWN_ID if unknown else ids.get(m.group(1), UNKNOWN_ID)), route)


@pytest.mark.django_db
@pytest.mark.slow
def test_bad_form_input_never_fails_with_a_500(
    client: Client,
    users: Users,
    world: World,  # noqa: F811
    courts: CourtTree,
) -> None:
    consent(world, users.litigant, world.plaintiff)
    (service,) = serve(world, users.judge, world.plaintiff)
    order = issue(courts, users)
    filing = filing_services.filing_create(
        actor=users.litigant, court_id=courts.chaoyang.pk, kind=FilingKind.CIVIL, data=complete_data()
    )
    reading = dossier_services.reading_request_create(actor=users.litigant, case=world.case, purpose="准备答辩")
    relief = payment_services.fee_relief_request(actor=users.litigant, order=order, kind="exemption", reason="困难")
    ids = {
        "case_id": world.case.pk, "document_id": world.ruling.pk, "version_id": world.ruling.current_version.pk,
        "service_id": service.pk, "consent_id": Consent.objects.get().pk, "order_id": order.pk,
        "filing_id": filing.pk, "request_id": reading.pk, "relief_id": relief.pk,
    }  # fmt: skip
    client.raise_request_exception = False
    failures: list[str] = []
    routes = [r for r in _routes() if r[1].count("<") == r[1].count("<int:")]
    assert len(routes) > 30
    for name in ("courtclerk", "judge", "litigant", "clerk"):
        client.force_login(User.objects.get(username=name))
        for _namespace, route in routes:
            for unknown in (False, True):
                url = _url(route, ids, unknown)
                if url is None:
                    continue
                for form in FORMS:
                    response = client.post(url, form)
                    if response.status_code >= 500:
                        failures.append(f"POST {url} as {name} {sorted(form)[:4]}: {response.status_code}")
                if client.get(url, QUERY).status_code >= 500:
                    failures.append(f"GET {url} as {name}")
    assert failures == [], "\n".join(failures[:40])
