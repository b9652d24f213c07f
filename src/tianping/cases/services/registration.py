"""Registering a case (立案): the one service counter filing and online filing both call."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.db import transaction

from tianping.accounts import selectors as access
from tianping.cases.enums import CaseCategory, CaseStatus, Instance, LinkKind, PartyKind, PartyRole, Procedure
from tianping.cases.models import Agent, Case, CaseNumberSequence, CaseType, CauseOfAction, Party
from tianping.cases.numbers import MARKERS, format_case_number
from tianping.cases.permissions import REGISTRAR_ROLES
from tianping.cases.services.common import add_event, audit_case
from tianping.cases.services.time_limits import initial_deadline
from tianping.core import clock
from tianping.core.errors import NotFound, ValidationFailed
from tianping.core.money import to_money
from tianping.core.validators import parse_credit_code, parse_id_number, parse_mobile
from tianping.courts import selectors as court_selectors
from tianping.notify import services as notify_services

QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I
QUERY_CODE_LENGTH = 8

# A case of each instance needs at least one party on each side.
_CLAIMANTS = {
    Instance.FIRST: {PartyRole.PLAINTIFF, PartyRole.PROSECUTOR, PartyRole.PRIVATE_PROSECUTOR, PartyRole.APPLICANT},
    Instance.SECOND: {PartyRole.APPELLANT},
    Instance.RETRIAL_REVIEW: {PartyRole.RETRIAL_APPLICANT},
    Instance.RETRIAL: {PartyRole.RETRIAL_APPLICANT, PartyRole.APPELLANT, PartyRole.PLAINTIFF},
    Instance.ENFORCEMENT: {PartyRole.ENFORCEMENT_APPLICANT},
}
# Criminal first instance: a public or private prosecution against the accused.
_CRIMINAL_FIRST = ({PartyRole.PROSECUTOR, PartyRole.PRIVATE_PROSECUTOR}, {PartyRole.ACCUSED})
_RESPONDENTS = {
    Instance.FIRST: {PartyRole.DEFENDANT, PartyRole.ACCUSED, PartyRole.RESPONDENT},
    Instance.SECOND: {PartyRole.APPELLEE, PartyRole.ORIGINAL_THIRD_PARTY},
    Instance.RETRIAL_REVIEW: {PartyRole.RETRIAL_RESPONDENT, PartyRole.RESPONDENT},
    Instance.RETRIAL: {PartyRole.RETRIAL_RESPONDENT, PartyRole.APPELLEE, PartyRole.DEFENDANT},
    Instance.ENFORCEMENT: {PartyRole.ENFORCEMENT_RESPONDENT},
}
PROCEDURES_BY_CATEGORY: dict[str, frozenset[str]] = {
    CaseCategory.CIVIL: frozenset(
        {Procedure.ORDINARY, Procedure.SIMPLIFIED, Procedure.SMALL_CLAIMS, Procedure.SPECIAL, Procedure.SECOND_INSTANCE,
         Procedure.SECOND_INSTANCE_RULING, Procedure.RETRIAL_REVIEW, Procedure.RETRIAL, Procedure.OTHER}
    ),
    CaseCategory.CRIMINAL: frozenset(
        {Procedure.ORDINARY, Procedure.SIMPLIFIED, Procedure.SECOND_INSTANCE, Procedure.RETRIAL_REVIEW,
         Procedure.RETRIAL, Procedure.SPECIAL, Procedure.OTHER}
    ),
    CaseCategory.ADMINISTRATIVE: frozenset(
        {Procedure.ORDINARY, Procedure.SIMPLIFIED, Procedure.SECOND_INSTANCE, Procedure.RETRIAL_REVIEW,
         Procedure.RETRIAL, Procedure.NON_LITIGATION_ENFORCEMENT, Procedure.OTHER}
    ),
    CaseCategory.ENFORCEMENT: frozenset({Procedure.ENFORCEMENT, Procedure.NON_LITIGATION_ENFORCEMENT, Procedure.OTHER}),
}  # fmt: skip


@dataclasses.dataclass
class AgentInput:
    kind: str
    name: str
    id_number: str = ""
    licence_no: str = ""
    law_firm: str = ""
    mobile: str = ""
    account_id: int | None = None


@dataclasses.dataclass
class PartyInput:
    kind: str
    role: str
    name: str
    gender: str = ""
    birth_date: dt.date | None = None
    ethnicity: str = ""
    id_number: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    address: str = ""
    mobile: str = ""
    account_id: int | None = None
    source_party_id: int | None = None
    agents: list[AgentInput] = dataclasses.field(default_factory=list)


@transaction.atomic
def case_register(
    *,
    actor: Any,
    court_id: int,
    type_code: str,
    parties: list[PartyInput],
    procedure: str | None = None,
    marker: str = "",
    cause_id: int | None = None,
    claim_amount: Decimal | str | int | None = None,
    received_on: dt.date | None = None,
    title: str = "",
    division_id: int | None = None,
    is_secret: bool = False,
    involves_minor: bool = False,
    is_private: bool = False,
    origin: Case | None = None,
    link_kind: str = "",
) -> Case:
    """Register a case: number, parties with query codes, time limit, timeline, audit."""
    access.require_role(actor, *REGISTRAR_ROLES, court_id=court_id)
    court = court_selectors.court_get(court_id=court_id)
    case_type = _case_type(type_code)
    procedure = procedure or case_type.default_procedure
    _check_procedure(case_type, procedure)
    if marker and marker not in MARKERS:
        raise ValidationFailed("未知的专门审判代字", code="invalid_marker", details={"marker": marker})
    today = clock.today()
    received = received_on or today
    if received > today:
        raise ValidationFailed("收案日期不能晚于今天", code="invalid_received_on")
    checked_parties = _checked_parties(parties, today)
    _check_sides(case_type, checked_parties)
    case = Case(
        court=court,
        case_type=case_type,
        category=case_type.category,
        marker=marker,
        year=received.year,
        procedure=procedure,
        cause=_cause(cause_id, case_type.category),
        claim_amount=_amount(claim_amount),
        received_on=received,
        filed_on=today,
        title=title[:200],
        division=_division(court_id, division_id),
        status=CaseStatus.REGISTERED,
        is_secret=is_secret,
        involves_minor=involves_minor,
        is_private=is_private,
        origin=origin,
        link_kind=link_kind if origin else "",
        registered_by=actor,
    )
    case.serial = allocate_serial(court_id=court_id, type_code=type_code, marker=marker, year=case.year)
    case.number = format_case_number(case.year, court.code, marker, type_code, case.serial)
    if not case.title:
        case.title = _default_title(checked_parties, case)
    case.deadline = initial_deadline(case)
    case.save()
    _save_parties(case, checked_parties)
    add_event(case, action="立案", actor=actor, from_status=CaseStatus.PENDING, to_status=CaseStatus.REGISTERED,
              note=f"{LinkKind(link_kind).label}：{origin.number}" if origin else "")  # fmt: skip
    audit_case(actor, "case.register", case, {"number": [None, case.number], "parties": [None, len(parties)]})
    # The parties learn number and query code by SMS/e-mail, sent once this transaction commits.
    notify_services.case_registered_notify(case_id=case.pk)
    return case


def allocate_serial(*, court_id: int, type_code: str, marker: str, year: int) -> int:
    """The next serial of the sequence, under a row lock held until the caller's transaction ends.

    A rolled-back registration also rolls back its increment; two registrations can never
    receive the same serial (the unique constraint on Case backs this up)."""
    sequence, _created = CaseNumberSequence.objects.select_for_update().get_or_create(
        court_id=court_id, type_code=type_code, marker=marker, year=year
    )
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return sequence.last_serial


def new_query_code() -> str:
    while True:
        code = "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))
        if not Party.objects.filter(query_code=code).exists():
            return code


def _case_type(type_code: str) -> CaseType:
    try:
        return CaseType.objects.get(code=type_code)
    except CaseType.DoesNotExist as exc:
        raise ValidationFailed("未知的类型代字", code="invalid_type_code", details={"type_code": type_code}) from exc


def _check_procedure(case_type: CaseType, procedure: str) -> None:
    if procedure not in Procedure.values:
        raise ValidationFailed("未知的审理程序", code="invalid_procedure", details={"procedure": procedure})
    allowed = PROCEDURES_BY_CATEGORY.get(case_type.category)
    if allowed is not None and procedure not in allowed:
        raise ValidationFailed(
            f"{case_type.name}不适用{Procedure(procedure).label}", code="invalid_procedure",
            details={"procedure": procedure, "allowed": sorted(allowed)},
        )  # fmt: skip


def _cause(cause_id: int | None, category: str) -> CauseOfAction | None:
    if cause_id is None:
        return None
    cause = CauseOfAction.objects.filter(pk=cause_id).first()
    if cause is None:
        raise ValidationFailed("案由不存在", code="invalid_cause", details={"cause_id": cause_id})
    # Enforcement, preservation and other cases carry the cause of the underlying dispute.
    if (
        category in {CaseCategory.CIVIL, CaseCategory.CRIMINAL, CaseCategory.ADMINISTRATIVE}
        and cause.category != category
    ):
        raise ValidationFailed("案由与案件类别不符", code="invalid_cause", details={"cause_id": cause_id})
    return cause


def _amount(value: Decimal | str | int | None) -> Decimal | None:
    if value in (None, ""):
        return None
    amount = to_money(value)  # type: ignore[arg-type]
    if amount < 0:
        raise ValidationFailed("标的额不能为负数", code="invalid_amount")
    return amount


def _division(court_id: int, division_id: int | None) -> Any:
    if division_id is None:
        return None
    division = (
        court_selectors.division_list(court=court_selectors.court_get(court_id=court_id)).filter(pk=division_id).first()
    )
    if division is None:
        raise NotFound("承办部门不属于本院", code="division_not_found")
    return division


def _checked_parties(parties: list[PartyInput], today: dt.date) -> list[PartyInput]:
    """Each party checked in turn; an error says which one (``details["party_index"]``, from 0)."""
    checked = []
    for index, party in enumerate(parties):
        try:
            checked.append(_checked_party(party, today))
        except ValidationFailed as exc:
            exc.details = {**(exc.details if isinstance(exc.details, dict) else {}), "party_index": index}
            raise
    return checked


def _checked_party(party: PartyInput, today: dt.date) -> PartyInput:
    """Validate and normalise one party; ID numbers fill in gender and birth date."""
    errors: dict[str, str] = {}
    if not party.name.strip():
        errors["name"] = "请填写姓名或名称"
    if party.kind not in PartyKind.values:
        errors["kind"] = "主体类型无效"
    if party.role not in PartyRole.values:
        errors["role"] = "诉讼地位无效"
    if errors:
        raise ValidationFailed("当事人信息不完整", code="invalid_party", details=errors)
    checked = dataclasses.replace(party, name=party.name.strip())
    if party.kind == PartyKind.NATURAL and party.id_number:
        identity = parse_id_number(party.id_number, today=today)
        checked.id_number, checked.birth_date, checked.gender = identity.value, identity.birth_date, identity.gender
    if party.kind != PartyKind.NATURAL and party.credit_code:
        checked.credit_code = parse_credit_code(party.credit_code)
    if party.mobile:
        checked.mobile = parse_mobile(party.mobile)
    for agent in checked.agents:
        if not agent.name.strip():
            raise ValidationFailed("请填写代理人姓名", code="invalid_agent")
        if agent.id_number:
            agent.id_number = parse_id_number(agent.id_number, today=today).value
        if agent.mobile:
            agent.mobile = parse_mobile(agent.mobile)
    return checked


def _check_sides(case_type: CaseType, parties: list[PartyInput]) -> None:
    roles = {p.role for p in parties}
    claimants, respondents = (
        _CLAIMANTS.get(Instance(case_type.instance)),
        _RESPONDENTS.get(Instance(case_type.instance)),
    )
    if case_type.category == CaseCategory.CRIMINAL and case_type.instance == Instance.FIRST:
        claimants, respondents = _CRIMINAL_FIRST
    if claimants is None or respondents is None:
        if not parties:
            raise ValidationFailed("至少应有一名当事人", code="parties_required")
        return
    # 民诉法解释第三百一十七条: when every party appeals, all are listed as 上诉人 and no one is 被上诉人.
    one_sided = case_type.instance == Instance.SECOND and len(parties) > 1 and roles <= claimants
    if not roles & claimants or not (roles & respondents or one_sided):
        raise ValidationFailed(
            "当事人不完整：应同时有起诉/申请一方与被诉/被申请一方",
            code="parties_required",
            details={"needs_one_of": [sorted(claimants), sorted(respondents)]},
        )


def _default_title(parties: list[PartyInput], case: Case) -> str:
    first = next((p.name for p in parties), "")
    others = "等" if len(parties) > 2 else ""
    second = next((p.name for p in parties[1:]), "")
    cause = case.cause.name if case.cause else case.case_type.name
    return f"{first}与{second}{others}{cause}"[:200] if second else f"{first}{cause}"[:200]


def _save_parties(case: Case, parties: list[PartyInput]) -> None:
    for order, data in enumerate(parties):
        party = Party.objects.create(
            case=case,
            kind=data.kind,
            role=data.role,
            name=data.name,
            gender=data.gender,
            birth_date=data.birth_date,
            ethnicity=data.ethnicity,
            id_number=data.id_number,
            credit_code=data.credit_code,
            legal_representative=data.legal_representative,
            address=data.address,
            mobile=data.mobile,
            account_id=data.account_id,
            source_party_id=data.source_party_id,
            query_code=new_query_code(),
            order=order,
        )
        Agent.objects.bulk_create(
            Agent(party=party, kind=a.kind, name=a.name.strip(), id_number=a.id_number, licence_no=a.licence_no,
                  law_firm=a.law_firm, mobile=a.mobile, account_id=a.account_id)
            for a in data.agents
        )  # fmt: skip
