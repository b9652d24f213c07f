"""Electronic-service fixtures: a 民初 case at 朝阳 with three parties, a court clerk, a ruling in the
正卷 and a memo in the 副卷; files in tmp_path; Huey immediate so alerts reach the SMS outbox."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from huey.contrib.djhuey import HUEY

from tests import factories
from tests.cases.conftest import (
    company,
    person,
    register,  # noqa: F401  (fixture)
)
from tests.conftest import CourtTree, Users
from tests.dossier.conftest import media, text_pdf, upload  # noqa: F401  (media is a fixture)
from tianping.accounts.enums import Role
from tianping.cases import services as case_services
from tianping.cases.enums import AgentKind, PartyRole
from tianping.core import clock
from tianping.delivery import services
from tianping.dossier import services as dossier_services
from tianping.dossier.enums import Category, Volume

SHANGHAI = ZoneInfo("Asia/Shanghai")
SERVED_AT = dt.datetime(2026, 3, 16, 9, 30, 15, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def huey_immediate() -> Iterator[Any]:
    previous = HUEY.immediate
    HUEY.immediate = True
    try:
        yield HUEY
    finally:
        HUEY.immediate = previous


@dataclasses.dataclass
class World:
    case: Any
    plaintiff: Any  # 张三, account: users.litigant
    defendant: Any  # 北京某某科技有限公司, no account; agent: users.lawyer
    third: Any  # 李四, account: other_litigant
    ruling: Any  # 正卷
    memo: Any  # 副卷
    court_clerk: Any
    other_litigant: Any


@pytest.fixture
def world(courts: CourtTree, users: Users, media: Path) -> World:  # noqa: F811
    court_clerk = factories.staff_user("courtclerk", courts.chaoyang, Role.COURT_CLERK, real_name="钱书记")
    other = factories.litigant_user(username="litigant2", real_name="李四")
    case = case_services.case_register(
        actor=users.clerk,
        court_id=courts.chaoyang.pk,
        type_code="民初",
        parties=[
            person(PartyRole.PLAINTIFF, "张三", account_id=users.litigant.pk, mobile=users.litigant.mobile),
            company(
                PartyRole.DEFENDANT,
                "北京某某科技有限公司",
                agents=[
                    case_services.AgentInput(
                        kind=AgentKind.LAWYER,
                        name="李律师",
                        licence_no=users.lawyer.lawyer_licence_no,
                        law_firm="北京市天平律师事务所",
                        account_id=users.lawyer.pk,
                    )
                ],
            ),
            person(PartyRole.THIRD_PARTY, "李四", account_id=other.pk),
        ],
    )
    parties = {p.name: p for p in case.parties.all()}
    ruling = add_document(users.judge, case, "民事裁定书", category=Category.RULING)
    memo = add_document(users.judge, case, "合议庭评议笔录", volume=Volume.SECONDARY, category=Category.DELIBERATION)
    return World(
        case=case,
        plaintiff=parties["张三"],
        defendant=parties["北京某某科技有限公司"],
        third=parties["李四"],
        ruling=ruling,
        memo=memo,
        court_clerk=court_clerk,
        other_litigant=other,
    )


def add_document(actor: Any, case: Any, title: str, volume: str = Volume.MAIN, category: str = Category.OTHER) -> Any:
    return dossier_services.document_add(
        actor=actor,
        case=case,
        volume=volume,
        category=category,
        title=title,
        uploaded_file=upload(text_pdf(f"Document {title.encode().hex()[:12]}"), "doc.pdf"),
    )


def consent(world: World, user: Any, party: Any, mobile: str = "13800138000", email: str = "") -> Any:
    return services.consent_record(
        actor=user, case=world.case, party_id=party.pk, alert_mobile=mobile, alert_email=email
    )


def serve(
    world: World, actor: Any, *parties: Any, documents: list[Any] | None = None, at: dt.datetime = SERVED_AT
) -> Any:
    with clock.frozen_at(at):
        return services.document_serve(
            actor=actor,
            case=world.case,
            document_ids=[d.pk for d in (documents or [world.ruling])],
            party_ids=[p.pk for p in parties],
        )
