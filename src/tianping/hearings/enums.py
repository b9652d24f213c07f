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
    IN_COURT = "in_court", _("到庭核验")


class TranscriptStatus(models.TextChoices):
    DRAFTING = "drafting", _("记录中")
    REVIEWING = "reviewing", _("待核对签名")
    SIGNED = "signed", _("已签名")
    FILED = "filed", _("已归入卷宗")


class OnlineErrorCode(models.TextChoices):
    """Stable error codes of online hearings and transcripts (docs/api.md)."""

    NOT_ONLINE = "hearing_not_online", _("该庭审不是在线庭审")
    HEARING_CLOSED = "hearing_closed", _("庭审已结束、延期或取消")
    NOT_HEARING_STAFF = "not_hearing_staff", _("仅本庭审的审判人员和书记员可以操作")
    NOT_TRANSCRIPT_CLERK = "not_transcript_clerk", _("仅本庭审的书记员可以记录笔录")
    UNKNOWN_PARTICIPANTS = "unknown_participants", _("诉讼参与人不属于本庭审")
    JOIN_LINK_INVALID = "join_link_invalid", _("入庭链接无效")
    JOIN_LINK_REVOKED = "join_link_revoked", _("入庭链接已失效")
    JOIN_LINK_EXPIRED = "join_link_expired", _("入庭链接已过期")
    JOIN_NOT_YET_OPEN = "join_not_yet_open", _("尚未到入庭时间")
    WRONG_ACCOUNT = "join_wrong_account", _("当前登录账户不是该诉讼参与人")
    IDENTITY_FAILED = "identity_failed", _("身份核验未通过")
    IDENTITY_LOCKED = "identity_locked", _("身份核验失败次数过多")
    TRANSCRIPT_STALE = "transcript_stale", _("笔录已被他人更新")
    TRANSCRIPT_LOCKED = "transcript_locked", _("笔录已签名或归档，不能再修改")
    TRANSCRIPT_EMPTY = "transcript_empty", _("笔录内容为空")
    TRANSCRIPT_UNCHANGED = "transcript_unchanged", _("笔录自上一版本以来没有修改")
    REASON_REQUIRED = "reason_required", _("请填写修改说明")
    TEXT_CHANGED = "transcript_changed", _("笔录内容已变更，请重新核对")
    NOT_A_SIGNER = "not_a_signer", _("您不是该笔录的签名人")
    ALREADY_SIGNED = "already_signed", _("您已在该版本上签名")
    NOT_REVIEWING = "transcript_not_reviewing", _("笔录当前不在核对签名阶段")
    INVALID_TRANSITION = "invalid_transition", _("当前状态不能执行此操作")
