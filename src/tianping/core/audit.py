"""The append-only, hash-chained audit log.

Each record's hash covers its own fields and the previous record's hash, so editing,
deleting or reordering any row breaks the chain at that row. Appending locks the single
``AuditHead`` row, which keeps the chain linear under concurrent writers and lets
``verify`` notice records removed from the end. See docs/audit.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Protocol

from django.db import models, transaction

from tianping.core import clock, request_context
from tianping.core.enums import AuditKind
from tianping.core.models import AuditHead, AuditRecord

GENESIS_HASH = "0" * 64


class AuditActor(Protocol):
    """What the audit log needs to know about whoever acts (accounts.User satisfies it)."""

    pk: Any
    username: str

    def audit_role(self) -> str: ...

    def audit_court_code(self) -> str: ...


def _plain(value: Any) -> Any:
    """A JSON value that survives a round-trip through any database unchanged."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of ``fields`` (foreign keys by id), ready for ``changes_between``."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = _plain(getattr(instance, attname))
    return values


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value differs."""
    keys = sorted(set(before) | set(after))
    return {
        k: [_plain(before.get(k)), _plain(after.get(k))] for k in keys if _plain(before.get(k)) != _plain(after.get(k))
    }


def record_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of a record's hashed fields."""
    canonical = json.dumps(
        {name: _canonical(fields[name]) for name in AuditRecord.HASHED_FIELDS},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return _plain(value)


def record(
    *,
    actor: AuditActor | None,
    action: str,
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    kind: AuditKind = AuditKind.WRITE,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    court_code: str | None = None,
) -> AuditRecord:
    """Append one record in the caller's transaction (or its own, if there is none)."""
    info = request_context.current()
    fields: dict[str, Any] = {
        "occurred_at": clock.now(),
        "kind": str(kind),
        "action": action,
        "actor_id": int(actor.pk) if actor is not None and actor.pk is not None else None,
        "actor_username": actor.username if actor is not None else "",
        "actor_role": actor.audit_role()[:120] if actor is not None else "",
        "court_code": court_code if court_code is not None else (actor.audit_court_code() if actor else ""),
        "object_type": object_type or (obj._meta.label if obj is not None else ""),
        "object_id": object_id or (str(obj.pk) if obj is not None else ""),
        "object_repr": (object_repr or (str(obj) if obj is not None else ""))[:200],
        "changes": _plain(dict(changes or {})),
        "client_ip": info.client_ip,
        "request_id": info.request_id,
    }
    with transaction.atomic():
        head = _locked_head()
        fields["seq"] = head.seq + 1
        fields["prev_hash"] = head.hash
        entry = AuditRecord(**fields, hash=record_hash(fields))
        entry.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    return entry


def _locked_head() -> AuditHead:
    """The head row, locked. A migration creates it; on an empty log (a freshly flushed test
    database) it is created again. A head at zero while records exist means it was reset."""
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditHead.objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS_HASH})
        head = AuditHead.objects.select_for_update().get(pk=1)
    if head.seq == 0 and AuditRecord.objects.exists():
        raise RuntimeError("the audit head was reset while records exist: run `audit verify`")
    return head


def record_read(*, actor: AuditActor, obj: models.Model, fields: Iterable[str], purpose: str = "") -> AuditRecord:
    """Record that ``actor`` saw unmasked sensitive ``fields`` of ``obj``."""
    return record(
        actor=actor,
        action="sensitive.read",
        obj=obj,
        kind=AuditKind.READ,
        changes={"fields": sorted(fields), "purpose": purpose},
    )


@dataclasses.dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str

    def __str__(self) -> str:
        return f"audit record #{self.seq}: {self.problem}"


@dataclasses.dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(batch_size: int = 2000) -> ChainReport:
    """Walk the whole chain in order and report the first record that breaks it."""
    expected_seq, expected_prev, checked = 1, GENESIS_HASH, 0
    for entry in AuditRecord.objects.order_by("seq").iterator(chunk_size=batch_size):
        problem = _check_link(entry, expected_seq, expected_prev)
        if problem:
            return ChainReport(checked, problem)
        expected_seq, expected_prev, checked = entry.seq + 1, entry.hash, checked + 1
    head, last = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, hash=GENESIS_HASH), expected_seq - 1
    if head.seq > last:
        problem = ChainProblem(last + 1, f"missing: the chain ends at #{last} but the head names #{head.seq}")
        return ChainReport(checked, problem)
    if head.seq < last:
        problem = ChainProblem(
            head.seq + 1, f"not in the head: the head names #{head.seq} but the chain goes on to #{last}"
        )
        return ChainReport(checked, problem)
    if head.hash != expected_prev:
        return ChainReport(checked, ChainProblem(last, "edited or replaced: it does not match the hash in the head"))
    return ChainReport(checked, None)


def _check_link(entry: AuditRecord, expected_seq: int, expected_prev: str) -> ChainProblem | None:
    if entry.seq != expected_seq:
        return ChainProblem(expected_seq, f"missing or reordered: the next record found is #{entry.seq}")
    fields = {name: getattr(entry, name) for name in AuditRecord.HASHED_FIELDS}
    if record_hash(fields) != entry.hash:
        return ChainProblem(entry.seq, "edited: its contents no longer match its hash")
    if entry.prev_hash != expected_prev:
        return ChainProblem(entry.seq, "reordered or replaced: it does not link to the record before it")
    return None
