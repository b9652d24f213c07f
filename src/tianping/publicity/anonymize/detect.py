"""Detection of identifiers the case record does not know: ID numbers (MOD 11-2 checksum), mobiles,
landlines, bank cards (Luhn), plates, property-title numbers, addresses, and person names (rjieba POS
tags in context)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import rjieba

from tianping.core.validators import id_number_check_char, luhn_valid
from tianping.publicity.anonymize.names import SURNAMES, looks_like_name
from tianping.publicity.enums import ReplacementKind


@dataclasses.dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str


_PROVINCE_CHARS = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_HAN = "\u4e00-\u9fff"
_NO_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NO_DIGIT_AFTER = r"(?![0-9A-Za-z])"

ID_NUMBER = re.compile(_NO_DIGIT_BEFORE + r"\d{17}[\dXx]" + _NO_DIGIT_AFTER)
MOBILE = re.compile(_NO_DIGIT_BEFORE + r"1[3-9]\d{9}" + _NO_DIGIT_AFTER)
LANDLINE = re.compile(_NO_DIGIT_BEFORE + r"(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}-)\d{7,8}" + _NO_DIGIT_AFTER)
BANK_CARD = re.compile(_NO_DIGIT_BEFORE + r"\d{16,19}" + _NO_DIGIT_AFTER)
PLATE = re.compile(rf"[{_PROVINCE_CHARS}][A-HJ-NP-Z][·•]?[A-HJ-NP-Z0-9]{{5,6}}" + _NO_DIGIT_AFTER)
TITLE_NUMBER = re.compile(
    rf"[{_PROVINCE_CHARS}]?[（(]\d{{4}}[）)][{_HAN}]{{1,12}}不动产权第\d{{5,8}}号"
    rf"|[{_HAN}]{{1,6}}房权证[{_HAN}]{{0,6}}字第\d{{5,10}}号"
)
ADDRESS = re.compile(
    rf"(?:[{_HAN}]{{2,7}}(?:省|自治区))?(?:[{_HAN}]{{2,7}}(?:市|州|盟))?(?:[{_HAN}]{{1,7}}(?:区|县|旗))?"
    rf"(?:[{_HAN}]{{1,6}}(?:镇|乡|街道))?[{_HAN}0-9]{{1,12}}?(?:路|街|大道|巷|弄|胡同|村)"
    r"[0-9一二三四五六七八九十]+(?:号|弄)(?:院)?(?:[0-9]+(?:号楼|栋|幢|号院))?(?:[0-9]+单元)?(?:[0-9]+(?:室|号))?"
)

# Words after which a person's name follows (and which make a bare token a name).
PERSON_CUES = re.compile(
    r"(证人|被害人|受害人|鉴定人|案外人|其妻|其夫|妻子|丈夫|其子|其女|儿子|女儿|母亲|父亲|邻居|朋友|同事|"
    r"借款人|出借人|担保人|保证人|介绍人|经手人|见证人|联系人|收款人|付款人|承租人|出租人|驾驶人|乘客|员工|雇员)$"
)
# Words after which a name is a judge's, clerk's or lawyer's: kept.
KEPT_CUES = re.compile(
    r"(审判长|审判员|代理审判员|人民陪审员|陪审员|书记员|法官助理|法官|律师|检察员|检察官|庭长|院长|"
    r"执行员|法定代表人|负责人)[\s　:：]*$"
)


def _ids(text: str) -> Iterator[Found]:
    for match in ID_NUMBER.finditer(text):
        value = match.group().upper()
        if id_number_check_char(value[:17]) == value[17]:
            yield Found(match.start(), match.end(), ReplacementKind.ID_NUMBER)


def _cards(text: str) -> Iterator[Found]:
    for match in BANK_CARD.finditer(text):
        value = match.group()
        is_id = len(value) == 18 and id_number_check_char(value[:17]) == value[17]
        if not is_id and luhn_valid(value):
            yield Found(match.start(), match.end(), ReplacementKind.BANK_CARD)


_ADDRESS_LEAD = re.compile(r"^(?:户籍地|住所地|经常居住地|现住|家住|住址|居住|住|位于|在|至|于|址)")


def _addresses(text: str) -> Iterator[Found]:
    for match in ADDRESS.finditer(text):
        lead = _ADDRESS_LEAD.match(match.group())
        start = match.start() + (lead.end() if lead else 0)
        if match.end() - start >= 6:
            yield Found(start, match.end(), ReplacementKind.ADDRESS)


def _simple(text: str, pattern: re.Pattern[str], kind: str) -> Iterator[Found]:
    for match in pattern.finditer(text):
        yield Found(match.start(), match.end(), kind)


def _token_spans(text: str) -> list[tuple[str, str, int, int]]:
    spans, position = [], 0
    for word, flag in rjieba.tag(text):
        spans.append((word, flag, position, position + len(word)))
        position += len(word)
    return spans


def _name_at(tokens: list[tuple[str, str, int, int]], index: int) -> tuple[int, int] | None:
    """A name starting at token ``index``: a 2–4 character name token, or a surname token followed by
    a one- or two-character given name token."""
    word, _flag, start, end = tokens[index]
    if looks_like_name(word):
        return start, end
    if len(word) == 1 and word in SURNAMES and index + 1 < len(tokens):
        following = tokens[index + 1][0]
        if 1 <= len(following) <= 2 and looks_like_name(word + following):
            return start, tokens[index + 1][3]
    return None


def names(text: str) -> Iterator[Found]:
    """Person names: tokens tagged nr (person name) by rjieba, or a name right after a person cue
    (证人王某…); never one right after a judge's, clerk's or lawyer's title."""
    tokens = _token_spans(text)
    for index, (_word, flag, start, _end) in enumerate(tokens):
        before = text[max(0, start - 8) : start]
        if KEPT_CUES.search(before):
            continue
        if flag.startswith("nr") or PERSON_CUES.search(before):
            span = _name_at(tokens, index)
            if span is not None:
                yield Found(span[0], span[1], ReplacementKind.NAME)


def identifiers(text: str) -> Iterator[Found]:
    """Every detected identifier except names."""
    yield from _ids(text)
    yield from _simple(text, MOBILE, ReplacementKind.MOBILE)
    yield from _simple(text, LANDLINE, ReplacementKind.LANDLINE)
    yield from _cards(text)
    yield from _simple(text, PLATE, ReplacementKind.PLATE)
    yield from _simple(text, TITLE_NUMBER, ReplacementKind.TITLE_NUMBER)
    yield from _addresses(text)
