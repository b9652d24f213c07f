"""Users (staff, litigants, lawyers), court-scoped roles and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tianping.accounts.enums import Role, UserKind
from tianping.core.models import BaseModel
from tianping.core.validators import validate_id_number, validate_mobile


class User(AbstractUser):
    """Every account. Litigants and lawyers carry a verified real-name identity."""

    kind = models.CharField(_("账户类型"), max_length=16, choices=UserKind.choices, default=UserKind.STAFF)
    real_name = models.CharField(_("真实姓名"), max_length=60, blank=True)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True, validators=[validate_id_number])
    mobile = models.CharField(_("手机号码"), max_length=11, blank=True, validators=[validate_mobile])
    identity_verified_at = models.DateTimeField(_("实名认证时间"), null=True, blank=True)
    lawyer_licence_no = models.CharField(_("律师执业证号"), max_length=17, blank=True)
    law_firm = models.CharField(_("律师事务所"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.UniqueConstraint(
                fields=["lawyer_licence_no"],
                condition=~models.Q(lawyer_licence_no=""),
                name="user_unique_lawyer_licence",
            ),
        ]

    def __str__(self) -> str:
        return self.real_name or self.username

    @property
    def display_name(self) -> str:
        return self.real_name or self.username

    def audit_role(self) -> str:
        grants = [g for g in self.role_grants.all() if g.active]
        if not grants:
            return str(self.kind)
        return ",".join(sorted({g.role for g in grants}))

    def audit_court_code(self) -> str:
        grant = next((g for g in self.role_grants.all() if g.active), None)
        return grant.court.code if grant else ""


class RoleGrant(BaseModel):
    """``user`` holds ``role`` at ``court`` (optionally limited to one division)."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="role_grants")
    court = models.ForeignKey("courts.Court", verbose_name=_("法院"), on_delete=models.PROTECT, related_name="+")
    division = models.ForeignKey(
        "courts.Division", verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("角色"), max_length=24, choices=Role.choices)
    active = models.BooleanField(_("有效"), default=True)

    class Meta:
        ordering = ["user", "court", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "court", "role"], name="rolegrant_unique")]
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")

    def __str__(self) -> str:
        return f"{self.user} · {self.court} · {self.get_role_display()}"


class ApiToken(BaseModel):
    """A bearer token for the API. Only its SHA-256 is stored; the token is shown once."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("前缀"), max_length=8)
    expires_at = models.DateTimeField(_("过期时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("API令牌")
        verbose_name_plural = _("API令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
