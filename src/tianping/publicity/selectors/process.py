"""Trial-process disclosure (审判流程公开, domain §7): what a party sees of their own case.

A party proves who they are with the case's query code and their full ID number (or credit code),
or through their account (the cases where the account is a party or an agent). A proof made with
the two secrets lasts for the browser session: the session keeps the case ids (and the party ids
they were granted for), never the ID number. Failed proofs are counted per client IP and per query
code (``core.ratelimit``); past the quota every attempt is refused for the rest of the window, a
correct one too, so guessing gains nothing. Each successful proof is an audited read (case, party,
client address; never the ID number). Any other case is "not found", exactly like a missing one.

The view shows the case's own facts (process nodes, dates, panel, procedure and time limit, hearings,
appeals and transfers, publication state) and, of the parties, names and roles only; the viewer's
own identity data is shown masked, other parties' identity and contact data never.
"""

from __future__ import annotations

import dataclasses
from collections.abc import MutableMapping
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tianping.cases import selectors as case_selectors
from tianping.core import audit, ratelimit
from tianping.core.enums import AuditKind
from tianping.core.errors import AuthenticationFailed, NotFound, RateLimited, ValidationFailed
from tianping.core.validators import mask_credit_code, mask_id_number, mask_mobile
from tianping.delivery import selectors as delivery_selectors
from tianping.hearings import selectors as hearing_selectors
from tianping.judgments import selectors as judgment_selectors
from tianping.publicity.enums import PublicationStatus
from tianping.publicity.models import Publication

SHOWN_PUBLICATION_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.EXCLUDED, PublicationStatus.WITHDRAWN)

__all__ = [
    "PROCESS_SESSION_KEY",
    "ProcessCaseSummary",
    "ProcessView",
    "process_cases_for",
    "process_grant_identify",
    "process_grants_clear",
    "process_view_for",
]

PROCESS_SESSION_KEY = "publicity.process_grants"
# Failed proofs allowed per window: per client IP (an office behind one address may have several
# parties) and per query code (one case's code guessed from many addresses).
FAILURE_RATE_PER_IP = "10/h"
FAILURE_RATE_PER_CODE = "5/h"
MAX_INPUT_LENGTH = 32

QUOTA_MESSAGE = "查询失败次数过多，请一小时后再试；如忘记查询码，请联系承办法院或拨打12368。"
MISMATCH_MESSAGE = "查询码或证件号码不正确"


def _rates() -> tuple[str, str]:
    limits = getattr(settings, "RATE_LIMITS", {})
    return (
        limits.get("process_query_ip", FAILURE_RATE_PER_IP),
        limits.get("process_query_code", FAILURE_RATE_PER_CODE),
    )


# ---- Identification ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ProcessCaseSummary:
    case_id: int
    number: str
    court_name: str
    status_label: str


def _refuse_past_quota(client_ip: str, query_code: str) -> None:
    ip_rate, code_rate = _rates()
    for scope, key, rate in (("process_fail_ip", client_ip, ip_rate), ("process_fail_code", query_code, code_rate)):
        if ratelimit.exceeded(scope, key, rate):
            raise RateLimited(QUOTA_MESSAGE, code="process_query_quota")


def _count_failure(client_ip: str, query_code: str) -> None:
    ip_rate, code_rate = _rates()
    ratelimit.count("process_fail_ip", client_ip, ip_rate)
    ratelimit.count("process_fail_code", query_code, code_rate)


def _clean(value: Any, label: str) -> str:
    text = str(value or "").strip().upper()
    if not text:
        raise ValidationFailed(f"请填写{label}", code="process_query_missing", details={"field": label})
    if len(text) > MAX_INPUT_LENGTH:
        raise ValidationFailed(f"{label}过长", code="process_query_invalid", details={"field": label})
    return text


def process_grant_identify(
    *, session: MutableMapping[str, Any], query_code: Any, id_number: Any, client_ip: str
) -> ProcessCaseSummary:
    """Prove a party by query code + full ID number / credit code; on success the case is granted
    for the session. Wrong pair → AuthenticationFailed (counted); past the quota → RateLimited."""
    code, number = _clean(query_code, "查询码"), _clean(id_number, "证件号码")
    _refuse_past_quota(client_ip, code)
    status = case_selectors.party_case_by_identity(query_code=code, id_number=number)
    if status is None:
        _count_failure(client_ip, code)
        raise AuthenticationFailed(MISMATCH_MESSAGE, code="process_identity_mismatch")
    audit.record(
        actor=None, action="process_disclosure.identified", kind=AuditKind.READ, object_type="cases.Case",
        object_id=str(status.case_id), object_repr=status.number, court_code=status.court_code,
        changes={"party_id": status.party_id, "by": "query_code"},
    )  # fmt: skip
    grants = dict(session.get(PROCESS_SESSION_KEY) or {})
    grants[str(status.case_id)] = sorted({*grants.get(str(status.case_id), []), status.party_id})
    session[PROCESS_SESSION_KEY] = grants
    return ProcessCaseSummary(
        case_id=status.case_id, number=status.number, court_name=status.court_name, status_label=status.status_label
    )


def process_grants_clear(*, session: MutableMapping[str, Any]) -> None:
    """End the session's query access (the account's own cases stay visible to it)."""
    session.pop(PROCESS_SESSION_KEY, None)


def _grants(*, session: MutableMapping[str, Any], user: Any) -> dict[int, set[int]]:
    """case id → the party ids the viewer speaks for: the session's proofs plus the account's cases."""
    grants: dict[int, set[int]] = {}
    for case_id, party_ids in (session.get(PROCESS_SESSION_KEY) or {}).items():
        try:
            grants.setdefault(int(case_id), set()).update(int(p) for p in party_ids)
        except (TypeError, ValueError):
            continue
    for case_id, party_ids in case_selectors.account_case_parties(user=user).items():
        grants.setdefault(case_id, set()).update(party_ids)
    return grants


def process_cases_for(*, session: MutableMapping[str, Any], user: Any) -> list[ProcessCaseSummary]:
    """The cases the viewer may open here, newest first."""
    summaries = []
    for case_id in sorted(_grants(session=session, user=user), reverse=True):
        case = case_selectors.case_get(case_id=case_id)
        if case is not None:
            summaries.append(
                ProcessCaseSummary(
                    case_id=case.pk,
                    number=case.number or "",
                    court_name=case.court.name,
                    status_label=str(case.get_status_display()),
                )
            )
    return summaries


# ---- The process view ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ProcessView:
    case: dict[str, Any]
    parties: list[dict[str, Any]]
    events: list[dict[str, Any]]
    panel: list[dict[str, Any]]
    time_limit: dict[str, Any]
    hearings: list[dict[str, Any]]
    services: list[dict[str, Any]]
    chain: list[dict[str, Any]]
    documents: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _not_found() -> NotFound:
    return NotFound("案件不存在或无权查看", code="process_case_not_found")


def process_view_for(*, session: MutableMapping[str, Any], user: Any, case_id: int) -> ProcessView:
    """The process view of ``case_id`` if the session or the account was granted it; else NotFound."""
    party_ids = _grants(session=session, user=user).get(case_id)
    case = case_selectors.case_get(case_id=case_id) if party_ids else None
    if case is None or not party_ids:
        raise _not_found()
    return ProcessView(
        case=_case_facts(case),
        parties=[_party_row(p, mine=p.pk in party_ids) for p in case.parties.order_by("order", "id")],
        events=[
            {"occurred_at": e.occurred_at, "action": e.action, "status_label": e.get_to_status_display()}
            for e in case_selectors.case_events(case=case)
        ],
        panel=[{"name": m.name, "role_label": str(m.get_role_display())} for m in case_selectors.case_panel(case=case)],
        time_limit=_time_limit(case),
        hearings=[_hearing_row(h) for h in hearing_selectors.case_hearings(case=case)],
        services=_service_rows(case, party_ids),
        chain=_chain_rows(case),
        documents=_documents(case),
    )


def _service_rows(case: Any, party_ids: set[int]) -> list[dict[str, Any]]:
    """The documents served on the viewer's own parties (titles, method, dates), never the others'."""
    return [
        {"title": s.document_title, "method_label": str(s.get_method_display()),
         "status_label": str(s.get_status_display()), "served_at": s.served_at, "delivered_on": s.delivered_on}
        for s in delivery_selectors.case_services(case=case).filter(party_id__in=party_ids)
    ]  # fmt: skip


def _chain_rows(case: Any) -> list[dict[str, Any]]:
    """The matter's first instance, appeals, retrials and transfers: numbers, courts and states only."""
    return [
        {"number": c.number or "", "court_name": c.court.name, "case_type": c.case_type.name,
         "link_label": str(c.get_link_kind_display()) if c.link_kind else "", "current": c.pk == case.pk,
         "status_label": str(c.get_status_display())}
        for c in case_selectors.matter_chain(case=case) if c.number
    ]  # fmt: skip


def _case_facts(case: Any) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number or "",
        "court_name": case.court.name,
        "case_type": case.case_type.name,
        "cause": case.cause.name if case.cause_id else "",
        "procedure_label": str(case.get_procedure_display()),
        "status_label": str(case.get_status_display()),
        "received_on": case.received_on,
        "filed_on": case.filed_on,
        "closed_on": case.closed_on,
        "closing_method_label": str(case.get_closing_method_display()) if case.closing_method else "",
        "effective_on": case.effective_on,
        "judge_name": case.judge.display_name if case.judge_id else "",
        "clerk_name": case.clerk.display_name if case.clerk_id else "",
        "division_name": case.division.name if case.division_id else "",
    }


def _party_row(party: Any, *, mine: bool) -> dict[str, Any]:
    """Name and role for every party; the viewer's own party also with its masked identity data."""
    row = {"name": party.name, "role_label": str(party.get_role_display()), "mine": mine,
           "id_masked": "", "mobile_masked": ""}  # fmt: skip
    if mine:
        if party.id_number:
            row["id_masked"] = mask_id_number(party.id_number)
        elif party.credit_code:
            row["id_masked"] = mask_credit_code(party.credit_code)
        row["mobile_masked"] = mask_mobile(party.mobile) if party.mobile else ""
    return row


def _time_limit(case: Any) -> dict[str, Any]:
    view = case_selectors.time_limit_view(case=case)
    return {
        "limit": str(view.rule.limit) if view.rule is not None else "",
        "deadline": view.deadline,
        "remaining_days": view.remaining_days,
        "suspended": view.suspended,
        "extensions": sum(1 for e in view.extensions if e.status == "approved"),
    }


def _hearing_row(hearing: Any) -> dict[str, Any]:
    return {
        "kind_label": str(hearing.get_kind_display()),
        "mode_label": str(hearing.get_mode_display()),
        "status_label": str(hearing.get_status_display()),
        "starts_at": hearing.starts_at,
        "ends_at": hearing.ends_at,
        "place": hearing.courtroom.name if hearing.courtroom_id else "",
        "online": bool(hearing.video_room) or hearing.courtroom_id is None,
        "is_public": hearing.is_public,
    }


def _publication_url(publication: Publication) -> str:
    try:
        return reverse("publicity:judgment", args=[publication.pk])
    except NoReverseMatch:  # the public judgment page is not mounted
        return ""


def _documents(case: Any) -> list[dict[str, Any]]:
    """The case's issued documents with their effect and publication state (裁判文书公开情况)."""
    publications = {p.document_id: p for p in Publication.objects.filter(case_id=case.pk)}
    rows = []
    for document in judgment_selectors.issued_documents(case=case):
        publication = publications.get(document.pk)
        effective = document.effect_status == "effective"
        if publication is not None and publication.status in SHOWN_PUBLICATION_STATUSES:
            state = str(publication.get_status_display())
            public = publication.status in (PublicationStatus.PUBLISHED, PublicationStatus.EXCLUDED)
            url = _publication_url(publication) if public else ""
            reason = str(publication.get_exclusion_reason_display()) if publication.exclusion_reason else ""
        else:  # not yet in the pipeline, or in review: the internal review steps are not the party's business
            state, url, reason = (_("待公开") if effective else _("未生效")), "", ""
        rows.append({"title": document.title, "kind_label": str(document.get_kind_display()),
                     "issued_on": document.issued_on, "effective_on": getattr(document, "effective_on", None),
                     "effect_label": str(document.get_effect_status_display()), "publication_label": state,
                     "exclusion_reason": reason, "publication_url": url})  # fmt: skip
    return rows
