"""The leak scan (issue 6, item 7): a demo court's data is built with the ``demo`` command, then every
page that answers an anonymous visitor and every public API response is fetched with real ids from
that data, and each body is searched for every ID number, mobile number and bank account on record
(parties, agents, staff, consents, anything with such a field). None may appear; masked forms may.

The routes are discovered, not listed: every named URL pattern of the resolver (ids filled from the
model its parameter names, e.g. ``hearing_id`` → Hearing) and every GET path of the API schema under
/public. A page added later by any context is scanned without touching this test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tianping.cases.models import Party
from tianping.core.validators import mask_id_number
from tianping.delivery.models import Service

IDS_PER_PARAMETER = 25
SEARCH_TERMS = ("原告", "判决", "纠纷")
SKIPPED_PREFIXES = ("admin/", "api/", "i18n/", "static/", "media/")
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
MOBILE = re.compile(r"^1\d{10}$")
BANK_ACCOUNT = re.compile(r"^\d{12,19}$")
UNLIMITED = {"enforcement_query": "100000/m", "enforcement_query_day": "100000/d", "enforcement_subject": "100000/h",
             "enforcement_name": "100000/h"}  # fmt: skip
SECRET_FIELD = re.compile(r"id_number|mobile|phone|bank|card_no|account_no|account_number")


@dataclasses.dataclass
class Scan:
    secrets: dict[str, str]  # value → where it is on record
    pages: dict[str, int] = dataclasses.field(default_factory=dict)  # scanned path → status
    leaks: list[str] = dataclasses.field(default_factory=list)

    def check(self, path: str, body: str) -> None:
        self.pages[path] = 200
        for secret, origin in self.secrets.items():
            if secret in body:
                self.leaks.append(f"{path}: {origin} {secret[:3]}…")


def secrets_on_record() -> dict[str, str]:
    """Every ID number, mobile and bank account stored in any model field whose name says so."""
    found: dict[str, str] = {}
    for model in apps.get_models():
        fields = [
            f for f in model._meta.get_fields() if isinstance(f, models.CharField) and SECRET_FIELD.search(f.name)
        ]
        for field in fields:
            for value in model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True).distinct():
                text = str(value).strip().upper()
                if ID_NUMBER.match(text) or MOBILE.match(text) or BANK_ACCOUNT.match(text):
                    found.setdefault(text, f"{model._meta.label}.{field.name}")
    return found


def named_patterns(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, route, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def ids_for(parameter: str) -> list[int]:
    """Real ids for a URL parameter: the model named like it (``hearing_id`` → every Hearing), else small ids."""
    name = parameter.removesuffix("_id").replace("_", "")
    matches = [m for m in apps.get_models() if m._meta.model_name == name]
    if not matches:
        return list(range(1, IDS_PER_PARAMETER + 1))
    ids: set[int] = set()
    for model in matches:
        ids.update(model.objects.order_by("-pk").values_list("pk", flat=True)[:IDS_PER_PARAMETER])
    return sorted(ids)


def parameter_sets(pattern: URLPattern) -> list[dict[str, Any]] | None:
    """Keyword sets to reverse ``pattern`` with, or None when a parameter is not an id (not scanned)."""
    converters = getattr(pattern.pattern, "converters", {})
    if any(type(c).__name__ != "IntConverter" for c in converters.values()):
        return None
    names = sorted(converters)
    if not names:
        return [{}]
    combos = itertools.product(*(ids_for(n) for n in names))
    return [dict(zip(names, combo, strict=True)) for combo in itertools.islice(combos, IDS_PER_PARAMETER * 2)]


def is_login_redirect(response: Any) -> bool:
    return response.status_code in (301, 302) and str(settings.LOGIN_URL) in response.get("Location", "")


def scan_pages(scan: Scan, client: Client) -> None:
    for name, pattern in named_patterns(get_resolver()):
        sets = parameter_sets(pattern)
        for kwargs in sets or []:
            path = reverse(name, kwargs=kwargs)
            response = client.get(path)
            if is_login_redirect(response) or response.status_code in (403, 405):
                break  # not an anonymous page: no other id changes that
            if response.status_code == 200:
                scan.check(path, response.content.decode(errors="replace"))
                if not kwargs:
                    scan_searched(scan, client, path)


def scan_searched(scan: Scan, client: Client, path: str) -> None:
    """A list or search page also with a query that matches the demo's documents (snippets, results)."""
    for term in SEARCH_TERMS:
        response = client.get(path, {"q": term})
        if response.status_code == 200:
            scan.check(f"{path}?q={term}", response.content.decode(errors="replace"))


def fill_api_path(path: str) -> list[str]:
    names = re.findall(r"{(\w+)}", path)
    if not names:
        return [path]
    combos = itertools.islice(itertools.product(*(ids_for(n) for n in names)), IDS_PER_PARAMETER * 2)
    filled = []
    for combo in combos:
        concrete = path
        for name, value in zip(names, combo, strict=True):
            concrete = concrete.replace("{" + name + "}", str(value))
        filled.append(concrete)
    return filled


def public_api_get_paths(client: Client) -> list[str]:
    schema = client.get("/api/v1/openapi.json").json()
    return sorted(
        p for p, operations in schema["paths"].items() if p.startswith("/api/v1/public") and "get" in operations
    )


def scan_api(scan: Scan, client: Client) -> None:
    for template in public_api_get_paths(client):
        for path in fill_api_path(template):
            response = client.get(path)
            if response.status_code == 200:
                scan.check(path, response.content.decode(errors="replace"))
                if "{" not in template:
                    scan_searched(scan, client, path)


@pytest.fixture(scope="class")
def demo_court(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo command on the test database (a few synthetic cases and every scenario); rolled back after."""
    root: Path = tmp_path_factory.mktemp("leak-media")
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}
    }}  # fmt: skip
    with override_settings(MEDIA_ROOT=str(root), STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("demo", "--cases", "40", "--seed", "6", stdout=out)
        publish_what_the_pipeline_takes_in()
        list_demo_debtors()
        yield out.getvalue()
        transaction.set_rollback(True)


def publish_what_the_pipeline_takes_in() -> None:
    """Run the publication pipeline over the demo's effective documents and publish each by a reviewer
    of its court, so the public judgment pages (anonymized text) are scanned too."""
    from tianping.accounts.models import User
    from tianping.publicity import selectors as publicity_selectors
    from tianping.publicity import services as publicity_services

    intake = getattr(publicity_services, "publication_intake", None)
    publish = getattr(publicity_services, "publication_publish", None)
    if intake is None or publish is None:
        return
    staff = list(User.objects.filter(kind="staff"))
    for publication in intake():
        reviewer = next((u for u in staff if publicity_selectors.is_reviewer(u, court_id=publication.court_id)), None)
        if reviewer is not None and publication.status == "pending_review":
            publish(actor=reviewer, publication=publication)


def list_demo_debtors() -> None:
    """Put some of the demo's judgment debtors on the dishonest list and under a consumption restriction
    (rows made with the models, as the listing decision would copy them), one organisation's order also
    binding a person whose ID number is on record only there, and one listing removed again."""
    from tests.publicity.enforcement_world import listing, restriction
    from tianping.accounts.models import User
    from tianping.cases.selectors import enforcement_pending_cases
    from tianping.credit.models import ConsumptionRestriction, DishonestListing

    officer = User.objects.filter(kind="staff").order_by("id").first()
    respondents = Party.objects.filter(case__in=enforcement_pending_cases(), role="enforcement_respondent")
    people = list(respondents.exclude(id_number="").order_by("id")[:4])
    organisations = list(respondents.exclude(credit_code="").order_by("id")[:2])
    listed = set(DishonestListing.objects.filter(status="listed").values_list("party_id", flat=True))
    restricted = set(ConsumptionRestriction.objects.filter(status="in_force").values_list("party_id", flat=True))
    for party in people + organisations:  # (the demo may list some itself)
        if party.pk not in listed:
            listing(party, officer)
        bound = [{"name": "钱某某", "role": "legal_representative", "id_number": BOUND_PERSON_ID}]
        if party.pk not in restricted:
            restriction(party, officer, restricted_persons=bound if not party.id_number else [])
    if people:
        listing(people[0], officer, status="removed", listed_on=dt.date(2025, 1, 6))


BOUND_PERSON_ID = "11010519800101003X"


def served_party() -> Party:
    """A party with a document served on it (so the process view has the most to show)."""
    service = Service.objects.select_related("party").filter(party__id_number__gt="").order_by("id").first()
    if service is not None:
        return service.party
    return Party.objects.filter(case__number__isnull=False).exclude(id_number="").order_by("id").first()


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_court")
class TestLeakScan:
    def test_no_public_page_or_api_response_shows_an_identifier_on_record(self) -> None:
        scan = Scan(secrets=secrets_on_record())
        assert len(scan.secrets) > 50, "the demo court must hold identifiers to look for"
        anonymous = Client()
        with override_settings(RATE_LIMITS={**settings.RATE_LIMITS, **UNLIMITED}):
            scan_pages(scan, anonymous)
            scan_api(scan, anonymous)

        party = served_party()
        party_client = Client()
        opened = party_client.post(
            "/api/v1/public/process/sessions",
            {"query_code": party.query_code, "id_number": party.id_number},
            content_type="application/json",
        )
        assert opened.status_code == 200, opened.content
        for path in (
            reverse("publicity:process"),
            reverse("publicity:process_case", args=[party.case_id]),
            f"/api/v1/public/process/cases/{party.case_id}",
            "/api/v1/public/process/cases",
        ):
            response = party_client.get(path)
            assert response.status_code == 200, path
            scan.check(f"{path} (party session)", response.content.decode())

        assert scan.leaks == [], "\n".join(scan.leaks)
        self.assert_coverage(scan)

    def test_enforcement_queries_with_the_real_names_and_numbers_of_listed_debtors(self) -> None:
        """Every query kind, on the page and in the API, asked with what an informed visitor would type:
        each listed, restricted, pending or 终本 debtor's name, full ID number or credit code. The full ID
        number never comes back (not even the one asked with); its masked form does."""
        from tianping.cases.selectors import enforcement_debtor_search, no_assets_cases
        from tianping.credit.models import ConsumptionRestriction, DishonestListing

        scan = Scan(
            secrets={**secrets_on_record(), BOUND_PERSON_ID: "credit.ConsumptionRestriction.restricted_persons"}
        )
        subjects: dict[tuple[str, str, str], None] = {}
        for model in (DishonestListing, ConsumptionRestriction):
            for row in model.objects.order_by("id"):
                subjects[(row.name, row.id_number, row.credit_code)] = None
        terminated = Party.objects.filter(case__in=no_assets_cases(), role="enforcement_respondent").order_by("id")
        for party in terminated[:3]:
            subjects[(party.name, party.id_number, party.credit_code)] = None
        assert len(subjects) >= 4, "the demo court must have listed debtors to query"
        masked_seen = 0
        client = Client()
        with override_settings(RATE_LIMITS={**settings.RATE_LIMITS, **UNLIMITED}):
            for name, id_number, credit_code in subjects:
                number = id_number or credit_code
                for kind in ("debtors", "dishonest", "restricted", "terminated"):
                    api = f"/api/v1/public/enforcement/{kind}"
                    for params in (
                        {"name": name},
                        {"id_number": id_number} if id_number else {"credit_code": credit_code},
                    ):
                        response = client.get(api, params)
                        assert response.status_code == 200, (api, response.content)
                        scan.check(f"{api}?{next(iter(params))}", response.content.decode())
                    page = reverse("publicity:enforcement")
                    by_name = client.get(page, {"kind": kind, "name": name})
                    by_number = client.post(page, {"kind": kind, "number": number})
                    assert (by_name.status_code, by_number.status_code) == (200, 200), (kind, name)
                    scan.check(f"{page}?kind={kind}&name", by_name.content.decode())
                    scan.check(f"{page} POST kind={kind} number", by_number.content.decode())
                    if id_number and mask_id_number(id_number) in by_number.content.decode():
                        masked_seen += 1
            for row in DishonestListing.objects.filter(status="listed"):
                for path in (reverse("publicity:enforcement_dishonest", args=[row.pk]),
                             f"/api/v1/public/enforcement/dishonest/{row.pk}"):  # fmt: skip
                    response = client.get(path)
                    assert response.status_code == 200, path
                    scan.check(path, response.content.decode())
                    if row.id_number:
                        assert mask_id_number(row.id_number) in response.content.decode(), path
        assert scan.leaks == [], "\n".join(scan.leaks)
        assert masked_seen >= 3, "persons' masked ID numbers are shown"
        assert any(enforcement_debtor_search(name=name).exists() for name, _id, _code in subjects)

    @staticmethod
    def assert_coverage(scan: Scan) -> None:
        """The scan reached the public pages it must, with real ids."""
        for path in (reverse("publicity:home"), reverse("publicity:process"), reverse("hearings:public"),
                     reverse("filing:fees"), "/api/v1/public/hearings"):  # fmt: skip
            assert path in scan.pages, path
        assert any(p.endswith("(party session)") and "/open/process/cases/" in p for p in scan.pages)
        assert reverse("publicity:enforcement") in scan.pages
        assert any(p.startswith("/open/enforcement/dishonest/") for p in scan.pages)
        assert any(p.startswith("/api/v1/public/enforcement/dishonest/") for p in scan.pages)
        published = [m for m in apps.get_models() if m._meta.label == "publicity.Publication"]
        if published:
            count = published[0].objects.filter(status="published").count()
            judgment_pages = [p for p in scan.pages if p.startswith("/open/judgments/")]
            assert len(judgment_pages) >= min(count, IDS_PER_PARAMETER) or not _judgment_page_exists()


def _judgment_page_exists() -> bool:
    try:
        reverse("publicity:judgment", args=[1])
    except Exception:
        return False
    return True
