from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "tianping.supervision"
    label = "supervision"
    verbose_name = _("监督")

    def ready(self) -> None:
        from tianping.core import navigation
        from tianping.supervision.selectors import may_browse_audit_log, may_supervise_assignments

        navigation.register(
            navigation.NavItem(
                label=_("审计日志"),
                url_name="supervision:audit_log",
                order=90,
                visible=may_browse_audit_log,
                description=_("全流程留痕：写入、敏感读取与登录，哈希链防篡改"),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("分案监督"),
                url_name="supervision:assignments",
                order=80,
                visible=may_supervise_assignments,
                description=_("指定分案与变更承办人的理由、审批与去向"),
            )
        )
