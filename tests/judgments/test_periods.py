"""Appeal-period rules and arithmetic on the seeded working-day calendar (CPL art. 85)."""

from __future__ import annotations

import datetime as dt

import pytest

from tianping.cases.enums import CaseCategory, Instance, PartyRole, Procedure
from tianping.core.workdays import working_calendar
from tianping.judgments import periods
from tianping.judgments.enums import DocumentKind

D = dt.date
K = DocumentKind


def facts(kind: str, category: str = CaseCategory.CIVIL, **extra: object) -> periods.DocumentFacts:
    values: dict[str, object] = {"instance": Instance.FIRST, "procedure": Procedure.ORDINARY, "supreme_court": False}
    values.update(extra)
    return periods.DocumentFacts(kind=kind, category=category, **values)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_fifteen_days_ending_in_the_national_day_holiday_move_to_the_next_working_day() -> None:
    calendar = working_calendar()
    # 2026-09-20 is a make-up Sunday; + 15 = 2026-10-05, inside 国庆 (10-01 … 10-07 per the seeded table).
    assert not calendar.is_working_day(D(2026, 10, 5))
    assert periods.period_end(calendar, D(2026, 9, 20), 15) == D(2026, 10, 8)


@pytest.mark.django_db
def test_a_period_ending_on_a_make_up_saturday_ends_that_day() -> None:
    calendar = working_calendar()
    assert calendar.is_working_day(D(2026, 10, 10))  # Saturday, 调休上班
    assert periods.period_end(calendar, D(2026, 9, 30), 10) == D(2026, 10, 10)


@pytest.mark.django_db
def test_an_ordinary_weekend_end_moves_to_monday_and_the_service_day_is_not_counted() -> None:
    calendar = working_calendar()
    assert periods.period_end(calendar, D(2026, 3, 2), 5) == D(2026, 3, 9)  # Sat 03-07 → Mon 03-09
    assert periods.period_end(calendar, D(2026, 3, 2), 3) == D(2026, 3, 5)


def test_days_by_category_and_kind() -> None:
    assert periods.period_rule(facts(K.CIVIL_JUDGMENT)).days == 15
    assert periods.period_rule(facts(K.ADMINISTRATIVE_JUDGMENT, CaseCategory.ADMINISTRATIVE)).days == 15
    assert periods.period_rule(facts(K.CRIMINAL_JUDGMENT, CaseCategory.CRIMINAL)).days == 10
    assert periods.period_rule(facts(K.RULING, ruling_subject="驳回起诉")).days == 10
    assert periods.period_rule(facts(K.RULING, CaseCategory.CRIMINAL, ruling_subject="驳回起诉")).days == 5
    assert periods.period_rule(facts(K.RULING, CaseCategory.ADMINISTRATIVE, ruling_subject="不予受理")).days == 10


def test_who_may_appeal_or_protest_in_a_criminal_case() -> None:
    roles = periods.period_rule(facts(K.CRIMINAL_JUDGMENT, CaseCategory.CRIMINAL)).roles
    assert roles == {PartyRole.ACCUSED, PartyRole.PRIVATE_PROSECUTOR, PartyRole.CIVIL_PLAINTIFF, PartyRole.PROSECUTOR}
    assert PartyRole.VICTIM not in roles  # asks the procuratorate to protest instead


@pytest.mark.parametrize(
    "document",
    [
        facts(K.MEDIATION),
        facts(K.DECISION),
        facts(K.RULING, ruling_subject="准许撤诉"),
        facts(K.RULING),
        facts(K.CIVIL_JUDGMENT, instance=Instance.SECOND),
        facts(K.CIVIL_JUDGMENT, supreme_court=True),
        facts(K.CIVIL_JUDGMENT, procedure=Procedure.SMALL_CLAIMS),
    ],
)
def test_documents_effective_on_service(document: periods.DocumentFacts) -> None:
    rule = periods.period_rule(document)
    assert not rule.appealable
    assert rule.reason


def test_payment_order_opens_the_debtors_objection_period() -> None:
    rule = periods.period_rule(facts(K.PAYMENT_ORDER))
    assert (rule.days, rule.objection) == (15, True)
    assert rule.roles == {PartyRole.RESPONDENT, PartyRole.DEFENDANT}


def test_thirty_days_for_a_civil_party_without_a_domicile_in_china() -> None:
    judgment, ruling = (
        periods.period_rule(facts(K.CIVIL_JUDGMENT)),
        periods.period_rule(facts(K.RULING, ruling_subject="管辖权异议")),
    )
    assert periods.party_days(judgment, CaseCategory.CIVIL, domiciled_abroad=True) == 30
    assert periods.party_days(ruling, CaseCategory.CIVIL, domiciled_abroad=True) == 30
    assert periods.party_days(ruling, CaseCategory.CIVIL) == 10


def test_ruling_subject_from_the_closing_method_unless_the_draft_names_it() -> None:
    assert periods.ruling_subject("", "dismissal") == "驳回起诉"
    assert periods.ruling_subject("管辖权异议", "") == "管辖权异议"
    assert periods.effective_date([D(2026, 10, 8), D(2026, 10, 10)]) == D(2026, 10, 11)
