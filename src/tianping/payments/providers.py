"""The payment provider interface and the local provider that runs on one machine.

A provider creates a payment for an order (its reference and a URL where the payer pays),
answers queries, refunds, and tells the platform about a collected payment by calling the
callback endpoint ``POST /api/v1/payments/callback/<provider>`` with a signed body. The
provider in use is the dotted path in ``settings.PAYMENT_PROVIDER``.

``LocalPaymentProvider`` keeps its own ledger (``LocalCharge``), collects through the local
cashier page and signs its notifications with HMAC-SHA256 of the callback secret, exactly as
a bank or payment gateway would sign theirs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.module_loading import import_string

from tianping.core import clock
from tianping.core.errors import ApplicationError, Conflict, NotFound
from tianping.payments import rules
from tianping.payments.enums import LocalChargeStatus
from tianping.payments.models import LocalCharge

SIGNATURE_HEADER = "X-Tianping-Signature"


class BadCallback(Exception):
    """A callback body that cannot be read (400)."""


class BadSignature(Exception):
    """A callback whose signature is missing or wrong (403)."""


@dataclasses.dataclass(frozen=True)
class ProviderPayment:
    reference: str
    pay_url: str


@dataclasses.dataclass(frozen=True)
class ProviderStatus:
    reference: str
    collected: bool
    amount: Decimal
    refunded: Decimal


@dataclasses.dataclass(frozen=True)
class CallbackEvent:
    """A verified notification: ``reference`` was collected with ``amount``."""

    event_id: str
    reference: str
    amount: Decimal
    transaction: str


class PaymentProvider(Protocol):
    name: str

    def create_payment(self, *, merchant_reference: str, amount: Decimal, description: str) -> ProviderPayment: ...

    def query(self, *, reference: str) -> ProviderStatus: ...

    def refund(self, *, reference: str, amount: Decimal, refund_key: str) -> str:
        """Give back ``amount`` of a collected payment; returns the provider's refund reference."""
        ...

    def close(self, *, reference: str) -> None:
        """Withdraw an uncollected payment (the order changed or was cancelled)."""
        ...

    def parse_callback(self, *, body: bytes, headers: Mapping[str, str]) -> CallbackEvent:
        """Verify and read a notification; raises ``BadSignature`` or ``BadCallback``."""
        ...


def callback_secret() -> bytes:
    configured = settings.PAYMENT_CALLBACK_SECRET
    if configured:
        return str(configured).encode()
    # derived, so that a leaked callback key does not reveal SECRET_KEY itself
    return hmac.new(settings.SECRET_KEY.encode(), b"tianping.payments.callback", hashlib.sha256).digest()


def sign(body: bytes) -> str:
    return hmac.new(callback_secret(), body, hashlib.sha256).hexdigest()


def signature_valid(body: bytes, signature: str | None) -> bool:
    return bool(signature) and hmac.compare_digest(sign(body), str(signature))


class LocalPaymentProvider:
    """Collects through the local cashier page (/payments/cashier/<reference>/)."""

    name = "local"

    def create_payment(self, *, merchant_reference: str, amount: Decimal, description: str) -> ProviderPayment:
        charge = LocalCharge.objects.create(
            reference=rules.new_reference("LC"),
            merchant_reference=merchant_reference,
            amount=amount,
            description=description[:200],
        )
        return ProviderPayment(charge.reference, reverse("payments:cashier", args=[charge.reference]))

    def _charge(self, reference: str, *, lock: bool = False) -> LocalCharge:
        charges = LocalCharge.objects.select_for_update() if lock else LocalCharge.objects
        try:
            return charges.get(reference=reference)
        except LocalCharge.DoesNotExist as exc:
            raise NotFound("支付流水不存在", code="payment_not_found") from exc

    def query(self, *, reference: str) -> ProviderStatus:
        charge = self._charge(reference)
        return ProviderStatus(
            charge.reference, charge.status == LocalChargeStatus.COLLECTED, charge.amount, charge.refunded
        )

    @transaction.atomic
    def refund(self, *, reference: str, amount: Decimal, refund_key: str) -> str:
        charge = self._charge(reference, lock=True)
        if charge.status != LocalChargeStatus.COLLECTED or charge.refunded + amount > charge.amount:
            raise Conflict("支付渠道拒绝退款：超过可退金额", code="provider_refund_refused")
        charge.refunded += amount
        charge.save(update_fields=["refunded", "updated_at"])
        return f"LR-{refund_key}"[:64]

    @transaction.atomic
    def close(self, *, reference: str) -> None:
        charge = self._charge(reference, lock=True)
        if charge.status == LocalChargeStatus.OPEN:
            charge.status = LocalChargeStatus.CLOSED
            charge.save(update_fields=["status", "updated_at"])

    @transaction.atomic
    def collect(self, *, reference: str) -> tuple[bytes, dict[str, str]]:
        """The payer confirmed at the cashier: mark the charge collected (once) and return the
        signed notification to deliver to the callback endpoint."""
        charge = self._charge(reference, lock=True)
        if charge.status == LocalChargeStatus.CLOSED:
            raise Conflict("该支付已失效，请返回重新发起缴费", code="payment_voided")
        if charge.status == LocalChargeStatus.OPEN:
            charge.status = LocalChargeStatus.COLLECTED
            charge.collected_at = clock.now()
            charge.save(update_fields=["status", "collected_at", "updated_at"])
        body = json.dumps(
            {
                "event_id": f"{charge.reference}-collected",
                "reference": charge.reference,
                "merchant_reference": charge.merchant_reference,
                "amount": str(charge.amount),
                "transaction": f"T{charge.reference[2:]}",
                "status": "collected",
            },
            sort_keys=True,
        ).encode()
        return body, {SIGNATURE_HEADER: sign(body)}

    def parse_callback(self, *, body: bytes, headers: Mapping[str, str]) -> CallbackEvent:
        if not signature_valid(body, headers.get(SIGNATURE_HEADER)):
            raise BadSignature("signature missing or wrong")
        try:
            data = json.loads(body)
            if data.get("status") != "collected":
                raise BadCallback("unknown status")
            return CallbackEvent(
                event_id=str(data["event_id"]),
                reference=str(data["reference"]),
                amount=rules.positive_amount(str(data["amount"])),
                transaction=str(data.get("transaction", ""))[:64],
            )
        except (ValueError, KeyError, TypeError, AttributeError, ApplicationError) as exc:
            raise BadCallback(str(exc)) from exc


@cache
def _provider_class(path: str) -> type:
    return import_string(path)


def get_provider() -> PaymentProvider:
    """The configured provider (``settings.PAYMENT_PROVIDER``)."""
    provider: PaymentProvider = _provider_class(settings.PAYMENT_PROVIDER)()
    return provider


def provider_named(name: str) -> PaymentProvider:
    """The configured provider if ``name`` is its name (callbacks name the provider in the URL)."""
    provider = get_provider()
    if provider.name != name:
        raise NotFound("未知的支付渠道", code="unknown_provider")
    return provider
