"""Online filing and its review through the services: the §3 rules, the clock, the one supplement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CourtTree, Users
from tests.filing.conftest import DEFENDANT_ADDRESS, MONDAY, on_day
from tianping.cases.models import Case
from tianping.core import pdf
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.courts.models import Division
from tianping.dossier.models import Document
from tianping.filing import selectors, services
from tianping.filing.enums import FilingKind, FilingStatus
from tianping.filing.models import Filing, FilingEvent
from tianping.payments import selectors as payment_selectors

pytestmark = pytest.mark.django_db


def _submit(filing: Any, actor: Any, day: dt.date = MONDAY) -> Any:
    with on_day(day):
        return services.filing_submit(actor=actor, filing=filing)


def test_happy_path_submit_and_register(make_filing: Any, users: Users, courts: CourtTree) -> None:
    filing = make_filing()
    filing = _submit(filing, users.litigant)
    assert filing.status == FilingStatus.SUBMITTED
    assert filing.receipt_number == "京0105-20260309-0001"
    assert filing.review_deadline == dt.date(2026, 3, 16)
    assert selectors.filing_fee(filing=filing).amount == Decimal("3300.00")

    with on_day(MONDAY + dt.timedelta(days=1)):
        filing = services.filing_register(actor=users.clerk, filing=filing)
    case = Case.objects.get(pk=filing.case_id)
    assert filing.status == FilingStatus.REGISTERED
    assert case.number == "（2026）京0105民初1号"
    assert case.received_on == MONDAY
    assert case.claim_amount == Decimal("150000.00")
    plaintiff = case.parties.get(role="plaintiff")
    assert plaintiff.account_id == users.litigant.pk  # the filer can now read the case
    documents = Document.objects.filter(case=case)
    assert documents.count() == 3
    assert set(documents.values_list("source", flat=True)) == {"filing"}
    assert set(documents.values_list("category", flat=True)) == {"identity", "complaint", "evidence"}
    orders = payment_selectors.orders_for_related(related_type="cases.Case", related_id=case.pk)
    assert [(o.amount_due, o.purpose) for o in orders] == [(Decimal("3300.00"), "acceptance_fee")]
    assert filing.fee_order_id == orders[0].pk
    actions = list(FilingEvent.objects.filter(filing=filing).values_list("action", flat=True))
    assert actions == ["created", "submitted", "registered", "fee_order_issued"]
    assert AuditRecord.objects.filter(action="filing.register", object_id=str(filing.pk)).exists()


def test_lawyer_files_as_agent_and_is_linked_as_agent(make_filing: Any, users: Users) -> None:
    filing = make_filing(actor=users.lawyer)
    assert filing.as_agent
    assert filing.agent_licence_no == users.lawyer.lawyer_licence_no
    filing = _submit(filing, users.lawyer)
    with on_day(MONDAY):
        filing = services.filing_register(actor=users.clerk, filing=filing)
    plaintiff = Case.objects.get(pk=filing.case_id).parties.get(role="plaintiff")
    assert plaintiff.account_id is None
    assert list(plaintiff.agents.values_list("account_id", "kind")) == [(users.lawyer.pk, "lawyer")]


def test_incomplete_submission_lists_every_gap_and_writes_nothing(make_filing: Any, users: Users) -> None:
    filing = make_filing(complete=False, attach=False)
    with pytest.raises(ValidationFailed) as exc:
        _submit(filing, users.litigant)
    codes = {g["code"] for g in exc.value.details["missing"]}
    assert {"defendant_missing", "identity_missing", "complaint_missing", "evidence_missing",
            "claims_missing", "facts_missing", "cause_missing", "evidence_list_missing"} <= codes  # fmt: skip
    filing.refresh_from_db()
    assert filing.status == FilingStatus.DRAFT
    assert filing.receipt_number is None


def test_imprecise_defendant_address_and_missing_power_of_attorney(make_filing: Any, users: Users) -> None:
    filing = make_filing(actor=users.lawyer, attach=False)
    services.filing_update(actor=users.lawyer, filing=filing, data={"parties": [
        {"role": "plaintiff", "kind": "natural", "name": "赵委托", "represented": True},
        {"role": "defendant", "kind": "natural", "name": "钱某", "address": "北京市"},
    ]})  # fmt: skip
    with pytest.raises(ValidationFailed) as exc:
        _submit(filing, users.lawyer)
    codes = {g["code"] for g in exc.value.details["missing"]}
    assert {"defendant_address_imprecise", "power_of_attorney_missing", "party_id_number_missing"} <= codes


def test_bad_id_number_is_refused_when_saving(make_filing: Any, users: Users) -> None:
    filing = make_filing()
    with pytest.raises(ValidationFailed) as exc:
        services.filing_update(actor=users.litigant, filing=filing, data={"parties": [
            {"role": "plaintiff", "kind": "natural", "name": "张三", "id_number": "110105198503120000"},
        ]})  # fmt: skip
    assert exc.value.details["party_index"] == 0
    assert filing.parties.count() == 2  # unchanged


def test_filer_identity_must_match_the_account(make_filing: Any, users: Users) -> None:
    from tests import factories

    filing = make_filing()
    parties = [
        {"role": "plaintiff", "kind": "natural", "name": "张三", "id_number": factories.make_id_number(),
         "is_filer": True},
        {"role": "defendant", "kind": "natural", "name": "钱某", "address": DEFENDANT_ADDRESS},
    ]  # fmt: skip
    services.filing_update(actor=users.litigant, filing=filing, data={"parties": parties})
    with pytest.raises(ValidationFailed) as exc:
        _submit(filing, users.litigant)
    assert [g["code"] for g in exc.value.details["missing"]] == ["filer_identity_mismatch"]


def test_only_the_owner_edits_and_staff_cannot_draft(make_filing: Any, users: Users, courts: CourtTree) -> None:
    filing = make_filing()
    from tests import factories

    other = factories.litigant_user("other", "李四")
    with pytest.raises(NotFound):
        services.filing_update(actor=other, filing=filing, data={"facts": "x"})
    with pytest.raises(PermissionDenied):
        services.filing_create(actor=users.clerk, court_id=courts.chaoyang.pk, kind=FilingKind.CIVIL)
    with pytest.raises(NotFound):
        selectors.filing_for_user(users.clerk, filing.pk)  # a draft is the filer's alone


def test_supplement_once_and_clock_restarts(make_filing: Any, users: Users) -> None:
    filing = _submit(make_filing(), users.litigant)
    with on_day(MONDAY + dt.timedelta(days=2)):
        request = services.filing_request_supplement(
            actor=users.clerk, filing=filing, items=["借条原件照片不清晰", "补充转账记录"],
            deadline=MONDAY + dt.timedelta(days=17),
        )  # fmt: skip
        filing.refresh_from_db()
        assert filing.status == FilingStatus.SUPPLEMENT_REQUESTED
        assert filing.review_deadline is None
        with pytest.raises(Conflict) as exc:
            services.filing_request_supplement(
                actor=users.clerk, filing=filing, items=["再补一份"], deadline=MONDAY + dt.timedelta(days=17)
            )
        assert exc.value.code == "supplement_already_requested"
        with pytest.raises(Conflict):
            services.filing_register(actor=users.clerk, filing=filing)
    assert request.items == ["借条原件照片不清晰", "补充转账记录"]

    resubmitted_on = dt.date(2026, 3, 20)  # Friday: + 7 days = Friday 27th
    with on_day(resubmitted_on):
        services.filing_update(actor=users.litigant, filing=filing, data={"facts": filing.facts + "（已补充）"})
        filing = services.filing_resubmit(actor=users.litigant, filing=filing)
    assert filing.status == FilingStatus.RESUBMITTED
    assert filing.clock_started_on == resubmitted_on
    assert filing.review_deadline == dt.date(2026, 3, 27)
    with on_day(resubmitted_on), pytest.raises(Conflict) as exc:
        services.filing_request_supplement(
            actor=users.clerk, filing=filing, items=["再补一份"], deadline=resubmitted_on + dt.timedelta(days=10)
        )
    assert exc.value.code == "supplement_already_requested"


@pytest.mark.parametrize(
    ("kind", "days"),
    [
        (FilingKind.CIVIL, 7),
        (FilingKind.ADMINISTRATIVE, 7),
        (FilingKind.ENFORCEMENT, 7),
        (FilingKind.PRIVATE_PROSECUTION, 15),
        (FilingKind.ENFORCEMENT_OBJECTION, 15),
        (FilingKind.THIRD_PARTY_REVOCATION, 30),
    ],
)
def test_review_period_per_kind(kind: str, days: int) -> None:
    from tianping.core.workdays import working_calendar
    from tianping.filing import rules

    deadline = rules.review_deadline(kind, MONDAY, working_calendar())
    expected = MONDAY + dt.timedelta(days=days)
    while expected.weekday() >= 5:
        expected += dt.timedelta(days=1)
    assert deadline == expected


def test_review_period_across_national_day(make_filing: Any, users: Users) -> None:
    filing = _submit(make_filing(), users.litigant, day=dt.date(2026, 9, 28))
    # 28 Sep + 7 days = 5 Oct, inside the National Day holiday (1–7 Oct): moved to Thursday 8 Oct.
    assert filing.review_deadline == dt.date(2026, 10, 8)


def test_register_first_flag_is_daily_and_idempotent(make_filing: Any, users: Users) -> None:
    filing = _submit(make_filing(), users.litigant)
    assert services.filings_flag_register_first(today=dt.date(2026, 3, 16)) == 0  # the last day is still in time
    with on_day(dt.date(2026, 3, 17)):
        assert services.filings_flag_register_first() == 1
        assert services.filings_flag_register_first() == 0
        queue = selectors.review_queue(user=users.clerk)
    filing.refresh_from_db()
    assert filing.register_first_flagged_at is not None
    assert queue[0].filing == filing
    assert queue[0].register_first
    assert queue[0].remaining_days == -1
    assert FilingEvent.objects.filter(filing=filing, action="register_first_flagged").count() == 1


def test_queue_puts_overdue_first(make_filing: Any, users: Users) -> None:
    early = _submit(make_filing(), users.litigant, day=dt.date(2026, 3, 2))
    late = _submit(make_filing(), users.litigant, day=MONDAY)
    with on_day(dt.date(2026, 3, 12)):
        queue = selectors.review_queue(user=users.clerk)
    assert [i.filing.pk for i in queue] == [early.pk, late.pk]
    assert queue[0].register_first
    assert not queue[1].register_first
    assert queue[1].remaining_days == 4
    assert selectors.review_queue(user=users.outsider) == []


def test_reject_with_ruling_pdf(make_filing: Any, users: Users, media: Path) -> None:
    filing = _submit(make_filing(), users.litigant)
    with on_day(MONDAY):
        filing = services.filing_reject(
            actor=users.clerk, filing=filing, reasons="起诉人的起诉不符合法定起诉条件。", legal_bases=["cpl_122"]
        )
    assert filing.status == FilingStatus.REJECTED
    data = filing.ruling_file.open("rb").read()
    import hashlib

    assert hashlib.sha256(data).hexdigest() == filing.ruling_sha256
    text = pdf.pdf_text(data).replace("\n", "").replace(" ", "")
    expected = ["北京市朝阳区人民法院", "民事裁定书", "不予受理", filing.receipt_number, "张三",
                "《中华人民共和国民事诉讼法》第一百二十二条", "起诉人的起诉不符合法定起诉条件", "10日内"]  # fmt: skip
    assert [e for e in expected if e not in text] == []


def test_reject_needs_reasons_and_a_listed_basis(make_filing: Any, users: Users, media: Path) -> None:
    filing = _submit(make_filing(), users.litigant)
    with pytest.raises(ValidationFailed):
        services.filing_reject(actor=users.clerk, filing=filing, reasons="", legal_bases=["cpl_122"])
    with pytest.raises(ValidationFailed):
        services.filing_reject(actor=users.clerk, filing=filing, reasons="理由", legal_bases=["art_999"])
    assert Filing.objects.get(pk=filing.pk).status == FilingStatus.SUBMITTED
    assert list((media / "filing").glob("rulings/**/*.pdf")) == []


def test_withdraw_before_decision_only(make_filing: Any, users: Users) -> None:
    filing = _submit(make_filing(), users.litigant)
    filing = services.filing_withdraw(actor=users.litigant, filing=filing)
    assert filing.status == FilingStatus.WITHDRAWN
    with pytest.raises(Conflict):
        services.filing_register(actor=users.clerk, filing=filing)


def test_litigant_cannot_register_and_other_court_cannot_either(make_filing: Any, users: Users) -> None:
    filing = _submit(make_filing(), users.litigant)
    with pytest.raises(PermissionDenied):
        services.filing_register(actor=users.litigant, filing=filing)
    with pytest.raises(PermissionDenied):
        services.filing_register(actor=users.outsider, filing=filing)
    assert not Case.objects.exists()


def test_enforcement_application_fee_and_roles(make_filing: Any, users: Users) -> None:
    filing = _submit(make_filing(kind=FilingKind.ENFORCEMENT), users.litigant)
    assert selectors.filing_fee(filing=filing).amount == Decimal("2150.00")  # 50 + 1.5% of 140,000
    with on_day(MONDAY):
        filing = services.filing_register(actor=users.clerk, filing=filing)
    case = Case.objects.get(pk=filing.case_id)
    assert case.number == "（2026）京0105执1号"
    assert set(case.parties.values_list("role", flat=True)) == {"enforcement_applicant", "enforcement_respondent"}
    orders = payment_selectors.orders_for_related(related_type="cases.Case", related_id=case.pk)
    assert [o.purpose for o in orders] == ["application_fee"]


def test_daily_task_runs_the_flag(make_filing: Any, users: Users) -> None:
    from tianping.filing.tasks import register_first_flags_daily

    _submit(make_filing(), users.litigant)
    with on_day(dt.date(2026, 3, 20)):
        assert register_first_flags_daily.call_local() == 1
        assert register_first_flags_daily.call_local() == 0


def test_reject_while_awaiting_a_supplement_only_after_its_deadline(make_filing: Any, users: Users) -> None:
    filing = _submit(make_filing(), users.litigant)
    deadline = MONDAY + dt.timedelta(days=10)
    with on_day(MONDAY):
        services.filing_request_supplement(actor=users.clerk, filing=filing, items=["补充证据"], deadline=deadline)
        with pytest.raises(Conflict) as exc:
            services.filing_reject(actor=users.clerk, filing=filing, reasons="未补正", legal_bases=["cpl_122"])
    assert exc.value.code == "supplement_pending"
    with on_day(deadline + dt.timedelta(days=1)):
        filing = services.filing_reject(
            actor=users.clerk, filing=filing, reasons="逾期未补正。", legal_bases=["cpl_122"]
        )
    assert filing.status == FilingStatus.REJECTED


def test_filer_is_told_of_a_supplement_request_and_a_refusal(make_filing: Any, users: Users, media: Path) -> None:
    from tianping.notify.models import Notification

    first = _submit(make_filing(), users.litigant)
    second = _submit(make_filing(), users.litigant)
    with on_day(MONDAY):
        services.filing_request_supplement(
            actor=users.clerk, filing=first, items=["补充证据"], deadline=MONDAY + dt.timedelta(days=10)
        )
        services.filing_reject(actor=users.clerk, filing=second, reasons="不符合起诉条件。", legal_bases=["cpl_122"])
    sent = Notification.objects.filter(template="filing_decided", account_id=users.litigant.pk).order_by("id")
    assert [n.address for n in sent] == [users.litigant.mobile, users.litigant.mobile]
    assert "2026年03月19日前补正" in sent[0].body
    assert second.receipt_number in sent[1].body
    assert "不予受理" in sent[1].body


def test_ranged_fee_is_chosen_within_its_range(make_filing: Any, users: Users) -> None:
    filing = make_filing()
    services.filing_update(actor=users.litigant, filing=filing, data={"claim_amount": None})
    filing = _submit(filing, users.litigant)
    for bad in (Decimal("101"), Decimal("NaN"), Decimal("49.99")):
        with on_day(MONDAY), pytest.raises(ValidationFailed):
            services.filing_register(actor=users.clerk, filing=filing, fee_amount=bad)
    with on_day(MONDAY):
        filing = services.filing_register(actor=users.clerk, filing=filing, fee_amount=Decimal("80"))
    orders = payment_selectors.orders_for_related(related_type="cases.Case", related_id=filing.case_id)
    assert [o.amount_due for o in orders] == [Decimal("80.00")]


def _divisions(court: Any) -> dict[str, Any]:
    return {
        kind: Division.objects.create(court=court, name=name, kind=kind, sort_order=order)
        for order, (kind, name) in enumerate(
            [("filing", "立案庭"), ("criminal", "刑事审判庭"), ("civil", "民事审判第一庭")]
        )
    }


def test_registered_case_goes_to_the_division_that_hears_its_kind(
    make_filing: Any, users: Users, courts: CourtTree
) -> None:
    divisions = _divisions(courts.chaoyang)
    filing = _submit(make_filing(), users.litigant)
    assert services.proposed_division(filing) == divisions["civil"]
    filing = services.filing_register(actor=users.clerk, filing=filing)
    assert Case.objects.get(pk=filing.case_id).division_id == divisions["civil"].pk


def test_the_clerk_may_choose_another_division_of_the_court_only(
    make_filing: Any, users: Users, courts: CourtTree
) -> None:
    divisions = _divisions(courts.chaoyang)
    elsewhere = Division.objects.create(court=courts.haidian, name="民事审判第一庭", kind="civil")
    filing = _submit(make_filing(), users.litigant)
    with pytest.raises(NotFound):
        services.filing_register(actor=users.clerk, filing=filing, division_id=elsewhere.pk)
    filing.refresh_from_db()
    assert filing.status == FilingStatus.SUBMITTED  # nothing written
    assert not Case.objects.exists()
    filing = services.filing_register(actor=users.clerk, filing=filing, division_id=divisions["criminal"].pk)
    assert Case.objects.get(pk=filing.case_id).division_id == divisions["criminal"].pk


def test_without_such_a_division_the_case_is_registered_without_one(make_filing: Any, users: Users) -> None:
    filing = services.filing_register(actor=users.clerk, filing=_submit(make_filing(), users.litigant))
    assert Case.objects.get(pk=filing.case_id).division_id is None
