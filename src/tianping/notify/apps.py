from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "tianping.notify"
    label = "notify"
    verbose_name = _("通知")

    def ready(self) -> None:
        from tianping.accounts import selectors as access
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("通知记录"),
                url_name="notify:log",
                order=80,
                visible=access.is_staff_user,
                description=_("本院短信、邮件、传真通知的发送情况，失败的可重发"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("12368 留言"),
                url_name="notify:voice_messages",
                order=81,
                visible=access.is_staff_user,
                description=_("当事人通过12368热线给承办法官的留言和投诉建议"),
            )
        )
