"""The party portal's overview in the API: counts and the latest items of each area."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from tianping.portal import selectors

router = Router(tags=["portal"])


class SectionOut(Schema):
    total: int
    pending: int


class OverviewOut(Schema):
    filings: SectionOut
    cases: SectionOut
    fees: SectionOut
    served: SectionOut
    appointments: SectionOut
    reading: SectionOut


class ErrorOut(Schema):
    code: str
    message: str
    details: dict


@router.get("/overview", response={200: OverviewOut, 403: ErrorOut}, summary="我的诉讼：各项事务的数量与待办")
def overview(request: HttpRequest) -> selectors.Overview:
    """``pending``: filings waiting for the user (drafts, supplements), unpaid fees, unopened served
    documents, upcoming appointments, reading grants usable now."""
    return selectors.portal_overview(user=request.user)
