"""What the case already knows, written the way a judgment document shows it: the parties and
their agents, the procedure so far (filing, procedure, panel, hearings held), the claims of the
filing, the acceptance fee ordered, the appeal notice of the kind, the panel and the clerk.

Parties are shown as court documents show them — role, name, and for a natural person gender,
date of birth, ethnicity and address; for an organisation its seat and legal representative;
never an ID number or a telephone number.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone

from tianping.cases import selectors as case_selectors
from tianping.cases.enums import AgentKind, CaseCategory, PanelRole, PartyKind, Procedure
from tianping.core.language import site_language
from tianping.filing import selectors as filing_selectors
from tianping.hearings import selectors as hearing_selectors
from tianping.hearings.enums import HearingKind, HearingMode, HearingStatus
from tianping.judgments.rendering import kinds
from tianping.payments import selectors as payment_selectors
from tianping.payments.enums import OrderStatus, PaymentPurpose

CASE_RELATED_TYPE = "cases.Case"  # how payments name a case (filing review orders the fee for it)
GENDER = {"male": "男", "female": "女"}
AGENT_TITLES = {
    AgentKind.LAWYER: "委托诉讼代理人",
    AgentKind.OTHER: "委托诉讼代理人",
    AgentKind.LEGAL_REPRESENTATIVE: "法定代理人",
    AgentKind.DEFENDER: "辩护人",
}
SOLE_JUDGE = "审判员"
PANEL_TITLES = {PanelRole.PRESIDING: "审判长", PanelRole.JUDGE: "审判员", PanelRole.ASSESSOR: "人民陪审员"}


def _date(value: Any) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def party_line(party: Any) -> str:
    """原告：张三，男，1985年3月12日出生，汉族，住北京市朝阳区……。"""
    facts: list[str] = []
    if party.kind == PartyKind.NATURAL:
        facts += [GENDER.get(party.gender, ""), f"{_date(party.birth_date)}出生" if party.birth_date else ""]
        facts += [party.ethnicity, f"住{party.address}" if party.address else ""]
    elif party.address:
        facts.append(f"住所地{party.address}")
    line = f"{party.get_role_display()}：{party.name}" + "".join(f"，{f}" for f in facts if f) + "。"
    if party.kind != PartyKind.NATURAL and party.legal_representative:
        title = "法定代表人" if party.kind == PartyKind.LEGAL else "负责人"
        line += f"\n{title}：{party.legal_representative}。"
    return line


def agent_line(agent: Any) -> str:
    """委托诉讼代理人：李律师，北京市天平律师事务所律师。"""
    title = AGENT_TITLES.get(agent.kind, "委托诉讼代理人")
    firm = f"，{agent.law_firm}律师" if agent.law_firm else ""
    return f"{title}：{agent.name}{firm}。"


def parties_text(case: Any) -> str:
    out: list[str] = []
    for party in case.parties.prefetch_related("agents").order_by("order", "id"):
        out.append(party_line(party))
        out.extend(agent_line(agent) for agent in party.agents.all())
    return "\n".join(out)


def panel_members(case: Any) -> list[tuple[str, str]]:
    """(title, name) in signing order; a judge sitting alone signs as 审判员."""
    members = case_selectors.case_panel(case=case)
    named = [(PANEL_TITLES[PanelRole(m.role)], m.name) for m in members]
    if case.judge_id and not any(m.role == PanelRole.PRESIDING for m in members):
        named.insert(0, (PANEL_TITLES[PanelRole.PRESIDING], case.judge.display_name))
    if len(named) == 1:
        return [(SOLE_JUDGE, named[0][1])]
    return named


def panel_text(case: Any) -> str:
    return "\n".join(f"{title}　{name}" for title, name in panel_members(case))


def clerk_text(case: Any) -> str:
    return f"书记员　{case.clerk.display_name}" if case.clerk_id else ""


def held_hearings(case: Any) -> list[Any]:
    """The sittings (开庭审理) held in the case, oldest first."""
    return [
        h
        for h in hearing_selectors.case_hearings(case=case)
        if h.kind == HearingKind.HEARING and h.status == HearingStatus.FINISHED
    ]


def _role_groups(case: Any) -> list[str]:
    """ "原告张三", "被告北京某某科技有限公司、李四": the first two roles of the case with their parties."""
    return [f"{label}{'、'.join(names)}" for _, label, names in _role_groups_all(case)[:2]]


def _labelled(case: Any, *roles: str) -> str:
    """被告北京某某科技有限公司: the parties of the first of ``roles`` the case has, with its label."""
    groups = [g for g in _role_groups_all(case) if g[0] in roles]
    return f"{groups[0][1]}{'、'.join(groups[0][2])}" if groups else ""


def _role_groups_all(case: Any) -> list[tuple[str, str, list[str]]]:
    groups: dict[str, tuple[str, list[str]]] = {}
    for party in case.parties.order_by("order", "id"):
        groups.setdefault(party.role, (str(party.get_role_display()), []))[1].append(party.name)
    return [(role, label, names) for role, (label, names) in groups.items()]


def procedure_text(case: Any, kind: str) -> str:
    """案件由来和审理经过: who sued whom for what, when filed, which procedure, the panel, the hearings."""
    cause = case.cause.name if case.cause_id else ""
    groups = _role_groups(case)
    if case.category == CaseCategory.CRIMINAL:
        charged = f"犯{cause}" if cause else ""
        opening = f"{('指控' if groups and groups[0].startswith('公诉机关') else '诉').join(groups)}{charged}一案"
    else:
        parties = "与".join(groups)
        opening = f"{parties}{cause}{'纠纷' if cause and not cause.endswith('纠纷') else ''}一案"
    text = f"{opening}，本院于{_date(case.filed_on)}立案后" if case.filed_on else f"{opening}，本院立案后"
    members = panel_members(case)
    if case.procedure in (Procedure.SIMPLIFIED, Procedure.SMALL_CLAIMS):
        text += f"，依法适用{case.get_procedure_display()}"
    elif len(members) > 1:
        named = "、".join(f"{title}{name}" for title, name in members[1:])
        text += f"，依法适用{case.get_procedure_display()}，由{members[0][0]}{members[0][1]}与{named}组成合议庭"
    elif case.procedure:
        text += f"，依法适用{case.get_procedure_display()}"
    hearings = held_hearings(case)
    if hearings:
        days = "、".join(chinese_free_date(h.starts_at) for h in hearings)
        openness = "公开" if all(h.is_public for h in hearings) else "不公开"
        text += f"，于{days}{_venue(hearings)}{openness}开庭进行了审理"
    else:
        text += "，依法进行了审理"
    text += "。本案现已审理终结。" if kind != "ruling" else "。"
    return text


def _venue(hearings: list[Any]) -> str:
    """How the sittings were held: in court (said by nothing), online, or both."""
    modes = {h.mode for h in hearings}
    if modes == {HearingMode.ONLINE}:
        return "通过在线诉讼平台"
    if modes & {HearingMode.ONLINE, HearingMode.MIXED}:
        return "以线上线下相结合的方式"
    return ""


def chinese_free_date(moment: Any) -> str:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return _date(local.date())


def claims_text(case: Any) -> str:
    claims = filing_selectors.case_claims(case_id=case.pk)
    if not claims:
        return ""
    plaintiffs = _labelled(case, "plaintiff", "applicant", "private_prosecutor", "appellant")
    numbered = "；".join(f"{i}. {c.rstrip('。；;')}" for i, c in enumerate(claims, start=1))
    return f"{plaintiffs}向本院提出诉讼请求：{numbered}。"


def acceptance_fee(case: Any) -> Decimal | None:
    """The acceptance fee (案件受理费) ordered for the case, if one was ordered and not cancelled."""
    orders = payment_selectors.orders_for_related(related_type=CASE_RELATED_TYPE, related_id=case.pk)
    for order in orders:
        if order.purpose == PaymentPurpose.ACCEPTANCE_FEE and order.status != OrderStatus.CANCELLED:
            return Decimal(order.amount_due)
    return None


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}".rstrip("0").rstrip(".") + "元"


def costs_text(case: Any, kind: str) -> str:
    fee = acceptance_fee(case)
    if fee is None:
        return ""
    if kind == "payment_order":
        return f"申请费{_yuan(fee)}，由{_labelled(case, 'respondent', 'defendant') or '被申请人'}负担。"
    halved = case.procedure in (Procedure.SIMPLIFIED, Procedure.SMALL_CLAIMS)
    payer = _labelled(case, "defendant", "respondent", "appellant") or "＿＿"
    if halved:
        return f"案件受理费{_yuan(fee)}，减半收取计{_yuan(fee / 2)}，由{payer}负担。"
    return f"案件受理费{_yuan(fee)}，由{payer}负担。"


def is_final(case: Any) -> bool:
    return kinds.is_final(
        instance=case.case_type.instance, procedure=case.procedure, has_court_above=case.court.parent_id is not None
    )


def appeal_court(case: Any) -> str:
    parent = case.court.parent
    return parent.name if parent is not None else "上一级人民法院"


def prefill(case: Any, kind: str) -> dict[str, str]:
    """Every section of ``kind`` that the case can fill; the others are empty for the judge to write."""
    spec = kinds.spec_for(kind)
    known = {
        kinds.PARTIES: lambda: parties_text(case),
        kinds.PROCEDURE: lambda: procedure_text(case, kind),
        kinds.CLAIMS: lambda: claims_text(case),
        kinds.COSTS: lambda: costs_text(case, kind),
        kinds.APPEAL_NOTICE: lambda: kinds.appeal_notice(
            kind, case.category, final=is_final(case), appeal_court=appeal_court(case)
        ),
        kinds.PANEL: lambda: panel_text(case),
        kinds.CLERK: lambda: clerk_text(case),
    }
    with site_language():  # the document is Chinese whatever the UI language
        return {key: (known[key]() if key in known else "") for key in spec.keys}
