"""The table of document kinds: what differs between a judgment, a ruling, a mediation document,
a payment order and a decision is data here, not branches in the code.

Each kind names its sections (in order, with the label the drafting page shows and whether the
document may be issued without it), the word of its title, the heading of its operative part,
its appeal (or objection) notice and who issues it by default.

Approval levels (who signs, 签发) by default: every judgment, ruling, mediation document and
payment order is signed by the presiding judge (or the sole judge) who heard the case — since
the judicial-responsibility reform, presidents and division heads do not sign documents of cases
they did not hear; a decision (决定书: detention, fine, recusal of a judge) needs the president's
approval by law (民事诉讼法 art. 47, 118), so it defaults to the president. The drafter may raise
a draft's level (to the division head or the president), never lower it below the kind's default.
"""

from __future__ import annotations

import dataclasses

from django.utils.translation import gettext_noop

from tianping.cases.enums import CaseCategory, ClosingMethod, Instance, Procedure
from tianping.judgments.enums import ApprovalLevel, DocumentKind

# ---- Sections ------------------------------------------------------------------------------

PARTIES = "parties"
PROCEDURE = "procedure"
CLAIMS = "claims"
FACTS = "facts"
REASONING = "reasoning"
DECISION = "decision"
COSTS = "costs"
APPEAL_NOTICE = "appeal_notice"
PANEL = "panel"
CLERK = "clerk"
# What a ruling decides (不予受理, 驳回起诉, 管辖权异议, 准许撤诉 …): not printed; the effect service reads it
# to know whether an appeal lies (only 不予受理, 驳回起诉 and 管辖权异议 may be appealed).
RULING_SUBJECT = "ruling_subject"
NOT_PRINTED = frozenset({RULING_SUBJECT})

SECTION_MAX_CHARS = 20_000


@dataclasses.dataclass(frozen=True)
class Section:
    key: str
    label: str
    required: bool = False
    rows: int = 6


# ---- Appeal and objection notices ----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class AppealRule:
    """The notice at the end of a document. ``days`` by case category (criminal vs the rest);
    ``template`` has ``{days}`` (in Chinese numerals), ``{court}`` (the court appealed to) and
    ``{noun}`` (判决/裁定); ``final`` is the sentence of a second-instance (final) document."""

    days: dict[str, int]
    template: str
    final: str = ""

    def days_for(self, category: str) -> int:
        return self.days.get(category, self.days.get("*", 0))


CIVIL_APPEAL = (
    "如不服本{noun}，可以在{noun}书送达之日起{days}日内，向本院递交上诉状，"
    "并按照对方当事人或者代表人的人数提出副本，上诉于{court}。"
)
CRIMINAL_APPEAL = (
    "如不服本{noun}，可在接到{noun}书的第二日起{days}日内，通过本院或者直接向{court}提出上诉。"
    "书面上诉的，应当提交上诉状正本一份，副本二份。"
)
PAYMENT_ORDER_NOTICE = (
    "债务人应当自收到本支付令之日起十五日内清偿债务，或者向本院书面提出异议。"
    "债务人在收到本支付令之日起十五日内既不提出异议又不履行支付令的，债权人可以向人民法院申请执行。"
)
PAYMENT_ORDER_HEADING = "依照《中华人民共和国民事诉讼法》第二百二十五条规定，特发出如下支付令："
MEDIATION_NOTICE = "本调解书经双方当事人签收后，即具有法律效力。"

JUDGMENT_APPEAL = AppealRule(days={CaseCategory.CRIMINAL: 10, "*": 15}, template="", final="本判决为终审判决。")
RULING_APPEAL = AppealRule(days={CaseCategory.CRIMINAL: 5, "*": 10}, template="", final="本裁定为终审裁定。")
NO_APPEAL = AppealRule(days={}, template="")
MEDIATION_RULE = AppealRule(days={}, template=MEDIATION_NOTICE, final=MEDIATION_NOTICE)
PAYMENT_ORDER_RULE = AppealRule(days={}, template=PAYMENT_ORDER_NOTICE, final=PAYMENT_ORDER_NOTICE)

# The instances whose documents are final (no appeal lies).
FINAL_INSTANCES = frozenset({Instance.SECOND, Instance.RETRIAL_REVIEW})
# Procedures tried in one instance only (小额诉讼, 特别程序): their documents are final too.
FINAL_PROCEDURES = frozenset({Procedure.SMALL_CLAIMS, Procedure.SPECIAL})


def is_final(*, instance: str, procedure: str, has_court_above: bool) -> bool:
    """Whether no appeal lies: second instance, one-instance procedures, the Supreme People's Court."""
    return instance in FINAL_INSTANCES or procedure in FINAL_PROCEDURES or not has_court_above


# ---- Kinds ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class KindSpec:
    kind: DocumentKind
    title_word: str  # 判决书, 裁定书 … (the category word goes before it: 民事判决书)
    noun: str  # 判决, 裁定 … (in the appeal notice)
    decision_heading: str
    sections: tuple[Section, ...]
    appeal: AppealRule
    approval_level: ApprovalLevel
    closes_case: bool
    closing_method: str
    fixed_category: str = ""  # the category word regardless of the case (支付令: none)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections if s.required)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def _sections(*specs: tuple[str, str, bool] | tuple[str, str, bool, int]) -> tuple[Section, ...]:
    return tuple(Section(*spec) for spec in specs)


_TAIL = (
    (COSTS, gettext_noop("诉讼费用负担"), False, 3),
    (APPEAL_NOTICE, gettext_noop("尾部告知"), False, 3),
    (PANEL, gettext_noop("合议庭/审判组织"), True, 3),
    (CLERK, gettext_noop("书记员"), True, 1),
)

CIVIL_SECTIONS = _sections(
    (PARTIES, gettext_noop("当事人及诉讼代理人"), True, 6),
    (PROCEDURE, gettext_noop("案件由来和审理经过"), True, 4),
    (CLAIMS, gettext_noop("诉讼请求与答辩意见"), False, 6),
    (FACTS, gettext_noop("本院查明"), True, 10),
    (REASONING, gettext_noop("本院认为"), True, 10),
    (DECISION, gettext_noop("判决主文"), True, 6),
    *_TAIL,
)

CRIMINAL_SECTIONS = _sections(
    (PARTIES, gettext_noop("公诉机关、被告人及辩护人"), True, 6),
    (PROCEDURE, gettext_noop("案件由来和审理经过"), True, 4),
    (CLAIMS, gettext_noop("指控事实与辩护意见"), False, 8),
    (FACTS, gettext_noop("经审理查明"), True, 10),
    (REASONING, gettext_noop("本院认为"), True, 10),
    (DECISION, gettext_noop("判决主文"), True, 6),
    (APPEAL_NOTICE, gettext_noop("尾部告知"), False, 3),
    (PANEL, gettext_noop("合议庭/审判组织"), True, 3),
    (CLERK, gettext_noop("书记员"), True, 1),
)

RULING_SECTIONS = _sections(
    (
        RULING_SUBJECT,
        gettext_noop("裁定事项（如不予受理、驳回起诉、管辖权异议、准许撤诉；不印入文书，用于确定可否上诉）"),
        False,
        1,
    ),
    (PARTIES, gettext_noop("当事人及诉讼代理人"), True, 6),
    (PROCEDURE, gettext_noop("案件由来"), True, 4),
    (CLAIMS, gettext_noop("请求事项"), False, 4),
    (FACTS, gettext_noop("查明事实"), False, 6),
    (REASONING, gettext_noop("本院认为"), True, 8),
    (DECISION, gettext_noop("裁定主文"), True, 4),
    *_TAIL,
)

MEDIATION_SECTIONS = _sections(
    (PARTIES, gettext_noop("当事人及诉讼代理人"), True, 6),
    (PROCEDURE, gettext_noop("案件由来"), True, 4),
    (CLAIMS, gettext_noop("诉讼请求"), False, 4),
    (FACTS, gettext_noop("案件事实"), False, 6),
    (DECISION, gettext_noop("调解协议内容"), True, 8),
    *_TAIL,
)

PAYMENT_ORDER_SECTIONS = _sections(
    (PARTIES, gettext_noop("申请人（债权人）与被申请人（债务人）"), True, 4),
    (CLAIMS, gettext_noop("申请请求"), True, 4),
    (FACTS, gettext_noop("事实与理由"), False, 6),
    (DECISION, gettext_noop("支付令内容"), True, 4),
    (COSTS, gettext_noop("申请费负担"), False, 2),
    (APPEAL_NOTICE, gettext_noop("异议告知"), False, 3),
    (PANEL, gettext_noop("审判组织"), True, 2),
    (CLERK, gettext_noop("书记员"), True, 1),
)

DECISION_SECTIONS = _sections(
    (PARTIES, gettext_noop("被决定人/当事人"), True, 4),
    (FACTS, gettext_noop("事实"), True, 6),
    (REASONING, gettext_noop("理由与依据"), False, 6),
    (DECISION, gettext_noop("决定事项"), True, 4),
    (APPEAL_NOTICE, gettext_noop("复议告知"), False, 3),
    (PANEL, gettext_noop("审判组织"), True, 2),
    (CLERK, gettext_noop("书记员"), True, 1),
)

KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(DocumentKind.CIVIL_JUDGMENT, "判决书", "判决", "判决如下：", CIVIL_SECTIONS, JUDGMENT_APPEAL,
                 ApprovalLevel.PRESIDING, True, ClosingMethod.JUDGMENT, fixed_category=CaseCategory.CIVIL),
        KindSpec(DocumentKind.CRIMINAL_JUDGMENT, "判决书", "判决", "判决如下：", CRIMINAL_SECTIONS, JUDGMENT_APPEAL,
                 ApprovalLevel.PRESIDING, True, ClosingMethod.JUDGMENT, fixed_category=CaseCategory.CRIMINAL),
        KindSpec(DocumentKind.ADMINISTRATIVE_JUDGMENT, "判决书", "判决", "判决如下：", CIVIL_SECTIONS,
                 JUDGMENT_APPEAL, ApprovalLevel.PRESIDING, True, ClosingMethod.JUDGMENT,
                 fixed_category=CaseCategory.ADMINISTRATIVE),
        KindSpec(DocumentKind.RULING, "裁定书", "裁定", "裁定如下：", RULING_SECTIONS, RULING_APPEAL,
                 ApprovalLevel.PRESIDING, False, ClosingMethod.RULING),
        KindSpec(DocumentKind.MEDIATION, "调解书", "调解", "本案审理过程中，经本院主持调解，当事人自愿达成如下协议：",
                 MEDIATION_SECTIONS, MEDIATION_RULE, ApprovalLevel.PRESIDING, True, ClosingMethod.MEDIATION),
        KindSpec(DocumentKind.PAYMENT_ORDER, "支付令", "支付令", PAYMENT_ORDER_HEADING,
                 PAYMENT_ORDER_SECTIONS, PAYMENT_ORDER_RULE, ApprovalLevel.PRESIDING, True, ClosingMethod.OTHER,
                 fixed_category="none"),
        KindSpec(DocumentKind.DECISION, "决定书", "决定", "决定如下：", DECISION_SECTIONS, NO_APPEAL,
                 ApprovalLevel.PRESIDENT, False, ""),
    )
}  # fmt: skip

CATEGORY_WORDS: dict[str, str] = {
    CaseCategory.CIVIL: "民事",
    CaseCategory.CRIMINAL: "刑事",
    CaseCategory.ADMINISTRATIVE: "行政",
    CaseCategory.ENFORCEMENT: "执行",
    CaseCategory.COMPENSATION: "国家赔偿",
    CaseCategory.BANKRUPTCY: "民事",
    CaseCategory.PRESERVATION: "民事",
    CaseCategory.JURISDICTION: "",
    CaseCategory.OTHER: "",
}

APPROVAL_RANK = {ApprovalLevel.PRESIDING: 0, ApprovalLevel.DIVISION_HEAD: 1, ApprovalLevel.PRESIDENT: 2}


def spec_for(kind: str) -> KindSpec:
    return KINDS[kind]


def document_title(kind: str, category: str) -> str:
    """民事判决书, 刑事裁定书, 支付令 …: the category word (by the kind, else the case's) and the kind's word."""
    spec = spec_for(kind)
    category = spec.fixed_category or category
    return f"{CATEGORY_WORDS.get(category, '')}{spec.title_word}"


def appeal_days(kind: str, category: str, *, final: bool = False) -> int:
    """Days to appeal the kind of document in a case of this category; 0: none lies (also when ``final``)."""
    if final:
        return 0
    rule = spec_for(kind).appeal
    return rule.days_for(category) if rule.days else 0


CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 29 → 二十九 (for days and months, up to 99)."""
    if n < 10:
        return CHINESE_DIGITS[n] if n else "〇"
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[units] if units else "")


def appeal_notice(kind: str, category: str, *, final: bool, appeal_court: str) -> str:
    """The default notice at the end of the document: appeal wording, objection notice, or the final sentence."""
    rule = spec_for(kind).appeal
    if final:
        return rule.final
    days = appeal_days(kind, category)
    if not days:
        return rule.template
    template = CRIMINAL_APPEAL if category == CaseCategory.CRIMINAL else CIVIL_APPEAL
    return template.format(noun=spec_for(kind).noun, days=chinese_number(days), court=appeal_court)
