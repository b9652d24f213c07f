from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FilingConfig(AppConfig):
    name = "tianping.filing"
    label = "filing"
    verbose_name = _("立案与诉讼费")

    def ready(self) -> None:
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("诉讼费计算"),
                url_name="filing:fees",
                order=60,
                visible=lambda user: bool(getattr(user, "is_authenticated", False)),
                description=_("按《诉讼费用交纳办法》计算案件受理费和申请费"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("网上立案"),
                url_name="filings:list",
                order=30,
                visible=_is_filer,
                description=_("网上提交起诉状、执行申请及证据材料，查看审查进度"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("立案审查"),
                url_name="filings:queue",
                order=22,
                visible=_is_reviewer,
                description=_("审查网上立案申请：登记立案、一次性告知补正、裁定不予受理"),
            )
        )


def _is_filer(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.kind in ("litigant", "lawyer")


def _is_reviewer(user: Any) -> bool:
    from tianping.filing import selectors

    return bool(selectors.reviewer_court_ids(user))
