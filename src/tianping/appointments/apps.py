from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "tianping.appointments"
    label = "appointments"
    verbose_name = _("网上预约")

    def ready(self) -> None:
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("网上预约"),
                url_name="appointments:home",
                order=55,
                visible=lambda user: bool(getattr(user, "is_authenticated", False)),
                description=_("预约窗口办事、约见法官、现场阅卷和诉前调解"),
            )
        )
