"""Appeals: in time → the second-instance case at the court above with the dossier transferred; late,
twice, at the top court or by the wrong person → refused and nothing written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import company, on_day, person
from tests.conftest import CourtTree, Users, bearer
from tests.judgments.test_effect_support import World, issue, serve_on_paper
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import CaseStatus, LinkKind, PartyRole
from tianping.cases.models import Case
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.dossier.models import Document
from tianping.judgments.enums import EffectStatus
from tianping.judgments.services import appeal_register, effect_refresh

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def served(world: World, users: Users) -> Any:
    """A civil judgment served on 09-20 (plaintiff) and 09-22 (defendant): both periods end 10-08 (国庆)."""
    document = issue(users, world.case)
    serve_on_paper(users, world.court_clerk, document, world.plaintiff, D(2026, 9, 20))
    serve_on_paper(users, world.court_clerk, document, world.defendant, D(2026, 9, 22))
    return effect_refresh(document=document, today=D(2026, 9, 23))


def test_appeal_in_time_creates_the_linked_case_and_transfers_the_dossier(
    world: World, users: Users, courts: CourtTree, served: Any
) -> None:
    with on_day(D(2026, 10, 8)):
        period = appeal_register(
            actor=world.upper_clerk, document=served, party_id=world.defendant.pk, filed_on=D(2026, 10, 8)
        )
    appeal = period.appeal_case
    assert (appeal.origin, appeal.link_kind, appeal.court, appeal.number) == (
        world.case, LinkKind.APPEAL, courts.third_intermediate, "（2026）京03民终1号",
    )  # fmt: skip
    assert appeal.parties.get(source_party=world.defendant).role == PartyRole.APPELLANT
    origin_docs = {
        (d.title, d.current_version.sha256, d.current_version.file.name)
        for d in Document.objects.filter(case=world.case, volume="main")
    }
    moved = {
        (d.title, d.current_version.sha256, d.current_version.file.name) for d in Document.objects.filter(case=appeal)
    }
    assert moved == origin_docs
    assert served.pdf_sha256 in {sha for _, sha, _ in moved}
    served.refresh_from_db()
    assert served.effect_status == EffectStatus.APPEALED
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.CLOSED
    # The appealed document never takes effect, however late the refresh runs.
    assert effect_refresh(document=served, today=D(2026, 12, 1)).effect_status == EffectStatus.APPEALED
    # The other side appeals too: same second-instance case.
    with on_day(D(2026, 10, 8)):
        second = appeal_register(
            actor=world.upper_clerk, document=served, party_id=world.plaintiff.pk, filed_on=D(2026, 10, 8)
        )
    assert second.appeal_case == appeal
    with pytest.raises(Conflict) as twice, on_day(D(2026, 10, 8)):
        appeal_register(actor=world.upper_clerk, document=served, party_id=world.plaintiff.pk, filed_on=D(2026, 10, 8))
    assert twice.value.code == "already_appealed"


def test_late_appeal_is_refused_with_the_deadline(world: World, served: Any) -> None:
    with pytest.raises(Conflict) as late, on_day(D(2026, 10, 9)):
        appeal_register(actor=world.upper_clerk, document=served, party_id=world.defendant.pk, filed_on=D(2026, 10, 9))
    assert late.value.code == "appeal_out_of_time"
    assert late.value.details["ends_on"] == D(2026, 10, 8)
    assert not Case.objects.filter(origin=world.case).exists()
    served.refresh_from_db()
    assert served.effect_status == EffectStatus.APPEAL_PERIOD


def test_appeal_needs_a_registrar_of_the_court_above_and_a_party_with_a_period(
    world: World, users: Users, served: Any
) -> None:
    with pytest.raises(PermissionDenied), on_day(D(2026, 10, 8)):
        appeal_register(actor=users.clerk, document=served, party_id=world.defendant.pk, filed_on=D(2026, 10, 8))
    with pytest.raises(ValidationFailed) as unknown, on_day(D(2026, 10, 8)):
        appeal_register(actor=world.upper_clerk, document=served, party_id=999999, filed_on=D(2026, 10, 8))
    assert unknown.value.code == "not_an_appellant"
    assert not Case.objects.filter(origin=world.case).exists()


def test_no_appeal_from_a_court_without_a_parent(courts: CourtTree, users: Users, media: Any) -> None:
    high_clerk = factories.staff_user("highclerk", courts.high, Role.FILING_CLERK, real_name="高立案")
    high_president = factories.staff_user("highpres", courts.high, Role.PRESIDENT, Role.JUDGE, real_name="高院长")
    with on_day(D(2026, 9, 1)):
        case = case_services.case_register(
            actor=high_clerk, court_id=courts.high.pk, type_code="民初",
            parties=[person(PartyRole.PLAINTIFF, "张三"), company(PartyRole.DEFENDANT, "北京某某科技有限公司")],
        )  # fmt: skip
    document = issue(users, case, judge=high_president, registrar=high_clerk, head=high_president)
    with pytest.raises(Conflict) as top, on_day(D(2026, 9, 15)):
        appeal_register(actor=high_clerk, document=document, party_id=case.parties.first().pk, filed_on=D(2026, 9, 15))
    assert top.value.code == "no_appeal_court"


def test_appeal_api(world: World, users: Users, served: Any, api_client: Any) -> None:
    url = f"/api/v1/issued-documents/{served.pk}"
    headers = bearer(api_client, "clerk3")
    with on_day(D(2026, 10, 9)):
        late = api_client.post(f"{url}/appeals", {"party_id": world.defendant.pk, "filed_on": "2026-10-09"},
                               content_type="application/json", headers=headers)  # fmt: skip
    assert late.status_code == 409
    assert late.json()["details"]["ends_on"] == "2026-10-08"
    with on_day(D(2026, 10, 8)):
        response = api_client.post(f"{url}/appeals", {"party_id": world.defendant.pk, "filed_on": "2026-10-08"},
                                   content_type="application/json", headers=headers)  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["appeal_case_number"] == "（2026）京03民终1号"
    assert body["effect"]["effect_status"] == "appealed"
    effect = api_client.get(f"{url}/effect", headers=bearer(api_client, "judge")).json()
    assert {p["party_name"]: p["ends_on"] for p in effect["periods"]} == {
        "张三": "2026-10-08",
        "北京某某科技有限公司": "2026-10-08",
    }
    assert api_client.get(f"{url}/effect", headers=bearer(api_client, "outsider")).status_code == 404
    assert api_client.post(f"{url}/refresh", headers=bearer(api_client, "litigant")).status_code == 404


def test_a_party_sees_the_periods_and_the_appeal_case(world: World, users: Users, api_client: Any) -> None:
    type(world.plaintiff).objects.filter(pk=world.plaintiff.pk).update(account=users.litigant)
    document = issue(users, world.case)
    serve_on_paper(users, world.court_clerk, document, world.plaintiff, D(2026, 9, 20))
    with on_day(D(2026, 9, 25)):
        appeal_register(
            actor=world.upper_clerk, document=document, party_id=world.plaintiff.pk, filed_on=D(2026, 9, 25)
        )
    body = api_client.get(
        f"/api/v1/issued-documents/{document.pk}/effect", headers=bearer(api_client, "litigant")
    ).json()
    mine = next(p for p in body["periods"] if p["party_id"] == world.plaintiff.pk)
    assert (mine["appealed_on"], mine["appeal_case_number"]) == ("2026-09-25", "（2026）京03民终1号")
    assert set(mine) == {"party_id", "party_name", "role", "days", "served_on", "ends_on", "appealed_on",
                         "appeal_case_id", "appeal_case_number"}  # fmt: skip
    assert api_client.post(f"/api/v1/issued-documents/{document.pk}/refresh",
                           headers=bearer(api_client, "litigant")).status_code == 404  # fmt: skip
