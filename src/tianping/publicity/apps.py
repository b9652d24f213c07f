from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "tianping.publicity"
    label = "publicity"
    verbose_name = _("司法公开")

    def ready(self) -> None:
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("司法公开"),
                url_name="publicity:home",
                order=95,
                visible=lambda user: True,
                description=_("裁判文书、庭审公开、审判流程查询与统计"),
            )
        )
        from tianping.publicity.selectors.publication import is_reviewer

        navigation.register(
            navigation.NavItem(
                label=_("文书公开审核"),
                url_name="publicity:review_queue",
                order=66,
                visible=lambda user: is_reviewer(user),
                description=_("生效文书脱敏后待审核公开，及已公开文书的撤回"),
            )
        )
