from django import forms
from django.utils.translation import gettext_lazy as _

from tianping.cases.enums import ApprovalStatus, AssignmentMethod
from tianping.core.enums import AuditKind


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("操作人"), required=False, max_length=150)
    action = forms.CharField(label=_("操作"), required=False, max_length=64)
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=[("", _("全部")), *AuditKind.choices])
    court_code = forms.CharField(label=_("法院代字"), required=False, max_length=16)
    object_type = forms.CharField(label=_("对象类型"), required=False, max_length=64)
    object_id = forms.CharField(label=_("对象ID"), required=False, max_length=64)
    since = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class AssignmentFilterForm(forms.Form):
    method = forms.ChoiceField(
        label=_("方式"),
        required=False,
        choices=[
            ("", _("全部")),
            (AssignmentMethod.DESIGNATED, _("指定分案")),
            (AssignmentMethod.REASSIGNED, _("变更承办人")),
        ],
    )
    status = forms.ChoiceField(label=_("审批状态"), required=False, choices=[("", _("全部")), *ApprovalStatus.choices])
