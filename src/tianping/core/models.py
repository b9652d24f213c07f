"""Shared-kernel tables: the base model, the working-day calendar and the audit log."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.core.enums import AuditKind, CalendarDayKind, CalendarSource


class BaseModel(models.Model):
    """Big-int key plus created/updated timestamps; every context's tables inherit it."""

    id = models.BigAutoField(primary_key=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class CalendarDay(BaseModel):
    """A day that differs from the Monday–Friday rule: a statutory holiday or a make-up workday."""

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=CalendarDayKind.choices)
    name = models.CharField(_("名称"), max_length=40, blank=True)
    source = models.CharField(_("来源"), max_length=16, choices=CalendarSource.choices, default=CalendarSource.ADMIN)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class CalendarYear(BaseModel):
    """A year whose holiday arrangement is complete in the table (seeded or entered by an admin)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("来源"), max_length=16, choices=CalendarSource.choices, default=CalendarSource.ADMIN)
    note = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("已发布年度")
        verbose_name_plural = _("已发布年度")

    def __str__(self) -> str:
        return str(self.year)


class AuditRecord(models.Model):
    """One link of the append-only, hash-chained audit log.

    Actor and court are copied as plain values, not foreign keys, so that nothing done
    to users or courts later can change or cascade into the record.
    """

    seq = models.PositiveBigIntegerField(_("序号"), primary_key=True)
    occurred_at = models.DateTimeField(_("时间"), db_index=True)
    kind = models.CharField(_("类别"), max_length=8, choices=AuditKind.choices, db_index=True)
    action = models.CharField(_("操作"), max_length=64, db_index=True)
    actor_id = models.BigIntegerField(_("操作人ID"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("操作人"), max_length=150, blank=True, db_index=True)
    actor_role = models.CharField(_("角色"), max_length=120, blank=True)
    court_code = models.CharField(_("法院"), max_length=16, blank=True, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=64, blank=True, db_index=True)
    object_id = models.CharField(_("对象ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes = models.JSONField(_("变更"), default=dict, blank=True)
    client_ip = models.CharField(_("客户端地址"), max_length=45, blank=True)
    request_id = models.CharField(_("请求ID"), max_length=32, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    HASHED_FIELDS: ClassVar[tuple[str, ...]] = (
        "seq",
        "occurred_at",
        "kind",
        "action",
        "actor_id",
        "actor_username",
        "actor_role",
        "court_code",
        "object_type",
        "object_id",
        "object_repr",
        "changes",
        "client_ip",
        "request_id",
        "prev_hash",
    )

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("audit records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("audit records are append-only")


class AuditHead(models.Model):
    """The single row naming the last link; appends lock it, so the chain stays linear."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("审计链头")

    def __str__(self) -> str:
        return f"head #{self.seq} {self.hash[:12]}"
