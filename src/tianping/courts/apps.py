from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CourtsConfig(AppConfig):
    name = "tianping.courts"
    label = "courts"
    verbose_name = _("法院")

    def ready(self) -> None:
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("法院名录"),
                url_name="courts:directory",
                order=10,
                visible=lambda user: user.is_authenticated,
                description=_("全省法院的层级、审判庭、法庭与人员"),
            )
        )
