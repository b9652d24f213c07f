from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "tianping.cases"
    label = "cases"
    verbose_name = _("案件")

    def ready(self) -> None:
        from tianping.accounts import selectors as access
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("案件工作台"),
                url_name="cases:workbench",
                order=20,
                visible=access.is_staff_user,
                description=_("我的案件、审限预警与待审批事项"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("案件查询"),
                url_name="cases:list",
                order=21,
                visible=access.is_staff_user,
                description=_("按状态、类型、案由、法官、日期查询本院及下级法院案件"),
            )
        )
