"""Test data built through the real services, so paths, audit records and checks all apply."""

from __future__ import annotations

import itertools
from typing import Any

from tianping.accounts import services as account_services
from tianping.accounts.enums import Role
from tianping.core.validators import ID_CHECK_CHARS, ID_WEIGHTS
from tianping.courts import services as court_services

PASSWORD = "Tianping-test-2026"
_serial = itertools.count(1)


def make_id_number(region: str = "110105", birth: str = "19850312", sequence: int | None = None) -> str:
    """A valid resident ID number (MOD 11-2 check character computed)."""
    seq = f"{(sequence if sequence is not None else next(_serial)) % 1000:03d}"
    first17 = f"{region}{birth}{seq}"
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return first17 + ID_CHECK_CHARS[total % 11]


def make_mobile() -> str:
    return f"139{next(_serial):08d}"


def court(code: str, name: str, level: str, parent: Any = None, division_code: str = "110000", **extra: Any) -> Any:
    return court_services.court_create(
        actor=None,
        parent=parent,
        name=name,
        short_name=extra.pop("short_name", name.replace("北京市", "").replace("人民法院", "法院")),
        code=code,
        level=level,
        division_code=division_code,
        region_name=extra.pop("region_name", "北京市"),
        **extra,
    )


def staff_user(username: str, court: Any, *roles: Role, real_name: str = "测试人员") -> Any:
    user = account_services.staff_user_create(actor=None, username=username, password=PASSWORD, real_name=real_name)
    for role in roles:
        account_services.role_grant(actor=None, user=user, court=court, role=role)
    return user


def litigant_user(username: str = "litigant", real_name: str = "张三") -> Any:
    return account_services.litigant_user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        real_name=real_name,
        id_number=make_id_number(),
        mobile=make_mobile(),
    )


def lawyer_user(username: str = "lawyer", real_name: str = "李律师") -> Any:
    return account_services.lawyer_user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        real_name=real_name,
        id_number=make_id_number(region="110108"),
        mobile=make_mobile(),
        licence_no=f"1110120{next(_serial):010d}",
        law_firm="北京市天平律师事务所",
    )
