"""Concurrent writers keep the audit chain linear (SQLite: BEGIN IMMEDIATE; PostgreSQL: row lock)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from tianping.core import audit
from tianping.core.models import AuditRecord

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 4
APPENDS_EACH = 15


def _writer(index: int, errors: list[BaseException]) -> None:
    try:
        for n in range(APPENDS_EACH):
            with transaction.atomic():
                audit.record(actor=None, action="test.concurrent", object_type="test", object_id=f"{index}-{n}")
    except BaseException as exc:  # reported to the main thread
        errors.append(exc)
    finally:
        connection.close()


def test_parallel_appends_form_one_unbroken_chain() -> None:
    errors: list[BaseException] = []
    threads = [threading.Thread(target=_writer, args=(i, errors)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    seqs = list(AuditRecord.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, WRITERS * APPENDS_EACH + 1))
    assert AuditRecord.objects.filter(action="test.concurrent").count() == WRITERS * APPENDS_EACH
    report = audit.verify()
    assert report.ok, report.problem
    assert report.checked == WRITERS * APPENDS_EACH
