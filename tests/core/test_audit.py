"""The hash-chained audit log: appending, and catching every kind of tampering by raw SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from tianping.core import audit, clock, request_context
from tianping.core.enums import AuditKind
from tianping.core.models import AuditHead, AuditRecord, CalendarDay
from tianping.core.tasks import audit_chain_nightly_check
from tianping.courts.models import Court

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2025, 3, 14, 1, 2, 3, 456789, tzinfo=dt.UTC)


@dataclasses.dataclass
class Actor:
    pk: int = 42
    username: str = "judge_li"
    role: str = "judge"
    court: str = "京0105"

    def audit_role(self) -> str:
        return self.role

    def audit_court_code(self) -> str:
        return self.court


ACTOR = Actor()


def append(n: int) -> list[AuditRecord]:
    return [
        audit.record(
            actor=ACTOR,
            action=f"case.update.{i}",
            object_type="cases.Case",
            object_id=str(100 + i),
            object_repr=f"（2025）京0105民初{i}号",
            changes={"status": ["filed", "assigned"], "fee": Decimal("50.00"), "note": f"第{i}次"},
        )
        for i in range(1, n + 1)
    ]


def head() -> AuditHead:
    return AuditHead.objects.get(pk=1)


def sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def row_fields(seq: int) -> dict[str, Any]:
    entry = AuditRecord.objects.get(seq=seq)
    return {name: getattr(entry, name) for name in AuditRecord.HASHED_FIELDS}


@pytest.fixture
def chain() -> list[AuditRecord]:
    assert AuditRecord.objects.count() == 0
    assert (head().seq, head().hash) == (0, audit.GENESIS_HASH)
    entries = append(6)
    assert audit.verify().ok
    return entries


# --- appending ------------------------------------------------------------------------------


def test_records_form_a_linked_chain(chain: list[AuditRecord]) -> None:
    stored = list(AuditRecord.objects.order_by("seq"))
    assert [e.seq for e in stored] == [1, 2, 3, 4, 5, 6]
    assert stored[0].prev_hash == audit.GENESIS_HASH
    for before, after in itertools.pairwise(stored):
        assert after.prev_hash == before.hash
    assert len({e.hash for e in stored}) == 6
    assert (head().seq, head().hash) == (6, stored[-1].hash)
    assert [e.hash for e in chain] == [e.hash for e in stored]
    for entry in stored:
        assert entry.hash == audit.record_hash({name: getattr(entry, name) for name in AuditRecord.HASHED_FIELDS})


def test_record_copies_actor_object_and_request() -> None:
    day = CalendarDay.objects.create(date=dt.date(2027, 1, 1), kind="holiday", name="元旦")
    with clock.frozen_at(MOMENT), request_context.bound(request_context.RequestInfo("10.1.2.3", "req-abc")):
        entry = audit.record(actor=ACTOR, action="calendar.create", obj=day, changes={"when": dt.date(2027, 1, 1)})
    stored = AuditRecord.objects.get(seq=entry.seq)
    assert stored.occurred_at == MOMENT
    actor = (stored.actor_id, stored.actor_username, stored.actor_role, stored.court_code)
    assert actor == (42, "judge_li", "judge", "京0105")
    assert (stored.object_type, stored.object_id) == ("core.CalendarDay", str(day.pk))
    assert stored.object_repr == str(day)
    assert stored.changes == {"when": "2027-01-01"}
    assert (stored.client_ip, stored.request_id) == ("10.1.2.3", "req-abc")
    assert stored.kind == AuditKind.WRITE
    assert audit.verify().ok


def test_record_without_actor_and_explicit_court() -> None:
    entry = audit.record(actor=None, action="system.seed", court_code="京", object_repr="x" * 300)
    assert (entry.actor_id, entry.actor_username, entry.actor_role, entry.court_code) == (None, "", "", "京")
    assert len(entry.object_repr) == 200
    assert audit.verify().ok


def test_record_read_lists_fields_sorted() -> None:
    court = Court(pk=9, name="北京市朝阳区人民法院")
    entry = audit.record_read(actor=ACTOR, obj=court, fields={"mobile", "id_number"}, purpose="送达")
    assert entry.kind == AuditKind.READ
    assert entry.action == "sensitive.read"
    assert entry.changes == {"fields": ["id_number", "mobile"], "purpose": "送达"}
    assert entry.object_id == "9"


def test_snapshot_and_changes_between() -> None:
    court = Court(name="朝阳法院", parent_id=7, code="京0105")
    before = audit.snapshot(court, ["name", "parent", "code"])
    assert before == {"name": "朝阳法院", "parent": 7, "code": "京0105"}
    court.name, court.parent_id = "北京市朝阳区人民法院", None
    after = audit.snapshot(court, ["name", "parent", "code"])
    assert audit.changes_between(before, after) == {"name": ["朝阳法院", "北京市朝阳区人民法院"], "parent": [7, None]}
    assert audit.changes_between(after, after) == {}
    assert audit.changes_between({"fee": Decimal("1.50")}, {"fee": "1.50"}) == {}
    assert audit.changes_between({"a": 1}, {"b": dt.date(2025, 1, 2)}) == {"a": [1, None], "b": [None, "2025-01-02"]}


def test_saved_records_cannot_be_updated_or_deleted(chain: list[AuditRecord]) -> None:
    entry = AuditRecord.objects.get(seq=3)
    entry.action = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        entry.save()
    with pytest.raises(RuntimeError, match="append-only"):
        entry.delete()
    assert AuditRecord.objects.get(seq=3).action == "case.update.3"
    assert audit.verify().ok


def test_rolled_back_transaction_leaves_no_record_and_head_unchanged(chain: list[AuditRecord]) -> None:
    before = (head().seq, head().hash)

    class Boom(Exception):
        pass

    def append_then_fail() -> None:
        with transaction.atomic():
            audit.record(actor=ACTOR, action="case.delete")
            assert head().seq == 7
            raise Boom

    with pytest.raises(Boom):
        append_then_fail()
    assert AuditRecord.objects.count() == 6
    assert (head().seq, head().hash) == before
    assert audit.record(actor=ACTOR, action="case.delete").seq == 7
    assert audit.verify().ok


KEYS = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=5)


@settings(max_examples=25, deadline=None)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.floats(allow_nan=False)
        | st.decimals(allow_nan=False, allow_infinity=False)
        | st.datetimes(timezones=st.just(dt.UTC))
        | st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=20),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
        max_leaves=10,
    )
)
def test_any_changes_survive_the_database_round_trip(value: Any) -> None:
    """Whatever goes into ``changes``, the stored record still hashes to its hash."""
    audit.record(actor=ACTOR, action="property.write", changes={"value": value})
    report = audit.verify()
    assert report.ok, report.problem


def test_verify_counts_and_reads_in_batches(chain: list[AuditRecord]) -> None:
    report = audit.verify(batch_size=2)
    assert report.ok
    assert report.checked == 6
    assert report.problem is None


def test_empty_chain_verifies() -> None:
    report = audit.verify()
    assert report.ok
    assert report.checked == 0


# --- tampering ------------------------------------------------------------------------------


def broken(expected_seq: int, *words: str) -> audit.ChainProblem:
    report = audit.verify()
    assert not report.ok
    assert report.problem is not None
    assert report.problem.seq == expected_seq, report.problem
    for word in words:
        assert word in report.problem.problem, report.problem
    assert f"#{expected_seq}" in str(report.problem)
    return report.problem


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("object_repr", "（2025）京0105民初999号"),
        ("action", "case.view"),
        ("actor_username", "someone_else"),
        ("actor_id", 43),
        ("court_code", "京0108"),
        ("changes", '{"status": ["filed", "closed"], "fee": "50.00", "note": "第3次"}'),
        ("prev_hash", "f" * 64),
    ],
)
def test_editing_a_middle_record_is_named(chain: list[AuditRecord], column: str, value: Any) -> None:
    sql(f"UPDATE core_auditrecord SET {column} = %s WHERE seq = %s", [value, 3])
    broken(3, "edited")
    assert audit.verify().checked == 2


def test_editing_the_timestamp_is_named(chain: list[AuditRecord]) -> None:
    AuditRecord.objects.filter(seq=4).update(occurred_at=chain[3].occurred_at + dt.timedelta(microseconds=1))
    broken(4, "edited")


def test_deleting_a_middle_record_names_the_missing_seq(chain: list[AuditRecord]) -> None:
    sql("DELETE FROM core_auditrecord WHERE seq = %s", [4])
    broken(4, "missing")


def test_deleting_the_first_record_is_detected(chain: list[AuditRecord]) -> None:
    sql("DELETE FROM core_auditrecord WHERE seq = %s", [1])
    broken(1, "missing")


def test_swapping_two_records_names_the_first(chain: list[AuditRecord]) -> None:
    sql("UPDATE core_auditrecord SET seq = %s WHERE seq = %s", [1_000_000, 2])
    sql("UPDATE core_auditrecord SET seq = %s WHERE seq = %s", [2, 5])
    sql("UPDATE core_auditrecord SET seq = %s WHERE seq = %s", [5, 1_000_000])
    assert AuditRecord.objects.get(seq=2).action == "case.update.5"
    broken(2)


def test_deleting_the_last_record_leaves_the_head_ahead(chain: list[AuditRecord]) -> None:
    sql("DELETE FROM core_auditrecord WHERE seq = %s", [6])
    problem = broken(6, "missing")
    assert "#5" in problem.problem


def test_deleting_the_whole_log_is_detected(chain: list[AuditRecord]) -> None:
    sql("DELETE FROM core_auditrecord")
    broken(1, "missing")


def test_edit_with_recomputed_hash_is_caught_at_the_next_record(chain: list[AuditRecord]) -> None:
    fields = row_fields(3)
    fields["object_repr"] = "（2025）京0105民初999号"
    sql(
        "UPDATE core_auditrecord SET object_repr = %s, hash = %s WHERE seq = %s",
        [fields["object_repr"], audit.record_hash(fields), 3],
    )
    broken(4, "does not link")
    assert audit.verify().checked == 3


def test_edit_of_the_last_record_with_recomputed_hash_is_caught_by_the_head(chain: list[AuditRecord]) -> None:
    fields = row_fields(6)
    fields["action"] = "case.view"
    sql(
        "UPDATE core_auditrecord SET action = %s, hash = %s WHERE seq = %s",
        [fields["action"], audit.record_hash(fields), 6],
    )
    broken(6, "head")


def test_rewriting_the_whole_suffix_is_caught_by_the_head(chain: list[AuditRecord]) -> None:
    """Relinking every later record makes each link look right; only the head still knows."""
    prev = None
    for seq in range(3, 7):
        fields = row_fields(seq)
        if seq == 3:
            fields["object_repr"] = "（2025）京0105民初999号"
        else:
            fields["prev_hash"] = prev
        new_hash = audit.record_hash(fields)
        sql(
            "UPDATE core_auditrecord SET object_repr = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [fields["object_repr"], fields["prev_hash"], new_hash, seq],
        )
        prev = new_hash
    broken(6, "head")


def test_forged_record_appended_without_the_head_is_named(chain: list[AuditRecord]) -> None:
    fields = row_fields(6)
    fields.update(seq=7, action="case.close", prev_hash=head().hash)
    forged = audit.record_hash(fields)
    sql(
        "INSERT INTO core_auditrecord (seq, occurred_at, kind, action, actor_id, actor_username, actor_role,"
        " court_code, object_type, object_id, object_repr, changes, client_ip, request_id, prev_hash, hash)"
        " SELECT %s, occurred_at, kind, %s, actor_id, actor_username, actor_role, court_code, object_type,"
        " object_id, object_repr, changes, client_ip, request_id, %s, %s FROM core_auditrecord WHERE seq = %s",
        [7, "case.close", fields["prev_hash"], forged, 6],
    )
    stored = AuditRecord.objects.get(seq=7)
    assert stored.hash == audit.record_hash({name: getattr(stored, name) for name in AuditRecord.HASHED_FIELDS})
    problem = broken(7, "head")
    assert "#6" in problem.problem


# --- the management command -------------------------------------------------------------


def test_command_reports_an_intact_chain(chain: list[AuditRecord]) -> None:
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()
    assert "6 records" in out.getvalue()


def test_command_exits_1_and_names_the_broken_record(chain: list[AuditRecord]) -> None:
    sql("UPDATE core_auditrecord SET object_repr = %s WHERE seq = %s", ["改", 5])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", stdout=out, stderr=err)
    assert exit_info.value.code == 1
    assert "BROKEN" in err.getvalue()
    assert "#5" in err.getvalue()
    assert "edited" in err.getvalue()
    assert "after 4 good records" in err.getvalue()
    assert out.getvalue() == ""


def test_nightly_check_job_reports_a_broken_chain(db, caplog):
    audit.record(actor=None, action="test.first", object_type="test")
    audit.record(actor=None, action="test.second", object_type="test")
    assert audit_chain_nightly_check.call_local() is True
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditrecord SET action = %s WHERE seq = %s", ["test.forged", 1])
    with caplog.at_level("ERROR", logger="tianping.audit"):
        assert audit_chain_nightly_check.call_local() is False
    assert "BROKEN" in caplog.text
