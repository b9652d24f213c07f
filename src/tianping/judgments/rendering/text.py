"""The document as an ordered list of blocks (court, title, number, parties … clerk): the one
assembly that the frozen text, the PDF and the .docx all come from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping

from tianping.judgments.rendering import kinds
from tianping.judgments.rendering.kinds import CHINESE_DIGITS, KindSpec

# Block styles (the PDF's CSS classes and the .docx's paragraph formats).
COURT, TITLE, NUMBER, PLAIN, PARAGRAPH, SIGNATURE, NOTE = "court", "title", "number", "plain", "para", "sign", "note"
CERTIFIED_COPY = "本件与原本核对无异"

# Sections printed flush left (one line each) instead of as indented paragraphs.
PLAIN_SECTIONS = frozenset({kinds.PARTIES})
# The sections printed at the foot, right-aligned, around the date.
FOOT_BEFORE_DATE = (kinds.PANEL,)
FOOT_AFTER_DATE = (kinds.CLERK,)


@dataclasses.dataclass(frozen=True)
class Block:
    style: str
    text: str


@dataclasses.dataclass(frozen=True)
class DocumentData:
    """What a document is made of: the header facts and the drafted sections."""

    court: str
    title: str
    case_number: str
    kind: str
    sections: Mapping[str, str]
    day: dt.date

    @property
    def spec(self) -> KindSpec:
        return kinds.spec_for(self.kind)


def chinese_date(day: dt.date) -> str:
    """2026-11-29 → 二〇二六年十一月二十九日 (the date line of a court document)."""
    year = "".join(CHINESE_DIGITS[int(d)] for d in str(day.year))
    return f"{year}年{kinds.chinese_number(day.month)}月{kinds.chinese_number(day.day)}日"


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def blocks(data: DocumentData) -> list[Block]:
    """Every block in print order; empty sections are left out."""
    spec = data.spec
    out = [Block(COURT, data.court), Block(TITLE, data.title), Block(NUMBER, data.case_number)]
    foot = set(FOOT_BEFORE_DATE) | set(FOOT_AFTER_DATE)
    for key in spec.keys:
        if key in foot or key in kinds.NOT_PRINTED:
            continue
        body = lines(data.sections.get(key, ""))
        if key == kinds.DECISION and body:
            out.append(Block(PARAGRAPH, spec.decision_heading))
        style = PLAIN if key in PLAIN_SECTIONS else PARAGRAPH
        out.extend(Block(style, line) for line in body)
    for key in FOOT_BEFORE_DATE:
        out.extend(Block(SIGNATURE, line) for line in lines(data.sections.get(key, "")))
    out.append(Block(SIGNATURE, chinese_date(data.day)))
    out.append(Block(NOTE, CERTIFIED_COPY))
    for key in FOOT_AFTER_DATE:
        out.extend(Block(SIGNATURE, line) for line in lines(data.sections.get(key, "")))
    return out


def full_text(data: DocumentData) -> str:
    """The document's text, one block a line: what issuing freezes and hashes."""
    return "\n".join(block.text for block in blocks(data))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
