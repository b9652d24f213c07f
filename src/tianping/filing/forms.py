"""The public fee calculator form: parses input; the calculator holds every rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tianping.filing.enums import FeeKind, FeeProcedure


class FeeQuoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("费用种类"), choices=FeeKind.choices, error_messages={"required": _("请选择费用种类")}
    )
    amount = forms.CharField(
        label=_("金额（元）"),
        required=False,
        max_length=32,
        help_text=_("诉讼请求金额、上诉请求金额、执行金额、保全财产数额，离婚案件为分割财产总额，人格权案件为赔偿金额"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "placeholder": "150000.00"}),
    )
    procedure = forms.ChoiceField(label=_("审理程序"), choices=FeeProcedure.choices, initial=FeeProcedure.ORDINARY)
    appeal = forms.BooleanField(label=_("上诉案件（按上诉请求数额计算）"), required=False)
