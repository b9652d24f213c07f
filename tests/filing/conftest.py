"""Helpers for the online-filing tests: a complete draft built through the services, files in tmp storage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests import factories
from tests.cases.conftest import make_credit_code, on_day
from tests.conftest import CourtTree, Users
from tests.dossier.conftest import media, stored_files, text_pdf, upload  # noqa: F401 (fixture re-export)
from tianping.cases.selectors import cause_by_name
from tianping.filing import services
from tianping.filing.enums import AttachmentCategory, FilingKind

__all__ = ["on_day", "stored_files", "text_pdf", "upload"]

# A Monday with no holiday nearby: 2026-03-09 (the 7-day period ends Monday 2026-03-16).
MONDAY = dt.date(2026, 3, 9)
DEFENDANT_ADDRESS = "北京市朝阳区建国路88号3号楼501室"


def defendant_company(**extra: Any) -> dict[str, Any]:
    data = {
        "role": "defendant",
        "kind": "legal",
        "name": "北京某某科技有限公司",
        "credit_code": make_credit_code(),
        "legal_representative": "周经理",
        "address": DEFENDANT_ADDRESS,
    }
    data.update(extra)
    return data


def complete_data(kind: str = FilingKind.CIVIL) -> dict[str, Any]:
    cause = cause_by_name(name="民间借贷纠纷", category="civil")
    return {
        "cause_id": cause.pk if cause and kind != FilingKind.ADMINISTRATIVE else None,
        "claim_amount": "150000",
        "claims": ["判令被告偿还借款本金150000元", "判令被告承担本案诉讼费用"],
        "facts": "2025年1月，被告向原告借款150000元，约定三个月后归还，至今未还。",
        "evidence": [{"name": "借条", "purpose": "证明借贷关系", "source": "原告持有"}],
    }


def attach_required(filing: Any, actor: Any, *categories: str) -> None:
    wanted = categories or (AttachmentCategory.IDENTITY, AttachmentCategory.COMPLAINT, AttachmentCategory.EVIDENCE)
    for index, category in enumerate(wanted):
        services.filing_attachment_add(
            actor=actor, filing=filing, category=category, uploaded_file=upload(text_pdf(f"Doc {index}"))
        )


@pytest.fixture
def make_filing(courts: CourtTree, users: Users, media: Path) -> Callable[..., Any]:  # noqa: F811
    """``make_filing(actor=litigant, kind=civil, complete=True, attach=True)``: a draft at 朝阳."""

    def _make(actor: Any = None, kind: str = FilingKind.CIVIL, complete: bool = True, attach: bool = True) -> Any:
        actor = actor or users.litigant
        data = complete_data(kind) if complete else {}
        filing = services.filing_create(actor=actor, court_id=courts.chaoyang.pk, kind=kind, data=data)
        if complete:
            parties = [
                {"role": p.role, "kind": p.kind, "name": p.name, "id_number": p.id_number, "is_filer": p.is_filer}
                for p in filing.parties.all()
            ]
            if actor.kind == "lawyer":
                parties = [
                    {"role": "plaintiff", "kind": "natural", "name": "赵委托", "represented": True,
                     "id_number": factories.make_id_number()}
                ]  # fmt: skip
            services.filing_update(actor=actor, filing=filing, data={"parties": [*parties, defendant_company()]})
        if attach:
            extra = (AttachmentCategory.POWER_OF_ATTORNEY,) if actor.kind == "lawyer" else ()
            attach_required(
                filing, actor, AttachmentCategory.IDENTITY, AttachmentCategory.COMPLAINT, AttachmentCategory.EVIDENCE,
                *extra,
            )  # fmt: skip
        filing.refresh_from_db()
        return filing

    return _make
