"""Races: two saves from the same revision (one wins, the other is told its revision is stale) and two
issuers signing at once (one issued document, the other refused) — on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.concurrency import race, succeeded
from tests.judgments.drafting_world import World, ready, world_fixture  # noqa: F401  (fixture)
from tianping.judgments import selectors, services
from tianping.judgments.models import Draft, IssuedDocument

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_saves_from_one_revision(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind="civil_judgment")

    def save(actor: object, text: str) -> object:
        loaded = selectors.draft_for_user(actor, draft.pk)
        return succeeded(lambda: services.draft_update(actor=actor, draft=loaded, revision=0, sections={"facts": text}))

    results, unexpected = race([save(world.users.judge, "法官稿"), save(world.court_clerk, "书记员稿")])
    assert unexpected == []
    assert sorted(results) == ["ok", "stale_revision"]
    saved = Draft.objects.get(pk=draft.pk)
    assert saved.revision == 1
    assert saved.sections["facts"] in ("法官稿", "书记员稿")


def test_concurrent_issuing_gives_one_document(world: World) -> None:
    draft = ready(world, approval_level="division_head")

    def sign(actor: object) -> object:
        loaded = selectors.draft_for_user(actor, draft.pk)
        return succeeded(lambda: services.draft_issue(actor=actor, draft=loaded))

    results, unexpected = race([sign(world.head), sign(world.users.president)])
    assert unexpected == []
    assert sorted(results) == ["document_issued", "ok"]
    assert IssuedDocument.objects.count() == 1
