from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingConfig(AppConfig):
    name = "tianping.filing"
    label = "filing"
    verbose_name = _("立案与诉讼费")

    def ready(self) -> None:
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("诉讼费计算"),
                url_name="filing:fees",
                order=60,
                visible=lambda user: bool(getattr(user, "is_authenticated", False)),
                description=_("按《诉讼费用交纳办法》计算案件受理费和申请费"),
            )
        )
