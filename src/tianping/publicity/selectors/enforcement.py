"""Enforcement disclosure (执行信息公开, domain §7–§8): the public queries of judgment debtors (被执行人),
dishonest debtors (失信被执行人), consumption-restricted persons (限制消费人员) and cases closed without
assets (终本案件).

A query names its subject exactly — the full name (at least two characters), the full 18-character ID
number or the full unified social credit code — like 中国执行信息公开网; nothing is found by a part of a
name, so the lists cannot be walked by prefix. Results are dataclasses of the published fields only:
ID numbers always masked, ages computed at today's date, organisations with their credit code and
legal representative.

Abuse protection without a CAPTCHA: every valid query is counted per client IP per minute and per
day, and per subject from every client together, so one person cannot be looked up endlessly from
many addresses: an ID number or credit code (one debtor) by the tight ``enforcement_subject`` rate, a
name by the looser ``enforcement_name`` rate (a common name such as 张伟 is shared by many people,
each looked up by their own creditors). Past a quota the query is refused with
``RateLimited`` (429, code ``enforcement_query_quota``, ``details.retry_after`` in seconds). The lists
are public; reading them is not audited (like the judgment search), unlike the process disclosure,
which reveals a party's own case.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import time
import unicodedata
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from tianping.cases import selectors as case_selectors
from tianping.cases.enums import PartyKind
from tianping.core import clock, ratelimit
from tianping.core.errors import NotFound, RateLimited, ValidationFailed
from tianping.core.money import to_money
from tianping.core.validators import parse_credit_code, parse_id_number
from tianping.credit import selectors as credit_selectors
from tianping.credit.selectors import PublicDebtor, PublicDishonestDebtor

__all__ = [
    "ENFORCEMENT_QUERY_KINDS",
    "EnforcementQuery",
    "EnforcementResults",
    "EnforcementStatistics",
    "PublicCaseDebtor",
    "enforcement_dishonest_detail",
    "enforcement_query_parse",
    "enforcement_search",
    "enforcement_statistics",
]

ENFORCEMENT_QUERY_KINDS = ("debtors", "dishonest", "restricted", "terminated")
MIN_NAME_LENGTH = 2
MAX_NAME_LENGTH = 100
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
MAX_PAGE = 50  # at most MAX_PAGE × MAX_PAGE_SIZE rows reachable for one subject
DEFAULT_RATES = {
    "enforcement_query": "20/m",
    "enforcement_query_day": "300/d",
    "enforcement_subject": "60/h",
    "enforcement_name": "600/h",
}
_SPACES = re.compile(r"[\s\u3000]+")
_ID_SHAPE = re.compile(r"^\d{17}[\dXx]$", re.ASCII)


@dataclasses.dataclass(frozen=True)
class EnforcementQuery:
    """A validated query: exact name and/or full ID number and/or full credit code, and the page."""

    name: str = ""
    id_number: str = ""
    credit_code: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def subject(self) -> str:
        return self.id_number or self.credit_code or self.name

    @property
    def subject_is_name(self) -> bool:
        return not (self.id_number or self.credit_code)


@dataclasses.dataclass(frozen=True)
class PublicCaseDebtor:
    """A judgment debtor of a pending enforcement case or of a 终本 case, as published."""

    debtor: PublicDebtor
    case_number: str
    court_name: str
    filed_on: dt.date | None
    claim_amount: Decimal | None  # 执行标的（元）
    closed_on: dt.date | None  # 终本日期 (终本 cases only)

    @property
    def claim_amount_text(self) -> str:
        """``125000`` → ``125,000.00`` (yuan, for the page)."""
        return f"{to_money(self.claim_amount):,.2f}" if self.claim_amount is not None else ""


@dataclasses.dataclass(frozen=True)
class EnforcementResults:
    kind: str
    items: list[Any]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, min(MAX_PAGE, -(-self.total // self.page_size)))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclasses.dataclass(frozen=True)
class EnforcementStatistics:
    dishonest_listed: int
    restrictions_in_force: int
    no_assets_cases: int


# ---- Input ---------------------------------------------------------------------------------------


def _invalid(message: str, code: str, field: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, details={"field": field})


def _name(raw: Any) -> str:
    name = _SPACES.sub("", str(raw or ""))
    if not name:
        return ""
    if len(name) < MIN_NAME_LENGTH:
        raise _invalid(_("请输入被执行人的完整姓名或名称（至少2个字）"), "enforcement_name_too_short", "name")
    if len(name) > MAX_NAME_LENGTH:
        raise _invalid(_("姓名或名称过长"), "enforcement_name_too_long", "name")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise _invalid(_("姓名或名称含有无效字符"), "enforcement_name_invalid", "name")
    return name


def _id_number(raw: Any) -> str:
    text = str(raw or "").strip()
    if not text:
        return ""
    if len(text) > 32:
        raise _invalid(_("身份证号码应为18位"), "invalid_id_number", "id_number")
    try:
        return parse_id_number(text).value
    except ValidationFailed as exc:
        raise _invalid(exc.message, "invalid_id_number", "id_number") from exc


def _credit_code(raw: Any) -> str:
    text = str(raw or "").strip()
    if not text:
        return ""
    if len(text) > 32:
        raise _invalid(_("统一社会信用代码应为18位"), "invalid_credit_code", "credit_code")
    try:
        return parse_credit_code(text)
    except ValidationFailed as exc:
        raise _invalid(exc.message, "invalid_credit_code", "credit_code") from exc


def _number(raw: Any) -> tuple[str, str]:
    """One field that takes an ID number or a credit code (the page form): which one it is."""
    text = _SPACES.sub("", str(raw or ""))
    if not text:
        return "", ""
    if _ID_SHAPE.match(text):
        try:
            return parse_id_number(text).value, ""
        except ValidationFailed as id_error:
            try:
                return "", parse_credit_code(text)
            except ValidationFailed:
                raise _invalid(id_error.message, "invalid_id_number", "number") from id_error
    try:
        return "", parse_credit_code(text)
    except ValidationFailed as exc:
        message = _("请输入18位身份证号码或统一社会信用代码")
        raise _invalid(message, "invalid_id_number_or_credit_code", "number") from exc


def _positive(raw: Any, *, default: int, maximum: int, field: str) -> int:
    if raw is None or str(raw).strip() == "":
        return default
    try:
        value = int(str(raw).strip())
    except ValueError as exc:
        raise _invalid(_("页码应为正整数"), "invalid_page", field) from exc
    if not 1 <= value <= maximum:
        raise _invalid(_("页码超出范围"), "invalid_page", field)
    return value


def enforcement_query_parse(
    *,
    name: Any = "",
    id_number: Any = "",
    credit_code: Any = "",
    number: Any = "",
    page: Any = None,
    page_size: Any = None,
) -> EnforcementQuery:
    """Check a query: at least one of the exact name (≥ 2 characters), the full ID number (checksum
    verified) or the full credit code; ``number`` takes either of the two numbers. Bad input →
    ValidationFailed (422) naming the field."""
    query_name, query_id, query_code = _name(name), _id_number(id_number), _credit_code(credit_code)
    from_number = _number(number)
    query_id, query_code = query_id or from_number[0], query_code or from_number[1]
    if not (query_name or query_id or query_code):
        raise _invalid(_("请输入被执行人姓名或名称、身份证号码或统一社会信用代码"), "enforcement_query_empty", "name")
    return EnforcementQuery(
        name=query_name, id_number=query_id, credit_code=query_code,
        page=_positive(page, default=1, maximum=MAX_PAGE, field="page"),
        page_size=_positive(page_size, default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE, field="page_size"),
    )  # fmt: skip


# ---- Quotas --------------------------------------------------------------------------------------


def _rate(name: str) -> str:
    return str(getattr(settings, "RATE_LIMITS", {}).get(name, DEFAULT_RATES[name]))


def _spend_quota(*, client_ip: str, subject: str, by_name: bool = False) -> None:
    """Count one query per client (minute, day) and per subject (a name at the name rate); refuse
    past any quota. The subject is kept as a hash prefix, never in clear."""
    subject_key = hashlib.sha256(subject.encode()).hexdigest()[:32]
    subject_rate = "enforcement_name" if by_name else "enforcement_subject"
    for scope, key, rate_name in (
        ("enforcement_ip_minute", client_ip, "enforcement_query"),
        ("enforcement_ip_day", client_ip, "enforcement_query_day"),
        ("enforcement_subject", subject_key, subject_rate),
    ):
        rate = _rate(rate_name)
        limit, window = ratelimit.parse_rate(rate)
        if ratelimit.count(scope, key, rate) > limit:
            retry_after = window - int(time.time()) % window
            message = (
                _("查询过于频繁，请稍后再试")
                if scope != "enforcement_subject"
                else _("该查询对象的查询次数已达上限，请稍后再试")
            )
            raise RateLimited(
                message, code="enforcement_query_quota", details={"retry_after": retry_after, "scope": scope}
            )


# ---- Queries -------------------------------------------------------------------------------------


def _case_debtor(party: Any, today: dt.date, *, terminated: bool) -> PublicCaseDebtor:
    case = party.case
    debtor = credit_selectors.public_debtor_of(
        is_person=party.kind == PartyKind.NATURAL, name=party.name, gender=party.gender, birth_date=party.birth_date,
        id_number=party.id_number, credit_code=party.credit_code,
        legal_representative=party.legal_representative, today=today,
    )  # fmt: skip
    return PublicCaseDebtor(
        debtor=debtor, case_number=case.number or "", court_name=case.court.name, filed_on=case.filed_on,
        claim_amount=case.claim_amount, closed_on=case.closed_on if terminated else None,
    )  # fmt: skip


def _case_search(kind: str, query: EnforcementQuery, offset: int) -> tuple[int, list[PublicCaseDebtor]]:
    search = case_selectors.no_assets_case_search if kind == "terminated" else case_selectors.enforcement_debtor_search
    parties = search(name=query.name, id_number=query.id_number, credit_code=query.credit_code)
    total = parties.count()
    today = clock.today()
    rows = list(parties[offset : offset + query.page_size]) if total else []
    return total, [_case_debtor(p, today, terminated=kind == "terminated") for p in rows]


def enforcement_search(*, kind: str, query: EnforcementQuery, client_ip: str) -> EnforcementResults:
    """One page of the ``kind`` list (debtors / dishonest / restricted / terminated) for a validated
    query, counted against the client's and the subject's quotas."""
    if kind not in ENFORCEMENT_QUERY_KINDS:
        raise _invalid(_("查询类别无效"), "enforcement_kind_invalid", "kind")
    _spend_quota(client_ip=client_ip, subject=query.subject, by_name=query.subject_is_name)
    offset = (query.page - 1) * query.page_size
    criteria = {"name": query.name, "id_number": query.id_number, "credit_code": query.credit_code}
    total: int
    items: list[Any]
    if kind == "dishonest":
        total, items = credit_selectors.dishonest_public_search(**criteria, offset=offset, limit=query.page_size)
    elif kind == "restricted":
        total, items = credit_selectors.restriction_public_search(**criteria, offset=offset, limit=query.page_size)
    else:
        total, items = _case_search(kind, query, offset)
    return EnforcementResults(kind=kind, items=list(items), total=total, page=query.page, page_size=query.page_size)


def enforcement_dishonest_detail(*, listing_id: int, client_ip: str) -> PublicDishonestDebtor:
    """Every published field of one listed dishonest debtor; removed or unknown → NotFound. Counted
    against the client's quotas (the detail pages must not be walked by id faster than queries)."""
    _spend_quota(client_ip=client_ip, subject=f"listing:{listing_id}")
    listing = credit_selectors.dishonest_public_get(listing_id=listing_id)
    if listing is None:
        raise NotFound(_("该失信被执行人信息不存在或已删除"), code="dishonest_listing_not_found")
    return listing


def enforcement_statistics() -> EnforcementStatistics:
    """Counts for the portal: debtors listed as dishonest, restrictions in force, 终本 cases."""
    return EnforcementStatistics(
        dishonest_listed=credit_selectors.dishonest_listed_count(),
        restrictions_in_force=credit_selectors.restriction_in_force_count(),
        no_assets_cases=case_selectors.no_assets_cases().count(),
    )
