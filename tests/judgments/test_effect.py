"""Effect of issued documents: periods opened on issue, driven by service, effect by law, the job."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cases.conftest import on_day
from tests.conftest import CourtTree, Users
from tests.judgments.test_effect_support import World, issue, register_case, serve_all, serve_on_paper
from tianping.cases.enums import CaseStatus
from tianping.core.models import AuditRecord
from tianping.judgments import selectors
from tianping.judgments.enums import DocumentKind, EffectStatus
from tianping.judgments.services import effect_refresh, effect_refresh_due
from tianping.judgments.tasks import effect_refresh_daily

pytestmark = pytest.mark.django_db
D = dt.date


def test_issuing_closes_the_case_and_opens_a_period_per_party(world: World, users: Users) -> None:
    document = issue(users, world.case)
    world.case.refresh_from_db()
    assert (world.case.status, world.case.closing_method) == (CaseStatus.CLOSED, "judgment")
    assert document.effect_status == EffectStatus.AWAITING_SERVICE
    assert sorted(document.appeal_periods.values_list("party_id", "days")) == sorted(
        [(world.plaintiff.pk, 15), (world.defendant.pk, 15)]
    )


def test_service_sets_the_end_and_the_document_takes_effect_after_the_last_period(world: World, users: Users) -> None:
    document = issue(users, world.case)
    serve_on_paper(users, world.court_clerk, document, world.plaintiff, D(2026, 9, 20))
    document = effect_refresh(document=document, today=D(2026, 9, 21))
    assert document.effect_status == EffectStatus.APPEAL_PERIOD
    period = document.appeal_periods.get(party=world.plaintiff)
    assert (period.served_on, period.ends_on) == (D(2026, 9, 20), D(2026, 10, 8))  # 国庆 moves the end
    serve_on_paper(users, world.court_clerk, document, world.defendant, D(2026, 9, 22))
    document = effect_refresh(document=document, today=D(2026, 10, 8))
    assert document.effect_status == EffectStatus.APPEAL_PERIOD  # ends are 10-08 and 10-08: still running
    document = effect_refresh(document=document, today=D(2026, 10, 9))
    assert (document.effect_status, document.effective_on) == (EffectStatus.EFFECTIVE, D(2026, 10, 9))
    world.case.refresh_from_db()
    assert (world.case.status, world.case.effective_on) == (CaseStatus.EFFECTIVE, D(2026, 10, 9))
    assert selectors.case_effective_document(case=world.case) == document
    assert list(selectors.effective_documents(court_ids=[world.case.court_id])) == [document]
    assert not selectors.effective_documents(court_ids=[world.case.court_id], since=D(2026, 10, 10)).exists()


def test_refresh_is_idempotent(world: World, users: Users) -> None:
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    effect_refresh(document=document, today=D(2026, 9, 22))
    records = AuditRecord.objects.filter(action="judgments.effect_refresh").count()
    effect_refresh(document=document, today=D(2026, 9, 22))
    effect_refresh(document=document, today=D(2026, 9, 23))
    assert AuditRecord.objects.filter(action="judgments.effect_refresh").count() == records == 1
    with on_day(D(2026, 10, 20)):
        assert effect_refresh_due() == 1
        assert effect_refresh_due() == 0
    assert AuditRecord.objects.filter(action="case.transition", changes__effective_on__isnull=False).count() == 1


def test_the_daily_job_refreshes_documents_in_their_period(world: World, users: Users) -> None:
    document = issue(users, world.case)
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    with on_day(D(2026, 10, 20)):
        effect_refresh_daily.call_local()
    document.refresh_from_db()
    assert document.effect_status == EffectStatus.EFFECTIVE


def test_not_appealable_document_takes_effect_when_served_to_every_party(world: World, users: Users) -> None:
    document = issue(users, world.case, kind=DocumentKind.MEDIATION, closing_method="mediation")
    assert document.effect_status == EffectStatus.NOT_APPEALABLE
    assert not document.appeal_periods.exists()
    serve_on_paper(users, world.court_clerk, document, world.plaintiff, D(2026, 9, 14))
    assert effect_refresh(document=document, today=D(2026, 9, 20)).effect_status == EffectStatus.NOT_APPEALABLE
    serve_on_paper(users, world.court_clerk, document, world.defendant, D(2026, 9, 16))
    document = effect_refresh(document=document, today=D(2026, 9, 20))
    assert (document.effect_status, document.effective_on) == (EffectStatus.EFFECTIVE, D(2026, 9, 16))
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.EFFECTIVE


def test_criminal_judgment_gives_the_accused_and_the_prosecutor_ten_days(
    courts: CourtTree, users: Users, media: object
) -> None:
    with on_day(D(2026, 9, 1)):
        case = register_case(users, courts, "刑初")
    document = issue(users, case, kind=DocumentKind.CRIMINAL_JUDGMENT)
    assert sorted(document.appeal_periods.values_list("party__role", "days")) == [("accused", 10), ("prosecutor", 10)]


def test_criminal_ruling_dismissing_gives_five_days(courts: CourtTree, users: Users, media: object) -> None:
    with on_day(D(2026, 9, 1)):
        case = register_case(users, courts, "刑初")
    document = issue(users, case, kind=DocumentKind.RULING, closing_method="dismissal")
    assert list(document.appeal_periods.values_list("days", flat=True)) == [5, 5]


def test_the_job_goes_on_past_a_document_it_cannot_refresh(
    world: World, users: Users, courts: CourtTree, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tianping.core.errors import Conflict
    from tianping.judgments.services import effect

    first = issue(users, world.case)
    with on_day(D(2026, 9, 1)):
        other_case = register_case(users, courts, "民初")
    second = issue(users, other_case)
    serve_all(users, world.court_clerk, first, D(2026, 9, 21))
    serve_all(users, world.court_clerk, second, D(2026, 9, 21))
    real = effect.delivery_selectors.service_dates

    def broken(*, document_id: int) -> dict[int, dt.date]:
        if document_id == first.pdf_document_id:
            raise Conflict("存储异常", code="stored_file_altered")
        return real(document_id=document_id)

    monkeypatch.setattr(effect.delivery_selectors, "service_dates", broken)
    with on_day(D(2026, 10, 20)):
        assert effect_refresh_due() == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.effect_status, second.effect_status) == (EffectStatus.AWAITING_SERVICE, EffectStatus.EFFECTIVE)


def test_payment_order_opens_the_debtors_objection_period_and_is_not_appealable(
    world: World, users: Users, courts: CourtTree
) -> None:
    from tests.cases.conftest import company, person
    from tianping.cases import services as case_services
    from tianping.core.errors import Conflict
    from tianping.judgments.services import appeal_register

    with on_day(D(2026, 9, 1)):
        case = case_services.case_register(
            actor=users.clerk, court_id=courts.chaoyang.pk, type_code="民督",
            parties=[person("applicant", "张三"), company("respondent", "北京某某科技有限公司")],
        )  # fmt: skip
    document = issue(users, case, kind=DocumentKind.PAYMENT_ORDER)
    [(role, days)] = document.appeal_periods.values_list("party__role", "days")
    assert (role, days) == ("respondent", 15)
    serve_all(users, world.court_clerk, document, D(2026, 9, 21))
    with pytest.raises(Conflict) as refused, on_day(D(2026, 9, 25)):
        appeal_register(
            actor=world.upper_clerk, document=document, party_id=document.appeal_periods.get().party_id,
            filed_on=D(2026, 9, 25),
        )  # fmt: skip
    assert refused.value.code == "not_appealable"
    document = effect_refresh(document=document, today=D(2026, 10, 9))
    assert (document.effect_status, document.effective_on) == (EffectStatus.EFFECTIVE, D(2026, 10, 9))
