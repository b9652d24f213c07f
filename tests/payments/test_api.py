"""The payments API: scope (payer or court staff, anyone else 404), idempotency keys, the signed
callback, refunds, relief and the receipt PDF, with error codes through the one handler."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.conftest import CourtTree, Users, bearer
from tests.payments.conftest import issue
from tianping.core.models import AuditRecord
from tianping.core.pdf import pdf_text
from tianping.payments import providers
from tianping.payments.models import FeeRelief, IdempotencyKey, Payment, PaymentOrder, Refund

pytestmark = pytest.mark.django_db

API = "/api/v1/payments"


def post(client: Client, url: str, data: Any, headers: dict[str, str], key: str | None = None) -> Any:
    if key is not None:
        headers = {**headers, "Idempotency-Key": key}
    return client.post(url, data, content_type="application/json", headers=headers)


def pay_through_callback(client: Client, order: Any, headers: dict[str, str]) -> Any:
    started = post(client, f"{API}/orders/{order.pk}/pay", {}, headers, key="pay-key-0001").json()
    body, signed = providers.LocalPaymentProvider().collect(reference=started["reference"])
    response = client.post(f"{API}/callback/local", body, content_type="application/json", headers=signed)
    assert response.status_code == 200, response.content
    return response


def test_my_orders_and_the_order_scope(api_client: Client, order: Any, courts: CourtTree, users: Users) -> None:
    factories.litigant_user("litigant2", "李四")
    litigant = bearer(api_client, "litigant")
    mine = api_client.get(f"{API}/orders", headers=litigant).json()
    assert [o["number"] for o in mine] == [order.number]
    assert mine[0]["amount_due"] == "3300.00"
    assert mine[0]["status"] == "unpaid"
    assert mine[0]["receipt_url"] is None
    url = f"{API}/orders/{order.pk}"
    assert api_client.get(url, headers=litigant).json()["payments"] == []
    assert api_client.get(url, headers=bearer(api_client, "clerk")).status_code == 200
    assert api_client.get(url, headers=bearer(api_client, "judge3")).status_code == 200  # the court above
    for outsider in ("litigant2", "lawyer", "outsider"):
        response = api_client.get(url, headers=bearer(api_client, outsider))
        assert response.status_code == 404
        assert response.json()["code"] == "order_not_found"
    assert api_client.get(f"{API}/orders/999999", headers=litigant).status_code == 404
    assert api_client.get(url).status_code == 401


def test_my_orders_query_count_does_not_grow(api_client: Client, courts: CourtTree, users: Users, frozen: Any) -> None:
    litigant = bearer(api_client, "litigant")
    issue(courts, users, related_id=1)
    api_client.get(f"{API}/orders", headers=litigant)  # warm-up: the token's first use is recorded once
    with CaptureQueriesContext(connection) as one:
        api_client.get(f"{API}/orders", headers=litigant)
    for related_id in range(2, 12):
        issue(courts, users, related_id=related_id)
    with CaptureQueriesContext(connection) as many:
        assert len(api_client.get(f"{API}/orders", headers=litigant).json()) == 11
    assert len(many) == len(one)


def test_pay_needs_a_well_formed_key_and_replays_it(
    api_client: Client, order: Any, courts: CourtTree, users: Users
) -> None:
    litigant = bearer(api_client, "litigant")
    url = f"{API}/orders/{order.pk}/pay"
    for key in (None, "short", "bad key with spaces"):
        response = post(api_client, url, {}, litigant, key=key)
        assert response.status_code == 422
        assert response.json()["code"] == "invalid_idempotency_key"
    assert not Payment.objects.exists()
    first = post(api_client, url, {}, litigant, key="pay-key-0001")
    assert first.status_code == 200, first.content
    assert first.json()["pay_url"] == f"/payments/cashier/{first.json()['reference']}/"
    assert post(api_client, url, {}, litigant, key="pay-key-0001").json() == first.json()
    other = issue(courts, users, related_id=99)
    reused = post(api_client, f"{API}/orders/{other.pk}/pay", {}, litigant, key="pay-key-0001")
    assert reused.status_code == 409
    assert reused.json()["code"] == "idempotency_key_reused"
    assert Payment.objects.count() == 1
    staff = post(api_client, url, {}, bearer(api_client, "clerk"), key="pay-key-0002")
    assert staff.status_code == 403


def test_signed_callback_pays_the_order_once(api_client: Client, order: Any) -> None:
    litigant = bearer(api_client, "litigant")
    response = pay_through_callback(api_client, order, litigant)
    assert response.json() == {"received": True, "order_number": order.number, "order_status": "paid"}
    detail = api_client.get(f"{API}/orders/{order.pk}", headers=litigant).json()
    assert detail["amount_paid"] == "3300.00"
    assert detail["payments"][0]["status"] == "succeeded"
    assert detail["receipt_url"] == f"{API}/orders/{order.pk}/receipt.pdf"
    body, signed = providers.LocalPaymentProvider().collect(reference=detail["payments"][0]["reference"])
    again = api_client.post(f"{API}/callback/local", body, content_type="application/json", headers=signed)
    assert again.status_code == 200
    assert AuditRecord.objects.filter(action="payments.payment_confirm").count() == 1


def test_callback_signature_and_body_are_checked(api_client: Client, order: Any) -> None:
    litigant = bearer(api_client, "litigant")
    started = post(api_client, f"{API}/orders/{order.pk}/pay", {}, litigant, key="pay-key-0001").json()
    body = json.dumps(
        {"event_id": "evt-0000001", "reference": started["reference"], "amount": "3300.00", "status": "collected"}
    ).encode()
    url = f"{API}/callback/local"
    unsigned = api_client.post(url, body, content_type="application/json")
    assert unsigned.status_code == 403
    assert unsigned.json()["code"] == "bad_signature"
    forged = api_client.post(
        url, body, content_type="application/json",
        headers={providers.SIGNATURE_HEADER: providers.sign(body + b" ")},
    )  # fmt: skip
    assert forged.status_code == 403
    garbage = b"{not json"
    unreadable = api_client.post(
        url, garbage, content_type="application/json", headers={providers.SIGNATURE_HEADER: providers.sign(garbage)}
    )
    assert unreadable.status_code == 400
    assert unreadable.json()["code"] == "bad_callback"
    unknown = api_client.post(f"{API}/callback/alipay", body, content_type="application/json")
    assert unknown.status_code == 404
    order.refresh_from_db()
    assert order.status == "unpaid"
    assert AuditRecord.objects.filter(action="payments.callback_rejected").count() == 3
    signed = api_client.post(
        url, body, content_type="application/json", headers={providers.SIGNATURE_HEADER: providers.sign(body)}
    )
    assert signed.status_code == 200


def test_refunds_through_the_api(api_client: Client, order: Any) -> None:
    pay_through_callback(api_client, order, bearer(api_client, "litigant"))
    clerk = bearer(api_client, "clerk")
    url = f"{API}/orders/{order.pk}/refunds"
    for amount in ("-1", "0", "abc", "1e400"):
        bad = post(api_client, url, {"amount": amount, "reason": "退费"}, clerk, key="refund-0001")
        assert bad.status_code == 422, (amount, bad.content)
    assert post(api_client, url, {"amount": "5", "reason": "退费"}, clerk, key="x").status_code == 422
    too_much = post(api_client, url, {"amount": "3300.01", "reason": "退费"}, clerk, key="refund-0001")
    assert too_much.status_code == 409
    assert too_much.json()["code"] == "refund_exceeds_paid"
    assert not Refund.objects.exists()
    assert not IdempotencyKey.objects.filter(operation="refund").exists()

    first = post(api_client, url, {"amount": "300.00", "reason": "调解减半"}, clerk, key="refund-0001")
    assert first.status_code == 201, first.content
    assert first.json()["amount"] == "300.00"
    replay = post(api_client, url, {"amount": "300.00", "reason": "调解减半"}, clerk, key="refund-0001")
    assert replay.json()["id"] == first.json()["id"]
    changed = post(api_client, url, {"amount": "301.00", "reason": "调解减半"}, clerk, key="refund-0001")
    assert changed.status_code == 409
    assert (
        post(api_client, url, {"amount": "1", "reason": "x"}, bearer(api_client, "judge"), key="r-judge-01").status_code
        == 403
    )
    assert (
        post(
            api_client, url, {"amount": "1", "reason": "x"}, bearer(api_client, "outsider"), key="r-out-0001"
        ).status_code
        == 404
    )
    order.refresh_from_db()
    assert order.amount_refunded == 300
    assert order.status == "partially_refunded"


def test_relief_through_the_api(api_client: Client, order: Any) -> None:
    litigant = bearer(api_client, "litigant")
    url = f"{API}/orders/{order.pk}/relief"
    bad = post(api_client, url, {"kind": "reduction", "reason": "困难", "requested_amount": "-5"}, litigant)
    assert bad.status_code == 422
    assert post(api_client, url, {"kind": "nothing", "reason": "困难"}, litigant).status_code == 422
    assert not FeeRelief.objects.exists()
    created = post(api_client, url, {"kind": "reduction", "reason": "低保户", "requested_percent": "50"}, litigant)
    assert created.status_code == 201, created.content
    assert created.json()["requested_amount"] == "1650.00"
    second = post(api_client, url, {"kind": "exemption", "reason": "低保户"}, litigant)
    assert second.status_code == 409
    assert second.json()["code"] == "relief_pending"
    decision_url = f"{API}/reliefs/{created.json()['id']}/decision"
    assert post(api_client, decision_url, {"approve": True}, bearer(api_client, "clerk")).status_code == 403
    assert post(api_client, decision_url, {"approve": True}, bearer(api_client, "outsider")).status_code == 404
    decided = post(api_client, decision_url, {"approve": True, "note": "准予减半"}, bearer(api_client, "president"))
    assert decided.status_code == 200
    assert decided.json()["amount_after"] == "1650.00"
    mine = api_client.get(f"{API}/orders/{order.pk}", headers=litigant).json()
    assert mine["amount_due"] == "1650.00"
    assert mine["reliefs"][0]["status"] == "approved"
    assert mine["reliefs"][0]["decision_note"] == "准予减半"


def test_receipt_pdf_shows_the_number_and_amount(api_client: Client, order: Any) -> None:
    litigant = bearer(api_client, "litigant")
    url = f"{API}/orders/{order.pk}/receipt.pdf"
    unpaid = api_client.get(url, headers=litigant)
    assert unpaid.status_code == 409
    assert unpaid.json()["code"] == "not_paid"
    pay_through_callback(api_client, order, litigant)
    response = api_client.get(url, headers=litigant)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace(" ", "")
    assert order.number in text
    assert "3300.00" in text
    assert "叁仟叁佰元整" in text
    assert "北京市朝阳区人民法院" in text
    assert api_client.get(url, headers=bearer(api_client, "outsider")).status_code == 404


def test_court_orders_for_staff(api_client: Client, order: Any, courts: CourtTree, users: Users) -> None:
    clerk = bearer(api_client, "clerk")
    listed = api_client.get(f"{API}/court-orders", {"filter": "unpaid"}, headers=clerk).json()
    assert [o["number"] for o in listed] == [order.number]
    assert api_client.get(f"{API}/court-orders", {"filter": "overdue"}, headers=clerk).json() == []
    bad = api_client.get(f"{API}/court-orders", {"filter": "everything"}, headers=clerk)
    assert bad.status_code == 422
    other_court = api_client.get(
        f"{API}/court-orders", {"court": courts.chaoyang.pk}, headers=bearer(api_client, "outsider")
    )
    assert other_court.status_code == 404
    assert api_client.get(f"{API}/court-orders", headers=bearer(api_client, "litigant")).status_code == 404
    assert PaymentOrder.objects.count() == 1


def test_configured_callback_secret_is_the_one_that_counts(api_client: Client, order: Any, settings: Any) -> None:
    started = post(api_client, f"{API}/orders/{order.pk}/pay", {}, bearer(api_client, "litigant"), key="pay-key-0001")
    body = json.dumps(
        {"event_id": "evt-0000001", "reference": started.json()["reference"], "amount": "3300", "status": "collected"}
    ).encode()
    derived = providers.sign(body)
    settings.PAYMENT_CALLBACK_SECRET = "agreed-with-the-bank"
    url = f"{API}/callback/local"
    assert (
        api_client.post(
            url, body, content_type="application/json", headers={providers.SIGNATURE_HEADER: derived}
        ).status_code
        == 403
    )
    signed = api_client.post(
        url, body, content_type="application/json", headers={providers.SIGNATURE_HEADER: providers.sign(body)}
    )
    assert signed.status_code == 200
    assert signed.json()["order_status"] == "paid"


def test_callback_needs_no_csrf_token(order: Any, users: Users) -> None:
    from tianping.payments import services

    client = Client(enforce_csrf_checks=True)
    payment = services.payment_start(actor=users.litigant, order=order, idempotency_key="pay-key-0001")
    body, signed = providers.LocalPaymentProvider().collect(reference=payment.reference)
    response = client.post(f"{API}/callback/local", body, content_type="application/json", headers=signed)
    assert response.status_code == 200, response.content


def test_counter_payment_through_the_api(api_client: Client, order: Any) -> None:
    url = f"{API}/orders/{order.pk}/counter-payments"
    body = {"method": "bank_transfer", "voucher_no": "ZZ202609140001"}
    assert post(api_client, url, body, bearer(api_client, "litigant"), key="counter-0001").status_code == 403
    assert post(api_client, url, body, bearer(api_client, "outsider"), key="counter-0001").status_code == 404
    bad = post(
        api_client, url, {"method": "cheque", "voucher_no": "1"}, bearer(api_client, "clerk"), key="counter-0001"
    )
    assert bad.status_code == 422
    created = post(api_client, url, body, bearer(api_client, "clerk"), key="counter-0001")
    assert created.status_code == 201, created.content
    assert created.json()["method"] == "bank_transfer"
    assert created.json()["status"] == "succeeded"
    assert api_client.get(f"{API}/orders/{order.pk}", headers=bearer(api_client, "litigant")).json()["status"] == "paid"
