from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_party_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "kind", "staff") != "staff"


class PortalConfig(AppConfig):
    name = "tianping.portal"
    label = "portal"
    verbose_name = _("当事人服务")

    def ready(self) -> None:
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("我的诉讼"),
                url_name="portal:home",
                order=5,
                visible=_is_party_user,
                description=_("我的立案、案件、缴费、送达、预约和阅卷一览"),
            )
        )
