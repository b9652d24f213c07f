"""Print documents and stored names are Chinese by design, even when the staff and parties who cause
them work in the English UI (choice labels are lazy translations: rendered under the user's language
they would come out in English)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from tests.conftest import Users
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.hearings.conftest import World
from tests.hearings.online_support import during, issue, online_hearing
from tianping.core import pdf
from tianping.hearings import services
from tianping.hearings.models import Transcript, TranscriptSignature

pytestmark = pytest.mark.django_db


def test_a_transcript_signed_in_english_is_stored_and_printed_in_chinese(
    world: World,
    users: Users,
    media: Path,  # noqa: F811
) -> None:
    with translation.override("en"):
        online = online_hearing(world, users.judge)
        tokens = issue(online, world.court_clerk)
        with during(online.hearing):
            services.attendance_join(token=tokens["张三"], user=users.litigant)
        services.transcript_save(actor=world.court_clerk, hearing=online.hearing, text="审判长：现在开庭。", revision=0)
        version = services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
        for actor in (users.judge, world.court_clerk, users.litigant):
            services.transcript_sign(actor=actor, hearing=online.hearing, text_sha256=version.sha256)
    roles = set(TranscriptSignature.objects.values_list("signer_role", flat=True))
    assert roles == {"审判长", "书记员", "当事人"}
    document = Transcript.objects.get(hearing=online.hearing).dossier_document
    assert document is not None
    with document.current_version.file.open("rb") as stored:
        flat = "".join(pdf.pdf_text(stored.read()).split())
    assert "当事人" in flat
    assert "开庭审理" in flat
    for english in ("Party", "Hearing", "Online", "Account"):
        assert english not in flat
