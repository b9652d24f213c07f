"""Bookable services of the litigation-service centre and the bookings made for them.

No slot is ever overbooked: a booking locks the slot's ``SlotCounter`` row (created on
first use) before counting the seats taken, so concurrent bookings of one slot run one
after another (SQLite: the IMMEDIATE transaction; PostgreSQL: the row lock). A partial
unique constraint keeps one active booking per user per slot even if a code path forgot.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tianping.appointments.enums import BookingStatus, ServiceKind
from tianping.core.models import BaseModel


class BookableService(BaseModel):
    """One service a court offers by appointment, with its daily windows and seats per slot."""

    court = models.ForeignKey("courts.Court", on_delete=models.PROTECT, related_name="bookable_services")
    kind = models.CharField(_("类型"), max_length=20, choices=ServiceKind.choices)
    name = models.CharField(_("名称"), max_length=60)
    location = models.CharField(_("地点"), max_length=120, blank=True)
    slot_minutes = models.PositiveSmallIntegerField(_("时段长度（分钟）"), default=30)
    capacity = models.PositiveSmallIntegerField(_("每时段名额"), default=1)
    # [["09:00", "12:00"], ["13:30", "17:00"]] in the court's local time
    windows = models.JSONField(_("每日开放时间"), default=list)
    active = models.BooleanField(_("开放预约"), default=True)
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("约见法官"),
    )

    class Meta:
        ordering = ["court_id", "kind", "name"]
        verbose_name = _("预约服务")
        verbose_name_plural = _("预约服务")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=5, slot_minutes__lte=240), name="appointments_service_slot_minutes"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="appointments_service_capacity"),
            models.UniqueConstraint(fields=["court", "name"], name="appointments_service_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class SlotCounter(BaseModel):
    """The lock row of one slot: bookings and cancellations lock it; ``booked`` is the seats taken."""

    service = models.ForeignKey(BookableService, on_delete=models.CASCADE, related_name="counters")
    slot_start = models.DateTimeField(_("时段开始"))
    booked = models.PositiveSmallIntegerField(_("已约人数"), default=0)

    class Meta:
        verbose_name = _("时段计数")
        verbose_name_plural = _("时段计数")
        constraints = [
            models.UniqueConstraint(fields=["service", "slot_start"], name="appointments_counter_unique_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} {self.slot_start:%Y-%m-%d %H:%M} {self.booked}"


class Booking(BaseModel):
    """A user's seat in one slot of one service."""

    service = models.ForeignKey(BookableService, on_delete=models.PROTECT, related_name="bookings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="appointment_bookings")
    slot_start = models.DateTimeField(_("预约时段"))
    status = models.CharField(_("状态"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    case_number = models.CharField(_("关联案号"), max_length=60, blank=True)
    note = models.CharField(_("事由"), max_length=300, blank=True)
    reference = models.CharField(_("预约号"), max_length=16, unique=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    marked_at = models.DateTimeField(_("到场登记时间"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["slot_start", "pk"]
        verbose_name = _("预约")
        verbose_name_plural = _("预约")
        indexes = [
            models.Index(fields=["service", "slot_start"], name="appt_booking_service_slot"),
            models.Index(fields=["user", "slot_start"], name="appt_booking_user_slot"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "slot_start", "user"],
                condition=Q(status=BookingStatus.BOOKED),
                name="appointments_one_active_booking_per_user_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.slot_start:%Y-%m-%d %H:%M}"
