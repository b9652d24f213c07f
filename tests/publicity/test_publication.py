"""The publication pipeline: rules per document kind and exclusion, the working-day deadline, the
near-deadline job, review (publish / return / add / undo), withdraw, audit, and public access."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import CourtTree, bearer
from tests.judgments.drafting_world import civil_parties, make_case
from tests.publicity.publication_world import (
    EFFECTIVE_ON,
    PubWorld,
    issue_kind,
    make_effective,
    pub_fixture,  # noqa: F401  (fixture)
)
from tianping.cases.enums import CaseCategory
from tianping.cases.models import Case
from tianping.core.audit import AuditRecord
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.judgments.enums import EffectStatus
from tianping.judgments.models import IssuedDocument
from tianping.publicity import selectors, services
from tianping.publicity.enums import ExclusionReason, PublicationStatus
from tianping.publicity.models import Publication

pytestmark = pytest.mark.django_db


def fake_case(**extra: Any) -> Any:
    values: dict[str, Any] = {"is_secret": False, "involves_minor": False, "is_private": False,
                              "category": CaseCategory.CIVIL, "cause_id": None, "cause": None}  # fmt: skip
    values.update(extra)
    if "cause_name" in values:
        values["cause"], values["cause_id"] = SimpleNamespace(name=values.pop("cause_name")), 1
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    "kind", ["civil_judgment", "criminal_judgment", "administrative_judgment", "ruling", "payment_order", "decision"]
)
def test_published_kinds(kind: str) -> None:
    assert services.exclusion_reason_for(kind=kind, case=fake_case()) == ""


@pytest.mark.parametrize(
    ("kind", "case_values", "reason"),
    [
        ("civil_judgment", {"is_secret": True}, ExclusionReason.STATE_SECRET),
        ("criminal_judgment", {"category": CaseCategory.CRIMINAL, "involves_minor": True},
         ExclusionReason.JUVENILE_CRIME),
        ("mediation", {}, ExclusionReason.MEDIATION),
        ("civil_judgment", {"cause_name": "离婚纠纷"}, ExclusionReason.DIVORCE),
        ("civil_judgment", {"cause_name": "抚养费纠纷"}, ExclusionReason.CUSTODY),
        ("ruling", {"cause_name": "申请变更监护人"}, ExclusionReason.GUARDIANSHIP),
        ("civil_judgment", {"is_private": True}, ExclusionReason.PRIVACY),
        ("notice", {}, ExclusionReason.KIND_NOT_PUBLISHED),
    ],
)  # fmt: skip
def test_exclusions(kind: str, case_values: dict[str, Any], reason: str) -> None:
    assert services.exclusion_reason_for(kind=kind, case=fake_case(**case_values)) == reason


def test_minor_in_civil_case_is_not_juvenile_crime() -> None:
    assert services.exclusion_reason_for(kind="civil_judgment", case=fake_case(involves_minor=True)) == ""


def test_intake_anonymizes_and_sets_working_day_deadline(pub: PubWorld) -> None:
    taken = services.publication_intake(today=EFFECTIVE_ON)
    assert len(taken) == 1
    publication = taken[0]
    assert publication.status == PublicationStatus.PENDING_REVIEW
    # Monday 2026-11-30 + 7 working days (weekend skipped) = Wednesday 2026-12-09
    assert publication.deadline == dt.date(2026, 12, 9)
    assert "张三" in pub.document.text
    assert "张三" not in publication.anonymized_text
    assert "张某" in publication.anonymized_text
    assert "北京某某科技有限公司" in publication.anonymized_text  # organisations keep their names …
    assert "北京市海淀区中关村大街2号" in publication.anonymized_text  # … and addresses
    assert "北京市朝阳区建国路1号" not in publication.anonymized_text  # a natural person's is deleted
    assert "李律师" in publication.anonymized_text or "李律师" not in pub.document.text
    assert "13800138000" not in publication.anonymized_text
    assert AuditRecord.objects.filter(action="publication.intake", object_id=str(publication.pk)).exists()
    assert services.publication_intake(today=EFFECTIVE_ON) == []  # idempotent
    assert Publication.objects.count() == 1


def test_intake_waits_for_the_effective_date(pub: PubWorld) -> None:
    assert services.publication_intake(today=EFFECTIVE_ON - dt.timedelta(days=1)) == []


def test_excluded_document_publishes_metadata_and_reason(pub: PubWorld, client: Any) -> None:
    mediation = make_effective(issue_kind(pub.jw, "mediation"))
    services.publication_intake(today=EFFECTIVE_ON)
    publication = Publication.objects.get(document_id=mediation.pk)
    assert publication.status == PublicationStatus.EXCLUDED
    assert publication.exclusion_reason == ExclusionReason.MEDIATION
    assert publication.anonymized_text == ""
    assert publication.deadline is None
    body = client.get(f"/api/v1/public/judgments/{publication.pk}").json()
    assert body["status"] == "excluded"
    assert body["text"] == ""
    assert body["exclusion_reason"] == "mediation"
    assert body["case_number"] == pub.jw.case.number
    page = client.get(f"/open/judgments/{publication.pk}/").content.decode()
    assert "不予公开全文" in page
    assert "张三" not in page


def test_near_deadline_flags_once(pub: PubWorld) -> None:
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    assert services.publication_flag_near_deadline(today=dt.date(2026, 12, 3)) == 0  # 4 working days left
    assert services.publication_flag_near_deadline(today=dt.date(2026, 12, 7)) == 1  # 2 left
    assert services.publication_flag_near_deadline(today=dt.date(2026, 12, 8)) == 0  # already flagged
    assert AuditRecord.objects.filter(action="publication.flag_near_deadline").count() == 1
    publication.refresh_from_db()
    assert publication.flagged_at is not None


def test_publish_and_public_reading_and_withdraw(pub: PubWorld, client: Any, monkeypatch: Any) -> None:
    put, removed = [], []
    monkeypatch.setattr("tianping.search.services.judgment_index_put", lambda *, entry: put.append(entry))
    monkeypatch.setattr("tianping.search.services.judgment_index_remove",
                        lambda *, publication_id: removed.append(publication_id))  # fmt: skip
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    assert client.get(f"/api/v1/public/judgments/{publication.pk}").status_code == 404  # not yet published
    assert client.get(f"/open/judgments/{publication.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.publication_publish(actor=pub.users.judge, publication=publication)
    with django_capture_on_commit():
        publication = services.publication_publish(actor=pub.reviewer, publication=publication)
    assert publication.status == PublicationStatus.PUBLISHED
    assert publication.published_at is not None
    assert [e.publication_id for e in put] == [publication.pk]
    assert put[0].text == publication.anonymized_text
    assert "张三" not in put[0].text
    assert [e.publication_id for e in selectors.published_for_index()] == [publication.pk]
    assert selectors.latest_publications(limit=5) == [publication]
    body = client.get(f"/api/v1/public/judgments/{publication.pk}").json()
    assert body["status"] == "published"
    assert body["text"] == publication.anonymized_text
    page = client.get(f"/open/judgments/{publication.pk}/").content.decode()
    assert "张某" in page
    assert "13800138000" not in page
    assert "张三" not in page

    with pytest.raises(ValidationFailed):
        services.publication_withdraw(actor=pub.reviewer, publication=publication, reason="  ")
    with django_capture_on_commit():
        publication = services.publication_withdraw(actor=pub.assistant, publication=publication, reason="当事人申请")
    assert removed == [publication.pk]
    body = client.get(f"/api/v1/public/judgments/{publication.pk}").json()
    assert body["status"] == "withdrawn"
    assert body["text"] == ""
    assert body["withdraw_reason"] == "当事人申请"
    assert "已撤回" in client.get(f"/open/judgments/{publication.pk}/").content.decode()
    with pytest.raises(Conflict):
        services.publication_publish(actor=pub.reviewer, publication=publication)
    actions = set(AuditRecord.objects.filter(object_id=str(publication.pk)).values_list("action", flat=True))
    assert {"publication.intake", "publication.publish", "publication.withdraw"} <= actions


def django_capture_on_commit() -> Any:
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_reviewer_add_and_undo(pub: PubWorld) -> None:
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    assert "10000元" in publication.anonymized_text
    publication = services.publication_add_replacement(actor=pub.reviewer, publication=publication, term="10000元")
    assert "10000元" not in publication.anonymized_text
    assert "××××××" in publication.anonymized_text
    assert any(r["source"] == "manual" and r["original"] == "10000元" for r in publication.replacements)
    publication = services.publication_undo_replacement(actor=pub.reviewer, publication=publication, term="10000元")
    assert "10000元" in publication.anonymized_text
    publication = services.publication_undo_replacement(actor=pub.reviewer, publication=publication, term="张三")
    assert "张三" in publication.anonymized_text
    assert publication.undone_terms == ["张三"]
    with pytest.raises(ValidationFailed):
        services.publication_add_replacement(actor=pub.reviewer, publication=publication, term="不在文书中的字")
    with pytest.raises(ValidationFailed):
        services.publication_undo_replacement(actor=pub.reviewer, publication=publication, term="没有替换")
    actions = list(AuditRecord.objects.filter(object_id=str(publication.pk)).values_list("action", flat=True))
    assert actions.count("publication.replacement_add") == 1
    assert actions.count("publication.replacement_undo") == 2


def test_return_and_resubmit(pub: PubWorld) -> None:
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    with pytest.raises(ValidationFailed):
        services.publication_return(actor=pub.reviewer, publication=publication, note="")
    publication = services.publication_return(actor=pub.reviewer, publication=publication, note="地址未脱敏")
    assert publication.status == PublicationStatus.RETURNED
    publication = services.publication_resubmit(actor=pub.reviewer, publication=publication)
    assert publication.status == PublicationStatus.PENDING_REVIEW


def test_api_review_flow_and_errors(pub: PubWorld, api_client: Any) -> None:
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    headers = bearer(api_client, "courtclerk")
    queue = api_client.get("/api/v1/publications", headers=headers).json()
    assert [p["id"] for p in queue] == [publication.pk]
    assert api_client.get("/api/v1/publications?status=bogus", headers=headers).status_code == 422
    outsider = bearer(api_client, "outsider")
    assert api_client.get("/api/v1/publications", headers=outsider).json() == []
    assert api_client.get(f"/api/v1/publications/{publication.pk}", headers=outsider).status_code == 404
    url = f"/api/v1/publications/{publication.pk}"
    bad = api_client.post(f"{url}/replacements", {"term": ""}, content_type="application/json", headers=headers)
    assert bad.status_code == 422
    assert bad.json()["code"] == "replacement_term_invalid"
    empty = api_client.post(f"{url}/withdraw", {"reason": "x"}, content_type="application/json", headers=headers)
    assert empty.status_code == 409
    ok = api_client.post(f"{url}/publish", headers=headers)
    assert ok.status_code == 200
    assert ok.json()["status"] == "published"
    assert api_client.get("/api/v1/public/judgments/999999").status_code == 404


def test_pages(pub: PubWorld, client: Any) -> None:
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    client.force_login(pub.reviewer)
    assert publication.case_number in client.get("/open/review/").content.decode()
    page = client.get(f"/open/review/{publication.pk}/").content.decode()
    assert "<mark" in page
    assert "张某" in page
    assert "张三" in page
    response = client.post(f"/open/review/{publication.pk}/replacements/", {"term": "10000元"})
    assert response.status_code == 302
    publication.refresh_from_db()
    assert "10000元" in publication.added_terms
    client.post(f"/open/review/{publication.pk}/publish/")
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    client.force_login(pub.users.outsider)
    assert client.get(f"/open/review/{publication.pk}/").status_code == 404


def test_appealed_first_instance_published_with_the_appeal_decision(pub: PubWorld, courts: CourtTree) -> None:
    """Simplified shape: a case linked to the first-instance case as its appeal (origin, link kind
    appeal); the first-instance document is APPEALED and enters the pipeline when the appeal
    case's closing document takes effect, with that effective date."""
    first, jw = pub.document, pub.jw
    IssuedDocument.objects.filter(pk=first.pk).update(effect_status=EffectStatus.APPEALED, effective_on=None)
    assert services.publication_intake(today=EFFECTIVE_ON) == []
    panel = {"judge_ids": [jw.second_judge.pk], "assessor_names": [], "clerk_id": jw.court_clerk.pk}
    appeal = make_case(pub.users, courts, jw.division, "民初", civil_parties(pub.users), pub.users.judge, panel)
    Case.objects.filter(pk=appeal.pk).update(origin=jw.case, link_kind="appeal")
    decision_on = EFFECTIVE_ON + dt.timedelta(days=30)
    decision = make_effective(issue_kind(jw, "civil_judgment", case=appeal), on=decision_on)
    taken = {p.document_id: p for p in services.publication_intake(today=decision_on)}
    assert set(taken) == {decision.pk, first.pk}
    assert taken[first.pk].effective_on == decision_on
    assert services.publication_intake(today=decision_on) == []


def test_publish_and_withdraw_reach_the_search_index(pub: PubWorld) -> None:
    """With the real search services: found by its case number after publishing, gone after withdrawal;
    the index holds the anonymized text only."""
    from tianping.search import selectors as search_selectors

    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    with django_capture_on_commit():
        services.publication_publish(actor=pub.reviewer, publication=publication)
    found = search_selectors.judgment_search(q=publication.case_number)
    assert [hit.row.publication_id for hit in found.hits] == [publication.pk]
    assert search_selectors.judgment_search(q="张三").total == 0
    with django_capture_on_commit():
        services.publication_withdraw(actor=pub.reviewer, publication=publication, reason="错误公开")
    assert search_selectors.judgment_search(q=publication.case_number).total == 0


def test_public_reading_is_rate_limited(pub: PubWorld, client: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public": "2/m"}
    (publication,) = services.publication_intake(today=EFFECTIVE_ON)
    services.publication_publish(actor=pub.reviewer, publication=publication)
    url = f"/api/v1/public/judgments/{publication.pk}"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url).json()["code"] == "rate_limited"
    assert client.get(f"/open/judgments/{publication.pk}/").status_code == 429


def test_deadline_skips_statutory_holidays(pub: PubWorld) -> None:
    """Effective on 2026-09-30: the National Day holiday (1–7 October 2026) is not counted."""
    from tianping.core.workdays import working_calendar

    make_effective(pub.document, on=dt.date(2026, 9, 30))
    (publication,) = services.publication_intake(today=dt.date(2026, 10, 1))
    calendar = working_calendar()
    assert not calendar.is_working_day(dt.date(2026, 10, 5))
    assert publication.deadline == calendar.add_working_days(dt.date(2026, 9, 30), 7)
    assert publication.deadline is not None
    assert publication.deadline > dt.date(2026, 10, 13)
