"""The online-filing API with roles: owners, other litigants, clerks of this and another court."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.conftest import CourtTree, Users, bearer
from tests.dossier.conftest import png, zip_bytes
from tests.filing.conftest import DEFENDANT_ADDRESS, complete_data, stored_files, text_pdf, upload
from tianping.accounts.enums import Role
from tianping.cases.models import Case
from tianping.core import clock, pdf
from tianping.filing.models import Filing, FilingAttachment

pytestmark = pytest.mark.django_db

BASE = "/api/v1/filings"


@pytest.fixture
def client() -> Client:
    return Client()


def _json(client: Client, method: str, url: str, headers: dict[str, str], body: Any = None) -> Any:
    call = getattr(client, method)
    return call(url, body if body is not None else {}, content_type="application/json", headers=headers)


def _upload(client: Client, headers: dict[str, str], filing_id: int, category: str, data: bytes, name: str = "a.pdf"):
    return client.post(
        f"{BASE}/{filing_id}/attachments",
        {"category": category, "title": "", "file": upload(data, name)},
        headers=headers,
    )


def _complete_filing(client: Client, headers: dict[str, str], court_id: int) -> int:
    data = complete_data()
    response = _json(client, "post", BASE, headers, {"court_id": court_id, "kind": "civil", **data})
    assert response.status_code == 201, response.content
    body = response.json()
    own = body["parties"][0]
    assert own["is_filer"] is True
    parties = [
        {k: own[k] for k in ("role", "kind", "name", "id_number", "mobile", "is_filer")},
        {"role": "defendant", "kind": "natural", "name": "钱某", "address": DEFENDANT_ADDRESS},
    ]
    response = _json(client, "patch", f"{BASE}/{body['id']}", headers, {"parties": parties})
    assert response.status_code == 200, response.content
    for index, category in enumerate(("identity", "complaint", "evidence")):
        response = _upload(client, headers, body["id"], category, text_pdf(f"Doc {index}"))
        assert response.status_code == 201, response.content
    return int(body["id"])


def test_draft_patch_submit_and_clerk_registers(client: Client, users: Users, courts: CourtTree, media: Path) -> None:
    litigant = bearer(client, "litigant")
    filing_id = _complete_filing(client, litigant, courts.chaoyang.pk)
    body = client.get(f"{BASE}/{filing_id}", headers=litigant).json()
    assert body["status"] == "draft"
    assert body["missing"] == []
    assert body["fee"]["amount"] == "3300.00"
    assert body["parties"][0]["id_number"] == users.litigant.id_number  # the owner sees it in full

    response = client.post(f"{BASE}/{filing_id}/submit", headers=litigant)
    assert response.status_code == 200, response.content
    submitted = response.json()
    assert submitted["status"] == "submitted"
    assert submitted["receipt_number"].startswith("京0105-")
    assert submitted["review_deadline"] is not None

    clerk = bearer(client, "clerk")
    queue = client.get(f"{BASE}/queue", headers=clerk).json()
    assert [q["filing"]["id"] for q in queue] == [filing_id]
    assert queue[0]["remaining_days"] >= 0
    response = _json(client, "post", f"{BASE}/{filing_id}/register", clerk, {})
    assert response.status_code == 200, response.content
    registered = response.json()
    assert registered["status"] == "registered"
    case = Case.objects.get(pk=registered["case"]["id"])
    assert registered["case"]["name"] == case.number

    mine = client.get(BASE, headers=litigant).json()
    assert mine[0]["case"]["name"] == case.number
    assert client.get(f"/api/v1/cases/{case.pk}", headers=litigant).status_code == 200
    timeline = [e["action"] for e in client.get(f"{BASE}/{filing_id}", headers=litigant).json()["timeline"]]
    assert timeline[:3] == ["created", "submitted", "registered"]


def test_other_litigant_and_other_court_get_404(client: Client, users: Users, courts: CourtTree, media: Path) -> None:
    litigant = bearer(client, "litigant")
    filing_id = _complete_filing(client, litigant, courts.chaoyang.pk)
    factories.litigant_user("litigant_b", "李四")
    other = bearer(client, "litigant_b")
    clerk = bearer(client, "clerk")

    # A draft is the owner's alone, even for the court's clerk.
    assert client.get(f"{BASE}/{filing_id}", headers=clerk).status_code == 404
    client.post(f"{BASE}/{filing_id}/submit", headers=litigant)

    attachment = FilingAttachment.objects.filter(filing_id=filing_id).first()
    for url in (f"{BASE}/{filing_id}", f"{BASE}/{filing_id}/attachments/{attachment.pk}/download"):
        response = client.get(url, headers=other)
        assert response.status_code == 404
        assert response.json()["code"] == "filing_not_found"
    assert _json(client, "patch", f"{BASE}/{filing_id}", other, {"facts": "改"}).status_code == 404
    assert client.get(BASE, headers=other).json() == []

    factories.staff_user("haidian_clerk", courts.haidian, Role.FILING_CLERK)
    haidian = bearer(client, "haidian_clerk")
    assert client.get(f"{BASE}/{filing_id}", headers=haidian).status_code == 404
    assert _json(client, "post", f"{BASE}/{filing_id}/register", haidian, {}).status_code == 404
    assert client.get(f"{BASE}/queue", headers=haidian).json() == []

    # The clerk of the filing's court reads it and downloads the materials.
    assert client.get(f"{BASE}/{filing_id}", headers=clerk).status_code == 200
    download = client.get(f"{BASE}/{filing_id}/attachments/{attachment.pk}/download", headers=clerk)
    assert download.status_code == 200
    assert download["X-Content-SHA256"] == attachment.sha256


def test_litigant_cannot_register_or_reject(client: Client, users: Users, courts: CourtTree, media: Path) -> None:
    litigant = bearer(client, "litigant")
    filing_id = _complete_filing(client, litigant, courts.chaoyang.pk)
    client.post(f"{BASE}/{filing_id}/submit", headers=litigant)
    response = _json(client, "post", f"{BASE}/{filing_id}/register", litigant, {})
    assert response.status_code == 403
    response = _json(
        client, "post", f"{BASE}/{filing_id}/reject", litigant, {"reasons": "x", "legal_bases": ["cpl_122"]}
    )
    assert response.status_code == 403
    assert not Case.objects.exists()
    # A judge of the court may read it (staff) but not decide on it.
    judge = bearer(client, "judge")
    assert _json(client, "post", f"{BASE}/{filing_id}/register", judge, {}).status_code == 403


def test_incomplete_submit_is_422_with_every_gap(client: Client, users: Users, courts: CourtTree) -> None:
    litigant = bearer(client, "litigant")
    filing_id = _json(client, "post", BASE, litigant, {"court_id": courts.chaoyang.pk, "kind": "civil"}).json()["id"]
    response = client.post(f"{BASE}/{filing_id}/submit", headers=litigant)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "filing_incomplete"
    assert {"defendant_missing", "complaint_missing"} <= {g["code"] for g in body["details"]["missing"]}
    assert Filing.objects.get(pk=filing_id).receipt_number is None


def test_staff_cannot_create_and_bad_fields_are_422(client: Client, users: Users, courts: CourtTree) -> None:
    clerk = bearer(client, "clerk")
    response = _json(client, "post", BASE, clerk, {"court_id": courts.chaoyang.pk, "kind": "civil"})
    assert response.status_code == 403
    litigant = bearer(client, "litigant")
    response = _json(client, "post", BASE, litigant, {"court_id": courts.chaoyang.pk, "kind": "civil",
                                                      "claim_amount": "12abc"})  # fmt: skip
    assert response.status_code == 422
    assert not Filing.objects.exists()
    filing_id = _json(client, "post", BASE, litigant, {"court_id": courts.chaoyang.pk, "kind": "civil"}).json()["id"]
    bad_party = {"parties": [{"role": "plaintiff", "kind": "natural", "name": "张三", "id_number": "123"}]}
    response = _json(client, "patch", f"{BASE}/{filing_id}", litigant, bad_party)
    assert response.status_code == 422
    assert response.json()["details"]["party_index"] == 0
    for bad in ({"court_id": None}, {"kind": None}, {"parties": None}, {"claims": None}, {"court_id": 999999}):
        response = _json(client, "patch", f"{BASE}/{filing_id}", litigant, bad)
        assert response.status_code in (404, 422), (bad, response.content)


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (zip_bytes(), "a.pdf", "unsupported_type"),
        (b"%PDF-1.4\nthis is not really a pdf", "broken.pdf", "corrupt_pdf"),
        (b"", "empty.pdf", "empty_file"),
    ],
)
def test_bad_uploads_are_422_and_store_nothing(
    client: Client, users: Users, courts: CourtTree, media: Path, data: bytes, name: str, code: str
) -> None:
    litigant = bearer(client, "litigant")
    filing_id = _json(client, "post", BASE, litigant, {"court_id": courts.chaoyang.pk, "kind": "civil"}).json()["id"]
    response = _upload(client, litigant, filing_id, "evidence", data, name)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code
    assert not FilingAttachment.objects.exists()
    assert stored_files(media) == []


def test_oversized_upload_is_422(client: Client, users: Users, courts: CourtTree, media: Path, settings: Any) -> None:
    settings.DOSSIER_MAX_UPLOAD_MB = 1
    litigant = bearer(client, "litigant")
    filing_id = _json(client, "post", BASE, litigant, {"court_id": courts.chaoyang.pk, "kind": "civil"}).json()["id"]
    response = _upload(client, litigant, filing_id, "evidence", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    assert response.status_code == 422
    assert response.json()["code"] == "file_too_large"
    assert stored_files(media) == []


def test_png_upload_and_delete(client: Client, users: Users, courts: CourtTree, media: Path) -> None:
    litigant = bearer(client, "litigant")
    filing_id = _json(client, "post", BASE, litigant, {"court_id": courts.chaoyang.pk, "kind": "civil"}).json()["id"]
    response = _upload(client, litigant, filing_id, "identity", png(), "id.pdf")  # the name lies; the content wins
    assert response.status_code == 201
    assert response.json()["content_type"] == "image/png"
    attachment_id = response.json()["id"]
    assert len(stored_files(media)) == 1
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda fn, **kw: fn())
        response = client.delete(f"{BASE}/{filing_id}/attachments/{attachment_id}", headers=litigant)
    assert response.status_code == 204
    assert stored_files(media) == []


def test_supplement_once_resubmit_and_reject_ruling(
    client: Client, users: Users, courts: CourtTree, media: Path
) -> None:
    litigant = bearer(client, "litigant")
    clerk = bearer(client, "clerk")
    filing_id = _complete_filing(client, litigant, courts.chaoyang.pk)
    client.post(f"{BASE}/{filing_id}/submit", headers=litigant)
    deadline = (clock.today() + dt.timedelta(days=10)).isoformat()
    request = {"items": ["补充借款交付凭证", "补充被告身份信息"], "deadline": deadline}
    response = _json(client, "post", f"{BASE}/{filing_id}/supplement-request", clerk, request)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "supplement_requested"
    again = _json(client, "post", f"{BASE}/{filing_id}/supplement-request", clerk, request)
    assert again.status_code == 409
    assert again.json()["code"] == "supplement_already_requested"

    seen = client.get(f"{BASE}/{filing_id}", headers=litigant).json()
    assert seen["supplement"]["items"] == ["补充借款交付凭证", "补充被告身份信息"]
    assert _upload(client, litigant, filing_id, "evidence", text_pdf("Transfer")).status_code == 201
    response = client.post(f"{BASE}/{filing_id}/resubmit", headers=litigant)
    assert response.status_code == 200
    assert response.json()["status"] == "resubmitted"
    # Once resubmitted the filer cannot change it any more.
    assert _json(client, "patch", f"{BASE}/{filing_id}", litigant, {"facts": "再改"}).status_code == 409

    bad = _json(client, "post", f"{BASE}/{filing_id}/reject", clerk, {"reasons": "理由", "legal_bases": ["nope"]})
    assert bad.status_code == 422
    rejection = {"reasons": "不属于人民法院受理民事诉讼的范围。", "legal_bases": ["cpl_122", "cpl_127"]}
    response = _json(client, "post", f"{BASE}/{filing_id}/reject", clerk, rejection)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "rejected"
    ruling = client.get(body["ruling_url"], headers=litigant)
    assert ruling.status_code == 200
    assert ruling["Content-Type"] == "application/pdf"
    data = b"".join(ruling.streaming_content)
    text = pdf.pdf_text(data).replace("\n", "").replace(" ", "")
    assert "不属于人民法院受理民事诉讼的范围" in text
    assert "第一百二十七条" in text
    assert client.get(body["ruling_url"], headers=bearer(client, "outsider")).status_code == 404


def test_list_queries_do_not_grow(client: Client, users: Users, courts: CourtTree, media: Path) -> None:
    litigant = bearer(client, "litigant")
    clerk = bearer(client, "clerk")
    for _ in range(2):
        client.post(f"{BASE}/{_complete_filing(client, litigant, courts.chaoyang.pk)}/submit", headers=litigant)
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(f"{BASE}/queue", headers=clerk).json()) == 2
    for _ in range(3):
        client.post(f"{BASE}/{_complete_filing(client, litigant, courts.chaoyang.pk)}/submit", headers=litigant)
    with CaptureQueriesContext(connection) as more:
        assert len(client.get(f"{BASE}/queue", headers=clerk).json()) == 5
    assert len(more) == len(few)
    with CaptureQueriesContext(connection) as mine:
        assert len(client.get(BASE, headers=litigant).json()) == 5
    assert len(mine) < 12
