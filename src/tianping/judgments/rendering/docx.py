"""The document as .docx (python-docx): A4 with the margins of official documents (GB/T 9704),
East Asian fonts named on the styles and on every run (``w:eastAsia``), the court name and the
title centred and bold, the body in 仿宋 三号, signatures right-aligned.

Word picks fonts by name; where 仿宋/宋体 are not installed it falls back by the names in the
font table, so the font table gives each Chinese font the Noto CJK font as its alternative.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tianping.judgments.rendering.text import COURT, NOTE, NUMBER, PLAIN, SIGNATURE, TITLE, DocumentData, blocks

BODY_FONT = "仿宋"  # FangSong
TITLE_FONT = "宋体"  # SimSun
LATIN_FONT = "Times New Roman"
FALLBACKS = {BODY_FONT: "Noto Serif CJK SC", TITLE_FONT: "Noto Serif CJK SC"}
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
COURT_SIZE = Pt(18)  # 小二
NOTE_SIZE = Pt(12)  # 小四

# Style per block: (font, size, bold, alignment, first-line indent in characters).
FORMATS: dict[str, tuple[str, Any, bool, Any, int]] = {
    COURT: (TITLE_FONT, COURT_SIZE, True, WD_ALIGN_PARAGRAPH.CENTER, 0),
    TITLE: (TITLE_FONT, TITLE_SIZE, True, WD_ALIGN_PARAGRAPH.CENTER, 0),
    NUMBER: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    PLAIN: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 0),
    SIGNATURE: (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.RIGHT, 0),
    NOTE: (BODY_FONT, NOTE_SIZE, False, WD_ALIGN_PARAGRAPH.LEFT, 0),
}
PARAGRAPH_FORMAT = (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 2)


def set_fonts(element: Any, east_asia: str) -> None:
    """``w:rFonts`` with the East Asian font (and a Latin font for digits and letters) on a run or style."""
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:hint"), "eastAsia")


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _styles(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.name = LATIN_FONT
    set_fonts(normal.element, BODY_FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(28)


def _font_table(document: Any) -> None:
    """Name the Noto CJK font as the alternative (``w:altName``) of each Chinese font."""
    part = next((p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    xml = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="roman"/></w:font>'
        for name, alt in FALLBACKS.items()
    )
    part._blob = xml.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def _paragraph(document: Any, style: str, text: str) -> None:
    font, size, bold, alignment, indent = FORMATS.get(style, PARAGRAPH_FORMAT)
    paragraph = document.add_paragraph()
    paragraph.alignment = alignment
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size.pt * indent)
    if style == TITLE:
        paragraph.paragraph_format.space_after = Pt(12)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = size
    run.font.name = LATIN_FONT
    set_fonts(run._element, font)


def document_docx(data: DocumentData) -> bytes:
    """The .docx bytes of the document, paragraph for paragraph the blocks of the text."""
    document = Document()
    _page_setup(document)
    _styles(document)
    _font_table(document)
    document.core_properties.title = f"{data.title} {data.case_number}"
    document.core_properties.author = data.court
    for block in blocks(data):
        _paragraph(document, block.style, block.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
