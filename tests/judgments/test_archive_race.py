"""Races: two clerks sealing one case at once; both parties' appeals registered at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.cases.conftest import on_day
from tests.concurrency import race, succeeded
from tests.conftest import Users
from tests.judgments.test_effect_support import World, issue, serve_all
from tianping.cases.models import Case
from tianping.judgments.models import Archive, IssuedDocument
from tianping.judgments.services import appeal_register, case_archive, effect_refresh

pytestmark = pytest.mark.django_db(transaction=True)
D = dt.date


def test_one_seal_when_two_clerks_archive_at_once(world: World, users: Users) -> None:
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    effect_refresh(document=document, today=D(2026, 10, 20))

    def seal(actor: Any) -> Any:
        return succeeded(
            lambda: case_archive(actor=actor, case=Case.objects.select_related("court").get(pk=world.case.pk))
        )

    results, unexpected = race([seal(world.court_clerk), seal(users.president)])
    assert unexpected == []
    assert sorted(results) == ["already_archived", "ok"]
    assert Archive.objects.filter(case=world.case).count() == 1


def test_both_parties_appealing_at_once_share_one_second_instance_case(world: World, users: Users) -> None:
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))

    def appeal(party: Any) -> Any:
        def run() -> str:
            fresh = IssuedDocument.objects.get(pk=document.pk)
            appeal_register(actor=world.upper_clerk, document=fresh, party_id=party.pk, filed_on=D(2026, 10, 8))
            return "ok"

        return run

    with on_day(D(2026, 10, 8)):  # frozen here, not in the threads: the frozen clock is process-wide
        results, unexpected = race([appeal(world.plaintiff), appeal(world.defendant)])
    assert unexpected == []
    assert results == ["ok", "ok"]
    assert Case.objects.filter(origin=world.case).count() == 1
    assert set(document.appeal_periods.values_list("appeal_case", flat=True)) == {
        Case.objects.get(origin=world.case).pk
    }
