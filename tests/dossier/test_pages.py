"""The 电子卷宗 section of the case page and its upload form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client

from tests.conftest import Users
from tests.dossier.conftest import blank_pdf, stored_files, upload
from tianping.dossier import services
from tianping.dossier.enums import Volume
from tianping.dossier.models import Document


def test_staff_upload_from_the_case_page(client: Client, users: Users, case: Any) -> None:
    client.force_login(users.judge)
    response = client.post(
        f"/dossier/cases/{case.pk}/upload/",
        {"title": "庭审笔录", "volume": "main", "category": "record", "file": upload(blank_pdf(2))},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "电子卷宗" in page
    assert "已上传“庭审笔录”" in page
    assert "庭审笔录" in page
    document = Document.objects.get()
    assert f"/dossier/versions/{document.current_version_id}/download/" in page
    assert client.get(f"/dossier/versions/{document.current_version_id}/download/").status_code == 200


def test_bad_upload_shows_a_chinese_error_and_stores_nothing(
    client: Client, users: Users, case: Any, media: Path
) -> None:
    client.force_login(users.judge)
    response = client.post(
        f"/dossier/cases/{case.pk}/upload/",
        {"title": "坏文件", "volume": "main", "category": "evidence", "file": upload(b"%PDF-1.4 garbage")},
        follow=True,
    )
    assert "上传失败：PDF 文件已损坏" in response.content.decode()
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_the_party_sees_only_the_main_volume_and_no_form(client: Client, users: Users, case: Any) -> None:
    for title, volume in (("起诉状", Volume.MAIN), ("合议笔录", Volume.SECONDARY)):
        services.document_add(
            actor=users.judge,
            case=case,
            volume=volume,
            category="other",
            title=title,
            uploaded_file=upload(blank_pdf()),
        )
    client.force_login(users.litigant)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "起诉状" in page
    assert "合议笔录" not in page
    assert "上传材料" not in page
    secret = Document.objects.get(title="合议笔录")
    assert client.get(f"/dossier/versions/{secret.current_version_id}/download/").status_code == 404
    client.force_login(users.judge)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "合议笔录" in page
    assert "上传材料" in page
