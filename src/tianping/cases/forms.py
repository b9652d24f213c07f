"""Forms of the case pages. They parse input; every rule is checked by the services, whose
errors (``ValidationFailed`` with a code) are put back on the matching field here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tianping.cases import selectors, services
from tianping.cases.enums import (
    CaseCategory,
    CaseStatus,
    ClosingMethod,
    DesignationReason,
    PartyKind,
    PartyRole,
    Procedure,
    ReassignmentReason,
    SuspensionReason,
)
from tianping.core.errors import ApplicationError

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PARTY_ROWS = 4
# The roles offered first in each row of the registration form (a civil first instance).
ROW_ROLES = (PartyRole.PLAINTIFF, PartyRole.DEFENDANT, PartyRole.DEFENDANT, PartyRole.THIRD_PARTY)


def grouped_type_choices(blank: str) -> list[Any]:
    """Type codes grouped by category (optgroups), in the order of the SPC annex."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for case_type in selectors.case_types():
        label = str(CaseCategory(case_type.category).label)
        groups.setdefault(label, []).append((case_type.code, f"{case_type.code} · {case_type.name}"))
    return [("", blank), *groups.items()]


def _people_choices(users: Iterable[Any], blank: str | None = None) -> list[tuple[str, str]]:
    choices = [(str(u.pk), u.display_name) for u in users]
    return [("", blank), *choices] if blank is not None else choices


class SearchInput(forms.TextInput):
    input_type = "search"


class CauseNameField(forms.CharField):
    """A cause of action typed by name (offered from a datalist); resolved in the form's clean."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 80)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"list": "cause-options", "autocomplete": "off"})


def _search_as_you_type(field: forms.Field) -> None:
    """htmx: refresh the datalist with matching causes while typing (plain typing works without it)."""
    field.widget.attrs.update({
        "hx-get": reverse("cases:cause_options"), "hx-trigger": "input changed delay:300ms",
        "hx-target": "#cause-options", "hx-swap": "innerHTML", "hx-push-url": "false", "hx-indicator": "this",
        "hx-include": "[name='type_code'],[name='type'],[name='category']", "hx-sync": "this:replace",
    })  # fmt: skip


# ---- Case list -------------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("案号或当事人"), required=False, max_length=60, widget=SearchInput)
    status = forms.ChoiceField(label=_("状态"), required=False)
    category = forms.ChoiceField(label=_("案件类别"), required=False)
    type = forms.ChoiceField(label=_("类型代字"), required=False)
    cause = CauseNameField(label=_("案由"))
    court = forms.TypedChoiceField(label=_("法院"), required=False, coerce=int, empty_value=None)
    judge = forms.TypedChoiceField(label=_("承办法官"), required=False, coerce=int, empty_value=None)
    filed_from = forms.DateField(label=_("立案日期自"), required=False, widget=DATE)
    filed_to = forms.DateField(label=_("立案日期至"), required=False, widget=DATE)
    overdue = forms.BooleanField(label=_("仅看超审限"), required=False)

    def __init__(self, *args: Any, courts: Sequence[Any] = (), judges: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["status"].choices = [("", _("全部状态")), *CaseStatus.choices]
        fields["category"].choices = [("", _("全部类别")), *CaseCategory.choices]
        fields["type"].choices = grouped_type_choices(str(_("全部类型")))
        fields["court"].choices = [("", _("全部法院")), *[(str(c.pk), c.name) for c in courts]]
        fields["judge"].choices = _people_choices(judges, str(_("全部法官")))
        self.fields["q"].widget.attrs["placeholder"] = _("案号、当事人姓名或名称")
        self.fields["cause"].widget.attrs["placeholder"] = _("输入案由名称")
        _search_as_you_type(self.fields["cause"])

    def clean_cause(self) -> int | None:
        name = (self.cleaned_data.get("cause") or "").strip()
        if not name:
            return None
        cause = selectors.cause_by_name(name=name, category=self.data.get("category", ""))
        if cause is None:
            raise forms.ValidationError(_("没有找到该案由，请从列表中选择"))
        return cause.pk

    def to_filter(self) -> selectors.CaseFilter:
        d = self.cleaned_data
        return selectors.CaseFilter(
            status=d.get("status") or "",
            type_code=d.get("type") or "",
            category=d.get("category") or "",
            cause_id=d.get("cause"),
            judge_id=d.get("judge"),
            court_id=d.get("court"),
            filed_from=d.get("filed_from"),
            filed_to=d.get("filed_to"),
            overdue=bool(d.get("overdue")),
            text=(d.get("q") or "").strip(),
        )


# ---- Registration at the counter (窗口立案) ----------------------------------------------------


class CaseRegisterForm(forms.Form):
    court = forms.TypedChoiceField(label=_("立案法院"), coerce=int)
    type_code = forms.ChoiceField(label=_("案件类型（类型代字）"))
    procedure = forms.ChoiceField(label=_("审理程序"), required=False)
    marker = forms.ChoiceField(
        label=_("专门审判代字"), required=False, choices=[("", _("无")), ("知", _("知 · 知识产权"))]
    )
    cause = CauseNameField(label=_("案由 / 罪名"), help_text=_("输入关键字后从列表中选择"))
    claim_amount = forms.CharField(label=_("诉讼标的额（元）"), required=False, max_length=24)
    received_on = forms.DateField(label=_("收案日期"), required=False, widget=DATE, help_text=_("默认今天"))
    division = forms.TypedChoiceField(label=_("承办部门"), required=False, coerce=int, empty_value=None)
    title = forms.CharField(
        label=_("案件名称"), required=False, max_length=200, help_text=_("留空则按当事人和案由生成")
    )
    is_secret = forms.BooleanField(label=_("涉及国家秘密"), required=False)
    involves_minor = forms.BooleanField(label=_("涉及未成年人"), required=False)
    is_private = forms.BooleanField(label=_("涉及个人隐私或商业秘密"), required=False)

    def __init__(self, *args: Any, courts: Sequence[Any] = (), divisions: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["court"].choices = [(str(c.pk), f"{c.name}（{c.code}）") for c in courts]
        fields["type_code"].choices = grouped_type_choices(str(_("请选择")))
        fields["procedure"].choices = [("", _("按案件类型默认")), *Procedure.choices]
        fields["division"].choices = [("", _("暂不指定")), *[(str(d.pk), d.name) for d in divisions]]
        self.fields["claim_amount"].widget.attrs.update({"inputmode": "decimal", "placeholder": "0.00"})
        self.fields["cause"].widget.attrs["placeholder"] = _("如：民间借贷纠纷")
        _search_as_you_type(self.fields["cause"])

    def clean_cause(self) -> int | None:
        name = (self.cleaned_data.get("cause") or "").strip()
        if not name:
            return None
        type_code = self.data.get("type_code", "")
        category = next((t.category for t in selectors.case_types() if t.code == type_code), "")
        cause = selectors.cause_by_name(name=name, category=category)
        if cause is None:
            raise forms.ValidationError(_("没有找到该案由，请从列表中选择"))
        return cause.pk

    def service_arguments(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "court_id": d["court"],
            "type_code": d["type_code"],
            "procedure": d.get("procedure") or None,
            "marker": d.get("marker") or "",
            "cause_id": d.get("cause"),
            "claim_amount": (d.get("claim_amount") or "").replace(",", "").strip() or None,
            "received_on": d.get("received_on"),
            "title": d.get("title") or "",
            "division_id": d.get("division"),
            "is_secret": d.get("is_secret", False),
            "involves_minor": d.get("involves_minor", False),
            "is_private": d.get("is_private", False),
        }


class PartyRowForm(forms.Form):
    """One party row; a row left as it was offered is ignored."""

    role = forms.ChoiceField(label=_("诉讼地位"), choices=PartyRole.choices)
    kind = forms.ChoiceField(label=_("主体类型"), choices=PartyKind.choices, initial=PartyKind.NATURAL)
    name = forms.CharField(label=_("姓名 / 名称"), max_length=100)
    id_code = forms.CharField(
        label=_("身份证号码 / 统一社会信用代码"), required=False, max_length=24,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )  # fmt: skip
    legal_representative = forms.CharField(label=_("法定代表人 / 负责人"), required=False, max_length=60)
    mobile = forms.CharField(
        label=_("手机号码"), required=False, max_length=20, widget=forms.TextInput(attrs={"type": "tel"})
    )
    address = forms.CharField(label=_("住所地"), required=False, max_length=200)

    def party_input(self) -> services.PartyInput:
        d = self.cleaned_data
        natural = d["kind"] == PartyKind.NATURAL
        return services.PartyInput(
            kind=d["kind"],
            role=d["role"],
            name=d["name"],
            id_number=d["id_code"].strip() if natural else "",
            credit_code="" if natural else d["id_code"].strip(),
            legal_representative="" if natural else d["legal_representative"].strip(),
            address=d["address"].strip(),
            mobile=d["mobile"].strip(),
        )


def party_row_forms(data: Any = None, rows: int = PARTY_ROWS) -> list[PartyRowForm]:
    return [
        PartyRowForm(
            data,
            prefix=f"party-{i}",
            initial={"role": ROW_ROLES[i % len(ROW_ROLES)], "kind": PartyKind.NATURAL},
            empty_permitted=True,
            use_required_attribute=False,
        )
        for i in range(rows)
    ]


# Codes of ``ValidationFailed`` and the field of the form they belong to.
CASE_FIELD_FOR_CODE = {
    "invalid_type_code": "type_code",
    "invalid_procedure": "procedure",
    "invalid_marker": "marker",
    "invalid_cause": "cause",
    "invalid_amount": "claim_amount",
    "invalid_received_on": "received_on",
    "division_not_found": "division",
    "role_required": "court",
    "court_not_found": "court",
}
PARTY_FIELD_FOR_CODE = {
    "invalid_id_number": "id_code",
    "invalid_credit_code": "id_code",
    "invalid_mobile": "mobile",
}
PARTY_FIELD_FOR_DETAIL = {"name": "name", "kind": "kind", "role": "role"}


def put_service_error(
    exc: ApplicationError, form: CaseRegisterForm, rows: Sequence[PartyRowForm], used_rows: Sequence[int]
) -> bool:
    """Attach the service's error to the field it concerns; False when it concerns no one field."""
    details = exc.details if isinstance(exc.details, dict) else {}
    if exc.code in CASE_FIELD_FOR_CODE:
        form.add_error(CASE_FIELD_FOR_CODE[exc.code], exc.message)
        return True
    index = details.get("party_index")
    if isinstance(index, int) and 0 <= index < len(used_rows):
        row = rows[used_rows[index]]
        field = PARTY_FIELD_FOR_CODE.get(exc.code)
        per_field = {k: v for k, v in details.items() if k in PARTY_FIELD_FOR_DETAIL}
        if field:
            row.add_error(field, exc.message)
        elif per_field:
            for key, message in per_field.items():
                row.add_error(PARTY_FIELD_FOR_DETAIL[key], str(message))
        else:
            row.add_error(None, exc.message)
        return True
    return False


# ---- Actions on the case page ----------------------------------------------------------------


class AssignForm(forms.Form):
    method = forms.ChoiceField(
        label=_("分案方式"),
        choices=[("random", _("随机分案")), ("designated", _("指定分案"))],
        initial="random",
        widget=forms.RadioSelect,
    )
    judge = forms.TypedChoiceField(label=_("指定承办法官"), required=False, coerce=int, empty_value=None)
    reason = forms.ChoiceField(label=_("指定理由"), required=False)
    note = forms.CharField(label=_("说明"), required=False, max_length=300)

    def __init__(self, *args: Any, judges: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["judge"].choices = _people_choices(judges, str(_("请选择")))
        fields["reason"].choices = [("", _("请选择")), *DesignationReason.choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("method") == "designated" and data.get("judge") is None:
            self.add_error("judge", _("指定分案须选择承办法官"))
        return data


class ReassignForm(forms.Form):
    reason = forms.ChoiceField(label=_("变更理由"), choices=[("", _("请选择")), *ReassignmentReason.choices])
    judge = forms.TypedChoiceField(label=_("新承办法官"), required=False, coerce=int, empty_value=None)
    note = forms.CharField(label=_("具体说明"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, judges: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["judge"].choices = _people_choices(judges, str(_("重新随机抽取")))


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("变更为"), choices=CaseStatus.choices)
    closing_method = forms.ChoiceField(label=_("结案方式"), required=False)
    closing_outcome = forms.CharField(label=_("结案情况"), required=False, max_length=200)
    note = forms.CharField(label=_("说明"), required=False, max_length=300)

    def __init__(self, *args: Any, targets: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        if targets:
            fields["to_status"].choices = [(str(t), str(CaseStatus(t).label)) for t in targets]
        fields["closing_method"].choices = [("", _("（结案时选择）")), *ClosingMethod.choices]


class ExtensionForm(forms.Form):
    months = forms.IntegerField(label=_("延长月数"), min_value=0, max_value=120, initial=0)
    days = forms.IntegerField(label=_("延长天数"), min_value=0, max_value=3660, initial=0)
    reason = forms.CharField(label=_("延长理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class SuspensionForm(forms.Form):
    reason = forms.ChoiceField(label=_("扣除事由"), choices=[("", _("请选择")), *SuspensionReason.choices])
    started_on = forms.DateField(label=_("起始日"), widget=DATE)
    note = forms.CharField(label=_("说明"), required=False, max_length=300)


class ResumeForm(forms.Form):
    ended_on = forms.DateField(label=_("恢复计算日"), widget=DATE)


class PanelForm(forms.Form):
    judges = forms.TypedMultipleChoiceField(
        label=_("合议庭其他法官"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    assessors = forms.CharField(
        label=_("人民陪审员"), required=False, max_length=200, help_text=_("多人以顿号或逗号分隔")
    )
    clerk = forms.TypedChoiceField(label=_("书记员"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, judges: Sequence[Any] = (), clerks: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["judges"].choices = _people_choices(judges)
        fields["clerk"].choices = _people_choices(clerks, str(_("暂不指定")))

    def clean_assessors(self) -> list[str]:
        raw = self.cleaned_data.get("assessors") or ""
        for separator in "，,;； ":
            raw = raw.replace(separator, "、")
        return [name.strip() for name in raw.split("、") if name.strip()]


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(choices=[("1", _("批准")), ("0", _("驳回"))], coerce=lambda v: v == "1")
    note = forms.CharField(required=False, max_length=300)


def first_error(form: forms.Form) -> str:
    """One readable message for a form posted from a compact action panel."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}：{errors[0]}" if label else str(errors[0])
    return str(_("输入有误"))
