"""A visible watermark on every page of a dossier document handed to a reader.

The stamp is one transparent PDF page laid out by WeasyPrint at the size of the page it goes
on (so Chinese renders with the Noto CJK fonts): the reader, the time of reading and the case
number, repeated diagonally in light semi-transparent red, plus one small line along the foot
of the page. pypdf lays it over each page of the original. Images become an A4 page first.
Nothing here is stored: the stamped copy is made for each read.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, IndirectObject, NameObject, StreamObject

from tianping.core import pdf
from tianping.core.errors import PermissionDenied
from tianping.dossier.enums import FileType, ReadingErrorCode

# Distance between stamp tiles, in PDF points (1/72 inch); every other row is shifted by half.
TILE_STEP_X = 210
TILE_STEP_Y = 170
TILE_OFFSET = (-60, -40)
STAMP_NAME = NameObject("/TianpingWatermark")


def stamp_lines(*, reader_label: str, case_number: str, moment: dt.datetime) -> list[str]:
    """What the stamp says: who reads, when (court-local time), which case."""
    local = timezone.localtime(moment)
    return [f"阅卷人 {reader_label}", f"阅卷时间 {local:%Y-%m-%d %H:%M}", case_number]


def tile_positions(width: float, height: float) -> list[tuple[int, int]]:
    """Top-left corners of the stamp tiles covering a page of ``width`` × ``height`` points."""
    positions: list[tuple[int, int]] = []
    y, row = TILE_OFFSET[1], 0
    while y < height:
        x = TILE_OFFSET[0] + (TILE_STEP_X // 2 if row % 2 else 0)
        while x < width:
            positions.append((x, y))
            x += TILE_STEP_X
        y += TILE_STEP_Y
        row += 1
    return positions


def stamp_page(width: float, height: float, lines: Sequence[str]) -> PageObject:
    """One transparent page of ``width`` × ``height`` points carrying the watermark."""
    html = render_to_string(
        "dossier/print/watermark.html",
        {"width": f"{width:.2f}", "height": f"{height:.2f}", "lines": lines, "tiles": tile_positions(width, height)},
    )
    return PdfReader(io.BytesIO(pdf.html_to_pdf(html))).pages[0]


def image_to_pdf(data: bytes, content_type: str) -> bytes:
    """A PNG or JPEG scaled to fit one A4 page."""
    source = f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"
    return pdf.html_to_pdf(render_to_string("dossier/print/image_page.html", {"source": source}))


def as_pdf(data: bytes, content_type: str) -> bytes:
    """The document as PDF bytes; OFD is not converted (read at the court)."""
    if content_type == FileType.PDF:
        return data
    if content_type in (FileType.PNG, FileType.JPEG):
        return image_to_pdf(data, content_type)
    raise PermissionDenied(str(ReadingErrorCode.OFD_ON_SITE.label), code=ReadingErrorCode.OFD_ON_SITE)


def stamp(data: bytes, lines: Sequence[str]) -> bytes:
    """``data`` (a PDF) with the watermark over every page; page count and content unchanged.

    The stamp goes into the file once per page size, as a form XObject; each page only gains
    a reference to it, drawn after its own content (wrapped in q … Q so the page's graphics
    state cannot shift the stamp)."""
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")  # uploads with a real password were refused; an empty owner password opens
    writer = PdfWriter(clone_from=reader)
    forms: dict[tuple[float, float], IndirectObject] = {}
    save_state = writer._add_object(_stream(b"q\n"))
    for page in writer.pages:
        if page.rotation % 360:
            page.transfer_rotation_to_content()
        box = page.cropbox
        size = (round(float(box.width), 2), round(float(box.height), 2))
        if size not in forms:
            forms[size] = _form_xobject(writer, stamp_page(*size, lines), *size)
        _draw_over(writer, page, forms[size], save_state, float(box.left), float(box.bottom))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _stream(content: bytes) -> StreamObject:
    stream = StreamObject()
    stream.set_data(content)
    return stream


def _form_xobject(writer: PdfWriter, page: PageObject, width: float, height: float) -> IndirectObject:
    """The stamp page as a form XObject of ``writer``, its fonts and graphics states copied in."""
    contents = page.get_contents()
    form = _stream(contents.get_data() if contents is not None else b"")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]),
            NameObject("/Resources"): _dictionary(page["/Resources"]).clone(writer),
        }
    )
    return writer._add_object(form.flate_encode())


def _draw_over(
    writer: PdfWriter, page: PageObject, form: IndirectObject, save_state: IndirectObject, left: float, bottom: float
) -> None:
    if "/Resources" not in page:
        page[NameObject("/Resources")] = DictionaryObject()
    resources = _dictionary(page["/Resources"])
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    _dictionary(resources["/XObject"])[STAMP_NAME] = form
    draw = _stream(f"\nQ\nq 1 0 0 1 {left:.2f} {bottom:.2f} cm {STAMP_NAME} Do Q\n".encode("ascii"))
    page[NameObject("/Contents")] = ArrayObject([save_state, *_content_refs(writer, page), writer._add_object(draw)])


def _dictionary(value: Any) -> DictionaryObject:
    target = value.get_object()
    if not isinstance(target, DictionaryObject):
        raise ValueError("malformed PDF: a dictionary was expected")
    return target


def _content_refs(writer: PdfWriter, page: PageObject) -> list[Any]:
    raw = page.get("/Contents")
    if raw is None:
        return []
    target = raw.get_object()
    if isinstance(target, ArrayObject):
        return list(target)
    return [raw if isinstance(raw, IndirectObject) else writer._add_object(target)]
