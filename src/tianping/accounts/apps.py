from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tianping.accounts"
    label = "accounts"
    verbose_name = _("账户与角色")

    def ready(self) -> None:
        from tianping.accounts import signals  # noqa: F401  (audit of login events)
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("工作台"),
                url_name="accounts:home",
                order=0,
                visible=lambda user: user.is_authenticated,
                description=_("本人所在法院、角色与可用功能"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("接口文档"),
                url_name="api:openapi-view",
                order=95,
                visible=lambda user: user.is_authenticated and user.kind == "staff",
                description=_("REST 接口与 OpenAPI 3.1 说明"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("系统管理"),
                url_name="admin:index",
                order=100,
                visible=lambda user: user.is_authenticated and user.is_staff,
                description=_("Django 管理后台：法院、人员、角色、节假日"),
            )
        )
