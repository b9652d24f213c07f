"""Enforcement disclosure API (执行信息公开): public, unauthenticated queries of judgment debtors,
dishonest debtors, consumption-restricted persons and 终本 cases by exact name, full ID number or full
unified social credit code. ID numbers are always masked. Each valid query counts against per-client
(minute, day) and per-subject quotas: past one → 429 ``enforcement_query_quota`` with
``details.retry_after`` (seconds)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from tianping.core.middleware import client_ip
from tianping.publicity.selectors import enforcement as selectors

router = Router(tags=["public"])


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


ERRORS: dict[int, type[ErrorOut]] = {422: ErrorOut, 429: ErrorOut}


class EnforcementQueryIn(Schema):
    name: str = Field("", max_length=100, description="被执行人完整的姓名或名称（至少2个字，精确匹配）")
    id_number: str = Field("", max_length=32, description="完整的18位身份证号码（校验位须正确）")
    credit_code: str = Field("", max_length=32, description="完整的18位统一社会信用代码")
    page: int = Field(1, ge=1, le=selectors.MAX_PAGE, description="页码")
    page_size: int = Field(selectors.DEFAULT_PAGE_SIZE, ge=1, le=selectors.MAX_PAGE_SIZE, description="每页条数")


class DebtorOut(Schema):
    name: str
    is_person: bool
    gender: str = Field(description="自然人：男/女")
    age: int | None = Field(description="自然人：按今日计算的年龄")
    id_number_masked: str = Field(description="自然人：遮蔽后的身份证号码，如 110105********0021")
    credit_code: str = Field(description="单位：统一社会信用代码")
    legal_representative: str = Field(description="单位：法定代表人或负责人")


class CaseDebtorOut(Schema):
    debtor: DebtorOut
    case_number: str
    court_name: str
    filed_on: dt.date | None
    claim_amount: Decimal | None = Field(description="执行标的（元）")
    closed_on: dt.date | None = Field(description="终本日期（仅终本案件）")


class DishonestOut(Schema):
    id: int
    debtor: DebtorOut
    case_number: str
    filed_on: dt.date
    court_name: str
    source_document_number: str = Field(description="执行依据文号")
    source_issuer: str = Field(description="作出执行依据单位")
    obligation: str = Field(description="生效法律文书确定的义务")
    performance: str
    performance_label: str = Field(description="履行情况")
    conducts: list[str]
    conduct_labels: list[str] = Field(description="失信被执行人行为具体情形")
    listed_on: dt.date = Field(description="发布日期")


class RestrictedPersonLinkOut(Schema):
    name: str
    role_label: str


class RestrictedOut(Schema):
    id: int
    debtor: DebtorOut
    case_number: str
    filed_on: dt.date
    court_name: str
    order_number: str = Field(description="限制消费令文号")
    issued_on: dt.date = Field(description="发布日期")
    restricted_persons: list[RestrictedPersonLinkOut] = Field(
        description="单位被执行人：同时被限制的人员（仅姓名与身份）"
    )


class _PageOut(Schema):
    total: int
    page: int
    page_size: int
    pages: int


class CaseDebtorPageOut(_PageOut):
    items: list[CaseDebtorOut]


class DishonestPageOut(_PageOut):
    items: list[DishonestOut]


class RestrictedPageOut(_PageOut):
    items: list[RestrictedOut]


def _search(request: HttpRequest, kind: str, params: EnforcementQueryIn) -> dict[str, Any]:
    query = selectors.enforcement_query_parse(
        name=params.name, id_number=params.id_number, credit_code=params.credit_code, page=params.page,
        page_size=params.page_size,
    )  # fmt: skip
    results = selectors.enforcement_search(kind=kind, query=query, client_ip=client_ip(request))
    return {"items": results.items, "total": results.total, "page": results.page, "page_size": results.page_size,
            "pages": results.pages}  # fmt: skip


@router.get("/public/enforcement/debtors", auth=None, response={200: CaseDebtorPageOut, **ERRORS})
def enforcement_debtors(request: HttpRequest, params: Query[EnforcementQueryIn]) -> dict[str, Any]:
    """被执行人: respondents of enforcement cases filed and not yet closed, by exact name, ID number or
    credit code (at least one)."""
    return _search(request, "debtors", params)


@router.get("/public/enforcement/dishonest", auth=None, response={200: DishonestPageOut, **ERRORS})
def enforcement_dishonest(request: HttpRequest, params: Query[EnforcementQueryIn]) -> dict[str, Any]:
    """失信被执行人: debtors on the dishonest list (not removed) with the published fields of the 2017 rules."""
    return _search(request, "dishonest", params)


@router.get(
    "/public/enforcement/dishonest/{int:dishonest_listing_id}",
    auth=None,
    response={200: DishonestOut, 404: ErrorOut, 429: ErrorOut},
)
def enforcement_dishonest_detail(request: HttpRequest, dishonest_listing_id: int) -> selectors.PublicDishonestDebtor:
    """One listed dishonest debtor; removed or unknown → 404. Counted against the client's quotas."""
    return selectors.enforcement_dishonest_detail(listing_id=dishonest_listing_id, client_ip=client_ip(request))


@router.get("/public/enforcement/restricted", auth=None, response={200: RestrictedPageOut, **ERRORS})
def enforcement_restricted(request: HttpRequest, params: Query[EnforcementQueryIn]) -> dict[str, Any]:
    """限制消费人员: debtors under a consumption-restriction order in force (not lifted)."""
    return _search(request, "restricted", params)


@router.get("/public/enforcement/terminated", auth=None, response={200: CaseDebtorPageOut, **ERRORS})
def enforcement_terminated(request: HttpRequest, params: Query[EnforcementQueryIn]) -> dict[str, Any]:
    """终本案件: debtors of cases closed by terminating the current round (no assets), not resumed."""
    return _search(request, "terminated", params)
