"""Vocabulary of hearings: kinds, modes, statuses, participant roles, error codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HearingKind(models.TextChoices):
    HEARING = "hearing", _("开庭审理")
    EVIDENCE_EXCHANGE = "evidence_exchange", _("证据交换")
    PRETRIAL_MEETING = "pretrial_meeting", _("庭前会议")
    PRONOUNCEMENT = "pronouncement", _("宣判")


class HearingMode(models.TextChoices):
    IN_PERSON = "in_person", _("线下")
    ONLINE = "online", _("在线")
    MIXED = "mixed", _("线上线下结合")


class HearingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("已排期")
    IN_PROGRESS = "in_progress", _("进行中")
    FINISHED = "finished", _("已结束")
    POSTPONED = "postponed", _("已延期")
    CANCELLED = "cancelled", _("已取消")


class ParticipantRole(models.TextChoices):
    PARTY = "party", _("当事人")
    AGENT = "agent", _("诉讼代理人")
    PROSECUTOR = "prosecutor", _("公诉人")
    WITNESS = "witness", _("证人")
    EXPERT = "expert", _("鉴定人")
    INTERPRETER = "interpreter", _("翻译人员")
    OTHER = "other", _("其他诉讼参与人")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("到庭")
    ONLINE = "online", _("在线")


class IdentityMethod(models.TextChoices):
    ACCOUNT = "account", _("账户登录")
    QUERY_CODE = "query_code", _("查询码与身份证号后六位")


class TranscriptStatus(models.TextChoices):
    DRAFTING = "drafting", _("记录中")
    REVIEWING = "reviewing", _("待核对签名")
    SIGNED = "signed", _("已签名")
    FILED = "filed", _("已归入卷宗")
