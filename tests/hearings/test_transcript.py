"""The transcript: autosave with revisions, versions put to signature, signing against the hash of the
text shown, corrections, and the signed PDF filed in the dossier."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import Users
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.hearings.conftest import World
from tests.hearings.online_support import ANONYMOUS, Online, during, issue, online_hearing
from tianping.core import pdf
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.dossier.enums import Category, Source, Volume
from tianping.hearings import selectors, services
from tianping.hearings.enums import TranscriptStatus
from tianping.hearings.models import Hearing, Transcript, TranscriptSignature
from tianping.notify.models import Notification

pytestmark = pytest.mark.django_db

TEXT = "审判长：现在开庭。\n原告张三陈述诉讼请求：判令被告支付货款十万元。\n被告代理人李律师：不同意原告的诉讼请求。"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def online(world: World, users: Users, media: Path) -> Online:  # noqa: F811
    online = online_hearing(world, users.judge)
    tokens = issue(online, world.court_clerk)
    with during(online.hearing):
        services.attendance_join(token=tokens["张三"], user=users.litigant)
        services.attendance_join(
            token=tokens["北京某某科技有限公司"],
            user=ANONYMOUS,
            query_code=world.defendant.query_code,
            id_suffix=world.defendant.credit_code[-6:],
        )
    return online


def write(online: Online, world: World, text: str = TEXT, revision: int | None = None) -> Transcript:
    current = Transcript.objects.filter(hearing=online.hearing).first()
    start = revision if revision is not None else (current.revision if current else 0)
    return services.transcript_save(actor=world.court_clerk, hearing=online.hearing, text=text, revision=start)


def test_autosave_counts_revisions_and_refuses_a_stale_one(online: Online, world: World) -> None:
    first = write(online, world, "第一稿", revision=0)
    assert (first.revision, first.text) == (1, "第一稿")
    second = write(online, world, "第二稿", revision=1)
    assert second.revision == 2
    with pytest.raises(Conflict) as stale:
        write(online, world, "另一位编辑基于第一版的修改", revision=1)
    assert stale.value.code == "transcript_stale"
    assert stale.value.details["revision"] == 2
    assert Transcript.objects.get(hearing=online.hearing).text == "第二稿"
    unchanged = write(online, world, "第二稿", revision=2)
    assert unchanged.revision == 2
    assert AuditRecord.objects.filter(action="hearings.transcript_save").count() == 2


def test_an_empty_editor_creates_no_transcript(online: Online, world: World) -> None:
    assert write(online, world, "", revision=0).pk is None
    assert not Transcript.objects.exists()


def test_only_the_clerk_writes(online: Online, world: World, users: Users) -> None:
    for actor in (users.litigant, users.lawyer, users.outsider, users.clerk):
        with pytest.raises(PermissionDenied):
            services.transcript_save(actor=actor, hearing=online.hearing, text="x", revision=0)
    assert not Transcript.objects.exists()


def test_submit_freezes_a_version_with_the_hash_of_the_exact_text(online: Online, world: World) -> None:
    write(online, world)
    version = services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    assert (version.number, version.text, version.sha256) == (1, TEXT, sha(TEXT))
    told = Notification.objects.filter(template="transcript_to_sign", channel="sms")
    assert sorted(n.recipient_name for n in told) == ["北京某某科技有限公司", "张三"]
    assert Transcript.objects.get(hearing=online.hearing).status == TranscriptStatus.REVIEWING
    with pytest.raises(Conflict) as unchanged:
        services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing, reason="再次")
    assert unchanged.value.code == "transcript_unchanged"


def test_empty_transcript_cannot_be_submitted(online: Online, world: World) -> None:
    write(online, world, "   ")
    with pytest.raises(ValidationFailed):
        services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)


def test_required_signers_are_judge_clerk_and_those_who_attended(online: Online, world: World) -> None:
    write(online, world)
    services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    review = selectors.transcript_review(transcript=Transcript.objects.get(hearing=online.hearing))
    assert [(s.name, s.role) for s in review.slots] == [
        ("李法官", "审判长"), ("钱书记", "书记员"), ("张三", "当事人"), ("北京某某科技有限公司", "当事人"),
    ]  # fmt: skip
    assert not review.all_signed


def test_signing_against_a_changed_text_is_refused_and_writes_nothing(
    online: Online, world: World, users: Users
) -> None:
    write(online, world)
    services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    write(online, world, TEXT + "\n（补充）")
    services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing, reason="补充被告意见")
    with pytest.raises(Conflict) as error:
        services.transcript_sign(actor=users.litigant, hearing=online.hearing, text_sha256=sha(TEXT))
    assert error.value.code == "transcript_changed"
    assert error.value.details["version"] == 2
    assert not TranscriptSignature.objects.exists()
    assert not AuditRecord.objects.filter(action="hearings.transcript_sign").exists()


def test_a_correction_needs_every_signature_again(online: Online, world: World, users: Users) -> None:
    write(online, world)
    first = services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    services.transcript_sign(actor=users.litigant, hearing=online.hearing, text_sha256=first.sha256)
    services.transcript_sign(actor=users.judge, hearing=online.hearing, text_sha256=first.sha256)
    with pytest.raises(Conflict) as twice:
        services.transcript_sign(actor=users.litigant, hearing=online.hearing, text_sha256=first.sha256)
    assert twice.value.code == "already_signed"
    corrected = TEXT.replace("十万元", "十二万元")
    write(online, world, corrected)
    with pytest.raises(ValidationFailed) as no_reason:
        services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    assert no_reason.value.code == "reason_required"
    second = services.transcript_submit_for_signature(
        actor=world.court_clerk, hearing=online.hearing, reason="更正诉讼请求金额"
    )
    assert (second.number, second.reason) == (2, "更正诉讼请求金额")
    assert first.signatures.count() == 2
    assert second.signatures.count() == 0
    review = selectors.transcript_review(transcript=second.transcript)
    assert review.version == second
    assert not any(s.signed_at for s in review.slots)


def test_party_and_outsider_cannot_sign_for_others(online: Online, world: World, users: Users) -> None:
    write(online, world)
    version = services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    for actor in (users.outsider, users.division_head):
        with pytest.raises(PermissionDenied):
            services.transcript_sign(actor=actor, hearing=online.hearing, text_sha256=version.sha256)
    with pytest.raises(PermissionDenied):  # the lawyer never joined: not a required signer
        services.transcript_sign(actor=users.lawyer, hearing=online.hearing, text_sha256=version.sha256)
    with pytest.raises(PermissionDenied):  # a logged-in account cannot sign for the company by query code
        services.transcript_sign(
            actor=users.litigant, hearing=online.hearing, text_sha256=version.sha256,
            participant_id=online.company.pk, query_code=world.defendant.query_code,
            id_suffix=world.defendant.credit_code[-6:],
        )  # fmt: skip
    with pytest.raises(ValidationFailed):
        services.transcript_sign(
            actor=ANONYMOUS, hearing=online.hearing, text_sha256=version.sha256,
            participant_id=online.company.pk, query_code=world.defendant.query_code, id_suffix="999999",
        )  # fmt: skip
    assert not TranscriptSignature.objects.exists()
    assert AuditRecord.objects.filter(action="hearings.identity_failed").count() == 1


def test_all_signed_files_the_pdf_in_the_dossier(online: Online, world: World, users: Users) -> None:
    write(online, world)
    version = services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    services.transcript_sign(actor=users.judge, hearing=online.hearing, text_sha256=version.sha256)
    services.transcript_sign(actor=world.court_clerk, hearing=online.hearing, text_sha256=version.sha256)
    services.transcript_sign(actor=users.litigant, hearing=online.hearing, text_sha256=version.sha256.upper())
    assert Transcript.objects.get(hearing=online.hearing).status == TranscriptStatus.REVIEWING
    assert [t.pk for t in selectors.transcripts_unsigned(case=world.case)] == [version.transcript_id]
    last = services.transcript_sign(
        actor=ANONYMOUS, hearing=online.hearing, text_sha256=version.sha256,
        participant_id=online.company.pk, query_code=world.defendant.query_code,
        id_suffix=world.defendant.credit_code[-6:],
    )  # fmt: skip
    assert (last.signer_name, last.identity_method, last.signer_id) == ("北京某某科技有限公司", "query_code", None)
    transcript = Transcript.objects.select_related("dossier_document__current_version").get(hearing=online.hearing)
    assert transcript.status == TranscriptStatus.FILED
    document = transcript.dossier_document
    assert document is not None
    assert document.case_id == world.case.pk
    assert (document.volume, document.category, document.source) == (Volume.MAIN, Category.RECORD, Source.GENERATED)
    with document.current_version.file.open("rb") as stored:
        text = pdf.pdf_text(stored.read())
    flat = "".join(text.split())
    for line in TEXT.splitlines():
        assert "".join(line.split()) in flat
    for name in ("李法官", "钱书记", "张三", "北京某某科技有限公司"):
        assert name in flat
    assert version.sha256 in flat
    assert selectors.transcripts_unsigned(case=world.case) == []
    assert AuditRecord.objects.filter(action="hearings.transcript_file").count() == 1
    with pytest.raises(Conflict):
        write(online, world, "归档后的修改")


def test_a_finished_hearing_without_transcript_counts_as_unsigned(online: Online, world: World, users: Users) -> None:
    assert selectors.transcripts_unsigned(case=world.case) == []
    Hearing.objects.filter(pk=online.hearing.pk).update(status="finished")
    pending = selectors.transcripts_unsigned(case=world.case)
    assert [(t.hearing_id, t.status, t.pk) for t in pending] == [(online.hearing.pk, TranscriptStatus.DRAFTING, None)]


def test_my_hearings_lists_the_transcripts_waiting_for_my_own_signature(
    online: Online, world: World, users: Users
) -> None:
    write(online, world)
    version = services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    assert [t.hearing_id for t in selectors.transcripts_awaiting_signature(user=users.litigant)] == [online.hearing.pk]
    assert selectors.transcripts_awaiting_signature(user=users.lawyer) == []  # never joined: not a signer
    assert selectors.transcripts_awaiting_signature(user=users.outsider) == []
    services.transcript_sign(actor=users.litigant, hearing=online.hearing, text_sha256=version.sha256)
    assert selectors.transcripts_awaiting_signature(user=users.litigant) == []
    assert [t.hearing_id for t in selectors.transcripts_awaiting_signature(user=users.judge)] == [online.hearing.pk]


def test_the_my_hearings_page_links_to_the_transcript_to_sign(
    online: Online, world: World, users: Users, client: Any
) -> None:
    write(online, world)
    services.transcript_submit_for_signature(actor=world.court_clerk, hearing=online.hearing)
    client.force_login(users.litigant)
    page = client.get(reverse("hearings:mine")).content.decode()
    assert "待您签名的笔录" in page
    assert reverse("hearings:transcript_review", args=[online.hearing.pk]) in page
