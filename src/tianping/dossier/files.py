"""What the dossier learns from a file's bytes: type (sniffed, never taken from the client),
page count and text. Everything here is read-only; nothing is stored until it all passed.

OCR is optional: with ``tesseract`` on PATH and its ``chi_sim`` language installed, images
are read with it; without, their text stays empty and ``ocr_available()`` is False.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import logging
import re
import shutil
import subprocess
import zipfile
from typing import Any

from django.conf import settings
from pypdf import PdfReader

from tianping.core.errors import ValidationFailed
from tianping.dossier.enums import ErrorCode, FileType

logger = logging.getLogger(__name__)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
ZIP_SIGNATURE = b"PK\x03\x04"
OCR_TIMEOUT_SECONDS = 120
_OFD_PAGE = re.compile(rb"<(?:\w+:)?Page\b")
_OFD_TEXT = re.compile(rb"<(?:\w+:)?TextCode\b[^>]*>([^<]*)<")


@dataclasses.dataclass(frozen=True)
class Inspected:
    data: bytes
    sha256: str
    content_type: str
    size: int
    pages: int
    text: str
    ocr_applied: bool


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOSSIER_MAX_UPLOAD_MB", 50)) * 1024 * 1024


def read_upload(uploaded_file: Any) -> bytes:
    """The bytes of an upload, refusing empty and oversized files before reading them whole."""
    limit = max_upload_bytes()
    declared = getattr(uploaded_file, "size", None)
    if declared is not None and declared > limit:
        raise _too_large(limit)
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if not data:
        raise ValidationFailed("文件为空", code=ErrorCode.EMPTY_FILE)
    if len(data) > limit:
        raise _too_large(limit)
    return bytes(data)


def _too_large(limit: int) -> ValidationFailed:
    mb = limit // (1024 * 1024)
    return ValidationFailed(f"文件超过 {mb} MB 上限", code=ErrorCode.FILE_TOO_LARGE, details={"max_mb": mb})


def sniff(data: bytes) -> str | None:
    """The type of ``data`` from its leading bytes (and, for OFD, its ZIP directory); None if not allowed."""
    if data.startswith(b"%PDF-"):
        return FileType.PDF
    if data.startswith(PNG_SIGNATURE):
        return FileType.PNG
    if data.startswith(JPEG_SIGNATURE):
        return FileType.JPEG
    if data.startswith(ZIP_SIGNATURE):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = {n.lower() for n in archive.namelist()}
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "ofd.xml" in names:
            return FileType.OFD
        if "word/document.xml" in names:
            return FileType.DOCX
    return None


def inspect(uploaded_file: Any, *, generated: bool = False) -> Inspected:
    """Read and check an upload fully; raises ValidationFailed (with a stable code) when it is not acceptable.
    A .docx is accepted only from the system itself (``generated``: a judgment document's Word file)."""
    data = read_upload(uploaded_file)
    content_type = sniff(data)
    if content_type == FileType.DOCX and not generated:
        content_type = None
    if content_type is None:
        raise ValidationFailed(
            "文件类型不受支持：仅接受 PDF、PNG、JPEG 和 OFD 文件",
            code=ErrorCode.UNSUPPORTED_TYPE,
            details={"allowed": ["pdf", "png", "jpeg", "ofd"]},
        )
    ocr_applied = False
    if content_type == FileType.PDF:
        pages, text = _pdf_facts(data)
    elif content_type == FileType.OFD:
        pages, text = _ofd_facts(data)
    elif content_type == FileType.DOCX:
        pages, text = 1, _docx_text(data)
    else:
        pages, text = 1, ""
        if ocr_available():
            text = ocr_image(data)
            ocr_applied = True
    return Inspected(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        content_type=str(content_type),
        size=len(data),
        pages=pages,
        text=text,
        ocr_applied=ocr_applied,
    )


def _pdf_facts(data: bytes) -> tuple[int, str]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationFailed("PDF 文件已加密，无法读取", code=ErrorCode.ENCRYPTED_PDF)
        pages = len(reader.pages)
        texts = [page.extract_text() or "" for page in reader.pages]
    except ValidationFailed:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on damaged input
        logger.info("unreadable PDF rejected: %s", exc)
        raise ValidationFailed("PDF 文件已损坏，无法读取", code=ErrorCode.CORRUPT_PDF) from exc
    if pages < 1:
        raise ValidationFailed("PDF 文件没有页面", code=ErrorCode.CORRUPT_PDF)
    return pages, "\n".join(t.strip() for t in texts if t.strip())


def _ofd_facts(data: bytes) -> tuple[int, str]:
    """Pages from the Document.xml page lists, text from the TextCode elements of the page contents."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            pages, texts = 0, list[str]()
            for name in archive.namelist():
                lower = name.lower()
                if lower.endswith("document.xml"):
                    pages += len(_OFD_PAGE.findall(archive.read(name)))
                elif lower.endswith("content.xml"):
                    texts.extend(m.decode("utf-8", "replace") for m in _OFD_TEXT.findall(archive.read(name)))
    except (zipfile.BadZipFile, ValueError, OSError, KeyError) as exc:
        raise ValidationFailed("OFD 文件已损坏，无法读取", code=ErrorCode.CORRUPT_FILE) from exc
    return max(pages, 1), "".join(texts)


def _docx_text(data: bytes) -> str:
    """The paragraphs of a generated Word document (its page count is not known without laying it out)."""
    from docx import Document as WordDocument  # imported on use

    try:
        return "\n".join(p.text for p in WordDocument(io.BytesIO(data)).paragraphs if p.text.strip())
    except Exception as exc:  # python-docx raises several kinds of errors on damaged input
        raise ValidationFailed("Word 文件已损坏，无法读取", code=ErrorCode.CORRUPT_FILE) from exc


@functools.cache
def _tesseract() -> str | None:
    """The tesseract executable if it is installed with the chi_sim language, else None."""
    executable = shutil.which("tesseract")
    if executable is None:
        return None
    try:
        listed = subprocess.run(  # noqa: S603
            [executable, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    langs = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    return executable if "chi_sim" in langs else None


def ocr_available() -> bool:
    return _tesseract() is not None


def ocr_image(data: bytes) -> str:
    """Text of an image by tesseract (chi_sim); empty when OCR is unavailable or fails."""
    executable = _tesseract()
    if executable is None:
        return ""
    try:
        result = subprocess.run(  # noqa: S603
            [executable, "stdin", "stdout", "-l", "chi_sim"],
            input=data,
            capture_output=True,
            timeout=OCR_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("OCR failed: %s", exc)
        return ""
    if result.returncode != 0:
        logger.warning("OCR failed with exit code %s", result.returncode)
        return ""
    return result.stdout.decode("utf-8", "replace").strip()
