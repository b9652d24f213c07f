"""Delivery channels behind small interfaces, each with a local implementation.

``SmsGateway`` is chosen by ``settings.SMS_GATEWAY`` (a dotted path): the default
``LocalOutboxSmsGateway`` writes to the ``SmsOutbox`` table so every flow runs on one
machine; ``SmppSmsGateway`` speaks SMPP 3.4 to an operator's SMSC. E-mail goes through
Django's mail framework (file backend under ``var/mail`` by default, SMTP when configured).
``FaxGateway`` is chosen by ``settings.FAX_GATEWAY``: ``LocalFaxGateway`` keeps each fax's PDF
in storage under ``fax/outbox/`` with a ``FaxOutbox`` row.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import secrets
from typing import Any, Protocol

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from tianping.core import clock
from tianping.core.pdf import render_pdf
from tianping.notify.enums import Channel
from tianping.notify.models import FaxOutbox, SmsOutbox

FAX_TEMPLATE = "notify/print/fax.html"


class DeliveryError(Exception):
    """The channel did not accept the message; the delivery task retries."""


@dataclasses.dataclass(frozen=True)
class DeliveryReceipt:
    message_id: str = ""
    response: str = ""


class SmsGateway(Protocol):
    def send(self, *, to: str, text: str) -> DeliveryReceipt: ...


class LocalOutboxSmsGateway:
    """Stores each message in the ``SmsOutbox`` table (the default; for one machine, demos and tests)."""

    def send(self, *, to: str, text: str) -> DeliveryReceipt:
        row = SmsOutbox.objects.create(to=to, text=text, message_id=f"local-{secrets.token_hex(8)}")
        return DeliveryReceipt(message_id=row.message_id, response="stored in local outbox")


class SmppSmsGateway:
    """Submits through SMPP 3.4 (``smpplib``) as a transmitter, one connection per message.

    Settings: ``SMPP["host"]``, ``["port"]``, ``["system_id"]``, ``["password"]``, ``["source_addr"]``."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = config if config is not None else dict(settings.SMPP)

    def send(self, *, to: str, text: str) -> DeliveryReceipt:
        import smpplib.client
        import smpplib.consts
        import smpplib.gsm

        if not self.config.get("host"):
            raise DeliveryError("SMPP host is not configured")
        client = smpplib.client.Client(self.config["host"], int(self.config.get("port") or 2775), timeout=10)
        message_ids: list[str] = []
        client.set_message_sent_handler(lambda pdu: message_ids.append(_text(pdu.message_id)))
        try:
            client.connect()
            client.bind_transmitter(
                system_id=self.config.get("system_id", ""), password=self.config.get("password", "")
            )
            parts, encoding_flag, msg_type_flag = smpplib.gsm.make_parts(text)
            for part in parts:
                client.send_message(
                    source_addr_ton=smpplib.consts.SMPP_TON_ALNUM,
                    source_addr_npi=smpplib.consts.SMPP_NPI_UNK,
                    source_addr=self.config.get("source_addr", ""),
                    dest_addr_ton=smpplib.consts.SMPP_TON_INTL,
                    dest_addr_npi=smpplib.consts.SMPP_NPI_ISDN,
                    destination_addr=f"86{to}" if len(to) == 11 else to,
                    short_message=part,
                    data_coding=encoding_flag,
                    esm_class=msg_type_flag,
                    registered_delivery=True,
                )
                client.read_once()  # submit_sm_resp → message id, or a PDU error
            client.unbind()
        except DeliveryError:
            raise
        except Exception as exc:
            raise DeliveryError(f"SMPP: {exc}") from exc
        finally:
            client.disconnect()
        return DeliveryReceipt(message_id=",".join(message_ids), response=f"SMPP {len(message_ids)} part(s)")


def _text(value: Any) -> str:
    return value.decode("ascii", "replace") if isinstance(value, bytes) else str(value or "")


class EmailChannel:
    """E-mail through ``django.core.mail`` (``settings.EMAIL_BACKEND``)."""

    def send(self, *, to: str, subject: str, body: str) -> DeliveryReceipt:
        message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
        try:
            count = message.send(fail_silently=False)
        except Exception as exc:
            raise DeliveryError(f"e-mail: {exc}") from exc
        if count != 1:
            raise DeliveryError("e-mail backend accepted no message")
        return DeliveryReceipt(message_id=str(message.extra_headers.get("Message-ID", "")), response="accepted")


class FaxGateway(Protocol):
    def send(self, *, pdf_bytes: bytes, to_number: str, cover: str) -> DeliveryReceipt: ...


def pdf_page_count(pdf_bytes: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(io.BytesIO(pdf_bytes)).pages)
    except (PdfReadError, ValueError) as exc:
        raise DeliveryError(f"fax: not a readable PDF ({exc})") from exc


class LocalFaxGateway:
    """Stores each fax's PDF under ``fax/outbox/YYYY/MM/`` and lists it in ``FaxOutbox`` (the default)."""

    def send(self, *, pdf_bytes: bytes, to_number: str, cover: str) -> DeliveryReceipt:
        pages = pdf_page_count(pdf_bytes)
        digest = hashlib.sha256(pdf_bytes).hexdigest()
        message_id = f"fax-{secrets.token_hex(8)}"
        name = default_storage.save(f"fax/outbox/{clock.today():%Y/%m}/{message_id}.pdf", ContentFile(pdf_bytes))
        row = FaxOutbox.objects.create(
            to=to_number, cover=cover[:200], pages=pages, sha256=digest, path=name, message_id=message_id
        )
        return DeliveryReceipt(message_id=row.message_id, response=f"stored in local fax outbox, {pages} page(s)")


def fax_gateway() -> FaxGateway:
    gateway: FaxGateway = import_string(settings.FAX_GATEWAY)()
    return gateway


def fax_document(*, subject: str, body: str, attachment: str = "") -> bytes:
    """The PDF to fax: the stored attachment when there is one, else the notification laid out as a page."""
    if attachment:
        with default_storage.open(attachment, "rb") as handle:
            data: bytes = handle.read()
        return data
    return render_pdf(FAX_TEMPLATE, {"subject": subject, "paragraphs": [p for p in body.splitlines() if p.strip()]})


def sms_gateway() -> SmsGateway:
    gateway: SmsGateway = import_string(settings.SMS_GATEWAY)()
    return gateway


def send(*, channel: str, to: str, subject: str, body: str, attachment: str = "") -> DeliveryReceipt:
    """Hand one message to the channel; raises ``DeliveryError`` (or anything else) when it fails."""
    if channel == Channel.SMS:
        return sms_gateway().send(to=to, text=body)
    if channel == Channel.EMAIL:
        return EmailChannel().send(to=to, subject=subject, body=body)
    if channel == Channel.FAX:
        pdf = fax_document(subject=subject, body=body, attachment=attachment)
        return fax_gateway().send(pdf_bytes=pdf, to_number=to, cover=subject)
    raise DeliveryError(f"unknown channel {channel!r}")
