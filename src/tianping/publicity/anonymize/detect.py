"""Detection of identifiers the case record does not know: ID numbers (MOD 11-2 checksum), mobiles,
landlines, bank cards (Luhn), plates, property-title numbers, addresses, and person names (rjieba POS
tags in context)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

import rjieba

from tianping.core.validators import id_number_check_char, luhn_valid
from tianping.publicity.anonymize.names import COMPOUND_SURNAMES, SURNAMES, looks_like_name
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
PERSON_CUES_ANYWHERE = re.compile(PERSON_CUES.pattern.removesuffix("$"))
# Characters that end a name read after a cue (王某的…, 王某出庭…, 王某与…).
_NAME_STOPS = frozenset("的之出称系与和及等在向为是于了到将把被对从曾已也都就所、，。；：:,（）() 0123456789")
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


_ADDRESS_LEAD = re.compile(
    r"^[\u4e00-\u9fff]{0,4}?(?:户籍地|住所地|经常居住地|现住|家住|住址|居住|住|位于|在|至|于|址)"
)


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


_GIVEN_NAME_FLAGS = ("nr", "nrt", "nrfg", "j", "ng", "nz", "a", "n", "vn", "ns")


def _name_at(tokens: list[tuple[str, str, int, int]], index: int) -> tuple[int, int] | None:
    """A name starting at token ``index`` (which must start with a surname): the token, extended by the
    following name-like tokens (马兰|英, 欧阳|斌, 王|秀英) up to three characters (four with a compound
    surname)."""
    word, _flag, start, end = tokens[index]
    compound = word[:2] in COMPOUND_SURNAMES
    if not (compound or word[:1] in SURNAMES):
        return None
    limit = 4 if compound else 3
    length, following = len(word), index + 1
    while length < limit and following < len(tokens):
        next_word, next_flag, _s, next_end = tokens[following]
        fits = length + len(next_word) <= limit and next_flag.startswith(_GIVEN_NAME_FLAGS)
        if not fits or (len(next_word) == 2 and length > (2 if compound else 1)):
            break
        length, end, following = length + len(next_word), next_end, following + 1
    return (start, end) if looks_like_name(_text_of(tokens, index, following)) else None


def _text_of(tokens: list[tuple[str, str, int, int]], first: int, stop: int) -> str:
    return "".join(token[0] for token in tokens[first:stop])


_PLACE_END = re.compile(r"(?:市|县|区|省|镇|乡|村|路|街|道|巷|州|旗|盟)$")


def _plausible_name(text: str, start: int, end: int, *, cued: bool) -> bool:
    word = text[start:end]
    if word in COMPOUND_SURNAMES or _PLACE_END.search(word):
        return False
    # A dictionary word tagged nr (查明, 银行卡, 石家庄 …) is a name only after a person cue; a word the
    # dictionary does not know (梁桂香) is a name by its tag.
    return cued or not rjieba.has_word(word)


def _cued_name(text: str, position: int) -> tuple[int, int] | None:
    """The name right after a person cue at ``position``: a surname (compound or single) and one or
    two given-name characters, segmented on their own (so that 证人马婷 is not read as 证|人马|婷)."""
    compound = text[position : position + 2] in COMPOUND_SURNAMES
    if not (compound or text[position : position + 1] in SURNAMES):
        return None
    surname_end = position + (2 if compound else 1)
    given = 0
    for word, _flag in rjieba.tag(text[surname_end : surname_end + 6]):
        if word[0] in _NAME_STOPS or given + len(word) > 2:
            break
        given += len(word)
    return (position, surname_end + given) if given else None


# Words a person's name comes right before (王某介绍…, 王某证实…).
PERSON_AFTER_CUES = re.compile(r"(?=(介绍|证实|陈述|供述|辩称|出具|签收|签字|经手))")
_FUNCTION_FLAGS = ("p", "d", "c", "u", "r", "v")


def _name_before(text: str, position: int) -> tuple[int, int] | None:
    """The name right before a cue at ``position``: three characters when they start with a surname
    (and the first is not a function word there: 由|王芳), else two."""
    three, two = text[max(0, position - 3) : position], text[max(0, position - 2) : position]
    if len(three) == 3 and looks_like_name(three) and three[1] not in SURNAMES:
        return position - 3, position
    if len(three) == 3 and looks_like_name(three):
        first_word, first_flag = rjieba.tag(three)[0]
        if not (len(first_word) == 1 and first_flag.startswith(_FUNCTION_FLAGS)):
            return position - 3, position
    if looks_like_name(two) and rjieba.tag(two)[0][1] != "v":
        return position - 2, position
    return None


def names(text: str) -> Iterator[Found]:
    """Person names: a name right after a person cue (证人王某…, read on its own), or a token tagged
    nr by rjieba that the dictionary does not know; never one right after a judge's, clerk's or
    lawyer's title."""
    for match in PERSON_CUES_ANYWHERE.finditer(text):
        span = _cued_name(text, match.end())
        if span is not None and not _PLACE_END.search(text[span[0] : span[1]]):
            yield Found(span[0], span[1], ReplacementKind.NAME)
    for match in PERSON_AFTER_CUES.finditer(text):
        span = _name_before(text, match.start())
        if span is not None and not KEPT_CUES.search(text[max(0, span[0] - 8) : span[0]]):
            yield Found(span[0], span[1], ReplacementKind.NAME)
    tokens = _token_spans(text)
    for index, (_word, flag, start, _end) in enumerate(tokens):
        if not flag.startswith("nr") or KEPT_CUES.search(text[max(0, start - 8) : start]):
            continue
        span = _name_at(tokens, index) or _glued_name(tokens, index)
        if span is not None and _plausible_name(text, span[0], span[1], cued=False):
            yield Found(span[0], span[1], ReplacementKind.NAME)


def _glued_name(tokens: list[tuple[str, str, int, int]], index: int) -> tuple[int, int] | None:
    """A name the segmenter glued to the word before it: 经张|红霞 (the surname ends the previous token)
    or 经余健 (one character before the name inside an unknown token)."""
    word, _flag, start, end = tokens[index]
    if 3 <= len(word) <= 4 and looks_like_name(word[1:]) and not rjieba.has_word(word):
        return start + 1, end
    if index > 0 and 1 <= len(word) <= 2:
        previous = tokens[index - 1][0]
        if len(previous) >= 2 and previous[-1] in SURNAMES and looks_like_name(previous[-1] + word):
            return start - 1, end
    return None


def identifiers(text: str) -> Iterator[Found]:
    """Every detected identifier except names."""
    yield from _ids(text)
    yield from _simple(text, MOBILE, ReplacementKind.MOBILE)
    yield from _simple(text, LANDLINE, ReplacementKind.LANDLINE)
    yield from _cards(text)
    yield from _simple(text, PLATE, ReplacementKind.PLATE)
    yield from _simple(text, TITLE_NUMBER, ReplacementKind.TITLE_NUMBER)
    yield from _addresses(text)
