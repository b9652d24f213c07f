"""Appeal periods as data and arithmetic (domain.md §5; CPL arts. 85, 171, 227, 286; CrPL art. 230).

Pure functions: what rule applies to a document, who may appeal, and when a period ends on the
working-day calendar. No database access here beyond the calendar object the caller passes.

Decisions kept as data below:
- Appealable: first-instance judgments and the rulings in ``APPEALABLE_RULINGS`` (不予受理, 驳回起诉,
  管辖权异议 — CPL art. 157), of civil, administrative and criminal cases, except small-claims
  judgments and special procedures (final at first instance) and anything decided by the SPC.
- Not appealable, effective once served on every party: second-instance and retrial-review documents,
  SPC documents, mediation documents (调解书), decisions (决定书) and other rulings.
- Payment orders (支付令): the debtor's 15-day objection period (CPL art. 227) runs like an appeal
  period for the respondents only; objections are not registered here (the order simply does not
  take effect while a period runs).
- Who appeals: both sides and third parties in civil and administrative cases; in criminal cases the
  accused, the private prosecutor and the civil-claim plaintiff, and the public prosecutor, whose
  protest (抗诉) runs in the same period (CrPL art. 230) — a judgment must not take effect while
  the procuratorate may still protest. The victim may only ask the procuratorate to protest
  (art. 229): no period of their own.
- 30 days for a party without a domicile in China (CPL art. 286, judgments and rulings): the case
  record has no such flag yet, so callers pass ``domiciled_abroad`` and the services pass False.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Protocol

from tianping.cases.enums import CaseCategory, ClosingMethod, Instance, PartyRole, Procedure
from tianping.judgments.enums import DocumentKind

JUDGMENT_KINDS = frozenset(
    {DocumentKind.CIVIL_JUDGMENT, DocumentKind.CRIMINAL_JUDGMENT, DocumentKind.ADMINISTRATIVE_JUDGMENT}
)
# (case category, judgment?) → days of the appeal period from service.
APPEAL_DAYS: dict[tuple[str, bool], int] = {
    (CaseCategory.CIVIL, True): 15,
    (CaseCategory.CIVIL, False): 10,
    (CaseCategory.ADMINISTRATIVE, True): 15,
    (CaseCategory.ADMINISTRATIVE, False): 10,
    (CaseCategory.CRIMINAL, True): 10,
    (CaseCategory.CRIMINAL, False): 5,
}
FOREIGN_DOMICILE_DAYS = 30  # CPL art. 286: civil judgments and rulings, party without a domicile in China
PAYMENT_ORDER_OBJECTION_DAYS = 15  # CPL art. 227

APPEALABLE_RULINGS = frozenset({"不予受理", "驳回起诉", "管辖权异议"})
# The subject of a ruling when its draft does not name one, read from how it closes the case.
RULING_SUBJECT_BY_CLOSING: dict[str, str] = {
    ClosingMethod.DISMISSAL: "驳回起诉",
    ClosingMethod.WITHDRAWAL: "准许撤诉",
    ClosingMethod.TRANSFER: "移送",
    ClosingMethod.TERMINATION: "终结诉讼",
}
NOT_APPEALABLE_PROCEDURES = frozenset({Procedure.SMALL_CLAIMS, Procedure.SPECIAL})

APPELLANT_ROLES: dict[str, frozenset[str]] = {
    CaseCategory.CIVIL: frozenset({PartyRole.PLAINTIFF, PartyRole.DEFENDANT, PartyRole.THIRD_PARTY}),
    CaseCategory.ADMINISTRATIVE: frozenset({PartyRole.PLAINTIFF, PartyRole.DEFENDANT, PartyRole.THIRD_PARTY}),
    CaseCategory.CRIMINAL: frozenset(
        {PartyRole.ACCUSED, PartyRole.PRIVATE_PROSECUTOR, PartyRole.CIVIL_PLAINTIFF, PartyRole.PROSECUTOR}
    ),
}
PAYMENT_ORDER_DEBTOR_ROLES = frozenset({PartyRole.RESPONDENT, PartyRole.DEFENDANT})
APPEAL_TYPE_CODES: dict[str, str] = {
    CaseCategory.CIVIL: "民终",
    CaseCategory.CRIMINAL: "刑终",
    CaseCategory.ADMINISTRATIVE: "行终",
}


class Calendar(Protocol):
    def add_days(self, start: dt.date, days: int) -> dt.date: ...


@dataclasses.dataclass(frozen=True)
class DocumentFacts:
    """What decides the rule: the document's kind and the case it was given in."""

    kind: str
    category: str
    instance: str
    procedure: str
    supreme_court: bool
    ruling_subject: str = ""


@dataclasses.dataclass(frozen=True)
class PeriodRule:
    """``days`` is None when the document takes effect on service (nothing to appeal)."""

    days: int | None
    roles: frozenset[str]
    objection: bool = False  # a payment order's objection period, not an appeal
    reason: str = ""

    @property
    def appealable(self) -> bool:
        return self.days is not None


def ruling_subject(sections_subject: str, closing_method: str) -> str:
    """The ruling's subject as the draft names it, else read from its closing method."""
    return (sections_subject or "").strip() or RULING_SUBJECT_BY_CLOSING.get(closing_method, "")


def period_rule(facts: DocumentFacts) -> PeriodRule:
    """The period a document opens for the parties, or why it takes effect on service."""
    if facts.kind == DocumentKind.PAYMENT_ORDER:
        return PeriodRule(PAYMENT_ORDER_OBJECTION_DAYS, PAYMENT_ORDER_DEBTOR_ROLES, objection=True)
    if facts.kind in (DocumentKind.MEDIATION, DocumentKind.DECISION):
        return PeriodRule(None, frozenset(), reason="调解书、决定书送达即发生法律效力")
    if facts.supreme_court:
        return PeriodRule(None, frozenset(), reason="最高人民法院的裁判送达即发生法律效力")
    if facts.instance != Instance.FIRST:
        return PeriodRule(None, frozenset(), reason="第二审及非第一审程序的裁判送达即发生法律效力")
    if facts.procedure in NOT_APPEALABLE_PROCEDURES:
        return PeriodRule(None, frozenset(), reason="小额诉讼、特别程序实行一审终审")
    judgment = facts.kind in JUDGMENT_KINDS
    if not judgment and facts.ruling_subject not in APPEALABLE_RULINGS:
        return PeriodRule(None, frozenset(), reason="该裁定不准上诉，送达即发生法律效力")
    days = APPEAL_DAYS.get((facts.category, judgment))
    if days is None:
        return PeriodRule(None, frozenset(), reason="该类案件的裁判不适用上诉期")
    return PeriodRule(days, APPELLANT_ROLES[facts.category])


def party_days(rule: PeriodRule, category: str, *, domiciled_abroad: bool = False) -> int:
    """A party's days under ``rule``: 30 in civil cases for a party without a domicile in China."""
    assert rule.days is not None
    if domiciled_abroad and category == CaseCategory.CIVIL and not rule.objection:
        return max(rule.days, FOREIGN_DOMICILE_DAYS)
    return rule.days


def period_end(calendar: Calendar, served_on: dt.date, days: int) -> dt.date:
    """CPL art. 85: the day of service is not counted; a last day on a rest day moves to the next working day."""
    return calendar.add_days(served_on, days)


def effective_date(ends: list[dt.date]) -> dt.date:
    """A document takes effect the day after the last period ended unappealed."""
    return max(ends) + dt.timedelta(days=1)
