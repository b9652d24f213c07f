"""Two editors saving from the same revision at the same moment: one wins, the other gets
``transcript_stale``; the last two signatures at once file the transcript exactly once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.concurrency import race, succeeded
from tests.conftest import Users
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.hearings.conftest import World
from tests.hearings.online_support import during, issue, online_hearing
from tianping.hearings import services
from tianping.hearings.enums import TranscriptStatus
from tianping.hearings.models import Transcript

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_autosaves_from_one_revision(world: World, users: Users, media: Path) -> None:  # noqa: F811
    hearing = online_hearing(world, users.judge).hearing
    services.transcript_save(actor=world.court_clerk, hearing=hearing, text="开头", revision=0)
    results, unexpected = race(
        [
            succeeded(
                lambda: services.transcript_save(actor=world.court_clerk, hearing=hearing, text="甲的修改", revision=1)
            ),
            succeeded(
                lambda: services.transcript_save(actor=world.court_clerk, hearing=hearing, text="乙的修改", revision=1)
            ),
        ]
    )
    assert unexpected == []
    assert sorted(results) == ["ok", "transcript_stale"]
    transcript = Transcript.objects.get()
    assert transcript.revision == 2
    assert transcript.text in {"甲的修改", "乙的修改"}


def test_last_signatures_at_once_file_exactly_once(world: World, users: Users, media: Path) -> None:  # noqa: F811
    online = online_hearing(world, users.judge)
    token = issue(online, world.court_clerk)["张三"]
    with during(online.hearing):
        services.attendance_join(token=token, user=users.litigant)
    services.transcript_save(actor=world.court_clerk, hearing=online.hearing, text="笔录", revision=0)
    version = services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    services.transcript_sign(actor=users.judge, hearing=online.hearing, text_sha256=version.sha256)
    results, unexpected = race(
        [
            succeeded(
                lambda: services.transcript_sign(
                    actor=users.litigant, hearing=online.hearing, text_sha256=version.sha256
                )
            ),
            succeeded(
                lambda: services.transcript_sign(
                    actor=world.court_clerk, hearing=online.hearing, text_sha256=version.sha256
                )
            ),
        ]
    )
    assert unexpected == []
    assert results == ["ok", "ok"]
    transcript = Transcript.objects.get()
    assert transcript.status == TranscriptStatus.FILED
    assert version.signatures.count() == 3
