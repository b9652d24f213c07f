from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _is_payer_user(user: object) -> bool:
    from tianping.accounts.enums import UserKind

    kind = getattr(user, "kind", "")
    return bool(getattr(user, "is_authenticated", False)) and kind in (UserKind.LITIGANT, UserKind.LAWYER)


def _is_court_staff(user: object) -> bool:
    from tianping.accounts.enums import UserKind

    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "kind", "") == UserKind.STAFF


class PaymentsConfig(AppConfig):
    name = "tianping.payments"
    label = "payments"
    verbose_name = _("缴费")

    def ready(self) -> None:
        from tianping.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("我的缴费"),
                url_name="payments:home",
                order=58,
                visible=_is_payer_user,
                description=_("缴纳诉讼费、保全费和保证金，下载缴费凭证，申请缓交、减交、免交"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("缴费管理"),
                url_name="payments:court",
                order=59,
                visible=_is_court_staff,
                description=_("本院缴费单：逾期催缴、缓减免审批、退费"),
            )
        )
