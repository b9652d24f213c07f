"""The demo's litigation-services scenario: what ``litigant``, ``lawyer`` and the 朝阳 filing clerk see."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tianping.appointments.models import Booking
from tianping.cases.models import Case
from tianping.core import audit
from tianping.core.models import AuditRecord
from tianping.core.pdf import pdf_text
from tianping.delivery.enums import ServiceStatus
from tianping.delivery.models import Consent, Service
from tianping.demo import beijing
from tianping.demo.builder import build_demo
from tianping.demo.openness_scenario import publish_effective_judgments
from tianping.demo.services_scenario import ScenarioSummary, build_services_scenario
from tianping.demo.trial_scenario import build_trial_scenario
from tianping.dossier.enums import ReadingStatus
from tianping.dossier.models import Document, ReadingRequest
from tianping.filing import selectors as filing_selectors
from tianping.filing.enums import FilingStatus
from tianping.filing.models import Filing, FilingAttachment
from tianping.notify.models import Notification
from tianping.payments.enums import OrderStatus
from tianping.payments.models import PaymentOrder
from tianping.portal.selectors import portal_overview


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def snapshot() -> dict[str, int]:
    """Row counts of everything the scenario writes."""
    models = (Filing, FilingAttachment, Case, Document, Service, Consent, ReadingRequest, PaymentOrder, Booking)
    return {model.__name__: model.objects.count() for model in (*models, AuditRecord, Notification)}


@pytest.fixture(scope="class")
def scenario(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ScenarioSummary]:
    """The demo province and the scenario, files in a temporary storage; rolled back afterwards."""
    root = tmp_path_factory.mktemp("demo-media")
    storages = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}
    }}  # fmt: skip
    with override_settings(MEDIA_ROOT=str(root), STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        build_demo()
        yield build_services_scenario()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("scenario")
class TestServicesScenario:
    def test_summary(self, scenario: ScenarioSummary) -> None:
        assert not scenario.skipped
        assert (scenario.filings, scenario.attachments) == (5, 13)
        assert (scenario.documents, scenario.served, scenario.reading_grants, scenario.bookings) == (2, 2, 1, 1)
        assert scenario.paid_orders == 1
        assert "京0105民初" in scenario.case_number

    def test_a_second_run_creates_nothing(self) -> None:
        with transaction.atomic():  # the command's next steps (tested on their own), rolled back
            build_trial_scenario()
            publish_effective_judgments()
            before = snapshot()
            again = build_services_scenario()
            out = io.StringIO()
            call_command("demo", stdout=out)
            assert again.skipped == "already there; nothing created"
            assert "demo services: already there; nothing created" in out.getvalue()
            assert snapshot() == before
            transaction.set_rollback(True)

    def test_litigant_filings_in_every_state(self) -> None:
        filings = filing_selectors.filings_for_user(user(beijing.LITIGANT["username"]))
        assert sorted(f.status for f in filings) == sorted(
            [FilingStatus.DRAFT, FilingStatus.SUBMITTED, FilingStatus.SUPPLEMENT_REQUESTED, FilingStatus.REGISTERED]
        )
        assert all(f.court.code == "京0105" for f in filings)
        draft = filings.get(status=FilingStatus.DRAFT)
        assert draft.receipt_number == "" or draft.receipt_number is None
        assert not draft.attachments.exists()
        supplement = filings.get(status=FilingStatus.SUPPLEMENT_REQUESTED)
        assert len(supplement.supplement.items) == 2

    def test_attachments_are_real_one_page_pdfs(self) -> None:
        attachments = FilingAttachment.objects.filter(filing__court__code="京0105")
        assert attachments.count() == 13
        titles: set[str] = set()
        for attachment in attachments:
            with attachment.file.open("rb") as handle:
                data = handle.read()
            assert data.startswith(b"%PDF-")
            assert attachment.pages == 1
            assert attachment.content_type == "application/pdf"
            titles.add(pdf_text(data).split("\n", 1)[0].replace(" ", ""))
        assert titles == {"居民身份证复印件", "民事起诉状", "证据目录", "授权委托书"}
        complaint = attachments.filter(category="complaint", filing__status=FilingStatus.SUBMITTED).first()
        assert complaint is not None
        with complaint.file.open("rb") as handle:
            text = pdf_text(handle.read()).replace(" ", "").replace("\n", "")
        for expected in ("民事起诉状", "北京星河商贸有限公司", "诉讼请求", "事实与理由"):
            assert expected in text

    def test_lawyer_files_as_agent_with_a_power_of_attorney(self) -> None:
        filings = filing_selectors.filings_for_user(user(beijing.LAWYER["username"]))
        assert [(f.status, f.as_agent) for f in filings] == [(FilingStatus.SUBMITTED, True)]
        assert filings[0].attachments.filter(category="power_of_attorney").count() == 1

    def test_clerk_queue_has_the_waiting_filings(self) -> None:
        queue = filing_selectors.review_queue(user=user("chaoyang_clerk"))
        statuses = sorted(item.filing.status for item in queue)
        assert statuses == sorted([FilingStatus.SUBMITTED, FilingStatus.SUBMITTED, FilingStatus.SUPPLEMENT_REQUESTED])
        waiting = [item for item in queue if item.filing.status == FilingStatus.SUBMITTED]
        assert {item.filing.owner.username for item in waiting} == {"litigant", "lawyer"}
        assert all(item.deadline is not None for item in waiting)

    def test_registered_case_judge_dossier_and_fee(self) -> None:
        litigant = user("litigant")
        filing = Filing.objects.get(owner=litigant, status=FilingStatus.REGISTERED)
        case = filing.case
        assert case is not None
        assert case.judge is not None
        assert case.judge.username == "chaoyang_judge"
        assert case.assignments.get().status == "approved"
        assert case.parties.get(account=litigant).role == "plaintiff"
        documents = Document.objects.filter(case=case)
        assert documents.filter(source="filing").count() == 3
        assert set(documents.filter(source="generated", category="other").values_list("title", flat=True)) == {
            "受理案件通知书",
            "举证通知书",
        }
        order = PaymentOrder.objects.get(pk=filing.fee_order_id)
        assert (order.status, order.payer_id, order.court.code) == (OrderStatus.UNPAID, litigant.pk, "京0105")

    def test_preservation_fee_paid_at_the_local_cashier(self) -> None:
        order = PaymentOrder.objects.get(payer__username="litigant", purpose="preservation_fee")
        assert order.status == OrderStatus.PAID
        assert order.amount_original == Decimal("1270.00")  # 30 + 1% to 100,000 + 0.5% above (诉讼费用交纳办法)
        assert [(p.status, p.provider) for p in order.payments.all()] == [("succeeded", "local")]

    def test_litigant_portal_shows_every_area(self) -> None:
        overview = portal_overview(user=user("litigant"))
        assert (overview.filings.total, overview.filings.pending) == (4, 2)  # draft and supplement wait for them
        assert overview.cases.total == 1
        assert (overview.fees.total, overview.fees.pending) == (2, 1)  # the acceptance fee is still due
        assert (overview.served.total, overview.served.pending) == (2, 1)  # one opened, one not
        assert (overview.reading.total, overview.reading.pending) == (1, 1)
        assert overview.appointments.total == 1

    def test_served_documents_and_reading_grant(self) -> None:
        services = Service.objects.filter(recipient_account__username="litigant").order_by("pk")
        assert [s.status for s in services] == [ServiceStatus.OPENED, ServiceStatus.SERVED]
        assert all(s.method == "electronic" and s.proof_document_id for s in services)
        grant = ReadingRequest.objects.get(requester__username="litigant")
        assert (grant.status, grant.all_main_volume, grant.may_download) == (ReadingStatus.GRANTED, True, True)
        assert grant.decided_by is not None
        assert grant.decided_by.username == "chaoyang_judge"
        assert grant.expires_at is not None
        assert 6 <= (grant.expires_at - grant.decided_at).days <= 7

    def test_appointment_on_a_later_working_day(self) -> None:
        booking = Booking.objects.get(user__username="litigant")
        assert booking.service.court.code == "京0105"
        assert booking.slot_start > booking.created_at
        assert booking.case_number

    def test_notifications_stay_on_the_machine(self) -> None:
        assert settings.SMS_GATEWAY.endswith("LocalOutboxSmsGateway")
        assert "smtp" not in settings.EMAIL_BACKEND
        addresses = set(Notification.objects.values_list("address", flat=True))
        assert addresses
        assert addresses <= {beijing.LITIGANT["mobile"], beijing.LAWYER["mobile"]}

    def test_audit_chain_verifies(self) -> None:
        assert audit.verify().ok


@pytest.mark.django_db
def test_scenario_needs_the_demo_accounts() -> None:
    summary = build_services_scenario()
    assert summary.skipped.startswith("demo accounts or court 京0105 missing")
    assert not Filing.objects.exists()
