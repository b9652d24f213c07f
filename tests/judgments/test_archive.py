"""Archiving: the checklist with reasons, sealing (manifest and its hash), verification against the
stored files, and a sealed dossier refusing every change."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.cases.conftest import on_day
from tests.conftest import Users, bearer
from tests.dossier.conftest import text_pdf, upload
from tests.judgments.test_effect_support import World, issue, serve_all
from tianping.cases.enums import CaseStatus
from tianping.cases.models import Case
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.dossier import services as dossier_services
from tianping.dossier.models import Document, ReadingRequest
from tianping.judgments.models import Archive
from tianping.judgments.services import archive_checklist, archive_verify, case_archive, effect_refresh
from tianping.payments import services as payment_services

pytestmark = pytest.mark.django_db
D = dt.date


def failing(case: Any) -> dict[str, str]:
    return {item.code: item.detail for item in archive_checklist(case=case) if not item.ok}


@pytest.fixture
def effective(world: World, users: Users) -> Any:
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    effect_refresh(document=document, today=D(2026, 10, 20))
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.EFFECTIVE
    return document


def test_checklist_lists_every_failing_item_with_its_reason(world: World, users: Users) -> None:
    assert "case_finished" in failing(world.case)  # registered, not decided
    document = issue(users, world.case)
    world.case.refresh_from_db()
    payment_services.fee_order_issue(
        actor=users.clerk, court_id=world.case.court_id, payer_account_id=None, payer_name="张三",
        amount=Decimal("50.00"), purpose="acceptance_fee", related_type="cases.Case", related_id=world.case.pk,
        description="案件受理费",
    )  # fmt: skip
    ReadingRequest.objects.create(case=world.case, requester=users.litigant, purpose="阅卷")
    problems = failing(world.case)
    assert set(problems) == {"documents_settled", "documents_served", "fees_settled", "reading_decided"}
    assert "张三" in problems["documents_served"]
    assert "北京某某科技有限公司" in problems["documents_served"]
    assert document.title in problems["documents_settled"]
    with pytest.raises(ValidationFailed) as refused:
        case_archive(actor=users.president, case=world.case)
    assert refused.value.code == "archive_checklist_incomplete"
    assert {f["code"] for f in refused.value.details["failing"]} == set(problems)
    assert not Archive.objects.exists()


def test_sealing_records_the_manifest_and_its_hash(world: World, users: Users, effective: Any) -> None:
    assert failing(world.case) == {}
    with pytest.raises(PermissionDenied):
        case_archive(actor=users.clerk, case=world.case)  # a filing clerk does not archive
    with on_day(D(2026, 11, 2)):
        archive = case_archive(actor=world.court_clerk, case=world.case)
    assert archive.archive_no == "京0105-2026-档-000001"
    documents = Document.objects.filter(case=world.case).order_by("id")
    assert [e["document_id"] for e in archive.manifest] == [d.pk for d in documents]
    assert {e["sha256"] for e in archive.manifest} >= {effective.pdf_sha256}
    canonical = json.dumps(archive.manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert archive.manifest_sha256 == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.ARCHIVED
    assert AuditRecord.objects.filter(action="judgments.archive", object_id=str(archive.pk)).exists()
    assert archive_verify(case=world.case).ok
    with pytest.raises(Conflict):
        case_archive(actor=world.court_clerk, case=world.case)


def test_verify_reports_a_tampered_manifest_entry(world: World, users: Users, effective: Any) -> None:
    archive = case_archive(actor=world.court_clerk, case=world.case)
    manifest = list(archive.manifest)
    manifest[0] = {**manifest[0], "sha256": "0" * 64}
    Archive.objects.filter(pk=archive.pk).update(manifest=manifest)
    result = archive_verify(case=world.case)
    assert not result.ok
    assert not result.manifest_ok
    assert [m.document_id for m in result.mismatches] == [manifest[0]["document_id"]]


def test_verify_reports_an_altered_stored_file(world: World, users: Users, effective: Any, media: Path) -> None:
    case_archive(actor=world.court_clerk, case=world.case)
    pdf = Document.objects.get(pk=effective.pdf_document_id)
    assert pdf.current_version is not None
    (media / pdf.current_version.file.name).write_bytes(text_pdf("Tampered"))
    result = archive_verify(case=world.case)
    assert result.manifest_ok
    assert not result.ok
    assert [m.document_id for m in result.mismatches] == [pdf.pk]
    assert "哈希" in result.mismatches[0].problem


def test_a_sealed_dossier_refuses_documents_versions_and_transfers(world: World, users: Users, effective: Any) -> None:
    case_archive(actor=world.court_clerk, case=world.case)
    world.case.refresh_from_db()
    with pytest.raises(Conflict) as added:
        dossier_services.document_add(
            actor=users.judge, case=world.case, volume="main", category="other", title="补充材料",
            uploaded_file=upload(text_pdf("Late")),
        )  # fmt: skip
    assert added.value.code == "case_archived"
    pdf = Document.objects.get(pk=effective.pdf_document_id)
    with pytest.raises(Conflict):
        dossier_services.document_new_version(actor=users.judge, document=pdf, uploaded_file=upload(text_pdf("V2")))
    # A transfer into a sealed case (here a linked case marked archived) is refused as well.
    linked = Case.objects.create(
        court=world.case.court, case_type=world.case.case_type, category=world.case.category, year=2026,
        procedure=world.case.procedure, received_on=D(2026, 11, 1), status=CaseStatus.ARCHIVED, origin=world.case,
        link_kind="retrial",
    )  # fmt: skip
    with pytest.raises(Conflict) as transfer:
        dossier_services.dossier_transfer(actor=users.judge, origin=world.case, target=linked)
    assert transfer.value.code == "case_archived"
    assert archive_verify(case=world.case).ok
    assert not Document.objects.filter(case=linked).exists()


def test_archive_api(world: World, users: Users, effective: Any, api_client: Any) -> None:
    url = f"/api/v1/cases/{world.case.pk}/archive"
    clerk = bearer(api_client, "courtclerk")
    checklist = api_client.get(f"{url}/checklist", headers=clerk)
    assert checklist.status_code == 200
    assert all(item["ok"] for item in checklist.json())
    assert api_client.get(url, headers=clerk).status_code == 404
    assert api_client.post(url, headers=bearer(api_client, "litigant")).status_code == 404
    assert api_client.post(url, headers=bearer(api_client, "outsider")).status_code == 404
    sealed = api_client.post(url, headers=clerk)
    assert sealed.status_code == 201, sealed.content
    body = sealed.json()
    assert body["archive_no"] == "京0105-2026-档-000001"
    assert body["verify"]["ok"] is True
    shown = api_client.get(url, headers=bearer(api_client, "judge")).json()
    assert shown["manifest_sha256"] == body["manifest_sha256"]
    assert len(shown["manifest"]) == Document.objects.filter(case=world.case).count()


def test_an_unfiled_transcript_keeps_the_case_out_of_the_archive(world: World, users: Users, effective: Any) -> None:
    from tianping.hearings.models import Hearing, Transcript  # rows only: the hearings services are tested there

    start = dt.datetime(2026, 9, 8, 9, 30, tzinfo=dt.UTC)
    hearing = Hearing.objects.create(
        case=world.case, court=world.case.court, starts_at=start, ends_at=start + dt.timedelta(hours=1),
        presiding_judge=users.judge, scheduled_by=users.judge, status="finished",
    )  # fmt: skip
    transcript = Transcript.objects.create(hearing=hearing, clerk=world.court_clerk, status="reviewing")
    assert "2026-09-08 17:30" in failing(world.case)["transcripts_filed"]
    Transcript.objects.filter(pk=transcript.pk).update(status="filed")
    assert failing(world.case) == {}
