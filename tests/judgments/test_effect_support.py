"""Helpers for the effect, appeal and archive tests (no tests here): a 民初 case at 朝阳 with two parties,
an issued document built with the ORM (its PDF filed in the dossier), paper service through delivery."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import company, on_day, person
from tests.conftest import CourtTree, Users
from tests.dossier.conftest import text_pdf, upload
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import PartyRole
from tianping.core import clock
from tianping.delivery import services as delivery_services
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Source, Volume
from tianping.judgments.enums import DocumentKind, DraftStatus
from tianping.judgments.models import Draft, IssuedDocument
from tianping.judgments.services import document_issued

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
    closing_method: str = "judgment",
    closes_case: bool = True,
    sections: dict[str, Any] | None = None,
) -> IssuedDocument:
    """An issued document as the issuing service leaves it, then ``document_issued`` as it calls it."""
    with on_day(day):
        draft = Draft.objects.create(
            case=case, kind=kind, title="民事判决书", status=DraftStatus.ISSUED, closes_case=closes_case,
            closing_method=closing_method, outcome="判决", sections=sections or {}, drafted_by=users.judge,
            issued_by=users.president, issued_at=clock.now(),
        )  # fmt: skip
        pdf = dossier_services.document_add(
            actor=users.president, case=case, volume=Volume.MAIN, category=Category.RULING, title=f"判决书{draft.pk}",
            uploaded_file=upload(text_pdf(f"Judgment {draft.pk} {case.pk}"), "judgment.pdf"), source=Source.GENERATED,
        )  # fmt: skip
        assert pdf.current_version is not None
        sha = pdf.current_version.sha256
        issued = IssuedDocument.objects.create(
            draft=draft, case=case, kind=kind, title=draft.title, issued_on=day, text="判决如下", pdf_document=pdf,
            docx_document=pdf, pdf_sha256=sha, docx_sha256=sha, text_sha256=hashlib.sha256(b"x").hexdigest(),
        )  # fmt: skip
        document_issued(actor=users.president, document=issued)
    issued.refresh_from_db()
    return issued


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
