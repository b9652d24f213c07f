"""The demo's trial scenario: what ``chaoyang_judge``, ``chaoyang_head``, ``litigant``, ``lawyer`` and the
public see of hearings, transcripts and judgment documents, read through the selectors."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tianping.cases import selectors as case_selectors
from tianping.cases.enums import CaseStatus
from tianping.cases.models import Case
from tianping.core import audit, clock
from tianping.core.models import AuditRecord
from tianping.delivery.enums import ServiceMethod
from tianping.delivery.models import Service
from tianping.demo.builder import build_demo
from tianping.demo.openness_scenario import publish_effective_judgments
from tianping.demo.services_scenario import build_services_scenario
from tianping.demo.trial_scenario import PUBLIC_HEARING_DAYS, TrialSummary, build_trial_scenario
from tianping.hearings import selectors as hearing_selectors
from tianping.hearings.enums import HearingMode, HearingStatus, TranscriptStatus
from tianping.hearings.models import Hearing, Participant, Transcript, TranscriptSignature
from tianping.judgments import selectors as judgment_selectors
from tianping.judgments.enums import ApprovalLevel, DraftStatus, EffectStatus
from tianping.judgments.models import Archive, Draft, IssuedDocument
from tianping.judgments.services import missing_sections
from tianping.notify.models import Notification

SHANGHAI = ZoneInfo("Asia/Shanghai")


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def snapshot() -> dict[str, int]:
    """Row counts of everything the scenario writes."""
    models = (Case, Hearing, Participant, Transcript, TranscriptSignature, Draft, IssuedDocument, Archive, Service)
    return {model.__name__: model.objects.count() for model in (*models, AuditRecord, Notification)}


def issued_with(status: str) -> IssuedDocument:
    """The scenario's document in ``status`` (the archived case's judgment, effective too, left out)."""
    documents = IssuedDocument.objects.select_related("case").exclude(case__status=CaseStatus.ARCHIVED)
    return documents.get(effect_status=status, case__court__code="京0105")


@pytest.fixture(scope="class")
def scenario(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TrialSummary]:
    """The minimal demo province, the services scenario, then the trial scenario (as the command runs them);
    files in a temporary storage; rolled back afterwards."""
    root = tmp_path_factory.mktemp("demo-media")
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}
    }}  # fmt: skip
    with override_settings(MEDIA_ROOT=str(root), STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        build_demo()
        build_services_scenario()  # as the demo command does first
        yield build_trial_scenario()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("scenario")
class TestTrialScenario:
    def test_summary(self, scenario: TrialSummary) -> None:
        assert not scenario.skipped
        assert (scenario.cases, scenario.hearings, scenario.transcripts_filed) == (8, 8, 5)
        assert (scenario.drafts, scenario.issued, scenario.served, scenario.effective, scenario.archived) == (
            5, 3, 6, 2, 1
        )  # fmt: skip
        assert scenario.join_links == 3  # the litigant, their lawyer and the defendant of the online hearing

    def test_a_second_run_creates_nothing(self) -> None:
        publish_effective_judgments()  # the command's next step (tested on its own)
        before = snapshot()
        again = build_trial_scenario()
        out = io.StringIO()
        call_command("demo", stdout=out)
        assert again.skipped == "already there; nothing created"
        assert "demo trial: already there; nothing created" in out.getvalue()
        assert snapshot() == before

    def test_litigant_sees_the_upcoming_hearings_with_a_join_link(self) -> None:
        litigant = user("litigant")
        upcoming = list(hearing_selectors.my_hearings(user=litigant))
        assert sorted(h.mode for h in upcoming) == [HearingMode.IN_PERSON, HearingMode.ONLINE]
        assert all(h.status == HearingStatus.SCHEDULED and h.starts_at > clock.now() for h in upcoming)
        assert all(h.presiding_judge.username == "chaoyang_judge" for h in upcoming)
        online = next(h for h in upcoming if h.mode == HearingMode.ONLINE)
        mine = hearing_selectors.hearing_participant_for(hearing=online, user=litigant)
        assert mine is not None
        assert mine.join_nonce  # a link was issued
        assert len(list(hearing_selectors.my_hearings(user=litigant, past=True))) == 6

    def test_lawyer_is_summoned_to_the_online_hearing_as_agent(self) -> None:
        lawyer = user("lawyer")
        [hearing] = hearing_selectors.my_hearings(user=lawyer)
        assert hearing.mode == HearingMode.ONLINE
        participant = hearing_selectors.hearing_participant_for(hearing=hearing, user=lawyer)
        assert participant is not None
        assert (participant.role, bool(participant.join_nonce)) == ("agent", True)

    def test_public_listing_and_calendar_show_the_courtroom_hearing(self) -> None:
        listed = list(hearing_selectors.public_hearings())
        in_person = [h for h in listed if h.mode == HearingMode.IN_PERSON]
        assert len(in_person) == 1
        hearing = in_person[0]
        day = hearing.starts_at.astimezone(SHANGHAI).date()
        assert (day - clock.today()).days >= PUBLIC_HEARING_DAYS
        assert hearing.court.code == "京0105"
        assert hearing.courtroom is not None
        assert hearing.announced_on == clock.today()
        calendar = hearing_selectors.courtroom_calendar(court_id=hearing.court_id, day=day)
        cells = [h for row in calendar.rows if row.courtroom == hearing.courtroom for h in row.cells[0]]
        assert [h.pk for h in cells] == [hearing.pk]

    def test_judge_has_every_hearing_of_the_scenario(self) -> None:
        judge = user("chaoyang_judge")
        assert len(list(hearing_selectors.my_hearings(user=judge))) == 2
        past = list(hearing_selectors.my_hearings(user=judge, past=True))
        assert len(past) == 6
        assert all(h.status == HearingStatus.FINISHED for h in past)

    def test_a_transcript_awaits_the_litigant_only(self) -> None:
        [transcript] = Transcript.objects.filter(status=TranscriptStatus.REVIEWING)
        review = hearing_selectors.transcript_review(transcript=transcript)
        assert [s.role for s in review.slots if s.signed_at is None] == ["当事人"]
        assert hearing_selectors.awaits_signature_of(review=review, user=user("litigant"))
        assert not hearing_selectors.awaits_signature_of(review=review, user=user("chaoyang_judge"))
        assert hearing_selectors.transcripts_unsigned(case=transcript.hearing.case) == [transcript]

    def test_signed_transcripts_are_filed_in_the_dossier(self) -> None:
        filed = Transcript.objects.filter(status=TranscriptStatus.FILED).select_related("dossier_document")
        assert filed.count() == 5
        for transcript in filed:
            assert transcript.dossier_document is not None
            assert transcript.dossier_document.category == "record"
            review = hearing_selectors.transcript_review(transcript=transcript)
            assert review.all_signed
            assert {s.role for s in review.slots} == {"审判长", "书记员", "当事人"}

    def test_judge_drafts_and_head_issue_queue(self) -> None:
        judge, head, president = user("chaoyang_judge"), user("chaoyang_head"), user("chaoyang_president")
        drafts = list(judgment_selectors.my_drafts(user=judge))
        by_status: dict[str, list[Draft]] = {}
        for draft in drafts:
            by_status.setdefault(draft.status, []).append(draft)
        assert (len(by_status[DraftStatus.DRAFTING]), len(by_status[DraftStatus.SUBMITTED])) == (1, 1)
        assert len(by_status[DraftStatus.ISSUED]) == 3
        assert missing_sections(by_status[DraftStatus.DRAFTING][0]) == ["decision"]
        submitted = by_status[DraftStatus.SUBMITTED][0]
        assert submitted.approval_level == ApprovalLevel.DIVISION_HEAD
        assert [d.pk for d in judgment_selectors.issue_queue(user=head)] == [submitted.pk]
        assert [d.pk for d in judgment_selectors.issue_queue(user=president)] == [submitted.pk]
        assert judgment_selectors.issue_queue(user=judge) == []

    def test_judgment_in_its_appeal_period_served_to_every_party(self) -> None:
        document = issued_with(EffectStatus.APPEAL_PERIOD)
        litigant = user("litigant")
        visible = judgment_selectors.issued_document_for_user(litigant, document.pk)
        view = judgment_selectors.document_effect(user=litigant, document=visible)
        assert len(view.periods) == 2
        assert all(p.days == 15 and p.ends_on is not None and p.ends_on >= clock.today() for p in view.periods)
        assert all(s.served_on is not None and s.served_on < clock.today() for s in view.served)
        methods = set(Service.objects.filter(document_id=document.pdf_document_id).values_list("method", flat=True))
        assert methods == {ServiceMethod.ELECTRONIC, ServiceMethod.DIRECT}
        assert document.case.status == CaseStatus.CLOSED

    def test_judgment_that_took_effect(self) -> None:
        document = issued_with(EffectStatus.EFFECTIVE)
        assert document.effective_on is not None
        assert document.effective_on < clock.today()
        view = judgment_selectors.document_effect(user=user("chaoyang_judge"), document=document)
        assert all(p.ends_on is not None and p.ends_on < document.effective_on for p in view.periods)
        assert document.case.status == CaseStatus.EFFECTIVE
        waiting = judgment_selectors.cases_awaiting_archive(user=user("chaoyang_judge"))
        assert document.case_id in set(waiting.values_list("pk", flat=True))

    def test_archived_case_verifies(self) -> None:
        [archive] = Archive.objects.filter(case__court__code="京0105")
        judge = user("chaoyang_judge")
        case = case_selectors.case_for_user(judge, archive.case_id)
        assert case.status == CaseStatus.ARCHIVED
        view = judgment_selectors.archive_view(user=judge, case=case)
        assert view.verify is not None
        assert view.verify.ok
        assert all(item["ok"] for item in archive.checklist)
        assert archive.archive_no.startswith("京0105-")
        assert archive.sealed_at < clock.now() - dt.timedelta(days=7)
        assert {e["category"] for e in archive.manifest} >= {"record", "ruling"}

    def test_notifications_stay_on_the_machine_and_the_audit_chain_verifies(self) -> None:
        addresses = set(Notification.objects.values_list("address", flat=True)) - {""}
        assert addresses
        assert addresses <= {user("litigant").mobile, user("lawyer").mobile}
        assert audit.verify().ok


@pytest.mark.django_db
def test_scenario_needs_the_demo_accounts() -> None:
    summary = build_trial_scenario()
    assert summary.skipped.startswith("demo accounts or court 京0105 missing")
    assert not Hearing.objects.exists()
