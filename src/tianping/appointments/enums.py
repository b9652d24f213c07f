"""Statuses and kinds of the appointment context (网上预约)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    WINDOW_VISIT = "window_visit", _("窗口办事")
    JUDGE_MEETING = "judge_meeting", _("约见法官")
    FILE_READING = "file_reading", _("现场阅卷")
    MEDIATION = "mediation", _("诉前调解")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("已预约")
    CANCELLED = "cancelled", _("已取消")
    ATTENDED = "attended", _("已到场")
    NO_SHOW = "no_show", _("未到场")


class AttendanceOutcome(models.TextChoices):
    ATTENDED = "attended", _("已到场")
    NO_SHOW = "no_show", _("未到场")
