"""The pure rules of the 2017 provisions on the dishonest-debtor list (最高人民法院关于公布失信被执行人
名单信息的若干规定, 2017 revision) and the checks every credit decision shares: who may decide, on
which case, against which party; the term; the debtor's age; the published snapshot."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from tianping.accounts import selectors as access
from tianping.accounts.enums import Role
from tianping.cases.enums import CaseCategory, CaseStatus, PartyKind, PartyRole
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.validators import parse_id_number
from tianping.credit.enums import DishonestConduct, ErrorCode

__all__ = [
    "ADULT_AGE",
    "CREDIT_ROLES",
    "FIXED_TERM_YEARS",
    "LISTABLE_CASE_STATUSES",
    "MAX_EXTENSION_YEARS",
    "age_on",
    "check_conducts",
    "check_extension",
    "clean_text",
    "debtor_birth_date",
    "is_credit_officer",
    "require_credit_officer",
    "require_open_enforcement_case",
    "require_respondent",
    "snapshot_fields",
    "term_ends_on",
    "transition",
]

# Who decides on listings and restrictions: enforcement officers and judges of the case's court,
# and the case's own judge in charge (docs/credit.md).
CREDIT_ROLES = (Role.ENFORCEMENT_OFFICER, Role.JUDGE)
FIXED_TERM_YEARS = 2
MAX_EXTENSION_YEARS = 3
ADULT_AGE = 18
# An enforcement case that is filed and not closed (终本, 执行完毕 and 终结 are closed).
LISTABLE_CASE_STATUSES = frozenset(
    {CaseStatus.REGISTERED, CaseStatus.ASSIGNED, CaseStatus.INVESTIGATING, CaseStatus.DISPOSING}
)


def transition(record: Any, to: str, table: dict[str, frozenset[str]]) -> str:
    """Move ``record.status`` to ``to`` if the declared ``table`` allows it; returns the old status."""
    before = record.status
    if to not in table.get(before, frozenset()):
        raise Conflict(_("当前状态不允许该操作"), code=ErrorCode.INVALID_TRANSITION, details={"status": before})
    record.status = to
    return before


def clean_text(value: str, field: str, max_length: int, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(_("请填写必填项"), code=ErrorCode.FIELD_REQUIRED, details={"field": field})
    if len(value) > max_length:
        raise ValidationFailed(
            _("内容过长"), code=ErrorCode.FIELD_TOO_LONG, details={"field": field, "max_length": max_length}
        )
    return value


def is_credit_officer(user: Any, case: Any) -> bool:
    if getattr(user, "pk", None) is not None and case.judge_id == user.pk:
        return True
    return access.has_role(user, *CREDIT_ROLES, court_id=case.court_id)


def require_credit_officer(user: Any, case: Any) -> None:
    if not is_credit_officer(user, case):
        raise PermissionDenied(_("只有本院执行员、法官或本案承办法官可以作出该决定"), code=ErrorCode.NOT_CREDIT_OFFICER)


def require_open_enforcement_case(case: Any) -> None:
    if case.category != CaseCategory.ENFORCEMENT:
        raise ValidationFailed(_("只能在执行案件中作出该决定"), code=ErrorCode.NOT_ENFORCEMENT_CASE)
    if case.status not in LISTABLE_CASE_STATUSES or not case.number or case.filed_on is None:
        raise ValidationFailed(
            _("执行案件未立案或已结案"), code=ErrorCode.CASE_NOT_OPEN, details={"status": case.status}
        )


def require_respondent(case: Any, party: Any) -> None:
    if party.case_id != case.pk or party.role != PartyRole.ENFORCEMENT_RESPONDENT:
        raise ValidationFailed(
            _("该当事人不是本案被执行人"), code=ErrorCode.NOT_RESPONDENT, details={"field": "party_id"}
        )


def check_conducts(conducts: Iterable[str]) -> list[str]:
    """The conducts in the order of art. 1, each once; none or an unknown one is refused."""
    given = [str(c) for c in conducts]
    if not given:
        raise ValidationFailed(
            _("请至少选择一项失信行为"), code=ErrorCode.CONDUCT_REQUIRED, details={"field": "conducts"}
        )
    unknown = [c for c in given if c not in DishonestConduct.values]
    if unknown:
        raise ValidationFailed(
            _("失信行为无效"), code=ErrorCode.CONDUCT_UNKNOWN, details={"field": "conducts", "unknown": unknown[:10]}
        )
    return [c for c in DishonestConduct.values if c in given]


def has_fixed_term(conducts: list[str]) -> bool:
    """Art. 2: conducts (2)–(6) list for two years; conduct (1) alone lists until performance."""
    return any(c != DishonestConduct.ABLE_BUT_REFUSES for c in conducts)


def check_extension(conducts: list[str], years: int) -> int:
    """Art. 2: one to three more years only for violent or threatening obstruction, or several conducts."""
    if not 0 <= years <= MAX_EXTENSION_YEARS:
        raise ValidationFailed(
            _("延长年限应为0至3年"), code=ErrorCode.EXTENSION_OUT_OF_RANGE, details={"field": "term_extension_years"}
        )
    if years == 0:
        return 0
    if not has_fixed_term(conducts) or not (DishonestConduct.OBSTRUCTS in conducts or len(conducts) > 1):
        raise ValidationFailed(
            _("只有以暴力、威胁方法妨碍、抗拒执行或具有多项失信行为的，才可以延长纳入期限"),
            code=ErrorCode.EXTENSION_NOT_ALLOWED,
            details={"field": "term_extension_years"},
        )
    return years


def _add_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def term_ends_on(conducts: list[str], listed_on: dt.date, extension_years: int = 0) -> dt.date | None:
    """The day the listing's term runs out (the same date two years on, plus any extension);
    None for conduct (1) alone: it stays until a removal ground occurs."""
    if not has_fixed_term(conducts):
        return None
    return _add_years(listed_on, FIXED_TERM_YEARS + extension_years)


def debtor_birth_date(party: Any) -> dt.date | None:
    """A natural person's birth date: the party record's, else the one in the ID number."""
    if party.kind != PartyKind.NATURAL:
        return None
    if party.birth_date is not None:
        return party.birth_date
    if party.id_number:
        try:
            return parse_id_number(party.id_number).birth_date
        except ValidationFailed:
            return None
    return None


def age_on(birth: dt.date, day: dt.date) -> int:
    had_birthday = (day.month, day.day) >= (birth.month, birth.day)
    return day.year - birth.year - (0 if had_birthday else 1)


def snapshot_fields(case: Any, party: Any) -> dict[str, Any]:
    """The debtor and case as published, copied at the time of the decision."""
    person = party.kind == PartyKind.NATURAL
    gender = party.gender
    if person and not gender and party.id_number:
        try:
            gender = parse_id_number(party.id_number).gender
        except ValidationFailed:
            gender = ""
    return {
        "case": case,
        "party": party,
        "court": case.court,
        "case_number": case.number,
        "filed_on": case.filed_on,
        "is_person": person,
        "name": party.name,
        "gender": gender if person else "",
        "birth_date": debtor_birth_date(party),
        "id_number": party.id_number if person else "",
        "credit_code": "" if person else party.credit_code,
        "legal_representative": "" if person else party.legal_representative,
    }
