"""Enforcement disclosure test data: enforcement cases and their debtors made directly with the models
(the enforcement services are another issue), and credit-list rows made directly (the credit services
are written in parallel), so every status the public lists depend on can be set up exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import make_credit_code
from tests.conftest import CourtTree, Users
from tianping.cases.enums import CaseCategory, CaseStatus, ClosingMethod, LinkKind, PartyKind, PartyRole, Procedure
from tianping.cases.models import Case, CaseType, Party
from tianping.credit.enums import DishonestConduct, ListingStatus, Performance, RestrictedRole, RestrictionStatus
from tianping.credit.models import ConsumptionRestriction, DishonestListing

_serial = itertools.count(1)
D = dt.date
FILED = D(2026, 3, 2)
LISTED = D(2026, 5, 6)

# 张伟: born 1985-03-12, a man; his ID number is the one every test looks for (and must never see whole).
ZHANG_ID = factories.make_id_number("110105", "19850312", 131)
LI_ID = factories.make_id_number("110108", "19921130", 242)
ACME_CODE = make_credit_code()


def enforcement_case(
    court: Any, *, status: str = CaseStatus.INVESTIGATING, filed_on: dt.date = FILED,
    closing_method: str = "", closed_on: dt.date | None = None, claim: str = "125000.00", origin: Any = None,
    link_kind: str = "", type_code: str = "执", is_secret: bool = False,
) -> Case:  # fmt: skip
    serial = next(_serial)
    return Case.objects.create(
        court=court, case_type=CaseType.objects.get(code=type_code), category=CaseCategory.ENFORCEMENT,
        year=filed_on.year, serial=serial, number=f"（{filed_on.year}）{court.code}{type_code}{serial}号",
        procedure=Procedure.ENFORCEMENT, received_on=filed_on, filed_on=filed_on, status=status,
        closing_method=closing_method, closed_on=closed_on, claim_amount=Decimal(claim), origin=origin,
        link_kind=link_kind, is_secret=is_secret,
    )  # fmt: skip


def debtor(case: Case, name: str, *, id_number: str = "", credit_code: str = "", role: str = "", **extra: Any) -> Party:
    organisation = bool(credit_code)
    return Party.objects.create(
        case=case, kind=PartyKind.LEGAL if organisation else PartyKind.NATURAL,
        role=role or PartyRole.ENFORCEMENT_RESPONDENT, name=name, id_number=id_number, credit_code=credit_code,
        query_code=f"ENF{next(_serial):07d}", mobile=extra.pop("mobile", factories.make_mobile()), **extra,
    )  # fmt: skip


def applicant(case: Case, name: str = "北京申请执行有限公司") -> Party:
    return debtor(case, name, credit_code=make_credit_code(), role=PartyRole.ENFORCEMENT_APPLICANT)


def snapshot(party: Party) -> dict[str, Any]:
    case = party.case
    return {
        "case": case, "party": party, "court": case.court, "case_number": case.number, "filed_on": case.filed_on,
        "is_person": party.kind == PartyKind.NATURAL, "name": party.name, "gender": party.gender,
        "birth_date": party.birth_date, "id_number": party.id_number, "credit_code": party.credit_code,
        "legal_representative": party.legal_representative,
    }  # fmt: skip


def listing(party: Party, by: Any, *, status: str = ListingStatus.LISTED, listed_on: dt.date = LISTED,
            **extra: Any) -> DishonestListing:  # fmt: skip
    fields = {
        "obligation": "向申请执行人支付借款本金125000元及利息", "performance": Performance.NONE,
        "conducts": [DishonestConduct.ABLE_BUT_REFUSES, DishonestConduct.ASSET_REPORT_BREACH],
        "source_document_number": "（2025）京0105民初8812号", "source_issuer": "北京市朝阳区人民法院",
        "decision_number": f"（2026）京0105执{next(_serial)}号之一", "listed_on": listed_on,
        "term_ends_on": listed_on.replace(year=listed_on.year + 2), **extra,
    }  # fmt: skip
    if status == ListingStatus.REMOVED:
        fields.update(removed_on=listed_on + dt.timedelta(days=30), removal_reason="performed", removed_by=by)
    return DishonestListing.objects.create(**snapshot(party), status=status, listed_by=by, **fields)


def restriction(
    party: Party, by: Any, *, status: str = RestrictionStatus.IN_FORCE, **extra: Any
) -> ConsumptionRestriction:
    fields = {"order_number": f"（2026）京0105执{next(_serial)}号", "issued_on": D(2026, 4, 20), **extra}
    if status == RestrictionStatus.LIFTED:
        fields.update(lifted_on=D(2026, 6, 1), lift_reason="performed", lifted_by=by)
    return ConsumptionRestriction.objects.create(**snapshot(party), status=status, issued_by=by, **fields)


@dataclasses.dataclass
class EnforcementWorld:
    pending: Case  # 查控中: 张伟 (person) and 北京某某贸易有限公司 (organisation) as 被执行人
    zhang: Party
    acme: Party
    fulfilled: Case  # closed, 执行完毕: 王芳 is not a debtor any more and not a 终本 case
    no_assets: Case  # 终本: 李强
    li: Party
    resumed_origin: Case  # 终本 then resumed (执恢): 赵敏 is not in the 终本 list
    zhang_listing: DishonestListing
    acme_listing: DishonestListing
    removed_listing: DishonestListing  # 王芳, removed
    zhang_restriction: ConsumptionRestriction
    acme_restriction: ConsumptionRestriction
    lifted_restriction: ConsumptionRestriction  # 王芳, lifted


@pytest.fixture
def enforcement_world(courts: CourtTree, users: Users) -> EnforcementWorld:
    chaoyang = courts.chaoyang
    officer = users.judge
    pending = enforcement_case(chaoyang)
    applicant(pending)
    zhang = debtor(pending, "张伟", id_number=ZHANG_ID, gender="male", birth_date=D(1985, 3, 12),
                   address="北京市朝阳区建国路88号")  # fmt: skip
    acme = debtor(pending, "北京某某贸易有限公司", credit_code=ACME_CODE, legal_representative="陈某某")
    fulfilled = enforcement_case(chaoyang, status=CaseStatus.CLOSED, closing_method=ClosingMethod.FULFILLED,
                                 closed_on=D(2026, 6, 30))  # fmt: skip
    wang = debtor(fulfilled, "王芳", id_number=factories.make_id_number("110105", "19790101"), gender="female")
    no_assets = enforcement_case(chaoyang, status=CaseStatus.CLOSED, closing_method=ClosingMethod.NO_ASSETS,
                                 closed_on=D(2026, 8, 14), filed_on=D(2026, 1, 9), claim="88000.50")  # fmt: skip
    li = debtor(no_assets, "李强", id_number=LI_ID, gender="male", birth_date=D(1992, 11, 30))
    resumed_origin = enforcement_case(chaoyang, status=CaseStatus.CLOSED, closing_method=ClosingMethod.NO_ASSETS,
                                      closed_on=D(2026, 2, 1), filed_on=D(2025, 10, 1))  # fmt: skip
    debtor(resumed_origin, "赵敏", id_number=factories.make_id_number("110101", "19880808"))
    resumed = enforcement_case(chaoyang, origin=resumed_origin, link_kind=LinkKind.RESUMED_ENFORCEMENT,
                               type_code="执恢", filed_on=D(2026, 9, 1))  # fmt: skip
    debtor(resumed, "赵敏", id_number=factories.make_id_number("110101", "19880808"))
    return EnforcementWorld(
        pending=pending, zhang=zhang, acme=acme, fulfilled=fulfilled, no_assets=no_assets, li=li,
        resumed_origin=resumed_origin,
        zhang_listing=listing(zhang, officer),
        acme_listing=listing(acme, officer, performance=Performance.PARTIAL,
                             conducts=[DishonestConduct.EVADES]),
        removed_listing=listing(wang, officer, status=ListingStatus.REMOVED),
        zhang_restriction=restriction(zhang, officer),
        acme_restriction=restriction(acme, officer, restricted_persons=[
            {"name": "陈某某", "role": RestrictedRole.LEGAL_REPRESENTATIVE, "id_number": LI_ID}]),
        lifted_restriction=restriction(wang, officer, status=RestrictionStatus.LIFTED),
    )  # fmt: skip
