"""Case numbers (案号): formatting and parsing, domain.md §2 (pure: no database)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tianping.cases.numbers import (
    MARKERS,
    PROVINCE_CODES,
    TYPE_CODES,
    ParsedCaseNumber,
    format_case_number,
    parse_case_number,
)
from tianping.core.errors import ValidationFailed


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("（2024）京0105民初12345号", (2024, "京0105", "", "民初", 12345)),
        ("（2025）京73知民初88号", (2025, "京73", "知", "民初", 88)),
        ("（2025）粤07民终3号", (2025, "粤07", "", "民终", 3)),
        ("（2023）京执恢1号", (2023, "京", "", "执恢", 1)),
        ("（2020）最高法民申1234号", (2020, "最高法", "", "民申", 1234)),
        ("（2021）兵0102刑初7号", (2021, "兵0102", "", "刑初", 7)),
        ("（2019）沪0115司救民2号", (2019, "沪0115", "", "司救民", 2)),
        ("（2018）京01民辖终45号", (2018, "京01", "", "民辖终", 45)),
    ],
)
def test_current_numbers_parse_into_their_parts_and_format_back(raw: str, parts: tuple) -> None:
    parsed = parse_case_number(raw)
    year, court, marker, type_code, serial = parts
    assert parsed == ParsedCaseNumber("current", year, court, marker, type_code, serial)
    assert parsed.formatted() == raw
    assert format_case_number(*parts) == raw


@pytest.mark.parametrize(
    "raw",
    [
        "(2024)京0105民初12345号",  # half-width brackets
        "（２０２４）京０１０５民初１２３４５号",  # full-width digits
        " （2024） 京0105 民初 12345号 ",  # stray spaces
        "〔2024〕京0105民初12345号",  # hexagonal brackets seen on old documents
    ],
)
def test_variant_spellings_are_normalised(raw: str) -> None:
    parsed = parse_case_number(raw)
    assert (parsed.year, parsed.court_code, parsed.type_code, parsed.serial) == (2024, "京0105", "民初", 12345)
    assert parsed.formatted() == "（2024）京0105民初12345号"


def test_half_width_brackets_with_a_specialised_marker() -> None:
    parsed = parse_case_number("(2025)京73知民初88号")
    assert (parsed.court_code, parsed.marker, parsed.type_code, parsed.serial) == ("京73", "知", "民初", 88)


@pytest.mark.parametrize("raw", ["（2014）奉民二（商）初字第2829号", "(2014)奉民二(商)初字第2829号"])
def test_legacy_style_before_2016(raw: str) -> None:
    parsed = parse_case_number(raw)
    assert parsed.style == "legacy"
    assert parsed.year == 2014
    assert parsed.court_code == "奉"
    assert parsed.serial == 2829
    assert parsed.type_code == "民二（商）初"
    assert parsed.marker == ""
    assert parsed.formatted() == "（2014）奉民二（商）初字第2829号"


def test_legacy_style_with_a_two_character_court() -> None:
    parsed = parse_case_number("（2012）浦民一（民）初字第100号")
    assert (parsed.style, parsed.court_code, parsed.type_code, parsed.serial) == ("legacy", "浦", "民一（民）初", 100)
    parsed = parse_case_number("（2013）一中民终字第5号")
    assert (parsed.court_code, parsed.type_code, parsed.serial) == ("一中", "民终", 5)


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("（2025）京0105民X1号", "类型代字"),  # unknown type code
        ("（2025）京0105民初1", "如（2024）"),  # missing 号
        ("（0999）京0105民初1号", "年度"),
        ("（2025）京0105民初0号", "序号"),
        ("", "为空"),
        ("   ", "为空"),
        ("（2025）京0105民初号", "如（2024）"),  # no serial
        ("2025京0105民初1号", "如（2024）"),  # no brackets
        ("（2025）X0105民初1号", "如（2024）"),  # not a court code
        ("（2025）京0105知X初1号", "类型代字"),  # marker followed by an unknown type code
        ("（0999）奉民二（商）初字第2829号", "年度"),  # legacy with an absurd year
    ],
)
def test_invalid_numbers_give_a_clear_chinese_error(raw: str, fragment: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_case_number(raw)
    error = caught.value
    assert error.code == "invalid_case_number"
    assert error.status == 422
    assert error.message.startswith("案号格式不正确")
    assert fragment in error.message
    assert error.details == {"number": raw}


# --- property: whatever the parts, format → parse gives them back ---------------------------------------------

court_codes = st.one_of(
    st.just("最高法"),
    st.sampled_from(PROVINCE_CODES),
    st.builds(lambda p, n: f"{p}{n:02d}", st.sampled_from(PROVINCE_CODES), st.integers(1, 99)),
    st.builds(lambda p, n: f"{p}{n:04d}", st.sampled_from(PROVINCE_CODES), st.integers(1, 9999)),
)


@settings(max_examples=500, deadline=None)
@given(
    year=st.integers(1949, 2100),
    court=court_codes,
    marker=st.sampled_from(["", *sorted(MARKERS)]),
    type_code=st.sampled_from(sorted(TYPE_CODES)),
    serial=st.integers(1, 10**7),
    half_width=st.booleans(),
)
def test_any_formatted_number_parses_back_to_its_parts(
    year: int, court: str, marker: str, type_code: str, serial: int, half_width: bool
) -> None:
    number = format_case_number(year, court, marker, type_code, serial)
    raw = number.replace("（", "(").replace("）", ")") if half_width else number
    parsed = parse_case_number(raw)
    assert parsed == ParsedCaseNumber("current", year, court, marker, type_code, serial)
    assert parsed.formatted() == number
