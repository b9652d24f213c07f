"""Courts, their hierarchy, divisions (庭), courtrooms and staff posts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.core.models import BaseModel
from tianping.courts.enums import CourtLevel, CourtSpecialty, DivisionKind, LeadershipTitle, StaffPost


class Court(BaseModel):
    """A people's court. ``parent`` is the court that hears its appeals and supervises it.

    ``path`` is the chain of ids from the root (``/1/4/17/``) so that "this court and all
    below it" is one indexed prefix query.
    """

    name = models.CharField(_("名称"), max_length=60, unique=True)
    short_name = models.CharField(_("简称"), max_length=30)
    code = models.CharField(_("法院代字"), max_length=8, unique=True)
    level = models.CharField(_("审级"), max_length=16, choices=CourtLevel.choices)
    specialty = models.CharField(_("专门法院"), max_length=16, choices=CourtSpecialty.choices, blank=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级法院"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    division_code = models.CharField(_("行政区划代码"), max_length=6)
    region_name = models.CharField(_("行政区划"), max_length=40)
    address = models.CharField(_("地址"), max_length=120, blank=True)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("法院")
        verbose_name_plural = _("法院")

    def __str__(self) -> str:
        return self.name


class Division(BaseModel):
    """A division (庭/局) inside a court."""

    court = models.ForeignKey(Court, verbose_name=_("法院"), on_delete=models.PROTECT, related_name="divisions")
    name = models.CharField(_("名称"), max_length=40)
    kind = models.CharField(_("类别"), max_length=16, choices=DivisionKind.choices)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["court", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="division_unique_name_per_court")]
        verbose_name = _("审判庭")
        verbose_name_plural = _("审判庭")

    def __str__(self) -> str:
        return f"{self.court.short_name}{self.name}"


class Courtroom(BaseModel):
    court = models.ForeignKey(Court, verbose_name=_("法院"), on_delete=models.PROTECT, related_name="courtrooms")
    name = models.CharField(_("名称"), max_length=40)
    seats = models.PositiveIntegerField(_("旁听席位"), default=30)
    supports_online = models.BooleanField(_("科技法庭（支持在线庭审）"), default=False)
    supports_streaming = models.BooleanField(_("支持庭审直播"), default=False)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["court", "id"]  # creation order: 第一法庭, 第二法庭 … (names do not sort)
        constraints = [models.UniqueConstraint(fields=["court", "name"], name="courtroom_unique_name_per_court")]
        verbose_name = _("法庭")
        verbose_name_plural = _("法庭")

    def __str__(self) -> str:
        return f"{self.court.short_name}{self.name}"


class StaffMember(BaseModel):
    """A person on the court's establishment and the post they hold (员额法官, 书记员 …).

    Personnel data; what the person may do in the system is granted separately
    (``accounts.RoleGrant``) and linked through ``user``.
    """

    court = models.ForeignKey(Court, verbose_name=_("法院"), on_delete=models.PROTECT, related_name="staff")
    division = models.ForeignKey(
        Division, verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    name = models.CharField(_("姓名"), max_length=30)
    gender = models.CharField(_("性别"), max_length=6, choices=[("male", _("男")), ("female", _("女"))])
    post = models.CharField(_("岗位"), max_length=24, choices=StaffPost.choices)
    title = models.CharField(_("职务"), max_length=24, choices=LeadershipTitle.choices, blank=True)
    employee_no = models.CharField(_("工号"), max_length=20, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("系统账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_member",
    )
    active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        ordering = ["court", "division", "post", "name"]
        verbose_name = _("工作人员")
        verbose_name_plural = _("工作人员")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_post_display()}）"
