"""The payment pages: 我的缴费 → pay → local cashier → back with a receipt; relief request and
decision; the staff list, refund and cancel forms; scope (404 for anyone else)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests import factories
from tests.conftest import Users
from tianping.core.pdf import pdf_text
from tianping.payments.enums import OrderStatus, ReliefStatus
from tianping.payments.models import FeeRelief, Payment, Refund

pytestmark = pytest.mark.django_db


def form_key(html: str) -> str:
    match = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', html)
    assert match, "the form carries an idempotency key"
    return match.group(1)


def test_litigant_pays_through_the_local_cashier(client: Client, order: Any, users: Users) -> None:
    client.force_login(users.litigant)
    html = client.get("/payments/").content.decode()
    assert order.number in html
    assert "我的缴费" in html
    assert "<script>" not in html
    assert "style=" not in html
    page = client.get(f"/payments/orders/{order.pk}/").content.decode()
    key = form_key(page)
    started = client.post(f"/payments/orders/{order.pk}/pay/", {"idempotency_key": key})
    assert started.status_code == 302
    payment = Payment.objects.get()
    assert started["Location"] == f"/payments/cashier/{payment.reference}/"
    # a double click sends the same key: the same cashier, no second charge
    assert client.post(f"/payments/orders/{order.pk}/pay/", {"idempotency_key": key})["Location"] == started["Location"]
    cashier = client.get(started["Location"]).content.decode()
    assert "3,300.00" in cashier
    confirmed = client.post(started["Location"], {"idempotency_key": form_key(cashier)})
    assert confirmed["Location"] == f"/payments/orders/{order.pk}/"
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    done = client.get(confirmed["Location"]).content.decode()
    assert "缴费成功" in done
    assert "缴费凭证" in done
    receipt = client.get(f"/payments/orders/{order.pk}/receipt.pdf")
    assert receipt["Content-Type"] == "application/pdf"
    assert order.number in pdf_text(receipt.content)


def test_another_litigant_sees_nothing(client: Client, order: Any, users: Users) -> None:
    payment_page = f"/payments/orders/{order.pk}/"
    client.force_login(users.litigant)
    client.post(f"/payments/orders/{order.pk}/pay/", {"idempotency_key": "pay-key-0001"})
    reference = Payment.objects.get().reference
    client.force_login(factories.litigant_user("litigant2", "李四"))
    assert order.number not in client.get("/payments/").content.decode()
    assert client.get(payment_page).status_code == 404
    assert client.get(f"/payments/cashier/{reference}/").status_code == 404
    assert client.post(f"/payments/cashier/{reference}/", {"idempotency_key": "confirm-0001"}).status_code == 404
    assert client.get(f"/payments/orders/{order.pk}/receipt.pdf").status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.UNPAID


def test_relief_request_and_decision_on_the_page(client: Client, order: Any, users: Users) -> None:
    client.force_login(users.litigant)
    client.post(
        f"/payments/orders/{order.pk}/relief/",
        {"kind": "reduction", "reduce_by": "percent", "requested_amount": "40", "reason": "家庭困难"},
    )
    relief = FeeRelief.objects.get()
    assert relief.requested_amount == Decimal("1320.00")
    assert "审批中" in client.get("/payments/").content.decode()
    client.force_login(users.clerk)
    assert "审批缓减免申请" not in client.get(f"/payments/orders/{order.pk}/").content.decode()
    client.post(f"/payments/reliefs/{relief.pk}/decide/", {"decision": "approve"})
    relief.refresh_from_db()
    assert relief.status == ReliefStatus.PENDING
    client.force_login(users.division_head)
    assert "审批缓减免申请" in client.get(f"/payments/orders/{order.pk}/").content.decode()
    client.post(f"/payments/reliefs/{relief.pk}/decide/", {"decision": "refuse", "note": "证明不足"})
    relief.refresh_from_db()
    assert relief.status == ReliefStatus.REFUSED
    client.force_login(users.litigant)
    assert "证明不足" in client.get(f"/payments/orders/{order.pk}/").content.decode()


def test_staff_list_refund_and_scope(client: Client, order: Any, users: Users) -> None:
    client.force_login(users.litigant)
    page = client.get(f"/payments/orders/{order.pk}/").content.decode()
    cashier = client.post(f"/payments/orders/{order.pk}/pay/", {"idempotency_key": form_key(page)})["Location"]
    client.post(cashier, {"idempotency_key": "confirm-0001"})

    client.force_login(users.clerk)
    assert client.get("/payments/")["Location"] == "/payments/court/"
    listing = client.get("/payments/court/", {"filter": "paid"}).content.decode()
    assert order.number in listing
    assert order.number not in client.get("/payments/court/", {"filter": "unpaid"}).content.decode()
    detail = client.get(f"/payments/orders/{order.pk}/").content.decode()
    assert "办理退费" in detail
    key = form_key(detail)
    client.post(f"/payments/orders/{order.pk}/refund/", {"amount": "5000", "reason": "多退", "idempotency_key": key})
    assert not Refund.objects.exists()
    for _ in range(2):  # the same form sent twice refunds once
        client.post(
            f"/payments/orders/{order.pk}/refund/", {"amount": "100", "reason": "部分退费", "idempotency_key": key}
        )
    assert Refund.objects.count() == 1

    client.force_login(users.outsider)
    assert client.get(f"/payments/orders/{order.pk}/").status_code == 404
    assert order.number not in client.get("/payments/court/").content.decode()
    client.force_login(users.litigant)
    assert client.get("/payments/court/").status_code == 404


def test_navigation_entries(client: Client, users: Users) -> None:
    client.force_login(users.litigant)
    assert 'href="/payments/"' in client.get("/payments/").content.decode()
    client.force_login(users.clerk)
    assert 'href="/payments/court/"' in client.get("/payments/court/").content.decode()


def test_admin_lists_orders_read_only(client: Client, order: Any, users: Users) -> None:
    from tianping.accounts.models import User

    admin = User.objects.create_superuser("payadmin", "payadmin@example.cn", factories.PASSWORD)
    client.force_login(admin)
    listing = client.get("/admin/payments/paymentorder/")
    assert listing.status_code == 200
    assert order.number in listing.content.decode()
    assert client.get(f"/admin/payments/paymentorder/{order.pk}/change/").status_code == 200
    assert client.get("/admin/payments/paymentorder/add/").status_code == 403
    for model in ("refund", "feerelief", "idempotencykey", "localcharge", "payment"):
        assert client.get(f"/admin/payments/{model}/").status_code in (200, 404)
