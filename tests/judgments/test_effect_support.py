"""Helpers for the effect, appeal and archive tests (no tests here): a 民初 case at 朝阳 with two parties,
documents issued through the drafting services (PDF filed in the dossier), paper service through delivery."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import company, on_day, person
from tests.conftest import CourtTree, Users
from tests.judgments.drafting_world import fill
from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import DesignationReason, PartyRole
from tianping.delivery import services as delivery_services
from tianping.judgments import services
from tianping.judgments.enums import ApprovalLevel, DocumentKind
from tianping.judgments.models import IssuedDocument

D = dt.date
ISSUED_ON = dt.date(2026, 9, 10)


@dataclasses.dataclass
class World:
    case: Any
    plaintiff: Any
    defendant: Any
    court_clerk: Any
    upper_clerk: Any  # filing clerk of 京03, the court above 朝阳


@pytest.fixture
def world(courts: CourtTree, users: Users, media: Any) -> World:
    court_clerk = factories.staff_user("courtclerk", courts.chaoyang, Role.COURT_CLERK, real_name="钱书记")
    upper_clerk = factories.staff_user("clerk3", courts.third_intermediate, Role.FILING_CLERK, real_name="孙立案")
    with on_day(D(2026, 9, 1)):
        case = register_case(users, courts, "民初")
    parties = {p.role: p for p in case.parties.all()}
    return World(case, parties[PartyRole.PLAINTIFF], parties[PartyRole.DEFENDANT], court_clerk, upper_clerk)


def register_case(users: Users, courts: CourtTree, type_code: str, **extra: Any) -> Any:
    criminal = type_code.startswith("刑")
    parties = (
        [company(PartyRole.PROSECUTOR, "北京市朝阳区人民检察院"), person(PartyRole.ACCUSED, "赵某")]
        if criminal
        else [person(PartyRole.PLAINTIFF, "张三"), company(PartyRole.DEFENDANT, "北京某某科技有限公司")]
    )
    return case_services.case_register(
        actor=users.clerk, court_id=courts.chaoyang.pk, type_code=type_code, parties=parties, **extra
    )


def issue(
    users: Users,
    case: Any,
    *,
    kind: str = DocumentKind.CIVIL_JUDGMENT,
    day: dt.date = ISSUED_ON,
    closing_method: str = "",
    judge: Any = None,
    registrar: Any = None,
    head: Any = None,
) -> IssuedDocument:
    """Assign the case to ``judge`` (once), draft, fill, submit and issue through the drafting services."""
    judge, registrar, head = judge or users.judge, registrar or users.clerk, head or users.division_head
    with on_day(day):
        if case.judge_id is None:
            request = case_services.case_designate(
                actor=registrar, case=case, judge_id=judge.pk, reason=DesignationReason.RELATED_CASE
            )
            case_services.assignment_decide(actor=head, assignment=request, approve=True)
            case.refresh_from_db()
            case_services.panel_set(actor=judge, case=case, judge_ids=[], assessor_names=[], clerk_id=_clerk(case).pk)
            case.refresh_from_db()
        draft = services.draft_create(actor=judge, case=case, kind=kind)
        draft = fill(judge, draft, **({"closing_method": closing_method} if closing_method else {}))
        draft = services.draft_submit(actor=judge, draft=draft)
        issuer = judge if draft.approval_level == ApprovalLevel.PRESIDING else head
        issued = services.draft_issue(actor=issuer, draft=draft)
    issued.refresh_from_db()
    case.refresh_from_db()
    return issued


def _clerk(case: Any) -> Any:
    """A court clerk (书记员) of the case's court: the first one there, or a new one."""
    existing = access.users_with_role(court_id=case.court_id, roles=[Role.COURT_CLERK])
    if existing:
        return existing[0]
    return factories.staff_user(f"clerk_of_{case.court_id}", case.court, Role.COURT_CLERK, real_name="周书记")


def serve_on_paper(users: Users, clerk: Any, document: IssuedDocument, party: Any, day: dt.date) -> Any:
    """Serve the issued PDF to ``party`` on paper, delivered on ``day``."""
    case = document.case
    with on_day(day):
        [service] = delivery_services.document_serve(
            actor=clerk, case=case, document_ids=[document.pdf_document_id], party_ids=[party.pk]
        )
        return delivery_services.paper_outcome_record(
            actor=clerk, service=service, outcome="delivered", delivered_on=day
        )


def serve_all(users: Users, clerk: Any, document: IssuedDocument, day: dt.date) -> None:
    for party in document.case.parties.all():
        serve_on_paper(users, clerk, document, party, day)
