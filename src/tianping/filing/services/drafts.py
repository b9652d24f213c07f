"""The filer's side: drafting, attachments, submission, resubmission after a supplement, withdrawal.

Field formats (ID numbers, credit codes, mobiles, amounts) are checked whenever a draft is
saved; completeness (domain.md §3) is checked on submission, and every gap is reported at
once so the filer can fix everything in one go.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from tianping.accounts.enums import UserKind
from tianping.cases import selectors as case_selectors
from tianping.cases.enums import PartyKind
from tianping.core import clock
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.money import to_money
from tianping.core.validators import parse_credit_code, parse_id_number, parse_mobile
from tianping.core.workdays import working_calendar
from tianping.courts import selectors as court_selectors
from tianping.dossier import services as dossier_services
from tianping.filing import rules
from tianping.filing.enums import AttachmentCategory, FilingErrorCode, FilingEventAction, FilingKind, FilingPartyRole
from tianping.filing.enums import FilingStatus as S
from tianping.filing.fees import MAX_AMOUNT
from tianping.filing.models import EXTENSIONS, Filing, FilingAttachment, FilingParty, ReceiptSequence
from tianping.filing.services.common import (
    check_transition,
    event,
    locked,
    record,
    require_editable,
    require_owner,
    stored,
    transition,
)

MAX_PARTIES = 30
MAX_CLAIMS = 20
MAX_EVIDENCE = 100
EDITABLE_FIELDS = frozenset(
    {"court_id", "kind", "cause_id", "claim_amount", "claims", "facts", "evidence", "parties", "agent"}
)
DRAFT_ONLY_FIELDS = frozenset({"court_id", "kind"})


@dataclasses.dataclass
class PartyData:
    role: str
    kind: str
    name: str
    id_number: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    address: str = ""
    mobile: str = ""
    is_filer: bool = False
    represented: bool = False


@dataclasses.dataclass
class AgentData:
    name: str = ""
    id_number: str = ""
    licence_no: str = ""
    law_firm: str = ""
    mobile: str = ""


def _invalid(message: str, field: str, **details: Any) -> ValidationFailed:
    return ValidationFailed(message, code="invalid_field", details={"field": field, **details})


# ---- Parsing of the editable fields -----------------------------------------------------------


def _kind(value: Any) -> str:
    if value not in FilingKind.values:
        raise _invalid("立案类型不正确", "kind", allowed=list(FilingKind.values))
    return str(value)


def _amount(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float | bool):
        raise _invalid("诉讼标的额格式不正确", "claim_amount")
    try:
        amount = to_money(value.strip().replace(",", "") if isinstance(value, str) else value)
    except ValidationFailed as exc:
        raise _invalid("诉讼标的额格式不正确，请填写以元为单位的数字", "claim_amount") from exc
    if amount < 0 or amount > MAX_AMOUNT:
        raise _invalid("诉讼标的额超出范围", "claim_amount")
    return amount


def _claims(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        raise _invalid("诉讼请求应为列表", "claims")
    claims = [str(c).strip() for c in value if str(c or "").strip()]
    if len(claims) > MAX_CLAIMS:
        raise _invalid(f"诉讼请求最多 {MAX_CLAIMS} 项", "claims")
    if any(len(c) > 1000 for c in claims):
        raise _invalid("每项诉讼请求不超过 1000 字", "claims")
    return claims


def _evidence(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, list | tuple):
        raise _invalid("证据清单应为列表", "evidence")
    items = []
    for index, raw in enumerate(value):
        item = raw if isinstance(raw, Mapping) else getattr(raw, "__dict__", None)
        if not isinstance(item, Mapping):
            raise _invalid("证据清单格式不正确", "evidence", index=index)
        cleaned = {k: str(item.get(k) or "").strip()[:300] for k in ("name", "purpose", "source")}
        if not any(cleaned.values()):
            continue
        if not cleaned["name"]:
            raise _invalid("请填写证据名称", "evidence", index=index)
        items.append(cleaned)
    if len(items) > MAX_EVIDENCE:
        raise _invalid(f"证据最多 {MAX_EVIDENCE} 项", "evidence")
    return items


def _cause_id(value: Any, kind: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        cause_id = int(value)
    except (TypeError, ValueError) as exc:
        raise _invalid("案由不正确", "cause_id") from exc
    cause = case_selectors.cause_get(cause_id=cause_id)
    if cause is None:
        raise _invalid("案由不存在", "cause_id")
    if cause.category != rules.rule_for(kind).cause_category:
        raise _invalid("案由与立案类型不符", "cause_id")
    return cause_id


def _party(raw: Any, index: int, today: dt.date) -> PartyData:
    data = raw if isinstance(raw, PartyData) else PartyData(**{k: v for k, v in dict(raw).items() if k in PARTY_KEYS})
    field = f"parties[{index}]"
    if data.role not in FilingPartyRole.values:
        raise _invalid("诉讼地位不正确", field + ".role", party_index=index)
    if data.kind not in PartyKind.values:
        raise _invalid("主体类型不正确", field + ".kind", party_index=index)
    name = (data.name or "").strip()
    if not name or len(name) > 120:
        raise _invalid("请填写当事人姓名或名称（120 字以内）", field + ".name", party_index=index)
    cleaned = dataclasses.replace(
        data,
        name=name,
        legal_representative=(data.legal_representative or "").strip()[:60],
        address=(data.address or "").strip()[:200],
        id_number="",
        credit_code="",
        mobile="",
        is_filer=bool(data.is_filer),
        represented=bool(data.represented),
    )
    try:
        if data.kind == PartyKind.NATURAL and (data.id_number or "").strip():
            cleaned.id_number = parse_id_number(data.id_number, today=today).value
        if data.kind != PartyKind.NATURAL and (data.credit_code or "").strip():
            cleaned.credit_code = parse_credit_code(data.credit_code)
        if (data.mobile or "").strip():
            cleaned.mobile = parse_mobile(data.mobile)
    except ValidationFailed as exc:
        exc.details = {**(exc.details if isinstance(exc.details, dict) else {}), "field": field, "party_index": index}
        raise
    return cleaned


PARTY_KEYS = frozenset(f.name for f in dataclasses.fields(PartyData))


def _parties(value: Any, as_agent: bool, today: dt.date) -> list[PartyData]:
    if not isinstance(value, list | tuple):
        raise _invalid("当事人应为列表", "parties")
    if len(value) > MAX_PARTIES:
        raise _invalid(f"当事人最多 {MAX_PARTIES} 名", "parties")
    parties = [_party(raw, i, today) for i, raw in enumerate(value)]
    if sum(p.is_filer for p in parties) > 1:
        raise _invalid("只能有一名当事人标记为本人", "parties")
    if as_agent and any(p.is_filer for p in parties):
        raise _invalid("代理人立案时，请勾选被代理的当事人，而不是“本人”", "parties")
    if not as_agent and any(p.represented for p in parties):
        raise _invalid("本人立案时不能勾选“由代理人代理”", "parties")
    return parties


def _agent(value: Any, today: dt.date) -> AgentData:
    data = (
        value
        if isinstance(value, AgentData)
        else AgentData(**{k: v for k, v in dict(value).items() if k in AGENT_KEYS})
    )
    agent = AgentData(
        name=(data.name or "").strip()[:60],
        licence_no=(data.licence_no or "").strip()[:17],
        law_firm=(data.law_firm or "").strip()[:100],
    )
    try:
        if (data.id_number or "").strip():
            agent.id_number = parse_id_number(data.id_number, today=today).value
        if (data.mobile or "").strip():
            agent.mobile = parse_mobile(data.mobile)
    except ValidationFailed as exc:
        exc.details = {**(exc.details if isinstance(exc.details, dict) else {}), "field": "agent"}
        raise
    return agent


AGENT_KEYS = frozenset(f.name for f in dataclasses.fields(AgentData))


# ---- Drafts -----------------------------------------------------------------------------------


def _require_filer(actor: Any) -> None:
    if getattr(actor, "kind", None) not in (UserKind.LITIGANT, UserKind.LAWYER) or not getattr(
        actor, "identity_verified_at", None
    ):
        raise PermissionDenied("只有实名认证的当事人或律师可以网上立案", code=FilingErrorCode.NOT_A_FILER)


def _own_party(actor: Any) -> PartyData:
    return PartyData(
        role=FilingPartyRole.PLAINTIFF,
        kind=PartyKind.NATURAL,
        name=actor.real_name or actor.username,
        id_number=actor.id_number,
        mobile=actor.mobile,
        is_filer=True,
    )


def _lawyer_agent(actor: Any) -> AgentData:
    return AgentData(
        name=actor.real_name, id_number=actor.id_number, licence_no=actor.lawyer_licence_no,
        law_firm=actor.law_firm, mobile=actor.mobile,
    )  # fmt: skip


@transaction.atomic
def filing_create(*, actor: Any, court_id: int, kind: str, data: Mapping[str, Any] | None = None) -> Filing:
    """A new draft at ``court_id``. A litigant's first party is themselves (本人); a lawyer files
    as agent with their verified details. ``data`` may carry any field ``filing_update`` takes."""
    _require_filer(actor)
    court = court_selectors.court_get(court_id=court_id)
    as_agent = actor.kind == UserKind.LAWYER
    filing = Filing.objects.create(court=court, owner=actor, kind=_kind(kind), as_agent=as_agent)
    if as_agent:
        _save_agent(filing, _lawyer_agent(actor))
    else:
        _save_parties(filing, [_own_party(actor)])
    filing.save()
    event(filing, FilingEventAction.CREATED, actor=actor)
    changes = _apply(filing, dict(data or {}))
    record(actor, "create", filing, {"court": court.pk, "kind": filing.kind, "as_agent": as_agent, **changes})
    return filing


@transaction.atomic
def filing_update(*, actor: Any, filing: Filing, data: Mapping[str, Any]) -> Filing:
    """Change the given fields of an editable filing (PATCH); its owner only. ``parties`` and
    ``evidence`` replace the whole list."""
    filing = locked(filing)
    require_owner(actor, filing)
    require_editable(filing)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise _invalid("不能修改这些字段", sorted(unknown)[0], fields=sorted(unknown))
    if filing.status != S.DRAFT and DRAFT_ONLY_FIELDS & set(data):
        raise Conflict("提交后不能再更改立案法院和立案类型", code=FilingErrorCode.NOT_EDITABLE)
    changes = _apply(filing, dict(data))
    if changes:
        record(actor, "update", filing, changes)
    return filing


def _apply(filing: Filing, data: dict[str, Any]) -> dict[str, Any]:
    """Parse every given field first, then write them all (a bad field writes nothing)."""
    today = clock.today()
    kind = _kind(data["kind"]) if "kind" in data else filing.kind
    parsed: dict[str, Any] = {}
    if "court_id" in data:
        if not isinstance(data["court_id"], int):
            raise _invalid("请选择立案法院", "court_id")
        parsed["court"] = court_selectors.court_get(court_id=data["court_id"])
    if "kind" in data:
        parsed["kind"] = kind
    if "cause_id" in data or ("kind" in data and filing.cause_id):
        parsed["cause_id"] = _cause_id(data.get("cause_id", filing.cause_id), kind)
    if "claim_amount" in data:
        parsed["claim_amount"] = _amount(data["claim_amount"])
    if "claims" in data:
        parsed["claims"] = _claims(data["claims"])
    if "facts" in data:
        facts = str(data["facts"] or "").strip()
        if len(facts) > 20000:
            raise _invalid("事实与理由不超过 20000 字", "facts")
        parsed["facts"] = facts
    if "evidence" in data:
        parsed["evidence"] = _evidence(data["evidence"])
    parties = _parties(data["parties"], filing.as_agent, today) if "parties" in data else None
    agent = _agent(data["agent"], today) if data.get("agent") is not None else None
    if agent is not None and not filing.as_agent:
        raise _invalid("本人立案无需填写代理人", "agent")

    for name, value in parsed.items():
        setattr(filing, name, value)
    if parsed:
        filing.save()
    if parties is not None:
        _save_parties(filing, parties)
    if agent is not None:
        _save_agent(filing, agent)
        filing.save()
    changes: dict[str, Any] = {k: (v.pk if k == "court" else v) for k, v in parsed.items() if k not in ("facts",)}
    if "facts" in parsed:
        changes["facts_length"] = len(parsed["facts"])
    if parties is not None:
        changes["parties"] = len(parties)
    if agent is not None:
        changes["agent"] = agent.name
    return changes


def _save_parties(filing: Filing, parties: Sequence[PartyData]) -> None:
    FilingParty.objects.filter(filing=filing).delete()
    FilingParty.objects.bulk_create(
        FilingParty(filing=filing, order=i, **dataclasses.asdict(p)) for i, p in enumerate(parties)
    )


def _save_agent(filing: Filing, agent: AgentData) -> None:
    filing.agent_name, filing.agent_id_number, filing.agent_licence_no = agent.name, agent.id_number, agent.licence_no
    filing.agent_law_firm, filing.agent_mobile = agent.law_firm, agent.mobile


# ---- Attachments ------------------------------------------------------------------------------


def attachment_storage_name(sha256: str, content_type: str) -> str:
    return f"filing/{sha256[:2]}/{sha256[2:4]}/{sha256}.{EXTENSIONS[content_type]}"


def _file_in_use(name: str) -> bool:
    return FilingAttachment.objects.filter(file=name).exists()


@transaction.atomic
def filing_attachment_add(
    *, actor: Any, filing: Filing, category: str, uploaded_file: Any, title: str = ""
) -> FilingAttachment:
    """Attach a file (PDF/JPG/PNG/OFD, type sniffed from the content) to an editable filing; owner only.
    A rejected file (wrong type, too large, damaged) leaves nothing behind."""
    filing = locked(filing)
    require_owner(actor, filing)
    require_editable(filing)
    if category not in AttachmentCategory.values:
        raise _invalid("材料类别不正确", "category", allowed=list(AttachmentCategory.values))
    if filing.attachments.count() >= rules.MAX_ATTACHMENTS:
        raise Conflict(f"每件立案申请最多 {rules.MAX_ATTACHMENTS} 份材料", code=FilingErrorCode.TOO_MANY_ATTACHMENTS)
    original = str(getattr(uploaded_file, "name", "") or "")[:255]
    title = (title or "").strip() or original.rsplit(".", 1)[0] or str(AttachmentCategory(category).label)
    if len(title) > 200:
        raise _invalid("材料标题不超过 200 字", "title")
    inspected = dossier_services.upload_inspect(uploaded_file)

    def write(name: str) -> FilingAttachment:
        attachment = FilingAttachment.objects.create(
            filing=filing, category=category, title=title, file=name, sha256=inspected.sha256,
            content_type=inspected.content_type, size=inspected.size, pages=inspected.pages,
            original_name=original, uploaded_by=actor,
        )  # fmt: skip
        Filing.objects.filter(pk=filing.pk).update(updated_at=clock.now())
        record(actor, "attachment_add", filing, {"attachment": attachment.pk, "category": category,
               "sha256": inspected.sha256, "size": inspected.size, "pages": inspected.pages})  # fmt: skip
        return attachment

    name = attachment_storage_name(inspected.sha256, inspected.content_type)
    return stored(name, inspected.data, write, _file_in_use)


@transaction.atomic
def filing_attachment_delete(*, actor: Any, attachment: FilingAttachment) -> None:
    """Remove an attachment from an editable filing; the stored file goes when nothing else uses it."""
    filing = locked(attachment.filing)
    require_owner(actor, filing)
    require_editable(filing)
    name, sha256, pk = attachment.file.name, attachment.sha256, attachment.pk
    attachment.delete()
    record(actor, "attachment_delete", filing, {"attachment": pk, "sha256": sha256})

    def delete_unused() -> None:
        from django.core.files.storage import default_storage

        if name and not _file_in_use(name):
            default_storage.delete(name)

    transaction.on_commit(delete_unused)


# ---- Completeness and submission --------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Gap:
    code: str
    message: str


def completeness_gaps(filing: Filing) -> list[Gap]:
    """Everything §3 requires that the filing still lacks (empty when it may be submitted)."""
    rule = rules.rule_for(filing.kind)
    parties = list(filing.parties.all())
    categories = set(filing.attachments.values_list("category", flat=True))
    gaps: list[Gap] = []
    plaintiffs = [p for p in parties if p.role == FilingPartyRole.PLAINTIFF]
    defendants = [p for p in parties if p.role == FilingPartyRole.DEFENDANT]
    if not plaintiffs:
        gaps.append(Gap("claimant_missing", "请填写原告（申请人、自诉人）"))
    if not defendants:
        gaps.append(Gap("defendant_missing", "请填写被告（被申请人、被告人）"))
    for p in parties:
        gaps.extend(_party_gaps(p))
    gaps.extend(_filer_gaps(filing, parties, categories))
    if rule.cause_required and filing.cause_id is None:
        gaps.append(Gap("cause_missing", "请选择案由"))
    if not filing.claims:
        gaps.append(Gap("claims_missing", "请填写诉讼请求（申请事项）"))
    if not filing.facts.strip():
        gaps.append(Gap("facts_missing", "请填写事实与理由"))
    if AttachmentCategory.COMPLAINT not in categories:
        gaps.append(Gap("complaint_missing", "请上传起诉状（申请书）"))
    if not filing.evidence:
        gaps.append(Gap("evidence_list_missing", "请填写证据清单"))
    if AttachmentCategory.EVIDENCE not in categories:
        gaps.append(Gap("evidence_missing", "请上传证据材料"))
    return gaps


def _party_gaps(p: FilingParty) -> list[Gap]:
    gaps = []
    if p.role == FilingPartyRole.PLAINTIFF and p.kind == PartyKind.NATURAL and not p.id_number:
        gaps.append(Gap("party_id_number_missing", f"请填写{p.name}的身份证号码"))
    if p.kind != PartyKind.NATURAL and not p.credit_code:
        gaps.append(Gap("party_credit_code_missing", f"请填写{p.name}的统一社会信用代码"))
    if p.kind != PartyKind.NATURAL and not p.legal_representative:
        gaps.append(Gap("party_representative_missing", f"请填写{p.name}的法定代表人或负责人"))
    if p.role == FilingPartyRole.DEFENDANT and not rules.address_is_precise(p.address):
        gaps.append(Gap("defendant_address_imprecise", f"请填写{p.name}明确具体的住所地（具体到门牌号）"))
    return gaps


def _filer_gaps(filing: Filing, parties: list[FilingParty], categories: set[str]) -> list[Gap]:
    gaps = []
    if AttachmentCategory.IDENTITY not in categories:
        gaps.append(Gap("identity_missing", "请上传当事人身份证明（身份证，或营业执照及法定代表人身份证明）"))
    if filing.as_agent:
        if not any(p.represented and p.role == FilingPartyRole.PLAINTIFF for p in parties):
            gaps.append(Gap("represented_party_missing", "请勾选您代理的原告（申请人）"))
        if not filing.agent_name or not (filing.agent_licence_no or filing.agent_id_number):
            gaps.append(Gap("agent_missing", "请填写代理人姓名及执业证号或身份证号码"))
        if AttachmentCategory.POWER_OF_ATTORNEY not in categories:
            gaps.append(Gap("power_of_attorney_missing", "请上传授权委托书"))
        return gaps
    own = next((p for p in parties if p.is_filer), None)
    owner = filing.owner
    if own is None or own.role != FilingPartyRole.PLAINTIFF:
        gaps.append(Gap("filer_party_missing", "请将您本人（或您担任法定代表人的单位）列为原告（申请人）并勾选“本人”"))
    elif own.kind == PartyKind.NATURAL and own.id_number != owner.id_number:
        gaps.append(Gap("filer_identity_mismatch", "标记为本人的当事人身份证号码与您的实名认证信息不一致"))
    elif own.kind != PartyKind.NATURAL and own.legal_representative != owner.real_name:
        gaps.append(Gap("filer_identity_mismatch", "您不是该单位登记的法定代表人，请委托代理人立案"))
    return gaps


def _require_complete(filing: Filing) -> None:
    gaps = completeness_gaps(filing)
    if gaps:
        raise ValidationFailed(
            "立案材料不完整：" + "；".join(g.message for g in gaps),
            code=FilingErrorCode.INCOMPLETE,
            details={"missing": [dataclasses.asdict(g) for g in gaps]},
        )


def _next_receipt_number(filing: Filing, day: dt.date) -> str:
    ReceiptSequence.objects.get_or_create(court=filing.court, day=day)
    sequence = ReceiptSequence.objects.select_for_update().get(court=filing.court, day=day)
    ReceiptSequence.objects.filter(pk=sequence.pk).update(last_serial=F("last_serial") + 1)
    return f"{filing.court.code}-{day:%Y%m%d}-{sequence.last_serial + 1:04d}"


def start_review_clock(filing: Filing, day: dt.date) -> None:
    filing.clock_started_on = day
    filing.review_deadline = rules.review_deadline(filing.kind, day, working_calendar())
    filing.register_first_flagged_at = None


@transaction.atomic
def filing_submit(*, actor: Any, filing: Filing) -> Filing:
    """Submit a complete draft: it gets its receipt number and enters the court's review queue."""
    filing = locked(filing)
    require_owner(actor, filing)
    check_transition(filing, S.SUBMITTED)
    _require_complete(filing)
    previous = transition(filing, S.SUBMITTED)
    today = clock.today()
    filing.receipt_number = _next_receipt_number(filing, today)
    filing.submitted_at = clock.now()
    start_review_clock(filing, today)
    filing.save()
    event(filing, FilingEventAction.SUBMITTED, actor=actor, previous=previous,
          note=f"收件编号 {filing.receipt_number}，审查期限至 {filing.review_deadline:%Y-%m-%d}")  # fmt: skip
    record(actor, "submit", filing, {"status": [previous, filing.status], "receipt_number": filing.receipt_number,
           "review_deadline": filing.review_deadline})  # fmt: skip
    return filing


@transaction.atomic
def filing_resubmit(*, actor: Any, filing: Filing) -> Filing:
    """Hand in the supplemented filing; the review period starts again from today."""
    filing = locked(filing)
    require_owner(actor, filing)
    check_transition(filing, S.RESUBMITTED)
    _require_complete(filing)
    previous = transition(filing, S.RESUBMITTED)
    start_review_clock(filing, clock.today())
    filing.save()
    filing.supplement.answered_at = clock.now()
    filing.supplement.save(update_fields=["answered_at", "updated_at"])
    event(filing, FilingEventAction.RESUBMITTED, actor=actor, previous=previous,
          note=f"审查期限重新起算，至 {filing.review_deadline:%Y-%m-%d}")  # fmt: skip
    record(actor, "resubmit", filing, {"status": [previous, filing.status], "review_deadline": filing.review_deadline})
    return filing


@transaction.atomic
def filing_send(*, actor: Any, filing: Filing) -> Filing:
    """The filer's one "submit" button: a draft is submitted; a filing awaiting its supplement
    is resubmitted (the status decides, read under the row lock)."""
    if locked(filing).status == S.SUPPLEMENT_REQUESTED:
        return filing_resubmit(actor=actor, filing=filing)
    return filing_submit(actor=actor, filing=filing)


@transaction.atomic
def filing_withdraw(*, actor: Any, filing: Filing, reason: str = "") -> Filing:
    """The filer withdraws the filing before the court decides."""
    filing = locked(filing)
    require_owner(actor, filing)
    previous = transition(filing, S.WITHDRAWN)
    filing.withdrawn_at = clock.now()
    filing.review_deadline = None
    filing.save()
    event(filing, FilingEventAction.WITHDRAWN, actor=actor, previous=previous, note=(reason or "").strip()[:500])
    record(actor, "withdraw", filing, {"status": [previous, filing.status]})
    return filing
