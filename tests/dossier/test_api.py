"""The dossier API with roles: uploads, versions, listing, downloads, search; 副卷 and outsiders get 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.test import Client

from tests.conftest import Users, bearer
from tests.dossier.conftest import blank_pdf, png, stored_files, text_pdf, upload, zip_bytes
from tianping.core.models import AuditRecord
from tianping.dossier.models import Document, DocumentVersion


def post_document(client: Client, case: Any, auth: dict[str, str], data: bytes, **fields: Any) -> Any:
    name = fields.pop("name", "证据.pdf")
    form = {"volume": "main", "category": "evidence", "title": "证据一", **fields, "file": upload(data, name)}
    return client.post(f"/api/v1/cases/{case.pk}/dossier", form, headers=auth)


def test_judge_uploads_lists_downloads_and_searches(client: Client, users: Users, case: Any) -> None:
    judge = bearer(client, "judge")
    response = post_document(client, case, judge, text_pdf("Hello"), title="起诉状", category="complaint")
    assert response.status_code == 201, response.content
    body = response.json()
    version = body["current_version"]
    assert (body["volume"], body["category_label"], version["pages"]) == ("main", "起诉材料", 1)
    assert version["content_type"] == "application/pdf"
    assert len(version["sha256"]) == 64

    listing = client.get(f"/api/v1/cases/{case.pk}/dossier", headers=judge)
    assert listing.status_code == 200
    assert [d["title"] for d in listing.json()["documents"]] == ["起诉状"]

    download = client.get(version["download_url"], headers=judge)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == text_pdf("Hello")
    assert AuditRecord.objects.filter(action="dossier.download", actor_username="judge").count() == 1

    found = client.get(f"/api/v1/cases/{case.pk}/dossier/search", {"q": "hello"}, headers=judge)
    assert found.status_code == 200
    assert [h["document"]["id"] for h in found.json()] == [body["id"]]
    assert "Hello" in found.json()[0]["snippet"]


def test_the_client_name_and_type_are_not_trusted(client: Client, users: Users, case: Any) -> None:
    judge = bearer(client, "judge")
    response = post_document(client, case, judge, png(), name="scan.pdf")
    assert response.status_code == 201
    assert response.json()["current_version"]["content_type"] == "image/png"


def test_bad_uploads_are_422_and_store_nothing(
    client: Client, users: Users, case: Any, media: Path, settings: Any
) -> None:
    judge = bearer(client, "judge")
    for data, code in [(b"%PDF-1.4 garbage", "corrupt_pdf"), (zip_bytes(), "unsupported_type")]:
        response = post_document(client, case, judge, data)
        assert response.status_code == 422
        assert response.json()["code"] == code
    settings.DOSSIER_MAX_UPLOAD_MB = 1
    response = post_document(client, case, judge, blank_pdf() + b"x" * (1024 * 1024 + 1))
    assert (response.status_code, response.json()["code"]) == (422, "file_too_large")
    response = client.post(f"/api/v1/cases/{case.pk}/dossier", {"title": "无文件"}, headers=judge)
    assert response.status_code == 422
    assert Document.objects.count() == DocumentVersion.objects.count() == 0
    assert stored_files(media) == []


def test_new_version_through_the_api(client: Client, users: Users, case: Any) -> None:
    judge = bearer(client, "judge")
    document = post_document(client, case, judge, text_pdf("One")).json()
    response = client.post(
        f"/api/v1/dossier/documents/{document['id']}/versions", {"file": upload(blank_pdf(2))}, headers=judge
    )
    assert response.status_code == 201, response.content
    assert (response.json()["number"], response.json()["pages"]) == (2, 2)
    listing = client.get(f"/api/v1/cases/{case.pk}/dossier", headers=judge).json()
    assert listing["documents"][0]["current_version"]["number"] == 2
    versions = client.get(f"/api/v1/dossier/documents/{document['id']}/versions", headers=judge).json()
    assert [v["number"] for v in versions] == [1, 2]


def test_secondary_volume_is_404_for_the_litigant_but_visible_to_the_judge(
    client: Client, users: Users, case: Any
) -> None:
    judge = bearer(client, "judge")
    main = post_document(client, case, judge, blank_pdf(), title="起诉状").json()
    secret = post_document(client, case, judge, text_pdf("Secret"), title="审理报告", volume="secondary").json()
    litigant = bearer(client, "litigant")

    listing = client.get(f"/api/v1/cases/{case.pk}/dossier", headers=litigant)
    assert listing.status_code == 200
    assert [d["id"] for d in listing.json()["documents"]] == [main["id"]]
    assert client.get(secret["current_version"]["download_url"], headers=litigant).status_code == 404
    assert client.get(f"/api/v1/dossier/documents/{secret['id']}/versions", headers=litigant).status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}/dossier/search", {"q": "secret"}, headers=litigant).json() == []
    # The party reads the 正卷 only under a reading grant, as a watermarked copy (test_reading.py).
    refused = client.get(main["current_version"]["download_url"], headers=litigant)
    assert (refused.status_code, refused.json()["code"]) == (403, "reading_grant_required")
    assert client.get(secret["current_version"]["download_url"], headers=judge).status_code == 200
    judge_listing = client.get(f"/api/v1/cases/{case.pk}/dossier", headers=judge).json()
    assert {d["id"] for d in judge_listing["documents"]} == {main["id"], secret["id"]}
    # A litigant cannot upload here (party submissions come through filing).
    assert post_document(client, case, litigant, blank_pdf()).status_code == 403


def test_outsiders_get_404_everywhere(client: Client, users: Users, case: Any) -> None:
    judge = bearer(client, "judge")
    document = post_document(client, case, judge, blank_pdf()).json()
    for username in ("outsider", "lawyer"):
        other = bearer(client, username)
        assert client.get(f"/api/v1/cases/{case.pk}/dossier", headers=other).status_code == 404
        assert client.get(f"/api/v1/cases/{case.pk}/dossier/search", {"q": "x"}, headers=other).status_code == 404
        assert client.get(document["current_version"]["download_url"], headers=other).status_code == 404
        assert post_document(client, case, other, blank_pdf()).status_code == 404
        response = client.post(
            f"/api/v1/dossier/documents/{document['id']}/versions", {"file": upload(blank_pdf())}, headers=other
        )
        assert response.status_code == 404
    assert client.get("/api/v1/dossier/versions/999999/download", headers=judge).status_code == 404
    assert Document.objects.count() == 1


def test_list_query_count_does_not_grow_with_documents(
    client: Client, users: Users, case: Any, django_assert_max_num_queries: Any
) -> None:
    judge = bearer(client, "judge")
    for n in range(6):
        post_document(client, case, judge, text_pdf(f"Doc {n}"), title=f"材料{n}")
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/cases/{case.pk}/dossier", headers=judge)
    assert len(response.json()["documents"]) == 6
