"""A litigant pays an acceptance fee in a real browser: 我的缴费 → 缴纳 → local cashier → paid,
then the filing clerk refunds part of it on the court's page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests import factories
from tianping.accounts.enums import Role
from tianping.payments import services
from tianping.payments.enums import OrderStatus, PaymentPurpose
from tianping.payments.models import PaymentOrder

pytestmark = pytest.mark.django_db(transaction=True)


def _login(page: Any, live_server: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/home/")


def test_litigant_pays_and_clerk_refunds(page: Any, live_server: Any) -> None:
    court = factories.court("京0105", "北京市朝阳区人民法院", "basic", division_code="110105", short_name="朝阳法院")
    clerk = factories.staff_user("pay_clerk", court, Role.FILING_CLERK, real_name="王立案")
    litigant = factories.litigant_user("pay_litigant", "张三")
    order = services.fee_order_issue(
        actor=clerk, court_id=court.pk, payer_account_id=litigant.pk, payer_name="张三", amount=Decimal("3300"),
        purpose=PaymentPurpose.ACCEPTANCE_FEE, related_type="cases.case", related_id=1, description="案件受理费",
    )  # fmt: skip

    _login(page, live_server, "pay_litigant")
    page.click("nav >> text=我的缴费")
    page.click(f"text={order.number}")
    page.click("button:has-text('缴纳 3,300.00 元')")
    page.wait_for_url(f"{live_server.url}/payments/cashier/**")
    assert "¥ 3,300.00" in page.inner_text("body")
    page.click("button:has-text('确认支付')")
    page.wait_for_url(f"{live_server.url}/payments/orders/{order.pk}/")
    assert "缴费成功" in page.inner_text("body")
    assert PaymentOrder.objects.get(pk=order.pk).status == OrderStatus.PAID

    _login(page, live_server, "pay_clerk")
    page.click("nav >> text=缴费管理")
    page.click(f"text={order.number}")
    page.fill("#refund-amount", "300")
    page.fill("#refund-reason", "调解结案，减半收取")
    page.click("button:has-text('办理退费')")
    page.wait_for_url(f"{live_server.url}/payments/orders/{order.pk}/")
    assert "已退费 300.00 元" in page.inner_text("body")
    assert PaymentOrder.objects.get(pk=order.pk).status == OrderStatus.PARTIALLY_REFUNDED
    assert page.console_errors == []
