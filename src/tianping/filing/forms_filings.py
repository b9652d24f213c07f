"""Forms of the online-filing pages. They parse input into the dict the services take; every rule
is checked by the services, whose errors are shown next to the form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tianping.cases import selectors as case_selectors
from tianping.cases.enums import PartyKind
from tianping.filing import rules
from tianping.filing.enums import AttachmentCategory, FilingKind, FilingPartyRole, LegalBasis

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PARTY_ROWS = 4
EVIDENCE_ROWS = 4
TEXTAREA = {"rows": 4}


def _court_choices(courts: Sequence[Any]) -> list[tuple[str, str]]:
    return [(str(c.pk), f"{c.name}（{c.code}）") for c in courts]


class NewFilingForm(forms.Form):
    court = forms.TypedChoiceField(label=_("立案法院"), coerce=int)
    kind = forms.ChoiceField(label=_("立案类型"), choices=FilingKind.choices)

    def __init__(self, *args: Any, courts: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = _court_choices(courts)  # type: ignore[attr-defined]


class FilingMainForm(forms.Form):
    cause = forms.CharField(label=_("案由"), required=False, max_length=80, help_text=_("输入关键字后从列表中选择"))
    claim_amount = forms.CharField(label=_("诉讼标的额（元）"), required=False, max_length=24)
    claims = forms.CharField(
        label=_("诉讼请求（申请事项）"),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("每行一项"),
    )
    facts = forms.CharField(label=_("事实与理由"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    agent_name = forms.CharField(label=_("代理人姓名"), required=False, max_length=60)
    agent_id_number = forms.CharField(label=_("代理人身份证号码"), required=False, max_length=18)
    agent_licence_no = forms.CharField(label=_("律师执业证号"), required=False, max_length=17)
    agent_law_firm = forms.CharField(label=_("律师事务所"), required=False, max_length=100)
    agent_mobile = forms.CharField(label=_("代理人手机号码"), required=False, max_length=11)

    def __init__(self, *args: Any, category: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        self.fields["cause"].widget.attrs.update({
            "list": "cause-options", "autocomplete": "off", "placeholder": _("如：民间借贷纠纷"),
            "hx-get": reverse("cases:cause_options"), "hx-trigger": "input changed delay:300ms",
            "hx-target": "#cause-options", "hx-swap": "innerHTML", "hx-include": "[name='category']",
            "hx-sync": "this:replace",
        })  # fmt: skip
        self.fields["claim_amount"].widget.attrs.update({"inputmode": "decimal", "placeholder": "0.00"})

    def clean_cause(self) -> int | None:
        name = (self.cleaned_data.get("cause") or "").strip()
        if not name:
            return None
        cause = case_selectors.cause_by_name(name=name, category=self.category)
        if cause is None or (self.category and cause.category != self.category):
            raise forms.ValidationError(_("没有找到该案由，请从列表中选择"))
        return cause.pk

    def to_data(self, *, as_agent: bool) -> dict[str, Any]:
        d = self.cleaned_data
        data: dict[str, Any] = {
            "cause_id": d.get("cause"),
            "claim_amount": d.get("claim_amount") or None,
            "claims": [line.strip() for line in (d.get("claims") or "").splitlines() if line.strip()],
            "facts": d.get("facts") or "",
        }
        if as_agent:
            data["agent"] = {
                "name": d.get("agent_name", ""),
                "id_number": d.get("agent_id_number", ""),
                "licence_no": d.get("agent_licence_no", ""),
                "law_firm": d.get("agent_law_firm", ""),
                "mobile": d.get("agent_mobile", ""),
            }
        return data


class PartyRowForm(forms.Form):
    role = forms.ChoiceField(label=_("诉讼地位"), choices=FilingPartyRole.choices)
    kind = forms.ChoiceField(label=_("主体类型"), choices=PartyKind.choices)
    name = forms.CharField(label=_("姓名或名称"), required=False, max_length=120)
    id_code = forms.CharField(label=_("身份证号码 / 统一社会信用代码"), required=False, max_length=18)
    legal_representative = forms.CharField(label=_("法定代表人 / 负责人"), required=False, max_length=60)
    mobile = forms.CharField(label=_("手机号码"), required=False, max_length=11)
    address = forms.CharField(
        label=_("住所地 / 送达地址"), required=False, max_length=200, help_text=_("被告须具体到门牌号")
    )
    is_filer = forms.BooleanField(label=_("本人"), required=False)
    represented = forms.BooleanField(label=_("由我代理"), required=False)

    def to_party(self) -> dict[str, Any] | None:
        d = self.cleaned_data
        if not (d.get("name") or "").strip():
            return None
        natural = d["kind"] == PartyKind.NATURAL
        return {
            "role": d["role"], "kind": d["kind"], "name": d["name"],
            "id_number": d.get("id_code", "") if natural else "",
            "credit_code": "" if natural else d.get("id_code", ""),
            "legal_representative": d.get("legal_representative", ""),
            "address": d.get("address", ""), "mobile": d.get("mobile", ""),
            "is_filer": bool(d.get("is_filer")), "represented": bool(d.get("represented")),
        }  # fmt: skip


class EvidenceRowForm(forms.Form):
    name = forms.CharField(label=_("证据名称"), required=False, max_length=300)
    purpose = forms.CharField(label=_("证明目的"), required=False, max_length=300)
    source = forms.CharField(label=_("证据来源"), required=False, max_length=300)


class AttachmentForm(forms.Form):
    category = forms.ChoiceField(label=_("材料类别"), choices=AttachmentCategory.choices)
    title = forms.CharField(label=_("标题"), required=False, max_length=200, help_text=_("留空则用文件名"))
    file = forms.FileField(label=_("文件（PDF、JPG、PNG、OFD）"))


def party_rows(data: Any, filing: Any, parties: Sequence[Any]) -> list[PartyRowForm]:
    """One row per saved party plus blank rows (at least ``PARTY_ROWS``)."""
    if data is not None:
        count = int(data.get("party-count") or PARTY_ROWS)
        return [PartyRowForm(data, prefix=f"party-{i}") for i in range(min(count, 30))]
    rows = []
    for i, p in enumerate(parties):
        initial = {
            "role": p.role, "kind": p.kind, "name": p.name, "id_code": p.id_number or p.credit_code,
            "legal_representative": p.legal_representative, "mobile": p.mobile, "address": p.address,
            "is_filer": p.is_filer, "represented": p.represented,
        }  # fmt: skip
        rows.append(PartyRowForm(initial=initial, prefix=f"party-{i}"))
    defaults = [FilingPartyRole.DEFENDANT, FilingPartyRole.DEFENDANT, FilingPartyRole.THIRD_PARTY]
    while len(rows) < max(PARTY_ROWS, len(parties) + 1):
        role = defaults[min(len(rows) - len(parties), 2)] if parties else FilingPartyRole.PLAINTIFF
        rows.append(PartyRowForm(initial={"role": role}, prefix=f"party-{len(rows)}"))
    return rows


def evidence_rows(data: Any, evidence: Sequence[dict[str, str]]) -> list[EvidenceRowForm]:
    if data is not None:
        count = int(data.get("evidence-count") or EVIDENCE_ROWS)
        return [EvidenceRowForm(data, prefix=f"evidence-{i}") for i in range(min(count, 100))]
    rows = [EvidenceRowForm(initial=e, prefix=f"evidence-{i}") for i, e in enumerate(evidence)]
    while len(rows) < max(EVIDENCE_ROWS, len(evidence) + 2):
        rows.append(EvidenceRowForm(prefix=f"evidence-{len(rows)}"))
    return rows


def main_initial(filing: Any) -> dict[str, Any]:
    return {
        "cause": filing.cause.name if filing.cause_id else "",
        "claim_amount": f"{filing.claim_amount:.2f}" if filing.claim_amount is not None else "",
        "claims": "\n".join(filing.claims),
        "facts": filing.facts,
        "agent_name": filing.agent_name,
        "agent_id_number": filing.agent_id_number,
        "agent_licence_no": filing.agent_licence_no,
        "agent_law_firm": filing.agent_law_firm,
        "agent_mobile": filing.agent_mobile,
    }


def cause_category(kind: str) -> str:
    return str(rules.rule_for(kind).cause_category)


# ---- Review --------------------------------------------------------------------------------


class RegisterForm(forms.Form):
    division = forms.TypedChoiceField(label=_("承办部门"), required=False, coerce=int, empty_value=None)
    fee_amount = forms.DecimalField(
        label=_("受理费（元）"), required=False, decimal_places=2, max_digits=17,
        help_text=_("收费标准为幅度的，在幅度内确定；留空按下限"),
    )  # fmt: skip

    def __init__(self, *args: Any, divisions: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["division"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("暂不指定")), *[(str(d.pk), d.name) for d in divisions]]


class SupplementForm(forms.Form):
    items = forms.CharField(
        label=_("需补正的全部事项"), widget=forms.Textarea(attrs=TEXTAREA), help_text=_("每行一项，须一次性列明")
    )
    deadline = forms.DateField(label=_("补正期限"), widget=DATE)
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def items_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]


class RejectForm(forms.Form):
    reasons = forms.CharField(label=_("不予受理的理由"), widget=forms.Textarea(attrs=TEXTAREA))
    legal_bases = forms.MultipleChoiceField(
        label=_("法律依据"), choices=LegalBasis.choices, widget=forms.CheckboxSelectMultiple
    )
