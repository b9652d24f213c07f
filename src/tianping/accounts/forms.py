from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码错误。连续失败多次后账户将被暂时锁定。"),
        "inactive": _("该账户已停用。"),
    }


class OtpForm(forms.Form):
    token = forms.CharField(
        label=_("动态验证码"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class RegistrationForm(forms.Form):
    """Self-registration of litigants and lawyers with a real-name identity."""

    kind = forms.ChoiceField(
        label=_("注册身份"), choices=[("litigant", _("当事人")), ("lawyer", _("律师"))], widget=forms.RadioSelect
    )
    username = forms.RegexField(
        label=_("用户名"), regex=r"^[A-Za-z0-9_.@+-]{3,40}$", max_length=40,
        error_messages={"invalid": _("用户名为3至40位字母、数字或 _ . @ + -")},
    )  # fmt: skip
    real_name = forms.CharField(label=_("真实姓名"), max_length=30)
    id_number = forms.CharField(label=_("身份证号码"), max_length=18, min_length=18)
    mobile = forms.CharField(label=_("手机号码"), max_length=20)
    licence_no = forms.CharField(label=_("律师执业证号"), max_length=17, required=False)
    law_firm = forms.CharField(label=_("律师事务所"), max_length=100, required=False)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, min_length=10)
    password_again = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput)

    # Which form field a service error code belongs to.
    FIELD_FOR_CODE = {
        "username_taken": "username",
        "invalid_id_number": "id_number",
        "identity_taken": "id_number",
        "identity_not_verified": "real_name",
        "invalid_mobile": "mobile",
        "weak_password": "password",
        "invalid_licence_no": "licence_no",
        "licence_taken": "licence_no",
        "law_firm_required": "law_firm",
    }

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("两次输入的密码不一致"))
        if data.get("kind") == "lawyer":
            for field in ("licence_no", "law_firm"):
                if not data.get(field):
                    self.add_error(field, _("律师注册须填写此项"))
        return data
