"""网上阅卷: requests, the handler's decisions, grants in force, watermarked copies and their audit."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

import pytest
from django.test import Client
from pypdf import PdfReader

from tests import factories
from tests.cases.conftest import company, person
from tests.conftest import CourtTree, Users, bearer
from tests.dossier.conftest import blank_pdf, ofd, png, text_pdf, upload
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import AgentKind, PartyRole
from tianping.cases.models import Case
from tianping.core import clock
from tianping.core.enums import AuditKind
from tianping.core.models import AuditRecord
from tianping.core.validators import mask_id_number
from tianping.dossier import services
from tianping.dossier.enums import Volume
from tianping.dossier.models import ReadingRequest
from tianping.notify.models import Notification

API = "/api/v1"


@pytest.fixture
def handled(case: Any, users: Users) -> Any:
    """The dossier test case with ``users.judge`` as the judge in charge."""
    Case.objects.filter(pk=case.pk).update(judge=users.judge)
    case.refresh_from_db()
    return case


def add(users: Users, case: Any, title: str, data: bytes | None = None, volume: str = Volume.MAIN) -> Any:
    return services.document_add(
        actor=users.judge,
        case=case,
        volume=volume,
        category="evidence",
        title=title,
        uploaded_file=upload(data if data is not None else text_pdf("Loan contract"), f"{title}.pdf"),
    )


def ask(client: Client, case: Any, auth: dict[str, str], **body: Any) -> Any:
    return client.post(
        f"{API}/cases/{case.pk}/dossier/reading-requests",
        {"purpose": "准备质证意见", **body},
        content_type="application/json",
        headers=auth,
    )


def in_days(days: float) -> str:
    return (clock.now() + dt.timedelta(days=days)).isoformat()


def decide(client: Client, request_id: int, verb: str, auth: dict[str, str], **body: Any) -> Any:
    if verb == "grant":
        body = {"expires_at": in_days(3), "all_main_volume": True, **body}
    return client.post(
        f"{API}/dossier/reading-requests/{request_id}/{verb}", body, content_type="application/json", headers=auth
    )


def view(client: Client, document: Any, auth: dict[str, str], kind: str = "view") -> Any:
    return client.get(f"{API}/dossier/documents/{document.pk}/{kind}", headers=auth)


def pdf_pages_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() or "" for p in reader.pages)


def test_request_grant_and_read_a_watermarked_copy(client: Client, users: Users, handled: Any) -> None:
    complaint = add(users, handled, "起诉状", blank_pdf(2))
    evidence = add(users, handled, "借款合同")
    litigant, judge = bearer(client, "litigant"), bearer(client, "judge")

    denied = view(client, evidence, litigant)
    assert denied.status_code == 403
    assert denied.json()["code"] == "reading_grant_required"
    assert denied.json()["details"]["request_url"] == f"{API}/cases/{handled.pk}/dossier/reading-requests"
    listing = client.get(f"{API}/cases/{handled.pk}/dossier", headers=litigant).json()["documents"]
    assert [d["title"] for d in listing] == ["起诉状", "借款合同"]
    assert all(d["read_url"] is None for d in listing)

    created = ask(client, handled, litigant, preferred_from=str(clock.today()))
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["status"], body["whole_main_volume"], body["requester"]) == ("pending", True, "张三")
    assert [
        r["id"] for r in client.get(f"{API}/cases/{handled.pk}/dossier/reading-requests", headers=judge).json()
    ] == [body["id"]]

    granted = decide(client, body["id"], "grant", judge)
    assert granted.status_code == 200, granted.content
    assert (granted.json()["status"], granted.json()["may_download"]) == ("granted", False)
    note = Notification.objects.get(template="dossier_reading_decided")
    assert "已获准许" in note.body
    assert handled.number in note.body
    assert note.account_id == users.litigant.pk

    mine = client.get(f"{API}/dossier/reading-requests/mine", headers=litigant).json()
    assert [(r["id"], r["state"]) for r in mine] == [(body["id"], "granted")]
    listing = client.get(f"{API}/cases/{handled.pk}/dossier", headers=litigant).json()["documents"]
    assert all(d["read_url"] and d["watermarked_download_url"] is None for d in listing)

    for document, original in ((complaint, blank_pdf(2)), (evidence, text_pdf("Loan contract"))):
        response = view(client, document, litigant)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("inline")
        assert response["Cache-Control"] == "no-store, private"
        pages, text = pdf_pages_text(response.content)
        assert pages == len(PdfReader(io.BytesIO(original)).pages)
        assert "张三" in text
        assert mask_id_number(users.litigant.id_number) in text
        assert users.litigant.id_number not in text
        assert handled.number in text
    assert "Loan contract" in pdf_pages_text(view(client, evidence, litigant).content)[1]

    assert view(client, evidence, litigant, "download").json()["code"] == "download_not_granted"
    reads = AuditRecord.objects.filter(action="dossier.read", actor_username="litigant").order_by("seq")
    assert reads.count() == 3
    first = reads.first()
    assert first is not None
    assert first.kind == AuditKind.READ
    assert first.object_id == str(complaint.pk)
    assert first.changes["sha256"] == complaint.current_version.sha256
    assert (first.changes["purpose"], first.changes["version"], first.changes["grant"]) == ("view", 1, body["id"])


def test_only_the_case_handler_decides(client: Client, courts: CourtTree, users: Users, handled: Any) -> None:
    factories.staff_user("judge2", courts.chaoyang, Role.JUDGE, real_name="钱法官")
    add(users, handled, "起诉状")
    request_id = ask(client, handled, bearer(client, "litigant")).json()["id"]
    for username, status in (("judge2", 403), ("clerk", 403), ("litigant", 403), ("judge3", 403), ("outsider", 404)):
        response = decide(client, request_id, "grant", bearer(client, username))
        assert response.status_code == status, (username, response.content)
        assert decide(client, request_id, "refuse", bearer(client, username), reason="不准").status_code == status
    assert ReadingRequest.objects.get().status == "pending"
    assert not AuditRecord.objects.filter(action__in=["dossier.reading_grant", "dossier.reading_refuse"]).exists()
    # The division head of the court decides too.
    assert decide(client, request_id, "grant", bearer(client, "divhead")).status_code == 200


def test_a_litigant_of_another_case_gets_404(client: Client, users: Users, handled: Any) -> None:
    document = add(users, handled, "起诉状")
    request_id = ask(client, handled, bearer(client, "litigant")).json()["id"]
    factories.litigant_user("other", real_name="王五")
    other = bearer(client, "other")
    assert ask(client, handled, other).status_code == 404
    assert client.get(f"{API}/dossier/reading-requests/{request_id}", headers=other).status_code == 404
    assert client.get(f"{API}/cases/{handled.pk}/dossier/reading-requests", headers=other).status_code == 404
    assert view(client, document, other).status_code == 404
    assert client.get(f"{API}/dossier/reading-requests/mine", headers=other).json() == []
    assert ReadingRequest.objects.count() == 1


def test_an_expired_grant_no_longer_opens_documents(client: Client, users: Users, handled: Any) -> None:
    document = add(users, handled, "起诉状")
    litigant, judge = bearer(client, "litigant"), bearer(client, "judge")
    request_id = ask(client, handled, litigant).json()["id"]
    assert decide(client, request_id, "grant", judge, expires_at=in_days(1 / 24)).status_code == 200
    assert view(client, document, litigant).status_code == 200
    with clock.frozen_at(clock.now() + dt.timedelta(hours=2)):
        response = view(client, document, litigant)
        assert (response.status_code, response.json()["code"]) == (403, "reading_grant_required")
        mine = client.get(f"{API}/dossier/reading-requests/mine", headers=litigant).json()
        assert mine[0]["state"] == "expired"
        # Once expired, a new request may be made.
        assert ask(client, handled, litigant).status_code == 201


def test_the_scope_limits_reading_to_the_listed_documents(client: Client, users: Users, handled: Any) -> None:
    granted_doc = add(users, handled, "起诉状")
    other_doc = add(users, handled, "证据目录")
    litigant = bearer(client, "litigant")
    request_id = ask(client, handled, litigant, document_ids=[granted_doc.pk, other_doc.pk]).json()["id"]
    response = decide(
        client,
        request_id,
        "grant",
        bearer(client, "judge"),
        all_main_volume=False,
        document_ids=[granted_doc.pk],
        may_download=True,
    )
    assert response.json()["granted_document_ids"] == [granted_doc.pk]
    assert view(client, granted_doc, litigant).status_code == 200
    download = view(client, granted_doc, litigant, "download")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert view(client, other_doc, litigant).json()["code"] == "reading_grant_required"
    assert AuditRecord.objects.filter(action="dossier.read", changes__purpose="download").count() == 1


def test_a_grant_cannot_include_the_secondary_volume(client: Client, users: Users, handled: Any) -> None:
    main = add(users, handled, "起诉状")
    secret = add(users, handled, "审理报告", volume=Volume.SECONDARY)
    litigant, judge = bearer(client, "litigant"), bearer(client, "judge")
    # A party naming a 副卷 id learns nothing: it is simply not a document of the case for them.
    refused = ask(client, handled, litigant, document_ids=[secret.pk])
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_documents")
    request_id = ask(client, handled, litigant, document_ids=[main.pk]).json()["id"]
    response = decide(client, request_id, "grant", judge, all_main_volume=False, document_ids=[main.pk, secret.pk])
    assert (response.status_code, response.json()["code"]) == (422, "secondary_volume_not_grantable")
    assert response.json()["details"]["document_ids"] == [secret.pk]
    assert ReadingRequest.objects.get().status == "pending"
    assert not ReadingRequest.objects.get().granted_documents.exists()


def test_the_secondary_volume_is_never_shown_to_outsiders(client: Client, users: Users, handled: Any) -> None:
    secret = add(users, handled, "审理报告", volume=Volume.SECONDARY)
    litigant = bearer(client, "litigant")
    request_id = ask(client, handled, litigant).json()["id"]
    decide(client, request_id, "grant", bearer(client, "judge"), may_download=True)
    # Even a grant that somehow lists it does not open it.
    ReadingRequest.objects.get().granted_documents.add(secret)
    for url in (
        f"{API}/dossier/documents/{secret.pk}/view",
        f"{API}/dossier/documents/{secret.pk}/download",
        f"{API}/dossier/versions/{secret.current_version_id}/download",
    ):
        assert client.get(url, headers=litigant).status_code == 404
    client.force_login(users.litigant)
    for name in ("read", "view", "copy"):
        assert client.get(f"/dossier/documents/{secret.pk}/{name}/").status_code == 404
    assert not AuditRecord.objects.filter(action="dossier.read").exists()


def test_revoking_ends_the_grant(client: Client, users: Users, handled: Any) -> None:
    document = add(users, handled, "起诉状")
    litigant, judge = bearer(client, "litigant"), bearer(client, "judge")
    request_id = ask(client, handled, litigant).json()["id"]
    decide(client, request_id, "grant", judge)
    assert view(client, document, litigant).status_code == 200
    revoked = decide(client, request_id, "revoke", judge, reason="庭审结束")
    assert (revoked.status_code, revoked.json()["status"]) == (200, "revoked")
    assert view(client, document, litigant).json()["code"] == "reading_grant_required"
    again = decide(client, request_id, "revoke", judge)
    assert (again.status_code, again.json()["code"]) == (409, "invalid_transition")
    assert Notification.objects.filter(template="dossier_reading_decided", body__contains="撤销").exists()


def test_refusal_needs_a_reason_and_is_final(client: Client, users: Users, handled: Any) -> None:
    litigant, judge = bearer(client, "litigant"), bearer(client, "judge")
    request_id = ask(client, handled, litigant).json()["id"]
    missing = decide(client, request_id, "refuse", judge, reason="  ")
    assert (missing.status_code, missing.json()["code"]) == (422, "reason_required")
    refused = decide(client, request_id, "refuse", judge, reason="与本案当事人身份不符")
    assert refused.json()["refusal_reason"] == "与本案当事人身份不符"
    assert decide(client, request_id, "grant", judge).status_code == 409
    mine = client.get(f"{API}/dossier/reading-requests/mine", headers=litigant).json()
    assert mine[0]["state"] == "refused"
    note = Notification.objects.get(template="dossier_reading_decided")
    assert "与本案当事人身份不符" in note.body


def test_bad_input_is_a_clear_4xx_and_writes_nothing(client: Client, users: Users, handled: Any) -> None:
    litigant, judge = bearer(client, "litigant"), bearer(client, "judge")
    yesterday = str(clock.today() - dt.timedelta(days=1))
    for body, code in (
        ({"purpose": " "}, "purpose_required"),
        ({"purpose": "x" * 501}, "purpose_too_long"),
        ({"preferred_to": yesterday}, "invalid_period"),
        ({"preferred_from": str(clock.today() + dt.timedelta(days=3)), "preferred_to": str(clock.today())},
         "invalid_period"),
        ({"document_ids": [999999]}, "invalid_documents"),
    ):  # fmt: skip
        response = ask(client, handled, litigant, **body)
        assert (response.status_code, response.json()["code"]) == (422, code), body
    assert ask(client, handled, judge).json()["code"] == "staff_reads_directly"
    assert ReadingRequest.objects.count() == 0
    request_id = ask(client, handled, litigant).json()["id"]
    assert ask(client, handled, litigant).json()["code"] == "reading_request_pending"
    for body, code in (
        ({"expires_at": in_days(-1)}, "invalid_expiry"),
        ({"expires_at": in_days(91)}, "invalid_expiry"),
        ({"all_main_volume": False, "document_ids": []}, "scope_required"),
    ):
        response = decide(client, request_id, "grant", judge, **body)
        assert (response.status_code, response.json()["code"]) == (422, code), body
    assert decide(client, request_id, "grant", judge, expires_at="tomorrow").status_code == 422
    assert ReadingRequest.objects.get().status == "pending"
    assert not Notification.objects.filter(template="dossier_reading_decided").exists()


def test_images_are_stamped_and_ofd_is_read_at_the_court(client: Client, users: Users, handled: Any) -> None:
    image = add(users, handled, "现场照片", png())
    scanned = add(users, handled, "电子起诉状", ofd())
    litigant = bearer(client, "litigant")
    decide(client, ask(client, handled, litigant).json()["id"], "grant", bearer(client, "judge"))
    response = view(client, image, litigant)
    assert response["Content-Type"] == "application/pdf"
    pages, text = pdf_pages_text(response.content)
    assert pages == 1
    assert "张三" in text
    assert handled.number in text
    refused = view(client, scanned, litigant)
    assert (refused.status_code, refused.json()["code"]) == (403, "ofd_read_on_site")
    staff = view(client, scanned, bearer(client, "judge"))
    assert (staff.status_code, staff["Content-Type"]) == (200, "application/ofd")
    assert hashlib.sha256(staff.content).hexdigest() == scanned.current_version.sha256


def test_a_lawyer_agent_reads_under_their_own_grant(
    client: Client, courts: CourtTree, users: Users, media: Any
) -> None:
    plaintiff = person(PartyRole.PLAINTIFF, "赵六")
    plaintiff.agents = [case_services.AgentInput(kind=AgentKind.LAWYER, name="李律师", account_id=users.lawyer.pk)]
    case = case_services.case_register(
        actor=users.clerk,
        court_id=courts.chaoyang.pk,
        type_code="民初",
        parties=[plaintiff, company(PartyRole.DEFENDANT)],
    )
    Case.objects.filter(pk=case.pk).update(judge=users.judge)
    document = add(users, case, "证据一")
    lawyer = bearer(client, "lawyer")
    request_id = ask(client, case, lawyer).json()["id"]
    decide(client, request_id, "grant", bearer(client, "judge"))
    _, text = pdf_pages_text(view(client, document, lawyer).content)
    assert "李律师" in text
    assert mask_id_number(users.lawyer.id_number) in text
    # The litigant of the other case still sees nothing of it.
    assert view(client, document, bearer(client, "litigant")).status_code == 404


def test_originals_stay_with_the_staff(client: Client, users: Users, handled: Any) -> None:
    document = add(users, handled, "起诉状")
    url = f"{API}/dossier/versions/{document.current_version_id}/download"
    litigant = bearer(client, "litigant")
    assert client.get(url, headers=litigant).json()["code"] == "reading_grant_required"
    decide(client, ask(client, handled, litigant).json()["id"], "grant", bearer(client, "judge"), may_download=True)
    assert client.get(url, headers=litigant).json()["code"] == "original_staff_only"
    staff = client.get(url, headers=bearer(client, "judge"))
    assert b"".join(staff.streaming_content) == text_pdf("Loan contract")
    assert AuditRecord.objects.filter(action="dossier.download", actor_username="judge").count() == 1


def test_search_shows_text_only_of_readable_documents(client: Client, users: Users, handled: Any) -> None:
    document = add(users, handled, "证据一", text_pdf("Loan contract of 2024"))
    litigant = bearer(client, "litigant")
    url = f"{API}/cases/{handled.pk}/dossier/search"
    assert client.get(url, {"q": "loan"}, headers=litigant).json() == []
    assert [h["snippet"] for h in client.get(url, {"q": "证据"}, headers=litigant).json()] == [""]
    decide(client, ask(client, handled, litigant).json()["id"], "grant", bearer(client, "judge"))
    hits = client.get(url, {"q": "loan"}, headers=litigant).json()
    assert [h["document"]["id"] for h in hits] == [document.pk]
    assert "Loan contract" in hits[0]["snippet"]


def test_request_lists_do_not_grow_in_queries(
    client: Client, users: Users, handled: Any, django_assert_max_num_queries: Any
) -> None:
    documents = [add(users, handled, f"材料{n}").pk for n in range(4)]
    judge = bearer(client, "judge")
    for n in range(4):
        user = factories.litigant_user(f"party{n}", real_name=f"当事人{n}")
        handled.parties.create(
            kind="natural", role="plaintiff", name=user.real_name, account=user, query_code=f"READ{n:04d}"
        )
        request_id = ask(client, handled, bearer(client, f"party{n}"), document_ids=documents[: n + 1]).json()["id"]
        decide(client, request_id, "grant", judge, all_main_volume=False, document_ids=documents[: n + 1])
    with django_assert_max_num_queries(10):
        response = client.get(f"{API}/cases/{handled.pk}/dossier/reading-requests", headers=judge)
    assert len(response.json()) == 4


def test_watermarked_pdf_keeps_pages_and_handles_rotated_pages(users: Users, handled: Any) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=842, height=595).rotate(90)
    out = io.BytesIO()
    writer.write(out)
    document = add(users, handled, "混合页面", out.getvalue())
    moment = dt.datetime(2026, 11, 29, 9, 30, tzinfo=dt.UTC)
    stamped = services.watermarked_pdf(
        version=document.current_version,
        reader_label="王五 110105********1234",
        case_number="（2026）京0105民初1号",
        moment=moment,
    )
    reader = PdfReader(io.BytesIO(stamped))
    assert len(reader.pages) == 2
    # One stamp per page size, stored once and referenced by each page of that size.
    stamps = {page["/Resources"]["/XObject"].raw_get("/TianpingWatermark").idnum for page in reader.pages}
    assert len(stamps) == 1  # after the rotation is straightened both pages are 595 × 842
    for page in reader.pages:
        text = page.extract_text()
        assert "王五 110105********1234" in text
        assert "2026-11-29 17:30" in text  # court-local time
        assert "（2026）京0105民初1号" in text


def test_copies_are_rate_limited_per_reader(client: Client, users: Users, handled: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "dossier_copy": "2/m"}
    document = add(users, handled, "起诉状")
    litigant = bearer(client, "litigant")
    decide(client, ask(client, handled, litigant).json()["id"], "grant", bearer(client, "judge"))
    assert [view(client, document, litigant).status_code for _ in range(2)] == [200, 200]
    limited = view(client, document, litigant)
    assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited")
    assert AuditRecord.objects.filter(action="dossier.read").count() == 2
    client.force_login(users.litigant)
    page = client.get(f"/dossier/documents/{document.pk}/view/")
    assert page.status_code == 429
    assert "请求过于频繁" in page.content.decode()
