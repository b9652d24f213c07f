"""The demo's credit scenario: enforcement officers list dishonest debtors and restrict consumption
on the bulk demo's pending enforcement cases through the credit services; the public queries find
them with masked ID numbers; a second run creates nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction

from tianping.core.models import AuditRecord
from tianping.credit import selectors as credit_selectors
from tianping.credit.enums import DishonestConduct, ListingStatus, RestrictedRole
from tianping.credit.models import ConsumptionRestriction, DishonestListing
from tianping.demo.builder import build_demo
from tianping.demo.cases import load_demo_cases
from tianping.demo.credit_scenario import CreditScenario, build_credit_scenario


@pytest.fixture(scope="class")
def scenario(django_db_setup: Any, django_db_blocker: Any) -> Iterator[tuple[CreditScenario, CreditScenario]]:
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo()
        load_demo_cases(400, seed=2026)
        yield build_credit_scenario(), build_credit_scenario()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("scenario")
class TestCreditScenario:
    def test_records_made_once(self, scenario: tuple[CreditScenario, CreditScenario]) -> None:
        first, second = scenario
        assert first.listed == DishonestListing.objects.count() > 0
        assert first.restricted == ConsumptionRestriction.objects.count() > 0
        assert first.removed == DishonestListing.objects.filter(status=ListingStatus.REMOVED).count() <= 1
        assert second.skipped

    def test_every_decision_is_audited(self, scenario: tuple[CreditScenario, CreditScenario]) -> None:
        assert AuditRecord.objects.filter(action="credit.dishonest_list").count() == DishonestListing.objects.count()
        removed = AuditRecord.objects.filter(action="credit.dishonest_remove").count()
        assert removed == scenario[0].removed == DishonestListing.objects.filter(status=ListingStatus.REMOVED).count()
        assert AuditRecord.objects.filter(action="credit.consumption_restrict").count() == (
            ConsumptionRestriction.objects.count()
        )

    def test_terms_follow_the_conducts(self) -> None:
        for listing in DishonestListing.objects.all():
            only_refusal = listing.conducts == [DishonestConduct.ABLE_BUT_REFUSES]
            assert (listing.term_ends_on is None) == only_refusal, listing.conducts
            assert (
                listing.term_extension_years == 0
                or len(listing.conducts) > 1
                or listing.conducts == [DishonestConduct.OBSTRUCTS]
            )

    def test_an_organisation_restriction_binds_its_legal_representative(self) -> None:
        organisations = ConsumptionRestriction.objects.filter(is_person=False)
        assert organisations.exists()
        for restriction in organisations:
            roles = {person["role"] for person in restriction.restricted_persons}
            assert RestrictedRole.LEGAL_REPRESENTATIVE in roles

    def test_the_public_query_finds_listed_debtors_masked_and_not_the_removed(self) -> None:
        person = DishonestListing.objects.filter(status=ListingStatus.LISTED, is_person=True).first()
        assert person is not None
        total, rows = credit_selectors.dishonest_public_search(name=person.name, id_number=person.id_number)
        assert total == 1
        assert rows[0].debtor.id_number_masked != person.id_number
        assert rows[0].debtor.id_number_masked.endswith(person.id_number[-4:])
        for removed in DishonestListing.objects.filter(status=ListingStatus.REMOVED):
            _total, found = credit_selectors.dishonest_public_search(name=removed.name)
            assert removed.pk not in {row.id for row in found}
