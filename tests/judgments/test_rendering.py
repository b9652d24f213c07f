"""Rendering each kind: the PDF's extracted text and the .docx opened with python-docx carry the standard
structure in order, with East Asian fonts set, and never an ID number or a telephone number."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from tests.conftest import CourtTree, Users
from tests.judgments.drafting_world import (
    ACCUSED_ID,
    PLAINTIFF_ID,
    World,
    administrative_parties,
    criminal_parties,
    fill,
    make_case,
    world_fixture,  # noqa: F401
)
from tianping.core.pdf import pdf_text
from tianping.judgments import services
from tianping.judgments.enums import DocumentKind
from tianping.judgments.rendering import kinds
from tianping.judgments.rendering.docx import document_docx
from tianping.judgments.rendering.kinds import appeal_days, appeal_notice, chinese_number
from tianping.judgments.rendering.pdf import document_pdf
from tianping.judgments.rendering.text import blocks, chinese_date, full_text
from tianping.judgments.services.drafting import draft_data

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 29)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def cases(world: World, courts: CourtTree, users: Users) -> dict[str, Any]:
    panel = {"judge_ids": [], "assessor_names": [], "clerk_id": world.court_clerk.pk}
    criminal = make_case(users, courts, world.division, "刑初", criminal_parties(), users.judge, panel)
    administrative = make_case(users, courts, world.division, "行初", administrative_parties(), users.judge, panel)
    return {"civil": world.case, "criminal": criminal, "administrative": administrative}


KIND_CASES = [
    (DocumentKind.CIVIL_JUDGMENT, "civil", "民事判决书", "判决如下："),
    (DocumentKind.CRIMINAL_JUDGMENT, "criminal", "刑事判决书", "判决如下："),
    (DocumentKind.ADMINISTRATIVE_JUDGMENT, "administrative", "行政判决书", "判决如下："),
    (DocumentKind.RULING, "civil", "民事裁定书", "裁定如下："),
    (DocumentKind.RULING, "criminal", "刑事裁定书", "裁定如下："),
    (DocumentKind.MEDIATION, "civil", "民事调解书", "当事人自愿达成如下协议："),
    (DocumentKind.PAYMENT_ORDER, "civil", "支付令", "特发出如下支付令："),
    (DocumentKind.DECISION, "civil", "民事决定书", "决定如下："),
]


@pytest.mark.parametrize(("kind", "case_key", "title", "heading"), KIND_CASES)
def test_each_kind_renders_its_structure_in_the_pdf(
    world: World, cases: dict[str, Any], kind: str, case_key: str, title: str, heading: str
) -> None:
    case = cases[case_key]
    draft = fill(world.users.judge, services.draft_create(actor=world.users.judge, case=case, kind=kind))
    data = draft_data(draft, day=DAY)
    text = squeeze(pdf_text(document_pdf(data)))
    names = [p.name for p in case.parties.all()]
    expected = ["北京市朝阳区人民法院", title, squeeze(case.number), *names, heading,
                "被告北京某某科技有限公司于本判决生效之日起",
                "二〇二六年十一月二十九日", "书记员钱书记"]  # fmt: skip
    for piece in expected:
        assert piece in text, piece
    positions = [text.index(p) for p in ["北京市朝阳区人民法院", title, squeeze(case.number), names[0], heading]]
    assert positions == sorted(positions)
    assert "审判员李法官" in text or "审判长李法官" in text
    for secret in (PLAINTIFF_ID, ACCUSED_ID, "13800138000"):
        assert secret not in text


def test_criminal_and_civil_appeal_wording_and_days() -> None:
    assert appeal_days("civil_judgment", "civil") == 15
    assert appeal_days("administrative_judgment", "administrative") == 15
    assert appeal_days("criminal_judgment", "criminal") == 10
    assert appeal_days("ruling", "civil") == 10
    assert appeal_days("ruling", "criminal") == 5
    assert appeal_days("civil_judgment", "civil", final=True) == 0
    assert appeal_days("mediation", "civil") == appeal_days("payment_order", "civil") == 0
    court = "北京三中院"
    assert "可在接到判决书的第二日起十日内" in appeal_notice(
        "criminal_judgment", "criminal", final=False, appeal_court=court
    )
    assert "裁定书送达之日起十日内" in appeal_notice("ruling", "civil", final=False, appeal_court=court)
    assert appeal_notice("civil_judgment", "civil", final=True, appeal_court=court) == "本判决为终审判决。"
    assert appeal_notice("ruling", "civil", final=True, appeal_court=court) == "本裁定为终审裁定。"
    assert appeal_notice("decision", "civil", final=False, appeal_court=court) == ""
    assert kinds.is_final(instance="second", procedure="ordinary", has_court_above=True)
    assert kinds.is_final(instance="first", procedure="small_claims", has_court_above=True)
    assert kinds.is_final(instance="first", procedure="ordinary", has_court_above=False)
    assert not kinds.is_final(instance="first", procedure="simplified", has_court_above=True)


def test_sole_judge_signs_as_judge(world: World, cases: dict[str, Any]) -> None:
    draft = services.draft_create(actor=world.users.judge, case=cases["criminal"], kind=DocumentKind.CRIMINAL_JUDGMENT)
    assert draft.sections[kinds.PANEL] == "审判员　李法官"
    assert "公诉机关：北京市朝阳区人民检察院。" in draft.sections[kinds.PARTIES]
    assert "辩护人：赵律师，北京市正义律师事务所律师。" in draft.sections[kinds.PARTIES]
    assert "可在接到判决书的第二日起十日内" in draft.sections[kinds.APPEAL_NOTICE]


def test_chinese_numerals() -> None:
    assert chinese_date(DAY) == "二〇二六年十一月二十九日"
    assert chinese_date(dt.date(2030, 1, 10)) == "二〇三〇年一月十日"
    assert [chinese_number(n) for n in (5, 10, 15, 20, 31)] == ["五", "十", "十五", "二十", "三十一"]


def test_docx_paragraphs_in_order_with_east_asian_fonts(world: World) -> None:
    draft = fill(world.users.judge, services.draft_create(actor=world.users.judge, case=world.case,
                                                          kind=DocumentKind.CIVIL_JUDGMENT))  # fmt: skip
    data = draft_data(draft, day=DAY)
    word = WordDocument(io.BytesIO(document_docx(data)))
    paragraphs = [p for p in word.paragraphs if p.text]
    assert [p.text for p in paragraphs] == [b.text for b in blocks(data)] == full_text(data).splitlines()
    assert paragraphs[0].text == "北京市朝阳区人民法院"
    assert paragraphs[1].text == "民事判决书"
    assert paragraphs[1].alignment == 1
    assert paragraphs[1].runs[0].bold
    for paragraph in paragraphs:
        for run in paragraph.runs:
            fonts = run._element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) in ("仿宋", "宋体")
    normal = word.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 28
    font_table = next(p for p in word.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    assert "Noto Serif CJK SC" in font_table.blob.decode("utf-8")
    assert PLAINTIFF_ID not in full_text(data)


def test_empty_sections_are_left_out_and_the_heading_only_with_a_decision(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    text = full_text(draft_data(draft, day=DAY))
    assert "判决如下：" not in text
    assert "" not in text.splitlines()


def test_a_rulings_subject_is_kept_but_not_printed(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.RULING)
    draft = services.draft_update(
        actor=world.users.judge, draft=draft, revision=0,
        sections={"ruling_subject": "驳回起诉", "reasoning": "本院认为，原告的起诉不符合法定条件。",
                  "decision": "驳回原告张三的起诉。"},
    )  # fmt: skip
    assert draft.sections["ruling_subject"] == "驳回起诉"
    text = full_text(draft_data(draft, day=DAY))
    assert "驳回原告张三的起诉。" in text
    assert "驳回起诉" not in text.replace("驳回原告张三的起诉", "")
