"""The dossier services: what is learned from the bytes, what is refused, dedup, versions, audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Users
from tests.dossier.conftest import blank_pdf, ofd, png, stored_files, text_pdf, upload, zip_bytes
from tianping.core.errors import NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.dossier import files, selectors, services
from tianping.dossier.enums import Category, Volume
from tianping.dossier.models import Document, DocumentVersion


def add(actor: Any, case: Any, data: bytes, name: str = "材料.pdf", volume: str = Volume.MAIN, **extra: Any) -> Any:
    return services.document_add(
        actor=actor,
        case=case,
        volume=volume,
        category=extra.pop("category", Category.EVIDENCE),
        title=extra.pop("title", "证据一"),
        uploaded_file=upload(data, name),
        **extra,
    )


def test_a_pdf_is_stored_with_hash_type_pages_text_and_audit(users: Users, case: Any, media: Path) -> None:
    document = add(users.judge, case, text_pdf("Hello dossier"))
    version = document.current_version
    assert version.number == 1
    assert version.content_type == "application/pdf"
    assert version.pages == 1
    assert "Hello dossier" in version.text
    assert version.size == len(text_pdf("Hello dossier"))
    assert version.file.name == f"dossier/{version.sha256[:2]}/{version.sha256[2:4]}/{version.sha256}.pdf"
    assert (media / version.file.name).read_bytes() == text_pdf("Hello dossier")
    entry = AuditRecord.objects.get(action="dossier.document_add")
    assert entry.object_id == str(document.pk)
    assert entry.changes["sha256"] == version.sha256


def test_page_count_and_images(users: Users, case: Any) -> None:
    assert add(users.clerk, case, blank_pdf(3)).current_version.pages == 3
    image = add(users.clerk, case, png(), name="scan.jpg").current_version
    assert (image.content_type, image.pages, image.file.name[-4:]) == ("image/png", 1, ".png")
    if not files.ocr_available():
        assert image.text == ""
        assert image.ocr_applied is False


def test_ofd_is_recognised_by_content(users: Users, case: Any) -> None:
    version = add(users.clerk, case, ofd("民事起诉状"), name="complaint.ofd").current_version
    assert (version.content_type, version.pages) == ("application/ofd", 2)
    assert "民事起诉状" in version.text


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"%PDF-1.4 garbage", "bad.pdf", "corrupt_pdf"),
        (zip_bytes(), "looks.pdf", "unsupported_type"),
        (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "setup.pdf", "unsupported_type"),
        (b"plain text", "notes.png", "unsupported_type"),
        (b"", "empty.pdf", "empty_file"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    users: Users, case: Any, media: Path, data: bytes, name: str, code: str
) -> None:
    audits = AuditRecord.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        add(users.judge, case, data, name=name)
    assert caught.value.code == code
    assert Document.objects.count() == 0
    assert DocumentVersion.objects.count() == 0
    assert AuditRecord.objects.count() == audits
    assert stored_files(media) == []


def test_oversized_files_are_refused(users: Users, case: Any, media: Path, settings: Any) -> None:
    settings.DOSSIER_MAX_UPLOAD_MB = 1
    big = blank_pdf() + b"%" + b"x" * (1024 * 1024)
    with pytest.raises(ValidationFailed) as caught:
        add(users.judge, case, big)
    assert caught.value.code == "file_too_large"
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_a_failing_transaction_leaves_no_file(users: Users, case: Any, media: Path, monkeypatch: Any) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(services.audit, "record", broken)
    with pytest.raises(RuntimeError):
        add(users.judge, case, blank_pdf())
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_identical_content_is_stored_once(users: Users, case: Any, media: Path) -> None:
    first = add(users.judge, case, text_pdf("Same"), title="甲")
    second = add(users.clerk, case, text_pdf("Same"), title="乙")
    assert first.current_version.sha256 == second.current_version.sha256
    assert first.current_version.file.name == second.current_version.file.name
    assert len(stored_files(media)) == 1


def test_new_versions_become_current(users: Users, case: Any, media: Path) -> None:
    document = add(users.judge, case, text_pdf("Draft"))
    v2 = services.document_new_version(actor=users.judge, document=document, uploaded_file=upload(text_pdf("Final")))
    document.refresh_from_db()
    assert (v2.number, document.current_version_id) == (2, v2.pk)
    assert list(document.versions.values_list("number", flat=True)) == [1, 2]
    assert len(stored_files(media)) == 2
    assert AuditRecord.objects.filter(action="dossier.version_add", object_id=str(document.pk)).count() == 1
    # Going back to identical earlier content reuses the stored file.
    v3 = services.document_new_version(actor=users.judge, document=document, uploaded_file=upload(text_pdf("Draft")))
    assert v3.file.name == document.versions.get(number=1).file.name
    assert len(stored_files(media)) == 2


def test_only_court_staff_keep_the_dossier(users: Users, case: Any) -> None:
    for actor in (users.litigant, users.lawyer, users.outsider, users.higher_judge, users.auditor):
        with pytest.raises(PermissionDenied):
            add(actor, case, blank_pdf())
    assert Document.objects.count() == 0


def test_secondary_volume_is_hidden_from_the_party(users: Users, case: Any) -> None:
    main = add(users.judge, case, blank_pdf(), title="起诉状")
    secret = add(users.judge, case, blank_pdf(2), title="合议笔录", volume=Volume.SECONDARY)
    assert {d.pk for d in selectors.dossier_for_user(users.judge, case)} == {main.pk, secret.pk}
    assert [d.pk for d in selectors.dossier_for_user(users.litigant, case)] == [main.pk]
    with pytest.raises(NotFound):
        selectors.version_file_for_user(users.litigant, secret.current_version.pk)
    with pytest.raises(NotFound):
        selectors.version_file_for_user(users.outsider, main.current_version.pk)
    with pytest.raises(PermissionDenied) as caught:  # the 正卷 itself is read under a grant, watermarked
        selectors.version_file_for_user(users.litigant, main.current_version.pk)
    assert caught.value.code == "reading_grant_required"
    assert selectors.version_file_for_user(users.judge, secret.current_version.pk).pk == secret.current_version.pk
    assert AuditRecord.objects.filter(action="dossier.download").count() == 1


def test_search_finds_extracted_text(users: Users, case: Any) -> None:
    hit = add(users.judge, case, text_pdf("Loan contract of 2024"), title="借款合同")
    add(users.judge, case, text_pdf("Bank transfer record"), title="转账记录")
    hidden = add(users.judge, case, text_pdf("Loan deliberation"), title="评议", volume=Volume.SECONDARY)
    assert {d.pk for d in selectors.document_search(users.judge, case, "loan")} == {hit.pk, hidden.pk}
    # Without a reading grant a party finds documents by title only, never by their content.
    assert selectors.document_search(users.litigant, case, "loan") == []
    assert [d.pk for d in selectors.document_search(users.litigant, case, "借款")] == [hit.pk]
    assert selectors.document_search(users.judge, case, "nothing like this") == []
