from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tianping.portal"
    label = "portal"
    verbose_name = _("当事人服务")
