"""Identifiers used in court work: check, normalise and mask.

- Resident ID numbers (公民身份号码, GB 11643-1999): 17 digits + MOD 11-2 check character.
- Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters, MOD 31 check.
- Mainland mobile numbers: 11 digits starting 13–19, with an optional +86.
- Bank card numbers: 12–19 digits; the Luhn check is a confidence signal, not a rejection,
  because some domestic cards do not carry a Luhn digit.

Every ``parse_*`` returns the normalised value (or a small record) and raises
``ValidationFailed`` with a stable code; every ``mask_*`` hides what a role does not need.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError

from tianping.core import clock
from tianping.core.errors import ValidationFailed

# First two digits of a resident ID number: provincial-level divisions (GB/T 2260).
PROVINCE_PREFIXES = frozenset(
    {
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    }
)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_SEPARATORS = re.compile(r"[\s\-]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)


@dataclasses.dataclass(frozen=True)
class IdNumber:
    value: str
    region_code: str
    birth_date: dt.date
    gender: str  # "male" | "female"

    def age_on(self, day: dt.date) -> int:
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1)


@dataclasses.dataclass(frozen=True)
class BankCard:
    value: str
    luhn_valid: bool


def id_number_check_char(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def parse_id_number(raw: str, *, today: dt.date | None = None) -> IdNumber:
    """Check a resident ID number: format, region, birth date and the MOD 11-2 character."""
    value = _SEPARATORS.sub("", str(raw)).upper()
    if not re.fullmatch(r"\d{17}[\dX]", value, re.ASCII):
        raise ValidationFailed("身份证号码应为18位，前17位为数字，最后一位为数字或X", code="invalid_id_number")
    if value[:2] not in PROVINCE_PREFIXES:
        raise ValidationFailed("身份证号码的地区码无效", code="invalid_id_number")
    try:
        birth = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise ValidationFailed("身份证号码中的出生日期无效", code="invalid_id_number") from exc
    if birth.year < 1900 or birth > (today or clock.today()):
        raise ValidationFailed("身份证号码中的出生日期无效", code="invalid_id_number")
    if id_number_check_char(value[:17]) != value[17]:
        raise ValidationFailed("身份证号码校验位不正确", code="invalid_id_number")
    gender = "male" if int(value[16]) % 2 == 1 else "female"
    return IdNumber(value=value, region_code=value[:6], birth_date=birth, gender=gender)


def mask_id_number(value: str) -> str:
    """``110105194912310021`` → ``110105********0021``."""
    value = str(value)
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARSET.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def parse_credit_code(raw: str) -> str:
    """Check a unified social credit code (GB 32100) and return it upper-cased."""
    value = _SEPARATORS.sub("", str(raw)).upper()
    if len(value) != 18 or any(ch not in CREDIT_CODE_CHARSET for ch in value):
        raise ValidationFailed(
            "统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、Z、S、V）", code="invalid_credit_code"
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationFailed("统一社会信用代码校验位不正确", code="invalid_credit_code")
    return value


def mask_credit_code(value: str) -> str:
    """Keep the registration authority, type and region; hide the organisation body."""
    value = str(value)
    return value[:8] + "*" * max(len(value) - 10, 0) + value[-2:] if len(value) > 10 else "*" * len(value)


def parse_mobile(raw: str) -> str:
    """Normalise a mainland mobile number to its 11 digits (``+86 138-0013-8000`` → ``13800138000``)."""
    value = _SEPARATORS.sub("", str(raw))
    for prefix in ("+86", "0086", "86"):
        if value.startswith(prefix) and len(value) == 11 + len(prefix):
            value = value[len(prefix) :]
            break
    if not _MOBILE.fullmatch(value):
        raise ValidationFailed("手机号码应为以1开头的11位数字", code="invalid_mobile")
    return value


def mask_mobile(value: str) -> str:
    """``13800138000`` → ``138****8000``."""
    value = str(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)


def mask_email(value: str) -> str:
    """``zhangsan@example.com`` → ``z***@example.com`` (the domain stays: it says which mailbox)."""
    local, at, domain = str(value).partition("@")
    if not at:
        return mask_mobile(local) if local else ""
    return f"{local[:1]}***@{domain}"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char)
        if index % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def parse_bank_card(raw: str) -> BankCard:
    """Check the shape of a bank card number; report, but do not require, the Luhn digit."""
    value = _SEPARATORS.sub("", str(raw))
    if not re.fullmatch(r"\d{12,19}", value, re.ASCII):
        raise ValidationFailed("银行卡号应为12至19位数字", code="invalid_bank_card")
    return BankCard(value=value, luhn_valid=luhn_valid(value))


def mask_bank_card(value: str) -> str:
    """``6222021234567890123`` → ``6222***********0123``."""
    value = str(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "*" * len(value)


def _django_check(parse: Callable[[str], object], value: str) -> None:
    try:
        parse(value)
    except ValidationFailed as exc:
        raise DjangoValidationError(exc.message, code=exc.code) from exc


# Model and form field validators (plain functions so migrations can reference them).
def validate_id_number(value: str) -> None:
    _django_check(parse_id_number, value)


def validate_credit_code(value: str) -> None:
    _django_check(parse_credit_code, value)


def validate_mobile(value: str) -> None:
    _django_check(parse_mobile, value)


def validate_bank_card(value: str) -> None:
    _django_check(parse_bank_card, value)
