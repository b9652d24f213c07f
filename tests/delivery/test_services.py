"""Electronic service through the services: consent rules, service time, openings, alerts, paper
tasks, proofs of service, and what is refused (with nothing written)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import Users
from tests.delivery.conftest import SERVED_AT, SHANGHAI, World, add_document, consent, serve
from tests.dossier.conftest import png, text_pdf, upload
from tianping.core import clock
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.core.pdf import pdf_text
from tianping.delivery import selectors, services
from tianping.delivery.enums import ConsentStatus, PaperReason, ServiceMethod, ServiceStatus
from tianping.delivery.models import Consent, Service
from tianping.dossier import selectors as dossier_selectors
from tianping.dossier.enums import Category, Source, Volume
from tianping.dossier.models import Document
from tianping.notify import services as notify_services
from tianping.notify.enums import Channel, NotificationStatus
from tianping.notify.models import Notification, SmsOutbox

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return Service.objects.count(), Consent.objects.count(), Document.objects.count(), AuditRecord.objects.count()


# ---- Consent -----------------------------------------------------------------------------------


def test_party_consents_online_with_own_account_as_inbox(world: World, users: Users) -> None:
    given = consent(world, users.litigant, world.plaintiff, mobile="+86 138-0013-8000", email="Zhang@Example.com")
    assert (given.inbox_account, given.method, given.status) == (users.litigant, "online", ConsentStatus.ACTIVE)
    assert (given.alert_mobile, given.alert_email) == ("13800138000", "zhang@example.com")
    assert given.consented_on == clock.today()
    entry = AuditRecord.objects.get(action="delivery.consent_record")
    assert entry.actor_username == "litigant"
    assert entry.changes["party"] == world.plaintiff.pk


def test_an_agent_consents_for_the_party_and_a_new_consent_replaces_the_old(world: World, users: Users) -> None:
    first = consent(world, users.lawyer, world.defendant)
    second = consent(world, users.lawyer, world.defendant, mobile="13900139000")
    first.refresh_from_db()
    assert first.status == ConsentStatus.WITHDRAWN
    assert first.withdraw_reason
    assert second.status == ConsentStatus.ACTIVE
    assert second.inbox_account == users.lawyer
    assert Consent.objects.filter(party=world.defendant, status=ConsentStatus.ACTIVE).count() == 1


@pytest.mark.parametrize("who", ["other_litigant", "judge", "lawyer"])
def test_only_the_party_or_its_agent_consents_online(world: World, users: Users, who: str) -> None:
    actor = world.other_litigant if who == "other_litigant" else getattr(users, who)
    before = _counts()
    with pytest.raises(PermissionDenied):
        consent(world, actor, world.plaintiff)
    assert _counts() == before


@pytest.mark.parametrize(
    ("mobile", "email", "code"),
    [("", "", "alert_required"), ("12345", "", "invalid_mobile"), ("", "not-an-address", "invalid_email")],
)
def test_consent_needs_a_valid_alert_address(world: World, users: Users, mobile: str, email: str, code: str) -> None:
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        consent(world, users.litigant, world.plaintiff, mobile=mobile, email=email)
    assert caught.value.code == code
    assert _counts() == before


def test_consent_for_a_party_of_another_case_is_refused(world: World, users: Users, register: Any) -> None:
    other_case = register()
    stranger = other_case.parties.first()
    with pytest.raises(ValidationFailed) as caught:
        services.consent_record(actor=users.litigant, case=world.case, party_id=stranger.pk, alert_mobile="13800138000")
    assert caught.value.code == "unknown_parties"


def test_court_clerk_records_a_signed_paper_form(world: World, users: Users) -> None:
    given = services.consent_record_from_form(
        actor=world.court_clerk,
        case=world.case,
        party_id=world.third.pk,
        inbox_account_id=world.other_litigant.pk,
        consented_on=dt.date(2026, 3, 1),
        form_file=upload(png(), "form.png", "image/png"),
        alert_mobile="13700137000",
    )
    assert given.method == "paper_form"
    assert given.inbox_account == world.other_litigant
    form = given.form_document
    assert (form.case, form.volume, form.uploaded_by) == (world.case, Volume.MAIN, world.court_clerk)
    assert "李四" in form.title


def test_paper_form_inbox_must_belong_to_the_party_and_nothing_is_written(world: World, users: Users) -> None:
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        services.consent_record_from_form(
            actor=world.court_clerk,
            case=world.case,
            party_id=world.third.pk,
            inbox_account_id=users.litigant.pk,  # 张三's account, not 李四's
            consented_on=dt.date(2026, 3, 1),
            form_file=upload(png(), "form.png", "image/png"),
            alert_mobile="13700137000",
        )
    assert caught.value.code == "inbox_not_linked"
    assert _counts() == before


def test_a_party_cannot_record_a_paper_form(world: World, users: Users) -> None:
    with pytest.raises(PermissionDenied):
        services.consent_record_from_form(
            actor=users.litigant,
            case=world.case,
            party_id=world.plaintiff.pk,
            inbox_account_id=users.litigant.pk,
            consented_on=dt.date(2026, 3, 1),
            form_file=upload(png(), "form.png", "image/png"),
            alert_mobile="13700137000",
        )


def test_withdrawn_consent_means_paper_from_then_on(world: World, users: Users) -> None:
    given = consent(world, users.litigant, world.plaintiff)
    services.consent_withdraw(actor=users.litigant, consent=given, reason="改为纸质")
    given.refresh_from_db()
    assert given.status == ConsentStatus.WITHDRAWN
    assert given.withdrawn_by == users.litigant
    [service] = serve(world, users.judge, world.plaintiff)
    assert (service.method, service.status) == (ServiceMethod.POST, ServiceStatus.PAPER_PENDING)
    assert service.paper_reason == PaperReason.NO_CONSENT
    with pytest.raises(Conflict):
        services.consent_withdraw(actor=users.litigant, consent=given)
    with pytest.raises(PermissionDenied):
        services.consent_withdraw(actor=world.other_litigant, consent=consent(world, users.litigant, world.plaintiff))


# ---- Serving -----------------------------------------------------------------------------------


def test_electronic_service_time_is_arrival_and_proof_goes_into_the_dossier(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    assert service.method == ServiceMethod.ELECTRONIC
    assert service.status == ServiceStatus.SERVED
    assert service.served_at == SERVED_AT
    assert service.recipient_account == users.litigant
    assert service.sha256 == world.ruling.current_version.sha256
    assert list(selectors.inbox_for_user(users.litigant)) == [service]
    proof = service.proof_document
    assert (proof.category, proof.source, proof.volume) == (Category.SERVICE_RECEIPT, Source.GENERATED, Volume.MAIN)
    assert proof.uploaded_by == users.judge
    assert proof.current_version.content_type == "application/pdf"
    text = pdf_text(dossier_selectors.version_bytes(proof.current_version)).replace("\n", "")
    expected_texts = (world.case.number, "张三", "2026年03月16日 09:30:15", "民事裁定书", "电子送达", "尚未查阅")
    for expected in (*expected_texts, "系统自动生成"):
        assert expected in text, expected
    assert service.sha256[:16] in text.replace(" ", "")
    assert AuditRecord.objects.filter(action="delivery.serve", object_id=str(service.pk)).exists()


def test_party_without_consent_or_account_gets_a_paper_task(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    services_ = serve(world, users.judge, world.plaintiff, world.defendant, world.third)
    by_party = {s.party_id: s for s in services_}
    assert by_party[world.plaintiff.pk].status == ServiceStatus.SERVED
    assert by_party[world.defendant.pk].status == ServiceStatus.PAPER_PENDING
    assert by_party[world.defendant.pk].paper_reason == PaperReason.NO_CONSENT  # the lawyer has an account
    assert by_party[world.third.pk].paper_reason == PaperReason.NO_CONSENT
    assert by_party[world.third.pk].proof_document is None
    assert by_party[world.third.pk].served_at is None
    tasks = list(selectors.paper_tasks_for_user(user=world.court_clerk))
    assert {t.pk for t in tasks} == {by_party[world.defendant.pk].pk, by_party[world.third.pk].pk}


def test_mandatory_alert_reaches_an_opted_out_mobile(
    world: World, users: Users, django_capture_on_commit_callbacks: Any
) -> None:
    notify_services.opt_out_create(actor=users.litigant, address=users.litigant.mobile, channel=Channel.SMS)
    consent(world, users.litigant, world.plaintiff, mobile=users.litigant.mobile)
    second = add_document(users.judge, world.case, "民事判决书", category=Category.RULING)
    with django_capture_on_commit_callbacks(execute=True):
        serve(world, users.judge, world.plaintiff, documents=[world.ruling, second])
    [sms] = [row for row in SmsOutbox.objects.filter(to=users.litigant.mobile) if "电子送达" in row.text]
    assert world.case.number in sms.text
    assert "2份法律文书" in sms.text
    assert "我的送达" in sms.text
    alert = Notification.objects.get(template="document_served", channel=Channel.SMS)
    assert alert.status == NotificationStatus.SENT


def test_secondary_volume_is_never_served_and_nothing_is_written(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        serve(world, users.judge, world.plaintiff, documents=[world.ruling, world.memo])
    assert caught.value.code == "secondary_volume"
    assert caught.value.details == {"document_ids": [world.memo.pk]}
    assert _counts() == before


@pytest.mark.parametrize("bad", ["document", "party"])
def test_unknown_ids_are_422_and_nothing_is_written(world: World, users: Users, register: Any, bad: str) -> None:
    other_case = register()
    consent(world, users.litigant, world.plaintiff)
    before = _counts()
    document_ids = [world.ruling.pk, 999_999] if bad == "document" else [world.ruling.pk]
    party_ids = [world.plaintiff.pk, other_case.parties.first().pk] if bad == "party" else [world.plaintiff.pk]
    with pytest.raises(ValidationFailed) as caught:
        services.document_serve(actor=users.judge, case=world.case, document_ids=document_ids, party_ids=party_ids)
    assert caught.value.code == ("unknown_documents" if bad == "document" else "unknown_parties")
    assert _counts() == before


@pytest.mark.parametrize("who", ["litigant", "clerk", "outsider", "auditor"])
def test_only_serving_staff_of_the_court_serve(world: World, users: Users, who: str) -> None:
    before = _counts()
    with pytest.raises(PermissionDenied):
        serve(world, getattr(users, who), world.plaintiff)
    assert _counts() == before


def test_court_clerk_serves_and_serving_again_is_refused(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    serve(world, world.court_clerk, world.plaintiff)
    with pytest.raises(Conflict) as caught:
        serve(world, users.judge, world.plaintiff, world.third)
    assert caught.value.code == "already_served"
    assert Service.objects.count() == 1


# ---- The recipient -------------------------------------------------------------------------------


def test_opening_records_the_first_time_and_counts_the_rest(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    first = SERVED_AT + dt.timedelta(hours=2)
    with clock.frozen_at(first):
        services.service_open(actor=users.litigant, service=service)
    with clock.frozen_at(first + dt.timedelta(days=1)):
        services.service_open(actor=users.litigant, service=service)
    service.refresh_from_db()
    assert service.status == ServiceStatus.OPENED
    assert service.first_opened_at == first
    assert service.open_count == 2
    assert service.last_opened_at == first + dt.timedelta(days=1)
    assert service.served_at == SERVED_AT  # opening never moves the service time
    reads = AuditRecord.objects.filter(action="delivery.open", object_id=str(service.pk)).order_by("seq")
    assert [r.changes["first"] for r in reads] == [True, False]


def test_only_the_recipient_opens(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    for intruder in (world.other_litigant, users.lawyer, users.judge):
        with pytest.raises(NotFound):
            services.service_open(actor=intruder, service=service)
        with pytest.raises(NotFound):
            selectors.inbox_service_for_user(intruder, service.pk)
    service.refresh_from_db()
    assert service.open_count == 0
    assert service.first_opened_at is None


def test_proof_is_regenerated_after_the_first_opening(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    with pytest.raises(Conflict):
        services.service_proof_regenerate(actor=users.judge, service=service)
    with clock.frozen_at(dt.datetime(2026, 3, 17, 20, 5, 0, tzinfo=SHANGHAI)):
        services.service_open(actor=users.litigant, service=service)
    services.service_proof_regenerate(actor=world.court_clerk, service=service)
    service.refresh_from_db()
    version = service.proof_document.current_version
    assert version.number == 2
    assert service.proof_shows_opening
    text = pdf_text(dossier_selectors.version_bytes(version)).replace("\n", "")
    assert "2026年03月17日 20:05:00" in text
    assert "尚未查阅" not in text
    with pytest.raises(Conflict):
        services.service_proof_regenerate(actor=users.judge, service=service)


def test_recipient_may_ask_for_paper_once(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    [service] = serve(world, users.judge, world.plaintiff)
    task = services.paper_request(actor=users.litigant, service=service)
    assert (task.status, task.paper_reason, task.requested_from) == (
        ServiceStatus.PAPER_PENDING,
        PaperReason.REQUESTED,
        service,
    )
    with pytest.raises(Conflict):
        services.paper_request(actor=users.litigant, service=service)
    with pytest.raises(NotFound):
        services.paper_request(actor=world.other_litigant, service=service)


# ---- Paper tasks ---------------------------------------------------------------------------------


def test_clerk_records_delivery_with_a_receipt_scan(world: World, users: Users) -> None:
    [task] = serve(world, users.judge, world.defendant)
    with clock.frozen_at(SERVED_AT + dt.timedelta(days=3)):
        done = services.paper_outcome_record(
            actor=world.court_clerk,
            service=task,
            outcome="delivered",
            method=ServiceMethod.DIRECT,
            delivered_on=dt.date(2026, 3, 18),
            receipt_file=upload(text_pdf("Receipt"), "receipt.pdf"),
        )
    assert (done.status, done.method, done.delivered_on) == (
        ServiceStatus.PAPER_DELIVERED,
        ServiceMethod.DIRECT,
        dt.date(2026, 3, 18),
    )
    assert done.receipt_document.category == Category.SERVICE_RECEIPT
    with pytest.raises(Conflict):
        services.paper_outcome_record(actor=world.court_clerk, service=done, outcome="failed", reason="again")


def test_paper_outcome_rules(world: World, users: Users) -> None:
    [task] = serve(world, users.judge, world.defendant)
    with clock.frozen_at(SERVED_AT + dt.timedelta(days=1)):
        for kwargs, code in [
            ({"outcome": "failed"}, "reason_required"),
            ({"outcome": "delivered"}, "date_required"),
            ({"outcome": "delivered", "delivered_on": dt.date(2026, 4, 1)}, "invalid_date"),
            ({"outcome": "delivered", "delivered_on": dt.date(2026, 3, 16), "method": "electronic"},
             "invalid_paper_method"),
            ({"outcome": "lost"}, "invalid_outcome"),
        ]:  # fmt: skip
            with pytest.raises(ValidationFailed) as caught:
                services.paper_outcome_record(actor=world.court_clerk, service=task, **kwargs)
            assert caught.value.code == code
        with pytest.raises(PermissionDenied):
            services.paper_outcome_record(actor=users.litigant, service=task, outcome="failed", reason="x")
        failed = services.paper_outcome_record(
            actor=world.court_clerk, service=task, outcome="failed", reason="地址查无此人"
        )
    assert failed.status == ServiceStatus.PAPER_FAILED
    assert failed.failure_reason == "地址查无此人"
    # A failed task does not block serving again.
    serve(world, users.judge, world.defendant)
    assert Service.objects.filter(party=world.defendant).count() == 2


def test_case_services_for_other_contexts(world: World, users: Users) -> None:
    consent(world, users.litigant, world.plaintiff)
    created = serve(world, users.judge, world.plaintiff, world.defendant)
    assert {s.pk for s in selectors.case_services(case=world.case)} == {s.pk for s in created}
