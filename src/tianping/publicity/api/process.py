"""Trial-process disclosure API (审判流程公开): a party proves who they are with the query code and the
full ID number (or credit code), or uses their signed-in account; the proof lasts for the session."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from ninja import Router, Schema
from ninja.utils import check_csrf
from pydantic import Field

from tianping.core.errors import PermissionDenied
from tianping.core.middleware import client_ip
from tianping.publicity.selectors import process as selectors

router = Router(tags=["public"])


class ErrorOut(Schema):
    code: str
    message: str
    details: Any = None


class ProcessSessionIn(Schema):
    query_code: str = Field(max_length=64, description="当事人查询码（立案时告知）")
    id_number: str = Field(max_length=64, description="当事人完整的身份证号码或统一社会信用代码")


class ProcessCaseOut(Schema):
    case_id: int
    number: str
    court_name: str
    status_label: str


class PartyOut(Schema):
    name: str
    role_label: str
    mine: bool
    id_masked: str
    mobile_masked: str


class EventOut(Schema):
    occurred_at: dt.datetime
    action: str
    status_label: str


class PanelOut(Schema):
    name: str
    role_label: str


class TimeLimitOut(Schema):
    limit: str
    deadline: dt.date | None
    remaining_days: int | None
    suspended: bool
    extensions: int


class HearingOut(Schema):
    kind_label: str
    mode_label: str
    status_label: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    place: str
    online: bool
    is_public: bool


class ServiceOut(Schema):
    title: str
    method_label: str
    status_label: str
    served_at: dt.datetime | None
    delivered_on: dt.date | None


class ChainOut(Schema):
    number: str
    court_name: str
    case_type: str
    link_label: str
    status_label: str
    current: bool


class DocumentOut(Schema):
    title: str
    kind_label: str
    issued_on: dt.date
    effective_on: dt.date | None
    effect_label: str
    publication_label: str
    exclusion_reason: str
    publication_url: str


class CaseFactsOut(Schema):
    id: int
    number: str
    court_name: str
    case_type: str
    cause: str
    procedure_label: str
    status_label: str
    received_on: dt.date
    filed_on: dt.date | None
    closed_on: dt.date | None
    closing_method_label: str
    effective_on: dt.date | None
    judge_name: str
    clerk_name: str
    division_name: str


class ProcessViewOut(Schema):
    case: CaseFactsOut
    parties: list[PartyOut]
    events: list[EventOut]
    panel: list[PanelOut]
    time_limit: TimeLimitOut
    hearings: list[HearingOut]
    services: list[ServiceOut]
    chain: list[ChainOut]
    documents: list[DocumentOut]


@router.post(
    "/public/process/sessions",
    auth=None,
    response={200: ProcessCaseOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut},
)
def process_session_open(request: HttpRequest, payload: ProcessSessionIn) -> selectors.ProcessCaseSummary:
    """Prove a party with the case query code and the full ID number or credit code; the case is then
    readable for this session (cookie). The grant lives in the session cookie, so the request must carry
    the CSRF token (cookie ``csrftoken`` from ``GET /public/process/cases``, header ``X-CSRFToken``);
    otherwise another site could sign a visitor's browser in to a case of its choosing. Failed attempts
    are counted per client and per query code: past the quota every attempt is 429 for the hour."""
    _require_csrf(request)
    return selectors.process_grant_identify(
        session=request.session, query_code=payload.query_code, id_number=payload.id_number,
        client_ip=client_ip(request),
    )  # fmt: skip


@router.get("/public/process/cases", auth=None, response={200: list[ProcessCaseOut]})
def process_case_list(request: HttpRequest) -> list[selectors.ProcessCaseSummary]:
    """The cases this session proved, plus those where the signed-in account is a party or an agent.
    Also sets the ``csrftoken`` cookie that ``POST /public/process/sessions`` must echo."""
    get_token(request)
    return selectors.process_cases_for(session=request.session, user=request.user)


@router.get("/public/process/cases/{case_id}", auth=None, response={200: ProcessViewOut, 404: ErrorOut})
def process_case_detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """The process view of one granted case (nodes, dates, panel, time limit, hearings, the party's own
    served documents, appeals and transfers, publication state). Any other case: 404."""
    return selectors.process_view_for(session=request.session, user=request.user, case_id=case_id).as_dict()


def _require_csrf(request: HttpRequest) -> None:
    """Django's CSRF check for an endpoint open to anonymous callers (ninja checks it only with auth)."""
    if check_csrf(request) is not None:
        raise PermissionDenied(
            "缺少或无效的CSRF令牌：请先请求 GET /api/v1/public/process/cases 取得 csrftoken，并在 X-CSRFToken 头中回传",
            code="csrf_failed",
        )
