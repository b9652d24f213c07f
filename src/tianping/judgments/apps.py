from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgmentsConfig(AppConfig):
    name = "tianping.judgments"
    label = "judgments"
    verbose_name = _("裁判文书")
