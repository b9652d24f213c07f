"""Credit discipline (信用惩戒): the dishonest-debtor list and consumption restrictions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "tianping.credit"
    label = "credit"
    verbose_name = _("信用惩戒")

    def ready(self) -> None:
        from tianping.core import navigation
        from tianping.credit.selectors.staff import is_credit_staff

        navigation.register(
            navigation.NavItem(
                label=_("失信与限消"),
                url_name="credit:court_list",
                order=67,
                visible=is_credit_staff,
                description=_("本院失信被执行人名单与限制消费令，及应删除的提醒"),
            )
        )
