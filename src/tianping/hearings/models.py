"""Tables of the trial's sittings: hearings, who takes part, attendance and the transcript.

A ``Hearing`` is one sitting (开庭, 证据交换, 庭前会议, 宣判) of a case, in a courtroom, online
or both. ``Participant`` rows are the people summoned; each online participant joins with a
personal signed link (the ``join_nonce`` revokes old links). ``Transcript`` is the clerk's
record (庭审笔录); every text a participant is asked to sign is frozen as a
``TranscriptVersion`` and each ``TranscriptSignature`` keeps the SHA-256 of the exact text signed.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel
from tianping.hearings.enums import (
    AttendanceMode,
    HearingKind,
    HearingMode,
    HearingStatus,
    IdentityMethod,
    ParticipantRole,
    TranscriptStatus,
)

USER = settings.AUTH_USER_MODEL


class Hearing(BaseModel):
    case = models.ForeignKey("cases.Case", verbose_name=_("案件"), on_delete=models.PROTECT, related_name="+")
    court = models.ForeignKey("courts.Court", verbose_name=_("法院"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=HearingKind.choices, default=HearingKind.HEARING)
    mode = models.CharField(_("方式"), max_length=12, choices=HearingMode.choices, default=HearingMode.IN_PERSON)
    status = models.CharField(
        _("状态"), max_length=12, choices=HearingStatus.choices, default=HearingStatus.SCHEDULED, db_index=True
    )
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("预计结束时间"))
    courtroom = models.ForeignKey(
        "courts.Courtroom", verbose_name=_("法庭"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presiding_judge = models.ForeignKey(
        USER, verbose_name=_("审判长/独任法官"), on_delete=models.PROTECT, related_name="+"
    )
    judges: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        USER, verbose_name=_("合议庭成员"), blank=True, related_name="+"
    )
    clerk = models.ForeignKey(
        USER, verbose_name=_("书记员"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_public = models.BooleanField(_("公开审理"), default=True)
    streamed = models.BooleanField(_("庭审直播"), default=False)
    stream_url = models.URLField(_("直播地址"), blank=True)
    video_room = models.CharField(_("在线庭审房间"), max_length=80, blank=True)
    announced_on = models.DateField(_("公告日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    scheduled_by = models.ForeignKey(USER, verbose_name=_("排期人"), on_delete=models.PROTECT, related_name="+")
    status_reason = models.CharField(_("延期/取消原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["courtroom", "starts_at"], name="hearing_room_time"),
            models.Index(fields=["presiding_judge", "starts_at"], name="hearing_judge_time"),
            models.Index(fields=["court", "starts_at"], name="hearing_court_time"),
            models.Index(fields=["is_public", "starts_at"], name="hearing_public_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="hearing_ends_after_start"
            )
        ]
        verbose_name = _("庭审排期")
        verbose_name_plural = _("庭审排期")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_online(self) -> bool:
        return self.mode in (HearingMode.ONLINE, HearingMode.MIXED)


class Participant(BaseModel):
    """A person summoned to a hearing: a party, an agent, a prosecutor, a witness …"""

    hearing = models.ForeignKey(Hearing, verbose_name=_("庭审"), on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(_("身份"), max_length=16, choices=ParticipantRole.choices)
    name = models.CharField(_("姓名/名称"), max_length=100)
    party = models.ForeignKey(
        "cases.Party", verbose_name=_("当事人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agent = models.ForeignKey(
        "cases.Agent", verbose_name=_("诉讼代理人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    account = models.ForeignKey(
        USER, verbose_name=_("关联账户"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    licence_no = models.CharField(_("律师执业证号"), max_length=17, blank=True, db_index=True)
    attendance_mode = models.CharField(
        _("参加方式"), max_length=12, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    join_nonce = models.CharField(_("入庭链接随机数"), max_length=32, blank=True)
    summoned_at = models.DateTimeField(_("传唤时间"), null=True, blank=True)

    class Meta:
        ordering = ["hearing", "id"]
        verbose_name = _("诉讼参与人")
        verbose_name_plural = _("诉讼参与人")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"


class Attendance(BaseModel):
    """One stay of a participant in an online hearing, from joining to leaving."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("诉讼参与人"), on_delete=models.CASCADE, related_name="attendances"
    )
    joined_at = models.DateTimeField(_("入庭时间"))
    left_at = models.DateTimeField(_("离庭时间"), null=True, blank=True)
    identity_method = models.CharField(_("身份核验方式"), max_length=12, choices=IdentityMethod.choices)
    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    user_agent = models.CharField(_("终端"), max_length=200, blank=True)

    class Meta:
        ordering = ["participant", "joined_at"]
        verbose_name = _("在线出庭记录")
        verbose_name_plural = _("在线出庭记录")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.joined_at:%H:%M}–{self.left_at or ''}"


class Transcript(BaseModel):
    """The clerk's record of one hearing (庭审笔录); ``text`` is the working copy (autosaved)."""

    hearing = models.OneToOneField(Hearing, verbose_name=_("庭审"), on_delete=models.PROTECT, related_name="transcript")
    status = models.CharField(
        _("状态"), max_length=12, choices=TranscriptStatus.choices, default=TranscriptStatus.DRAFTING
    )
    text = models.TextField(_("笔录内容"), blank=True)
    revision = models.PositiveIntegerField(_("保存次数"), default=0)
    autosaved_at = models.DateTimeField(_("最后保存时间"), null=True, blank=True)
    clerk = models.ForeignKey(USER, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+")
    dossier_document = models.ForeignKey(
        "dossier.Document",
        verbose_name=_("卷宗文书"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("庭审笔录")
        verbose_name_plural = _("庭审笔录")

    def __str__(self) -> str:
        return f"笔录 {self.hearing_id}"


class TranscriptVersion(BaseModel):
    """A frozen text put to the participants for signature; corrections make a new version."""

    transcript = models.ForeignKey(
        Transcript, verbose_name=_("笔录"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("版本号"))
    text = models.TextField(_("笔录内容"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    reason = models.CharField(_("修改说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(USER, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["transcript", "number"]
        constraints = [models.UniqueConstraint(fields=["transcript", "number"], name="transcript_version_unique")]
        verbose_name = _("笔录版本")
        verbose_name_plural = _("笔录版本")

    def __str__(self) -> str:
        return f"v{self.number}"


class TranscriptSignature(BaseModel):
    """An electronic signature on one version: who, how identified, when, and the hash of what they saw."""

    version = models.ForeignKey(
        TranscriptVersion, verbose_name=_("笔录版本"), on_delete=models.PROTECT, related_name="signatures"
    )
    participant = models.ForeignKey(
        Participant, verbose_name=_("诉讼参与人"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer = models.ForeignKey(
        USER, verbose_name=_("签名账户"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(_("签名人"), max_length=100)
    signer_role = models.CharField(_("签名身份"), max_length=40)
    identity_method = models.CharField(_("身份核验方式"), max_length=12, choices=IdentityMethod.choices)
    text_sha256 = models.CharField(_("所签文本SHA-256"), max_length=64)
    signed_at = models.DateTimeField(_("签名时间"))
    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)

    class Meta:
        ordering = ["version", "signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "participant"],
                condition=models.Q(participant__isnull=False),
                name="transcript_sign_once_per_participant",
            ),
            models.UniqueConstraint(
                fields=["version", "signer"],
                condition=models.Q(participant__isnull=True, signer__isnull=False),
                name="transcript_sign_once_per_staff",
            ),
        ]
        verbose_name = _("笔录签名")
        verbose_name_plural = _("笔录签名")

    def __str__(self) -> str:
        return f"{self.signer_name} {self.signed_at:%Y-%m-%d %H:%M}"
