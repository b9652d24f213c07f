"""Resident ID numbers, social credit codes, mobiles and bank cards.

Check characters are recomputed here from the definitions in the standards (weights derived
as powers of 2 mod 11 and 3 mod 31), not from the constants in ``tianping.core.validators``.
"""

from __future__ import annotations

import datetime as dt
import string

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import factories
from tianping.core import clock
from tianping.core.errors import ValidationFailed
from tianping.core.validators import (
    PROVINCE_PREFIXES,
    mask_bank_card,
    mask_credit_code,
    mask_id_number,
    mask_mobile,
    parse_bank_card,
    parse_credit_code,
    parse_id_number,
    parse_mobile,
    validate_bank_card,
    validate_credit_code,
    validate_id_number,
    validate_mobile,
)

TODAY = dt.date(2025, 6, 1)
PROPERTY = settings(max_examples=200, deadline=None)


# --- independent reference implementations -------------------------------------------


def gb11643_check(first17: str) -> str:
    """GB 11643-1999: W_i = 2^(i-1) mod 11 for position i counted from the right (check char is i=1)."""
    total = sum(int(d) * pow(2, 17 - k, 11) for k, d in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


GB32100_CHARS = "".join(c for c in string.digits + string.ascii_uppercase if c not in "IOZSV")


def gb32100_check(first17: str) -> str:
    """GB 32100-2015: W_i = 3^(i-1) mod 31, C18 = 31 - (sum mod 31), 31 meaning 0."""
    total = sum(GB32100_CHARS.index(c) * pow(3, k, 31) for k, c in enumerate(first17))
    return GB32100_CHARS[(31 - total % 31) % 31]


def luhn_check_digit(payload: str) -> str:
    total = 0
    for index, char in enumerate(reversed(payload)):
        digit = int(char)
        if index % 2 == 0:  # these positions are doubled once the check digit is appended
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return str((10 - total % 10) % 10)


def expect_invalid(code: str, func, *args, **kwargs) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as info:
        func(*args, **kwargs)
    assert info.value.code == code
    assert info.value.status == 422
    return info.value


# --- resident ID numbers ------------------------------------------------------------


def test_reference_implementation_agrees_with_the_published_example() -> None:
    assert gb11643_check("11010519491231002") == "X"
    assert len(GB32100_CHARS) == 31


def test_classic_published_example_parses() -> None:
    identity = parse_id_number("11010519491231002X", today=TODAY)
    assert identity.value == "11010519491231002X"
    assert identity.region_code == "110105"
    assert identity.birth_date == dt.date(1949, 12, 31)
    assert identity.gender == "female"  # 17th digit 2 is even


@pytest.mark.parametrize(
    ("first17", "birth", "gender"),
    [
        ("44030419900101001", dt.date(1990, 1, 1), "male"),
        ("31011520000229123", dt.date(2000, 2, 29), "male"),
        ("51010719751120456", dt.date(1975, 11, 20), "female"),
        ("65010220240531098", dt.date(2024, 5, 31), "female"),
        ("82000019000101007", dt.date(1900, 1, 1), "male"),
    ],
)
def test_valid_numbers_with_independently_computed_check_char(first17: str, birth: dt.date, gender: str) -> None:
    number = first17 + gb11643_check(first17)
    identity = parse_id_number(number, today=TODAY)
    assert identity.value == number
    assert identity.birth_date == birth
    assert identity.gender == gender
    assert identity.region_code == first17[:6]


def test_factory_builds_valid_numbers() -> None:
    number = factories.make_id_number(region="320102", birth="19881008", sequence=37)
    assert number == "32010219881008037" + gb11643_check("32010219881008037")
    assert parse_id_number(number, today=TODAY).gender == "male"


def test_lowercase_x_and_separators_are_normalised() -> None:
    assert parse_id_number("11010519491231002x", today=TODAY).value == "11010519491231002X"
    assert parse_id_number(" 110105 19491231 002x ", today=TODAY).value == "11010519491231002X"
    assert parse_id_number("110105-19491231-002X", today=TODAY).value == "11010519491231002X"


@pytest.mark.parametrize("wrong", sorted(set("0123456789X") - {"X"}))
def test_wrong_check_char_is_rejected(wrong: str) -> None:
    expect_invalid("invalid_id_number", parse_id_number, "11010519491231002" + wrong, today=TODAY)


@pytest.mark.parametrize(
    "first17",
    [
        "11010519900230001",  # 30 February
        "11010519900431001",  # 31 April
        "11010519011301001",  # month 13
        "11010519900100001",  # day 0
        "11010520230229001",  # 2023 is not a leap year
        "11010518991231001",  # before 1900
    ],
)
def test_impossible_birth_date_is_rejected_even_with_a_correct_check_char(first17: str) -> None:
    expect_invalid("invalid_id_number", parse_id_number, first17 + gb11643_check(first17), today=TODAY)


def test_future_birth_date_is_rejected_but_today_is_accepted() -> None:
    tomorrow = "11010520250602001"
    today = "11010520250601001"
    expect_invalid("invalid_id_number", parse_id_number, tomorrow + gb11643_check(tomorrow), today=TODAY)
    assert parse_id_number(today + gb11643_check(today), today=TODAY).birth_date == TODAY


def test_future_birth_date_follows_the_injected_clock() -> None:
    first17 = "11010520240601001"
    number = first17 + gb11643_check(first17)
    with clock.frozen_at(dt.datetime(2024, 5, 31, 15, 59, tzinfo=dt.UTC)):  # 23:59 on 31 May in Beijing
        expect_invalid("invalid_id_number", parse_id_number, number)
    with clock.frozen_at(dt.datetime(2024, 5, 31, 16, 0, tzinfo=dt.UTC)):  # 00:00 on 1 June in Beijing
        assert parse_id_number(number).birth_date == dt.date(2024, 6, 1)


@pytest.mark.parametrize("prefix", ["00", "10", "19", "20", "39", "47", "55", "66", "70", "80", "84", "90", "99"])
def test_unknown_province_prefix_is_rejected(prefix: str) -> None:
    first17 = prefix + "010519491231002"
    expect_invalid("invalid_id_number", parse_id_number, first17 + gb11643_check(first17), today=TODAY)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "11010519491231002",  # 17 characters
        "11010519491231002XX",  # 19 characters
        "110105194912310",  # old 15-digit format
        "1101051949123100X2",  # X not last
        "11010519491231002Y",
        "A1010519491231002X",
        "11010519491231002.",
        "１１０１０５１９４９１２３１００２X",  # full-width digits
        "11０１０５１９４９１２３１００２X",  # full-width digits after a valid prefix
        "1101051949123١٠٠2X",  # Arabic-Indic digits
    ],
)
def test_wrong_length_or_characters_are_rejected(raw: str) -> None:
    expect_invalid("invalid_id_number", parse_id_number, raw, today=TODAY)


def test_age_on_counts_completed_years() -> None:
    identity = parse_id_number("11010519491231002X", today=TODAY)
    assert identity.age_on(dt.date(1949, 12, 31)) == 0
    assert identity.age_on(dt.date(1967, 12, 30)) == 17
    assert identity.age_on(dt.date(1967, 12, 31)) == 18
    assert identity.age_on(dt.date(2025, 1, 1)) == 75


def test_mask_id_number() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("1234567890") == "**********"
    assert mask_id_number("") == ""


province = st.sampled_from(sorted(PROVINCE_PREFIXES))
county = st.integers(min_value=0, max_value=9999).map(lambda n: f"{n:04d}")
birth_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@PROPERTY
@given(province, county, birth_dates, sequences)
def test_any_well_formed_number_parses(prefix: str, rest: str, birth: dt.date, sequence: int) -> None:
    first17 = f"{prefix}{rest}{birth:%Y%m%d}{sequence:03d}"
    identity = parse_id_number(first17 + gb11643_check(first17), today=TODAY)
    assert identity.birth_date == birth
    assert identity.gender == ("male" if sequence % 2 else "female")
    assert mask_id_number(identity.value) == identity.value[:6] + "*" * 8 + identity.value[-4:]


@PROPERTY
@given(province, county, birth_dates, sequences, st.integers(0, 16), st.integers(1, 9))
def test_every_single_digit_error_is_detected(
    prefix: str, rest: str, birth: dt.date, sequence: int, position: int, shift: int
) -> None:
    first17 = f"{prefix}{rest}{birth:%Y%m%d}{sequence:03d}"
    number = first17 + gb11643_check(first17)
    digits = list(number)
    digits[position] = str((int(digits[position]) + shift) % 10)
    expect_invalid("invalid_id_number", parse_id_number, "".join(digits), today=TODAY)


# --- unified social credit codes ----------------------------------------------------

# GB 32100-2015's worked example, and codes printed on the business licences of
# well-known companies; each is also checked against the reference implementation above.
PUBLISHED_CREDIT_CODES = [
    "91350100M000100Y43",  # the standard's example
    "91440300708461136T",  # 深圳市腾讯计算机系统有限公司
    "914403001922038216",  # 华为技术有限公司
    "91330100799655058B",  # 阿里巴巴（中国）有限公司
]


@pytest.mark.parametrize("code", PUBLISHED_CREDIT_CODES)
def test_published_credit_codes_are_valid(code: str) -> None:
    assert gb32100_check(code[:17]) == code[17]
    assert parse_credit_code(code) == code


def test_credit_code_is_upper_cased_and_separators_dropped() -> None:
    assert parse_credit_code("91350100m000100y43") == "91350100M000100Y43"
    assert parse_credit_code("9135 0100 M000 100Y 43") == "91350100M000100Y43"


@pytest.mark.parametrize("letter", list("IOZSV"))
def test_letters_outside_the_charset_are_rejected(letter: str) -> None:
    expect_invalid("invalid_credit_code", parse_credit_code, "91350100" + letter + "000100Y43")
    expect_invalid("invalid_credit_code", parse_credit_code, "91350100M000100Y4" + letter)


@pytest.mark.parametrize(
    "raw", ["", "91350100M000100Y4", "91350100M000100Y433", "91350100M000100Y4-", "9135０100M000100Y43"]
)
def test_credit_code_of_wrong_shape_is_rejected(raw: str) -> None:
    expect_invalid("invalid_credit_code", parse_credit_code, raw)


def test_wrong_credit_check_char_is_rejected() -> None:
    for char in GB32100_CHARS:
        if char != "3":
            expect_invalid("invalid_credit_code", parse_credit_code, "91350100M000100Y4" + char)


@PROPERTY
@given(st.text(alphabet=GB32100_CHARS, min_size=17, max_size=17), st.integers(0, 16), st.integers(1, 30))
def test_credit_codes_round_trip_and_single_substitutions_are_caught(body: str, position: int, shift: int) -> None:
    code = body + gb32100_check(body)
    assert parse_credit_code(code) == code
    chars = list(code)
    chars[position] = GB32100_CHARS[(GB32100_CHARS.index(chars[position]) + shift) % 31]
    expect_invalid("invalid_credit_code", parse_credit_code, "".join(chars))


def test_mask_credit_code() -> None:
    assert mask_credit_code("91350100M000100Y43") == "91350100********43"
    assert mask_credit_code("1234567890") == "**********"


# --- mobile numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "+8613800138000",
        "008613800138000",
        "8613800138000",
        "+86 138 0013 8000",
        "138-0013-8000",
        "  13800138000 ",
    ],
)
def test_mobile_is_normalised(raw: str) -> None:
    assert parse_mobile(raw) == "13800138000"


@pytest.mark.parametrize("second", list("3456789"))
def test_every_current_second_digit_is_accepted(second: str) -> None:
    assert parse_mobile(f"1{second}912345678") == f"1{second}912345678"


@pytest.mark.parametrize(
    "raw",
    [
        "12345678901",  # 12x is not a mobile range
        "11800138000",
        "10086000000",
        "23800138000",
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "+86138001380",
        "+8713800138000",
        "1380013800O",
        "138００１３８０００",  # full-width digits
        "",
    ],
)
def test_invalid_mobile_is_rejected(raw: str) -> None:
    expect_invalid("invalid_mobile", parse_mobile, raw)


def test_mask_mobile() -> None:
    assert mask_mobile("13800138000") == "138****8000"
    assert mask_mobile("1234567") == "*******"


# --- bank cards -----------------------------------------------------------------------


def test_luhn_reference_on_known_numbers() -> None:
    assert luhn_check_digit("411111111111111") == "1"  # 4111 1111 1111 1111, the classic test card
    assert luhn_check_digit("7992739871") == "3"  # the textbook 79927398713


def test_bank_card_with_and_without_luhn_digit_is_accepted() -> None:
    good = parse_bank_card("4111 1111 1111 1111")
    assert good.value == "4111111111111111"
    assert good.luhn_valid is True
    bad = parse_bank_card("4111-1111-1111-1112")
    assert bad.value == "4111111111111112"
    assert bad.luhn_valid is False


@pytest.mark.parametrize(
    "raw", ["", "12345678901", "12345678901234567890", "6222 0212 3456 789A", "６２２２０２１２３４５６７８９０"]
)
def test_bank_card_of_wrong_shape_is_rejected(raw: str) -> None:
    expect_invalid("invalid_bank_card", parse_bank_card, raw)


@pytest.mark.parametrize("length", [12, 19])
def test_bank_card_length_bounds_are_inclusive(length: int) -> None:
    assert parse_bank_card("6" * length).value == "6" * length


@PROPERTY
@given(st.text(alphabet=string.digits, min_size=11, max_size=18), st.integers(1, 9))
def test_appending_the_luhn_digit_always_validates(payload: str, shift: int) -> None:
    digit = luhn_check_digit(payload)
    assert parse_bank_card(payload + digit).luhn_valid is True
    assert parse_bank_card(payload + str((int(digit) + shift) % 10)).luhn_valid is False


def test_mask_bank_card() -> None:
    assert mask_bank_card("6222021234567890123") == "6222***********0123"
    assert mask_bank_card("622202123456") == "6222****3456"
    assert mask_bank_card("12345678") == "********"


# --- Django field validators --------------------------------------------------------


@pytest.mark.parametrize(
    ("validator", "good", "bad", "code"),
    [
        (validate_id_number, "11010519491231002X", "110105194912310021", "invalid_id_number"),
        (validate_credit_code, "91350100M000100Y43", "91350100M000100Y44", "invalid_credit_code"),
        (validate_mobile, "+86 13800138000", "12800138000", "invalid_mobile"),
        (validate_bank_card, "4111111111111112", "41111111111", "invalid_bank_card"),
    ],
)
def test_django_validators(validator, good: str, bad: str, code: str) -> None:
    assert validator(good) is None
    with pytest.raises(DjangoValidationError) as info:
        validator(bad)
    assert info.value.code == code
    assert len(info.value.messages) == 1
    assert info.value.messages[0]


def test_mask_email_keeps_the_first_letter_and_the_domain() -> None:
    from tianping.core.validators import mask_email

    assert mask_email("zhangsan@example.com") == "z***@example.com"
    assert mask_email("") == ""
    assert "@" not in mask_email("13800138000")
    assert mask_email("13800138000") == "138****8000"
