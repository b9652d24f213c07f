"""Cases that come from another case: appeal, retrial, enforcement, resumed enforcement, jurisdiction.
The new case links to its origin and carries the parties over with their roles for the new stage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from tianping.cases.enums import CaseCategory, CaseStatus, ClosingMethod, LinkKind, PartyRole
from tianping.cases.models import Case, Party
from tianping.cases.services.registration import AgentInput, PartyInput, case_register
from tianping.core.errors import Conflict, ValidationFailed

R = PartyRole

# Which origin statuses a linked case may start from.
ORIGIN_STATUSES: dict[str, frozenset[str]] = {
    LinkKind.APPEAL: frozenset({CaseStatus.CLOSED}),
    LinkKind.RETRIAL_REVIEW: frozenset({CaseStatus.EFFECTIVE, CaseStatus.ARCHIVED}),
    LinkKind.RETRIAL: frozenset({CaseStatus.EFFECTIVE, CaseStatus.ARCHIVED, CaseStatus.CLOSED}),
    LinkKind.ENFORCEMENT: frozenset({CaseStatus.EFFECTIVE, CaseStatus.ARCHIVED}),
    LinkKind.RESUMED_ENFORCEMENT: frozenset({CaseStatus.CLOSED, CaseStatus.ARCHIVED}),
    LinkKind.JURISDICTION: frozenset({CaseStatus.REGISTERED, CaseStatus.ASSIGNED, CaseStatus.IN_TRIAL}),
}
# The role a party takes in the new case when the caller does not say otherwise.
_CLAIMANT_SIDE = {R.PLAINTIFF, R.APPELLANT, R.RETRIAL_APPLICANT, R.APPLICANT, R.PRIVATE_PROSECUTOR,
                  R.ENFORCEMENT_APPLICANT, R.CIVIL_PLAINTIFF}  # fmt: skip
_THIRD_PARTIES = {R.THIRD_PARTY, R.ORIGINAL_THIRD_PARTY}
# (role for the side that moves, role for everyone else, role for third parties)
ROLE_SCHEME: dict[str, tuple[PartyRole, PartyRole, PartyRole]] = {
    LinkKind.APPEAL: (R.APPELLANT, R.APPELLEE, R.ORIGINAL_THIRD_PARTY),
    LinkKind.RETRIAL_REVIEW: (R.RETRIAL_APPLICANT, R.RETRIAL_RESPONDENT, R.ORIGINAL_THIRD_PARTY),
    LinkKind.RETRIAL: (R.RETRIAL_APPLICANT, R.RETRIAL_RESPONDENT, R.ORIGINAL_THIRD_PARTY),
    LinkKind.ENFORCEMENT: (R.ENFORCEMENT_APPLICANT, R.ENFORCEMENT_RESPONDENT, R.THIRD_PARTY),
}


def linked_roles(link_kind: str, parties: list[Party], movers: set[int]) -> dict[int, str]:
    """New role per origin party id. ``movers`` are the parties who appeal / apply."""
    if link_kind in (LinkKind.RESUMED_ENFORCEMENT, LinkKind.JURISDICTION):
        return {p.pk: p.role for p in parties}
    mover_role, other_role, third_role = ROLE_SCHEME[link_kind]
    if not movers:
        raise ValidationFailed("请指定上诉人或申请人", code="movers_required")
    unknown = movers - {p.pk for p in parties}
    if unknown:
        raise ValidationFailed(
            "上诉人或申请人不是原案当事人", code="invalid_movers", details={"party_ids": sorted(unknown)}
        )
    roles: dict[int, str] = {}
    for party in parties:
        if party.pk in movers:
            roles[party.pk] = mover_role
        elif party.role in _THIRD_PARTIES:
            roles[party.pk] = third_role
        else:
            roles[party.pk] = other_role
    return roles


@transaction.atomic
def case_create_linked(
    *,
    actor: Any,
    origin: Case,
    link_kind: str,
    court_id: int,
    type_code: str,
    movers: set[int] | None = None,
    procedure: str | None = None,
    claim_amount: Decimal | str | None = None,
    received_on: dt.date | None = None,
    division_id: int | None = None,
) -> Case:
    """Register a case linked to ``origin``; its parties are copied with their new roles."""
    if link_kind not in LinkKind.values:
        raise ValidationFailed("未知的关联类型", code="invalid_link_kind")
    allowed = ORIGIN_STATUSES[link_kind]
    if origin.status not in allowed:
        raise Conflict(
            f"原案当前为“{origin.get_status_display()}”，不能据此{LinkKind(link_kind).label}",
            code="origin_not_ready",
            details={"origin_status": origin.status, "needs": sorted(allowed)},
        )
    if link_kind == LinkKind.RESUMED_ENFORCEMENT and not (
        origin.category == CaseCategory.ENFORCEMENT and origin.closing_method == ClosingMethod.NO_ASSETS
    ):
        raise Conflict("只有终结本次执行程序的执行案件可以恢复执行", code="origin_not_ready")
    parties = list(origin.parties.prefetch_related("agents"))
    roles = linked_roles(link_kind, parties, movers or set())
    return case_register(
        actor=actor,
        court_id=court_id,
        type_code=type_code,
        procedure=procedure,
        marker=origin.marker,
        cause_id=origin.cause_id,
        claim_amount=claim_amount if claim_amount is not None else origin.claim_amount,
        received_on=received_on,
        division_id=division_id,
        is_secret=origin.is_secret,
        involves_minor=origin.involves_minor,
        is_private=origin.is_private,
        origin=origin,
        link_kind=link_kind,
        parties=[_carried_party(p, roles[p.pk]) for p in parties],
    )


def _carried_party(party: Party, role: str) -> PartyInput:
    return PartyInput(
        kind=party.kind, role=role, name=party.name, gender=party.gender, birth_date=party.birth_date,
        ethnicity=party.ethnicity, id_number=party.id_number, credit_code=party.credit_code,
        legal_representative=party.legal_representative, address=party.address, mobile=party.mobile,
        account_id=party.account_id, source_party_id=party.pk,
        agents=[
            AgentInput(kind=a.kind, name=a.name, id_number=a.id_number, licence_no=a.licence_no, law_firm=a.law_firm,
                       mobile=a.mobile, account_id=a.account_id)
            for a in party.agents.all()
        ],
    )  # fmt: skip
