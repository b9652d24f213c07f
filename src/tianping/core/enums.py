from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    WORKDAY = "workday", _("调休工作日")


class CalendarSource(models.TextChoices):
    SEED = "seed", _("国务院安排（chinesecalendar）")
    ADMIN = "admin", _("管理员录入")


class AuditKind(models.TextChoices):
    WRITE = "write", _("写入")
    READ = "read", _("敏感读取")
    AUTH = "auth", _("登录认证")
