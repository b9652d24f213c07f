"""The audit log as auditors see it: court scope, the role check, the page and chain verification."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tianping.accounts import services as account_services
from tianping.accounts.enums import Role
from tianping.core import audit
from tianping.core.errors import PermissionDenied
from tianping.core.models import AuditRecord
from tianping.courts import services as court_services
from tianping.courts.enums import DivisionKind
from tianping.supervision import selectors, services
from tianping.supervision.selectors import AuditFilter


@pytest.fixture
def marked(users: Any, courts: Any) -> dict[str, Any]:
    """One recognisable write at 朝阳 and one at 海淀."""
    chaoyang = court_services.division_create(
        actor=users.president, court=courts.chaoyang, name="朝阳标记庭", kind=DivisionKind.CIVIL
    )
    haidian = court_services.division_create(
        actor=users.outsider, court=courts.haidian, name="海淀标记庭", kind=DivisionKind.CIVIL
    )
    return {"chaoyang": chaoyang, "haidian": haidian}


def listed(user: Any, **filters: Any) -> list[AuditRecord]:
    return list(selectors.audit_record_list(user=user, filters=AuditFilter(**filters)))


# --- the selector ----------------------------------------------------------------------------


def test_chaoyang_auditor_sees_chaoyang_but_not_haidian(users: Any, marked: dict[str, Any]) -> None:
    records = listed(users.auditor)

    assert {r.court_code for r in records} == {"京0105"}
    reprs = {r.object_repr for r in records}
    assert str(marked["chaoyang"]) in reprs
    assert str(marked["haidian"]) not in reprs
    assert not any(r.court_code == "京0108" for r in records)


def test_chaoyang_auditor_does_not_see_court_less_records(users: Any, marked: dict[str, Any]) -> None:
    """Logins and user creation carry no court; only an auditor at the top of the tree sees them."""
    assert AuditRecord.objects.filter(court_code="").exists()

    assert all(r.court_code for r in listed(users.auditor))


def test_chaoyang_auditor_sees_every_chaoyang_record(users: Any, marked: dict[str, Any]) -> None:
    expected = set(AuditRecord.objects.filter(court_code="京0105").values_list("seq", flat=True))

    assert {r.seq for r in listed(users.auditor)} == expected


def test_high_court_sysadmin_sees_all_courts_and_court_less(users: Any, marked: dict[str, Any]) -> None:
    records = listed(users.sysadmin)

    assert {r.court_code for r in records} == {"", "京", "京03", "京0105", "京01", "京0108"}
    assert len(records) == AuditRecord.objects.count()


def test_intermediate_auditor_sees_own_and_lower_courts_only(users: Any, courts: Any, marked: dict[str, Any]) -> None:
    account_services.role_grant(actor=None, user=users.higher_judge, court=courts.third_intermediate, role=Role.AUDITOR)
    fresh = type(users.higher_judge).objects.get(pk=users.higher_judge.pk)

    assert {r.court_code for r in listed(fresh)} == {"京03", "京0105"}


def test_records_are_newest_first(users: Any, marked: dict[str, Any]) -> None:
    seqs = [r.seq for r in listed(users.auditor)]

    assert seqs == sorted(seqs, reverse=True)
    assert len(seqs) > 1


def test_filters_narrow_within_scope(users: Any, marked: dict[str, Any]) -> None:
    divisions = listed(users.auditor, action="division.")
    assert [r.object_repr for r in divisions] == [str(marked["chaoyang"])]

    assert [r.actor_username for r in listed(users.auditor, actor="presid")] == ["president"]
    assert listed(users.auditor, court_code="京0108") == []  # a filter cannot widen the scope
    assert all(r.kind == "write" for r in listed(users.auditor, kind="write"))
    assert listed(users.auditor, object_type="courts.Division", object_id=str(marked["chaoyang"].pk))


@pytest.mark.parametrize("who", ["judge", "clerk", "president", "outsider", "higher_judge", "litigant", "lawyer"])
def test_non_auditors_are_refused(users: Any, who: str) -> None:
    with pytest.raises(PermissionDenied):
        listed(getattr(users, who))
    assert not selectors.may_browse_audit_log(getattr(users, who))


def test_auditor_may_browse(users: Any) -> None:
    assert selectors.may_browse_audit_log(users.auditor)
    assert selectors.may_browse_audit_log(users.sysadmin)


# --- the page ----------------------------------------------------------------------------------


def test_audit_page_requires_login(db: Any, client: Client) -> None:
    response = client.get("/supervision/audit/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["judge", "litigant"])
def test_audit_page_is_403_for_non_auditors(users: Any, marked: dict[str, Any], client: Client, who: str) -> None:
    client.force_login(getattr(users, who))

    response = client.get("/supervision/audit/")

    assert response.status_code == 403
    assert "朝阳标记庭" not in response.content.decode()


def test_audit_page_for_auditor_shows_only_own_court(users: Any, marked: dict[str, Any], client: Client) -> None:
    client.force_login(users.auditor)

    response = client.get("/supervision/audit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "朝阳标记庭" in html
    assert "海淀标记庭" not in html
    assert "京0108" not in html


def test_audit_page_filter_and_bad_filter(users: Any, marked: dict[str, Any], client: Client) -> None:
    client.force_login(users.auditor)

    filtered = client.get("/supervision/audit/", {"action": "role."})
    assert filtered.status_code == 200
    assert "朝阳标记庭" not in filtered.content.decode()

    bad = client.get("/supervision/audit/", {"since": "not-a-date", "page": "x"})
    assert bad.status_code == 200


# --- chain verification --------------------------------------------------------------------------


def test_audit_chain_verify_is_ok_and_logged(users: Any, marked: dict[str, Any]) -> None:
    count = AuditRecord.objects.count()

    report = services.audit_chain_verify(actor=users.auditor)

    assert report.ok
    assert report.checked == count
    entry = AuditRecord.objects.order_by("-seq").first()
    assert entry is not None
    assert entry.action == "audit.verify"
    assert entry.actor_username == "auditor"
    assert entry.court_code == "京0105"
    assert entry.changes == {"checked": count, "ok": True, "problem": ""}
    assert audit.verify().ok


def test_audit_chain_verify_reports_tampering(users: Any, marked: dict[str, Any]) -> None:
    target = AuditRecord.objects.get(object_repr=str(marked["haidian"]))
    AuditRecord.objects.filter(seq=target.seq).update(object_repr="改过的")

    report = services.audit_chain_verify(actor=users.sysadmin)

    assert not report.ok
    assert report.problem is not None
    assert report.problem.seq == target.seq
    entry = AuditRecord.objects.get(action="audit.verify")
    assert entry.changes["ok"] is False
    assert str(target.seq) in entry.changes["problem"]


def test_audit_chain_verify_refuses_non_auditors(users: Any) -> None:
    before = AuditRecord.objects.count()

    with pytest.raises(PermissionDenied):
        services.audit_chain_verify(actor=users.judge)

    assert AuditRecord.objects.count() == before


def test_verify_page_post(users: Any, marked: dict[str, Any], client: Client) -> None:
    client.force_login(users.judge)
    assert client.post("/supervision/audit/verify/").status_code == 403
    assert not AuditRecord.objects.filter(action="audit.verify").exists()

    client.force_login(users.auditor)
    assert client.get("/supervision/audit/verify/").status_code == 405
    response = client.post("/supervision/audit/verify/")

    assert response.status_code == 302
    assert response["Location"].endswith("/supervision/audit/")
    assert AuditRecord.objects.filter(action="audit.verify", actor_username="auditor").count() == 1
