"""Issuing (签发): who signs at each approval level, what issuing freezes and stores, the case closed
through the effect service, immutability afterwards, the issue queue and the downloads."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.judgments.drafting_world import World, issue, ready, world_fixture  # noqa: F401
from tianping.cases.enums import CaseStatus
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.dossier import selectors as dossier_selectors
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Source, Volume
from tianping.dossier.models import Document
from tianping.judgments import selectors, services
from tianping.judgments.enums import DocumentKind, DraftStatus
from tianping.judgments.models import IssuedDocument
from tianping.judgments.rendering.docx import document_docx
from tianping.judgments.services.drafting import draft_data

pytestmark = pytest.mark.django_db


def _who(world: World, name: str) -> Any:
    return getattr(world, name, None) or getattr(world.users, name)


@pytest.mark.parametrize(
    ("level", "allowed", "refused"),
    [
        ("presiding", ["judge"], ["second_judge", "head", "president", "court_clerk"]),
        ("division_head", ["head", "president"], ["judge", "other_head", "second_judge"]),
        ("president", ["president"], ["judge", "head", "division_head"]),
    ],
)
def test_who_issues_at_each_level(world: World, level: str, allowed: list[str], refused: list[str]) -> None:
    draft = ready(world, approval_level=level)
    for name in refused:
        with pytest.raises(PermissionDenied) as caught:
            issue(_who(world, name), draft)
        assert caught.value.code == "not_issuer"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SUBMITTED
    assert IssuedDocument.objects.count() == 0
    assert [d.pk for d in selectors.issue_queue(user=_who(world, allowed[0]))] == [draft.pk]
    for name in refused:
        assert draft.pk not in [d.pk for d in selectors.issue_queue(user=_who(world, name))]
    issued = issue(_who(world, allowed[-1]), draft)
    assert issued.draft.issued_by == _who(world, allowed[-1])


def test_outsiders_cannot_reach_a_draft_to_issue_it(world: World) -> None:
    draft = ready(world)
    with pytest.raises(NotFound):
        selectors.draft_for_user(world.users.outsider, draft.pk)


def test_issuing_freezes_hashes_stores_and_closes_the_case(world: World) -> None:
    draft = ready(world, outcome="支持原告部分诉讼请求")
    issued = issue(world.users.judge, draft)
    draft.refresh_from_db()
    assert draft.status == DraftStatus.ISSUED
    assert draft.issued_by == world.users.judge
    assert issued.issued_on.isoformat() == "2026-11-29"
    assert issued.text.splitlines()[:3] == ["北京市朝阳区人民法院", "民事判决书", world.case.number]
    assert "二〇二六年十一月二十九日" in issued.text
    assert issued.text_sha256 == hashlib.sha256(issued.text.encode("utf-8")).hexdigest()
    for stored, recorded, volume in (
        (issued.pdf_document, issued.pdf_sha256, Volume.MAIN),
        (issued.docx_document, issued.docx_sha256, Volume.SECONDARY),
    ):
        version = stored.current_version
        data = dossier_selectors.version_bytes(version)
        assert hashlib.sha256(data).hexdigest() == recorded == version.sha256
        assert (stored.category, stored.source, stored.volume) == (Category.RULING, Source.GENERATED, volume)
    assert issued.pdf_document.current_version.content_type == "application/pdf"
    assert issued.docx_document.current_version.content_type.endswith("wordprocessingml.document")
    case = world.case
    case.refresh_from_db()
    assert (case.status, case.closing_method, case.closing_outcome) == (
        CaseStatus.CLOSED,
        "judgment",
        "支持原告部分诉讼请求",
    )
    entry = AuditRecord.objects.get(action="judgments.draft_issue")
    assert entry.changes["text_sha256"] == issued.text_sha256
    assert entry.changes["pdf_sha256"] == issued.pdf_sha256


def test_issued_documents_are_immutable(world: World) -> None:
    draft = ready(world)
    issue(world.users.judge, draft)
    draft.refresh_from_db()
    calls = [
        lambda: services.draft_update(actor=world.users.judge, draft=draft, revision=draft.revision, title="改"),
        lambda: services.draft_submit(actor=world.users.judge, draft=draft),
        lambda: services.draft_return(actor=world.users.judge, draft=draft, note="再改"),
        lambda: issue(world.users.judge, draft),
    ]
    for call in calls:
        with pytest.raises(Conflict) as caught:
            call()
        assert caught.value.code == "document_issued"
    assert IssuedDocument.objects.count() == 1


def test_issue_revalidates_and_leaves_nothing_behind(world: World) -> None:
    draft = ready(world)
    draft.sections = {**draft.sections, "decision": ""}  # e.g. emptied behind the service's back
    draft.save()
    documents = Document.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        issue(world.users.judge, draft)
    assert caught.value.details["missing"] == ["decision"]
    assert Document.objects.count() == documents
    assert IssuedDocument.objects.count() == 0


def test_a_case_that_cannot_close_refuses_a_closing_document(world: World) -> None:
    draft = ready(world)
    world.case.status = CaseStatus.CLOSED
    world.case.save()
    with pytest.raises(Conflict) as caught:
        issue(world.users.judge, draft)
    assert caught.value.code == "case_not_closable"
    assert IssuedDocument.objects.count() == 0


def test_a_ruling_that_does_not_close_leaves_the_case_open(world: World) -> None:
    draft = ready(world, kind=DocumentKind.RULING)
    assert draft.closes_case is False
    issue(world.users.judge, draft)
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.ASSIGNED


def test_downloads_are_the_stored_bytes_and_audited(world: World) -> None:
    issued = issue(world.users.judge, ready(world))
    loaded = selectors.issued_for_user(world.court_clerk, issued.pk)
    pdf = selectors.issued_file(user=world.court_clerk, document=loaded, file_format="pdf")
    docx = selectors.issued_file(user=world.court_clerk, document=loaded, file_format="docx")
    assert pdf.data.startswith(b"%PDF-")
    assert pdf.sha256 == hashlib.sha256(pdf.data).hexdigest() == issued.pdf_sha256
    assert docx.data.startswith(b"PK")
    assert docx.sha256 == hashlib.sha256(docx.data).hexdigest()
    assert AuditRecord.objects.filter(action="judgments.issued_download").count() == 2
    assert [d.pk for d in selectors.issued_documents(case=world.case)] == [issued.pk]
    for outsider in (world.users.outsider, world.users.litigant, world.users.lawyer):
        with pytest.raises(NotFound):
            selectors.issued_for_user(outsider, issued.pk)


def test_an_altered_stored_file_is_not_handed_out(world: World) -> None:
    issued = issue(world.users.judge, ready(world))
    version = issued.pdf_document.current_version
    with version.file.open("wb") as stored:
        stored.write(b"%PDF-1.4 forged")
    loaded = selectors.issued_for_user(world.users.judge, issued.pk)
    with pytest.raises(Conflict):
        selectors.issued_file(user=world.users.judge, document=loaded, file_format="pdf")


def test_a_word_file_is_never_accepted_as_an_upload(world: World) -> None:
    data = document_docx(draft_data(ready(world)))
    with pytest.raises(ValidationFailed) as caught:
        dossier_services.document_add(
            actor=world.users.judge, case=world.case, volume=Volume.MAIN, category=Category.OTHER, title="上传的Word",
            uploaded_file=SimpleUploadedFile("a.docx", data),
        )  # fmt: skip
    assert caught.value.code == "unsupported_type"
