"""The credit scenario of the demo (失信与限制消费演示): until enforcement has its own issue, the demo's
enforcement officers decide on the debtors of the bulk demo's pending enforcement cases through the
credit services — the same rules and records a real decision makes — so the public enforcement query
(/open/enforcement/) has dishonest debtors and consumption-restricted persons to find, next to the
judgment debtors and 终本 cases that come from the cases themselves.

Of every pending enforcement case's respondents, in case order: every second is put on the dishonest
list (the grounds cycle through the 2017 rules' conducts), every third gets a consumption-restriction
order; one listing of 京0105 is then removed as performed, so the removal shows too. A debtor the rules
exempt (a minor) is skipped as a real officer would be refused. Idempotent: nothing happens when any
listing or restriction exists.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.db import transaction

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import selectors as case_selectors
from tianping.cases.enums import PartyKind, PartyRole
from tianping.core.errors import ApplicationError
from tianping.credit import selectors as credit_selectors
from tianping.credit import services as credit_services
from tianping.credit.enums import DishonestConduct, Performance, RemovalReason, RestrictedRole

SHOWCASE_COURT = "京0105"
CONTROLLERS = ("李建国", "王志强", "张海涛", "刘长青", "陈国栋")
C = DishonestConduct
CONDUCT_CYCLE: tuple[tuple[tuple[str, ...], int], ...] = (
    ((C.ABLE_BUT_REFUSES,), 0),
    ((C.ASSET_REPORT_BREACH,), 0),
    ((C.EVADES, C.ASSET_REPORT_BREACH), 1),  # several conducts: the term may be extended
    ((C.RESTRICTION_BREACH,), 0),
    ((C.OBSTRUCTS,), 2),
    ((C.SETTLEMENT_REFUSED,), 0),
)


@dataclasses.dataclass
class CreditScenario:
    listed: int = 0
    restricted: int = 0
    removed: int = 0
    refused: int = 0
    skipped: bool = False

    def __str__(self) -> str:
        if self.skipped:
            return "credit records exist; nothing created"
        return (
            f"{self.listed} dishonest debtors listed ({self.removed} removed as performed), "
            f"{self.restricted} consumption restrictions, {self.refused} debtors exempt by the rules"
        )


def _officer(court_id: int, cache: dict[int, Any]) -> Any:
    if court_id not in cache:
        officers = access.users_with_role(court_id=court_id, roles=[Role.ENFORCEMENT_OFFICER])
        cache[court_id] = officers[0] if officers else None
    return cache[court_id]


def _obligation(case: Any) -> str:
    amount = case.claim_amount or Decimal("0")
    return f"向申请执行人支付{amount:,.2f}元及迟延履行期间的债务利息，并负担执行费用"


def _source(case: Any) -> tuple[str, str]:
    origin = case.origin
    if origin is not None and origin.number:
        return origin.number, origin.court.name
    return f"（{case.year}）京仲裁字第{case.pk}号", "北京仲裁委员会"


def _list(officer: Any, case: Any, party: Any, turn: int) -> Any:
    conducts, extension = CONDUCT_CYCLE[turn % len(CONDUCT_CYCLE)]
    number, issuer = _source(case)
    return credit_services.dishonest_list(
        actor=officer, case=case, party=party, conducts=conducts, obligation=_obligation(case),
        performance=Performance.PARTIAL if turn % 4 == 3 else Performance.NONE,
        source_document_number=number, source_issuer=issuer, term_extension_years=extension,
        decision_number=f"{case.number}之一",
    )  # fmt: skip


def _restrict(officer: Any, case: Any, party: Any) -> Any:
    persons = []
    if party.kind != PartyKind.NATURAL:
        controller = CONTROLLERS[case.pk % len(CONTROLLERS)]
        persons = [{"name": controller, "role": RestrictedRole.ACTUAL_CONTROLLER}]
    return credit_services.consumption_restrict(
        actor=officer, case=case, party=party, order_number=f"{case.number}之二", restricted_persons=persons
    )


def _decide(scenario: CreditScenario, officer: Any, case: Any, party: Any, turn: int) -> Any:
    listing = None
    try:
        if turn % 2 == 0:
            listing = _list(officer, case, party, turn // 2)
            scenario.listed += 1
        if turn % 3 == 0:
            _restrict(officer, case, party)
            scenario.restricted += 1
    except ApplicationError:
        scenario.refused += 1
    return listing


@transaction.atomic
def build_credit_scenario() -> CreditScenario:
    scenario = CreditScenario()
    if credit_selectors.dishonest_listed_count() or credit_selectors.restriction_in_force_count():
        scenario.skipped = True
        return scenario
    officers: dict[int, Any] = {}
    showcase = []
    turn = 0
    cases = case_selectors.enforcement_pending_cases().select_related("court", "origin__court").order_by("pk")
    for case in cases:
        officer = _officer(case.court_id, officers)
        if officer is None:
            continue
        for party in case.parties.filter(role=PartyRole.ENFORCEMENT_RESPONDENT).order_by("order", "pk"):
            listing = _decide(scenario, officer, case, party, turn)
            if listing is not None and case.court.code == SHOWCASE_COURT:
                showcase.append((officer, listing))
            turn += 1
    if len(showcase) > 1:
        officer, listing = showcase[-1]
        credit_services.dishonest_remove(actor=officer, listing=listing, reason=RemovalReason.PERFORMED)
        scenario.removed += 1
    return scenario
