"""The demo's openness scenario: the trial scenario's effective judgments are taken in, anonymized and
published by ``chaoyang_head``, so the portal home and the public search show them; a second run
publishes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from tianping.cases.models import Party
from tianping.demo.builder import build_demo
from tianping.demo.openness_scenario import publish_effective_judgments
from tianping.demo.services_scenario import build_services_scenario
from tianping.demo.trial_scenario import build_trial_scenario
from tianping.judgments.enums import EffectStatus
from tianping.judgments.models import IssuedDocument
from tianping.publicity import selectors as publicity_selectors
from tianping.publicity.enums import PublicationStatus
from tianping.publicity.models import Publication
from tianping.search import selectors as search_selectors


@pytest.fixture(scope="class")
def published(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, int]]:
    """The demo's scenarios in the command's order, then the openness step twice (with its after-commit
    index writes run); files in a temporary storage; all rolled back afterwards."""
    root = tmp_path_factory.mktemp("demo-media")
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}
    }}  # fmt: skip
    with override_settings(MEDIA_ROOT=str(root), STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        build_demo()
        build_services_scenario()
        build_trial_scenario()
        with transaction.atomic():
            first = publish_effective_judgments()
            callbacks = transaction.get_connection().run_on_commit[:]
        for _savepoints, callback, _robust in callbacks:  # the index writes the outer commit would run
            callback()
        yield first, publish_effective_judgments()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("published")
class TestOpennessScenario:
    def test_every_effective_judgment_is_published_once(self, published: tuple[int, int]) -> None:
        first, second = published
        effective = IssuedDocument.objects.filter(effect_status=EffectStatus.EFFECTIVE, case__court__code="京0105")
        assert first == effective.count() >= 1
        assert second == 0
        assert set(Publication.objects.values_list("status", flat=True)) == {PublicationStatus.PUBLISHED}

    def test_the_portal_lists_them_without_party_names(self) -> None:
        latest = publicity_selectors.latest_publications(limit=10)
        assert latest
        names = set(Party.objects.filter(kind="natural").values_list("name", flat=True))
        for publication in latest:
            assert not any(name in publication.anonymized_text for name in names if len(name) > 1)

    def test_the_public_search_finds_them_by_case_number(self) -> None:
        for publication in Publication.objects.all():
            result = search_selectors.judgment_search(q=publication.case_number, with_facets=False)
            assert [hit.row.publication_id for hit in result.hits] == [publication.pk]
