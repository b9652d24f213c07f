from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "tianping.hearings"
    label = "hearings"
    verbose_name = _("庭审")

    def ready(self) -> None:
        from tianping.accounts import selectors as access
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("我的庭审"),
                url_name="hearings:mine",
                order=24,
                visible=lambda user: bool(getattr(user, "is_authenticated", False)),
                description=_("您参加的开庭、证据交换、庭前会议与宣判"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("法庭排期表"),
                url_name="hearings:calendar",
                order=25,
                visible=access.is_staff_user,
                description=_("本院各法庭按日、按周的庭审安排"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("庭审公开"),
                url_name="hearings:public",
                order=96,
                visible=lambda user: True,
                description=_("近期公开开庭的案件与庭审直播"),
            )
        )
