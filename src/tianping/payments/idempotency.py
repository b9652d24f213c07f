"""Idempotency keys for pay, confirm and refund.

The first call with a key claims it (a row in a unique table) in the same transaction as
the work it guards and stores the work's result there. A repeated call with the same key
and the same request gets the stored result back without doing the work again; the same
key with another request (another body, actor or operation target) is a 409. A call that
fails leaves no key behind, so the client may retry it.

Two calls with one key at the same moment: on PostgreSQL the second insert waits on the
unique index until the first commits, then finds the row; on SQLite the IMMEDIATE
transactions run one after another.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from tianping.core.errors import Conflict
from tianping.payments import rules
from tianping.payments.models import IdempotencyKey


def fingerprint(*, operation: str, actor_id: int | None, payload: dict[str, Any]) -> str:
    canonical = json.dumps({"operation": operation, "actor": actor_id, "payload": payload}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def run(
    *,
    operation: str,
    key: str | None,
    actor: Any,
    payload: dict[str, Any],
    perform: Callable[[], dict[str, Any]],
) -> tuple[dict[str, Any], bool]:
    """``(result, replayed)``: the result of ``perform()``, or the stored one for a repeated key."""
    key = rules.check_idempotency_key(key)
    actor_id = int(actor.pk) if getattr(actor, "pk", None) is not None else None
    print_ = fingerprint(operation=operation, actor_id=actor_id, payload=payload)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(
                    key=key, operation=operation, fingerprint=print_, actor_id=actor_id, response={}
                )
        except IntegrityError:
            stored = IdempotencyKey.objects.select_for_update().get(operation=operation, key=key)
            if stored.fingerprint != print_:
                raise Conflict("该幂等键已用于另一请求", code="idempotency_key_reused", details={"key": key}) from None
            return dict(stored.response), True
        result = perform()
        row.response = result
        row.save(update_fields=["response", "updated_at"])
        return result, False
