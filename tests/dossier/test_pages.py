"""The 电子卷宗 section of the case page and its upload form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.conftest import Users
from tests.dossier.conftest import blank_pdf, stored_files, upload
from tianping.cases.models import Case
from tianping.core import clock
from tianping.core.pdf import pdf_text
from tianping.dossier import services
from tianping.dossier.enums import Volume
from tianping.dossier.models import Document, ReadingRequest


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


def _case_with_judge(case: Any, users: Users) -> Any:
    Case.objects.filter(pk=case.pk).update(judge=users.judge)
    case.refresh_from_db()
    return case


def test_reading_from_request_to_watermarked_copy_through_the_pages(client: Client, users: Users, case: Any) -> None:
    case = _case_with_judge(case, users)
    document = services.document_add(
        actor=users.judge, case=case, volume=Volume.MAIN, category="evidence", title="借款合同",
        uploaded_file=upload(blank_pdf(2)),
    )  # fmt: skip
    client.force_login(users.litigant)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "网上阅卷" in page
    assert "提交阅卷申请" in page
    assert "需申请阅卷" in page
    assert f"/dossier/documents/{document.pk}/read/" not in page
    forbidden = client.get(f"/dossier/documents/{document.pk}/read/")
    assert forbidden.status_code == 403
    assert f"/cases/{case.pk}/#reading" in forbidden.content.decode()
    assert client.get(f"/dossier/versions/{document.current_version_id}/download/").status_code == 403

    response = client.post(
        f"/dossier/cases/{case.pk}/reading/",
        {"scope": "selected", "documents": [str(document.pk)], "purpose": "准备庭审", "preferred_from": ""},
        follow=True,
    )
    assert "阅卷申请已提交" in response.content.decode()
    reading_request = ReadingRequest.objects.get()
    assert [d.pk for d in reading_request.requested_documents.all()] == [document.pk]

    client.force_login(users.judge)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "待审批的阅卷申请" in page
    assert f"/dossier/reading/{reading_request.pk}/grant/" in page
    until = timezone.localtime(clock.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/dossier/reading/{reading_request.pk}/grant/",
        {"scope": "selected", "documents": [str(document.pk)], "expires_at": until, "may_download": "on"},
        follow=True,
    )
    page = response.content.decode()
    assert "已准许阅卷" in page
    assert f"/dossier/reading/{reading_request.pk}/revoke/" in page

    client.force_login(users.litigant)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"/dossier/documents/{document.pk}/read/" in page
    assert f"/dossier/documents/{document.pk}/copy/" in page
    reading = client.get(f"/dossier/documents/{document.pk}/read/")
    assert reading.status_code == 200
    assert f'<iframe class="reading-frame" src="/dossier/documents/{document.pk}/view/"' in reading.content.decode()
    # The page keeps the strict policy; default-src 'self' lets it frame our own copy.
    assert "default-src 'self'" in reading["Content-Security-Policy"]
    copy = client.get(f"/dossier/documents/{document.pk}/view/")
    assert copy.status_code == 200
    assert copy["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in copy["Content-Security-Policy"]
    assert "张三" in pdf_text(copy.content)
    assert client.get(f"/dossier/documents/{document.pk}/copy/")["Content-Disposition"].startswith("attachment")


def test_grant_and_refuse_forms_report_errors(client: Client, users: Users, case: Any) -> None:
    case = _case_with_judge(case, users)
    reading_request = ReadingRequest.objects.create(case=case, requester=users.litigant, purpose="阅卷")
    client.force_login(users.judge)
    response = client.post(
        f"/dossier/reading/{reading_request.pk}/grant/", {"scope": "all", "expires_at": "not a time"}, follow=True
    )
    assert "准许未成功" in response.content.decode()
    assert "已处理的阅卷申请" not in response.content.decode()
    response = client.post(f"/dossier/reading/{reading_request.pk}/refuse/", {"reason": ""}, follow=True)
    assert "请填写不予准许的理由" in response.content.decode()
    response = client.post(f"/dossier/reading/{reading_request.pk}/refuse/", {"reason": "材料尚未整理"}, follow=True)
    assert "已决定不予准许" in response.content.decode()
    assert "已处理的阅卷申请" in response.content.decode()
    assert "材料尚未整理" in response.content.decode()
    reading_request.refresh_from_db()
    assert reading_request.status == "refused"
    client.force_login(users.outsider)
    assert client.post(f"/dossier/reading/{reading_request.pk}/revoke/").status_code == 404
