"""Small real PDFs for the services scenario: a complaint, an identity proof, an evidence list, a
power of attorney and the court's notices.

Each function returns a :class:`Material` (a file name and its page's template context);
:func:`render_all` lays a whole batch out with one ``core.pdf.render_pdf`` call of
``print/demo_material.html`` (one page per material) and splits it into one PDF per material —
WeasyPrint's start-up and font loading are paid once, not once per file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

from django.core.files.base import ContentFile
from pypdf import PdfReader, PdfWriter

from tianping.core.pdf import render_pdf

TEMPLATE = "print/demo_material.html"
CHINESE_NUMERALS = "一二三四五六七八九十"


@dataclasses.dataclass(frozen=True)
class Person:
    """A party or agent as the materials describe them."""

    name: str
    id_number: str = ""  # natural persons
    credit_code: str = ""  # organisations
    legal_representative: str = ""
    address: str = ""
    mobile: str = ""

    @property
    def description(self) -> str:
        if self.credit_code:
            parts = [self.name, f"统一社会信用代码{self.credit_code}", f"法定代表人{self.legal_representative}"]
        else:
            parts = [self.name, f"公民身份号码{self.id_number}" if self.id_number else ""]
        parts += [f"住所地{self.address}" if self.address else "", f"联系电话{self.mobile}" if self.mobile else ""]
        return "，".join(p for p in parts if p) + "。"


@dataclasses.dataclass(frozen=True)
class Material:
    filename: str
    context: dict[str, Any]


def _pdf(filename: str, **context: Any) -> Material:
    return Material(filename, context)


def render_all(materials: list[Material]) -> list[ContentFile[bytes]]:
    """One PDF per material, in order, from a single layout run (each material is one page)."""
    pages = PdfReader(io.BytesIO(render_pdf(TEMPLATE, {"documents": [m.context for m in materials]}))).pages
    if len(pages) != len(materials):  # a material ran over its page: the templates' texts are too long
        raise ValueError(f"{len(materials)} demo materials laid out on {len(pages)} pages")
    files = []
    for material, page in zip(materials, pages, strict=True):
        writer = PdfWriter()
        writer.add_page(page)
        writer.add_metadata({"/Title": material.context["title"]})
        buffer = io.BytesIO()
        writer.write(buffer)
        files.append(ContentFile(buffer.getvalue(), name=material.filename))
    return files


def complaint(
    *, court: str, plaintiff: Person, defendant: Person, claims: list[str], facts: str, day: dt.date,
    agent: str = "",
) -> Material:  # fmt: skip
    rows = [("原告", plaintiff.description)]
    if agent:
        rows.append(("委托诉讼代理人", agent))
    rows.append(("被告", defendant.description))
    numbered = [f"{CHINESE_NUMERALS[i]}、{claim}" for i, claim in enumerate(claims)]
    return _pdf(
        "起诉状.pdf",
        title="民事起诉状",
        rows=rows,
        sections=[
            {"heading": "诉讼请求", "paragraphs": numbered},
            {"heading": "事实与理由", "paragraphs": facts.split("\n")},
        ],
        signature=["此致", court, f"具状人：{plaintiff.name}"],
        day=day,
    )


def identity_proof(*, person: Person, day: dt.date) -> Material:
    return _pdf(
        "身份证明.pdf",
        title="居民身份证复印件",
        rows=[("姓名", person.name), ("公民身份号码", person.id_number), ("住址", person.address or "（略）")],
        sections=[{"paragraphs": ["经核对，以上复印件与原件一致，仅供本案诉讼使用。"]}],
        signature=[f"提交人：{person.name}"],
        day=day,
    )


def evidence_list(*, submitter: str, evidence: list[dict[str, str]], day: dt.date) -> Material:
    rows = [[str(i), e["name"], e["purpose"], e.get("source", "")] for i, e in enumerate(evidence, start=1)]
    return _pdf(
        "证据目录.pdf",
        title="证据目录",
        rows=[("提交人", submitter)],
        table={"header": ["序号", "证据名称", "证明目的", "来源"], "rows": rows},
        signature=[f"提交人：{submitter}"],
        day=day,
    )


def power_of_attorney(*, principal: Person, agent: str, law_firm: str, day: dt.date) -> Material:
    return _pdf(
        "授权委托书.pdf",
        title="授权委托书",
        rows=[("委托人", principal.description), ("受托人", f"{agent}，{law_firm}律师")],
        sections=[{"paragraphs": [
            f"现委托{agent}在本人与对方当事人的纠纷一案中，作为本人的诉讼代理人。",
            "代理权限为：特别授权，包括代为起诉、提交证据、参加庭审、代为承认、放弃或变更诉讼请求、进行和解、签收法律文书。",
        ]}],
        signature=[f"委托人：{principal.name}"],
        day=day,
    )  # fmt: skip


def court_notice(
    *, court: str, title: str, number: str, addressee: str, paragraphs: list[str], day: dt.date
) -> Material:
    return _pdf(
        f"{title}.pdf",
        court=court,
        title=title,
        number=number,
        salutation=f"{addressee}：",
        sections=[{"paragraphs": paragraphs}],
        signature=[court],
        day=day,
    )
