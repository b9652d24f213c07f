from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "tianping.delivery"
    label = "delivery"
    verbose_name = _("电子送达")

    def ready(self) -> None:
        from tianping.accounts import selectors as access
        from tianping.core import navigation
        from tianping.delivery.services import SERVING_ROLES

        navigation.register(
            navigation.NavItem(
                label=_("我的送达"),
                url_name="delivery:inbox",
                order=56,
                visible=lambda user: bool(getattr(user, "is_authenticated", False)) and not access.is_staff_user(user),
                description=_("法院电子送达给您的法律文书"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("送达任务"),
                url_name="delivery:tasks",
                order=57,
                visible=lambda user: access.is_staff_user(user) and access.has_role(user, *SERVING_ROLES),
                description=_("待办的纸质送达任务与送达结果登记"),
            )
        )
