from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudgmentsConfig(AppConfig):
    name = "tianping.judgments"
    label = "judgments"
    verbose_name = _("裁判文书")

    def ready(self) -> None:
        from tianping.accounts import selectors as access
        from tianping.accounts.enums import Role
        from tianping.core import navigation
        from tianping.judgments.services import ARCHIVIST_ROLES, DRAFTING_ROLES

        issuing_roles = (Role.JUDGE, Role.DIVISION_HEAD, Role.PRESIDENT)
        navigation.register(
            navigation.NavItem(
                label=_("我的文书"),
                url_name="judgments:my_drafts",
                order=62,
                visible=lambda user: access.is_staff_user(user) and access.has_role(user, *DRAFTING_ROLES),
                description=_("起草中、待签发和已签发的裁判文书"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("待签发"),
                url_name="judgments:issue_queue",
                order=63,
                visible=lambda user: access.is_staff_user(user) and access.has_role(user, *issuing_roles),
                description=_("提交给您签发的裁判文书"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("待归档"),
                url_name="judgments:archive_queue",
                order=64,
                visible=lambda user: access.is_staff_user(user) and access.has_role(user, *ARCHIVIST_ROLES),
                description=_("已结案或已生效、待封存归档的案件"),
            )
        )
