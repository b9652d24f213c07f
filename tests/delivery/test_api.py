"""The electronic-service API with roles: consent, serving, the inbox, paper outcomes, proofs;
other litigants and staff of other courts get 404, parties cannot serve, bad input writes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Users, bearer
from tests.delivery.conftest import World, consent, serve
from tests.dossier.conftest import png, text_pdf, upload
from tianping.core.models import AuditRecord
from tianping.core.pdf import pdf_text
from tianping.delivery.models import Consent, Service
from tianping.dossier.models import Document

pytestmark = pytest.mark.django_db


def _json(client: Client, method: str, url: str, auth: dict[str, str], body: Any = None) -> Any:
    call = getattr(client, method)
    if body is None:
        return call(url, headers=auth)
    return call(url, body, content_type="application/json", headers=auth)


def test_consent_serve_inbox_open_and_proof_end_to_end(client: Client, users: Users, world: World) -> None:
    litigant, judge = bearer(client, "litigant"), bearer(client, "judge")
    case_url = f"/api/v1/service/cases/{world.case.pk}"

    given = _json(client, "post", f"{case_url}/consents", litigant, {"party_id": world.plaintiff.pk,
                                                                       "alert_mobile": "13800138000"})  # fmt: skip
    assert given.status_code == 201, given.content
    assert given.json()["alert_mobile"] == "138****8000"
    assert given.json()["inbox_account"] == "litigant"
    states = _json(client, "get", f"{case_url}/consents", litigant).json()
    assert [s["party_id"] for s in states] == [world.plaintiff.pk]  # only the party the litigant speaks for
    assert len(_json(client, "get", f"{case_url}/consents", judge).json()) == 3

    served = _json(client, "post", f"{case_url}/services", judge,
                   {"document_ids": [world.ruling.pk], "party_ids": [world.plaintiff.pk, world.third.pk]})  # fmt: skip
    assert served.status_code == 201, served.content
    rows = {r["party_id"]: r for r in served.json()}
    assert rows[world.plaintiff.pk]["status"] == "served"
    assert rows[world.plaintiff.pk]["proof_url"]
    assert rows[world.third.pk]["status"] == "paper_pending"
    assert rows[world.third.pk]["proof_url"] is None

    inbox = _json(client, "get", "/api/v1/inbox", litigant).json()
    assert [i["document_title"] for i in inbox] == ["民事裁定书"]
    assert inbox[0]["first_opened_at"] is None
    opened = client.get(inbox[0]["file_url"], headers=litigant)
    assert opened.status_code == 200
    assert opened.content == world.ruling.current_version.file.open("rb").read()
    assert opened["X-Content-SHA256"] == world.ruling.current_version.sha256
    again = _json(client, "get", f"/api/v1/inbox/{inbox[0]['id']}", litigant).json()
    assert again["first_opened_at"] is not None
    assert again["open_count"] == 1

    proof = client.get(rows[world.plaintiff.pk]["proof_url"], headers=judge)
    assert proof.status_code == 200
    assert proof["Content-Type"] == "application/pdf"
    text = pdf_text(proof.content).replace("\n", "")
    assert world.case.number in text
    assert "张三" in text
    assert AuditRecord.objects.filter(action="delivery.proof_download", actor_username="judge").count() == 1

    regenerated = _json(client, "post", f"/api/v1/service/records/{rows[world.plaintiff.pk]['id']}/proof", judge, {})
    assert regenerated.status_code == 200, regenerated.content
    assert "尚未查阅" not in pdf_text(client.get(rows[world.plaintiff.pk]["proof_url"], headers=judge).content)


def test_other_litigant_and_other_court_get_404(client: Client, users: Users, world: World) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    other = bearer(client, "litigant2")
    for url in (f"/api/v1/inbox/{service.pk}", f"/api/v1/inbox/{service.pk}/file",
                f"/api/v1/service/records/{service.pk}", f"/api/v1/service/records/{service.pk}/proof"):  # fmt: skip
        response = client.get(url, headers=other)
        assert response.status_code == 404, url
        assert response.json()["code"] == "service_not_found"
    assert _json(client, "get", "/api/v1/inbox", other).json() == []
    assert _json(client, "get", f"/api/v1/service/cases/{world.case.pk}/services", other).json() == []

    outsider = bearer(client, "outsider")  # a judge of 海淀
    assert client.get(f"/api/v1/service/cases/{world.case.pk}/services", headers=outsider).status_code == 404
    assert client.get(f"/api/v1/service/records/{service.pk}", headers=outsider).status_code == 404
    response = _json(client, "post", f"/api/v1/service/cases/{world.case.pk}/services", outsider,
                     {"document_ids": [world.ruling.pk], "party_ids": [world.plaintiff.pk]})  # fmt: skip
    assert response.status_code == 404
    consent_id = Consent.objects.get().pk
    assert client.get(f"/api/v1/service/consents/{consent_id}", headers=other).status_code == 404
    service.refresh_from_db()
    assert service.open_count == 0


def test_a_party_cannot_serve(client: Client, users: Users, world: World) -> None:
    response = _json(client, "post", f"/api/v1/service/cases/{world.case.pk}/services", bearer(client, "litigant"),
                     {"document_ids": [world.ruling.pk], "party_ids": [world.plaintiff.pk]})  # fmt: skip
    assert response.status_code == 403
    assert response.json()["code"] == "not_a_server"
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"document_ids": [999999], "party_ids": ["P"]}, 422, "unknown_documents"),
        ({"document_ids": ["D"], "party_ids": [999999]}, 422, "unknown_parties"),
        ({"document_ids": ["MEMO"], "party_ids": ["P"]}, 422, "secondary_volume"),
        ({"document_ids": [], "party_ids": ["P"]}, 422, "validation_failed"),
        ({"document_ids": ["D"]}, 422, "validation_failed"),
        ({"document_ids": ["D"], "party_ids": ["P"], "paper_method": "electronic"}, 422, "invalid_paper_method"),
        ({"document_ids": ["D"], "party_ids": ["P"], "paper_method": "pigeon"}, 422, "validation_failed"),
    ],
)
def test_bad_serve_input_is_4xx_and_writes_nothing(
    client: Client, users: Users, world: World, body: dict[str, Any], status: int, code: str
) -> None:
    names = {"P": world.plaintiff.pk, "D": world.ruling.pk, "MEMO": world.memo.pk}
    resolved = {k: [names.get(v, v) for v in values] if isinstance(values, list) else values
                for k, values in body.items()}  # fmt: skip
    documents, audits = Document.objects.count(), AuditRecord.objects.count()
    response = _json(
        client, "post", f"/api/v1/service/cases/{world.case.pk}/services", bearer(client, "judge"), resolved
    )
    assert response.status_code == status, response.content
    assert response.json()["code"] == code
    assert not Service.objects.exists()
    assert Document.objects.count() == documents
    assert AuditRecord.objects.filter(action__startswith="delivery.").count() == 0
    assert AuditRecord.objects.count() - audits <= 1  # at most the token's login record


def test_paper_consent_multipart_and_withdrawal(client: Client, users: Users, world: World) -> None:
    clerk = bearer(client, "courtclerk")
    response = client.post(
        f"/api/v1/service/cases/{world.case.pk}/consents/paper",
        {"party_id": world.defendant.pk, "inbox_account_id": users.lawyer.pk, "consented_on": "2026-03-01",
         "alert_email": "li@example.com", "form_file": upload(png(), "form.png", "image/png")},
        headers=clerk,
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["method"], body["inbox_account"], body["alert_email"]) == ("paper_form", "lawyer", "l***@example.com")
    assert body["form_document_id"]

    lawyer = bearer(client, "lawyer")
    withdrawn = _json(client, "post", f"/api/v1/service/consents/{body['id']}/withdraw", lawyer, {"reason": "不再使用"})
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    again = _json(client, "post", f"/api/v1/service/consents/{body['id']}/withdraw", lawyer, {})
    assert again.status_code == 409


def test_paper_task_outcome_with_receipt(client: Client, users: Users, world: World) -> None:
    [task] = serve(world, users.judge, world.defendant)
    clerk = bearer(client, "courtclerk")
    tasks = _json(client, "get", "/api/v1/service/tasks", clerk).json()
    assert [t["id"] for t in tasks] == [task.pk]
    assert client.get("/api/v1/service/tasks", headers=bearer(client, "outsider")).json() == []
    bad = client.post(f"/api/v1/service/records/{task.pk}/outcome", {"outcome": "failed"}, headers=clerk)
    assert bad.status_code == 422
    assert bad.json()["code"] == "reason_required"
    done = client.post(
        f"/api/v1/service/records/{task.pk}/outcome",
        {"outcome": "delivered", "method": "direct", "delivered_on": task.tasked_at.date().isoformat(),
         "receipt": upload(text_pdf("Receipt"), "receipt.pdf")},
        headers=clerk,
    )  # fmt: skip
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["method"]) == ("paper_delivered", "direct")
    assert client.get(f"/api/v1/service/records/{task.pk}/proof", headers=clerk).status_code == 404
    litigant = bearer(client, "litigant")
    assert client.post(f"/api/v1/service/records/{task.pk}/outcome", {"outcome": "failed", "reason": "x"},
                       headers=litigant).status_code == 404  # fmt: skip


def test_paper_request_from_the_inbox(client: Client, users: Users, world: World) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    litigant = bearer(client, "litigant")
    response = _json(client, "post", f"/api/v1/inbox/{service.pk}/paper-request", litigant, {"note": "需要原件"})
    assert response.status_code == 201
    assert response.json()["paper_reason"] == "requested"
    assert _json(client, "post", f"/api/v1/inbox/{service.pk}/paper-request", litigant, {}).status_code == 409


def test_inbox_list_query_count(client: Client, users: Users, world: World, django_assert_max_num_queries: Any) -> None:
    from tests.delivery.conftest import add_document

    consent(world, users.litigant, world.plaintiff)
    documents = [add_document(users.judge, world.case, f"文书{n}") for n in range(4)]
    serve(world, users.judge, world.plaintiff, documents=documents)
    litigant = bearer(client, "litigant")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/inbox", headers=litigant)
    assert len(response.json()) == 4


def test_case_services_list_query_count(
    client: Client, users: Users, world: World, django_assert_max_num_queries: Any
) -> None:
    from tests.delivery.conftest import add_document

    consent(world, users.litigant, world.plaintiff)
    documents = [add_document(users.judge, world.case, f"文书{n}") for n in range(3)]
    serve(world, users.judge, world.plaintiff, world.defendant, world.third, documents=documents)
    judge = bearer(client, "judge")
    with django_assert_max_num_queries(10):
        response = client.get(f"/api/v1/service/cases/{world.case.pk}/services", headers=judge)
    assert len(response.json()) == 9


def test_an_altered_stored_file_is_refused_and_not_recorded_as_opened(
    client: Client, users: Users, world: World
) -> None:
    """Opening is the moment of service: it must not be recorded for a document not handed out."""
    consent(world, users.litigant, world.plaintiff)
    (service,) = serve(world, users.judge, world.plaintiff)
    version = world.ruling.current_version
    with version.file.storage.open(version.file.name, "wb") as stored:
        stored.write(b"tampered")
    litigant = bearer(client, "litigant")

    refused = client.get(f"/api/v1/inbox/{service.pk}/file", headers=litigant)
    assert refused.status_code == 409
    assert refused.json()["code"] == "stored_file_altered"
    client.force_login(users.litigant)
    page = client.get(reverse("delivery:inbox_file", args=[service.pk]))
    assert page.status_code == 302  # back to the item with the reason, not a 500
    service.refresh_from_db()
    assert service.first_opened_at is None
    assert service.open_count == 0
    assert not AuditRecord.objects.filter(action="delivery.open").exists()


def test_my_paper_tasks_are_filtered_in_the_query(client: Client, users: Users, world: World) -> None:
    """``mine`` selects the cases the clerk keeps before the list is cut, not after."""
    [task] = serve(world, users.judge, world.defendant)
    clerk = bearer(client, "courtclerk")
    assert _json(client, "get", "/api/v1/service/tasks?mine=true", clerk).json() == []
    type(world.case).objects.filter(pk=world.case.pk).update(clerk=world.court_clerk)
    assert [t["id"] for t in _json(client, "get", "/api/v1/service/tasks?mine=true", clerk).json()] == [task.pk]
    assert [t["id"] for t in _json(client, "get", "/api/v1/service/tasks", clerk).json()] == [task.pk]
    client.force_login(world.court_clerk)
    page = client.get(reverse("delivery:tasks"), {"mine": "1"}).content.decode()
    assert reverse("delivery:outcome", args=[task.pk]) in page
