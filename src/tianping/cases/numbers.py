"""Case numbers (案号): formatting and parsing, SPC rules in force since 2016-01-01.

``（2024）京0105民初12345号`` = year, court code, optional specialized marker, type code,
serial. The parser also reads half-width brackets and the pre-2016 style
``（2014）奉民二（商）初字第2829号``.
"""

from __future__ import annotations

import dataclasses
import re

from tianping.cases.data.case_types import CASE_TYPES, SPECIALIZED_MARKERS
from tianping.core.errors import ValidationFailed

PROVINCE_CODES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋内陕吉闽贵粤青藏川宁琼兵"
TYPE_CODES = frozenset(t["code"] for t in CASE_TYPES)
MARKERS = frozenset(m["marker"] for m in SPECIALIZED_MARKERS)

_BRACKETS = str.maketrans({"(": "（", ")": "）", "〔": "（", "〕": "）", "[": "（", "]": "）"})
_MODERN = re.compile(
    rf"^（(?P<year>\d{{4}})）(?P<court>最高法|[{PROVINCE_CODES}](?:\d{{4}}|\d{{2}})?)(?P<rest>.+?)(?P<serial>\d+)号$"
)
_LEGACY = re.compile(r"^（(?P<year>\d{4})）(?P<body>.+?)字第(?P<serial>\d+)号$")
_LEGACY_KIND = re.compile(r"^(?P<court>.*?)(?P<kind>[刑民行执赔破商知].*)$")


@dataclasses.dataclass(frozen=True)
class ParsedCaseNumber:
    style: str  # "current" (2016 rules) or "legacy" (before 2016)
    year: int
    court_code: str
    marker: str
    type_code: str
    serial: int

    def formatted(self) -> str:
        if self.style == "legacy":
            return f"（{self.year}）{self.court_code}{self.type_code}字第{self.serial}号"
        return format_case_number(self.year, self.court_code, self.marker, self.type_code, self.serial)


def format_case_number(year: int, court_code: str, marker: str, type_code: str, serial: int) -> str:
    return f"（{year}）{court_code}{marker}{type_code}{serial}号"


def _normalise(raw: str) -> str:
    text = re.sub(r"\s+", "", str(raw)).translate(_BRACKETS)
    return text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))


def _invalid(raw: str, why: str) -> ValidationFailed:
    return ValidationFailed(f"案号格式不正确：{why}", code="invalid_case_number", details={"number": str(raw)[:60]})


def parse_case_number(raw: str) -> ParsedCaseNumber:
    """Split a case number into its parts, or raise ``ValidationFailed`` saying what is wrong."""
    text = _normalise(raw)
    if not text:
        raise _invalid(raw, "为空")
    legacy = _LEGACY.match(text)
    if legacy:
        return _parse_legacy(raw, legacy)
    modern = _MODERN.match(text)
    if not modern:
        raise _invalid(raw, "应为“（年度）法院代字类型代字序号号”，如（2024）京0105民初12345号")
    marker, type_code = _split_marker_and_type(raw, modern["rest"])
    year = _check_year(raw, int(modern["year"]))
    serial = int(modern["serial"])
    if serial == 0:
        raise _invalid(raw, "序号应从1开始")
    return ParsedCaseNumber("current", year, modern["court"], marker, type_code, serial)


def _split_marker_and_type(raw: str, rest: str) -> tuple[str, str]:
    if rest in TYPE_CODES:
        return "", rest
    if rest[:1] in MARKERS and rest[1:] in TYPE_CODES:
        return rest[:1], rest[1:]
    raise _invalid(raw, f"未知的类型代字“{rest}”")


def _parse_legacy(raw: str, match: re.Match[str]) -> ParsedCaseNumber:
    year = _check_year(raw, int(match["year"]))
    parts = _LEGACY_KIND.match(match["body"])
    if not parts or not parts["court"]:
        raise _invalid(raw, "旧式案号中无法识别法院简称与案件类别")
    return ParsedCaseNumber("legacy", year, parts["court"], "", parts["kind"], int(match["serial"]))


def _check_year(raw: str, year: int) -> int:
    if not 1949 <= year <= 2100:
        raise _invalid(raw, "年度不合理")
    return year
