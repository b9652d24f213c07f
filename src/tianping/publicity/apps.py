from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "tianping.publicity"
    label = "publicity"
    verbose_name = _("司法公开")
