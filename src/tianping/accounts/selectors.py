"""Access gatekeepers that every context reuses.

A staff member acts in the courts where they hold a role; they may also read the courts
below those (a higher court supervises its lower courts), never the courts above. A
record outside the user's scope is reported as not found, exactly like a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from tianping.accounts.enums import Role, UserKind
from tianping.accounts.models import RoleGrant, User
from tianping.core.errors import NotFound, PermissionDenied
from tianping.courts import selectors as court_selectors

if TYPE_CHECKING:
    from tianping.courts.models import Court


def active_grants(user: Any) -> list[RoleGrant]:
    """The user's active role grants (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_tianping_grants", None)
    if cached is None:
        cached = list(RoleGrant.objects.filter(user_id=user.pk, active=True).select_related("court", "division"))
        user._tianping_grants = cached
    return cached


def is_staff_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.kind == UserKind.STAFF and user.is_active)


def has_role(user: Any, *roles: Role, court_id: int | None = None) -> bool:
    """Whether ``user`` holds one of ``roles`` (at ``court_id``, when given)."""
    return any(g.role in roles and (court_id is None or g.court_id == court_id) for g in active_grants(user))


def require_role(user: Any, *roles: Role, court_id: int | None = None) -> None:
    if not has_role(user, *roles, court_id=court_id):
        raise PermissionDenied(
            "当前角色无权执行此操作", code="role_required", details={"roles": [str(r) for r in roles]}
        )


def acting_court_ids(user: Any) -> frozenset[int]:
    """Courts where the user holds a role: where they may write."""
    return frozenset(g.court_id for g in active_grants(user))


def readable_court_ids(user: Any) -> frozenset[int]:
    """Courts whose internal records the user may read: their own and every court below."""
    cached = getattr(user, "_tianping_readable", None)
    if cached is None:
        cached = court_selectors.court_subtree_ids(court_ids=acting_court_ids(user))
        if getattr(user, "is_authenticated", False):
            user._tianping_readable = cached
    return cached


def court_for_user(user: Any, court_id: int) -> Court:
    """The court, if the user may read its internal records; otherwise NotFound."""
    if court_id not in readable_court_ids(user):
        raise NotFound("法院不存在或无权访问", code="court_not_found")
    return court_selectors.court_get(court_id=court_id)


# Most senior first (the enum's own order is not a ranking: it starts with the filing clerk).
ROLE_RANK = (
    Role.PRESIDENT,
    Role.DIVISION_HEAD,
    Role.JUDGE,
    Role.ENFORCEMENT_OFFICER,
    Role.JUDGE_ASSISTANT,
    Role.FILING_CLERK,
    Role.COURT_CLERK,
    Role.SYSADMIN,
    Role.AUDITOR,
)


def primary_grant(user: Any) -> RoleGrant | None:
    """The grant shown as "your court and role": the highest-ranked role at the user's first court."""
    grants = active_grants(user)
    return min(grants, key=lambda g: (g.court.path, ROLE_RANK.index(Role(g.role)))) if grants else None


def user_get(*, user_id: int) -> User:
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist as exc:
        raise NotFound("用户不存在", code="user_not_found") from exc


def users_with_role(*, court_id: int, roles: Iterable[Role], division_id: int | None = None) -> list[User]:
    """Active users holding one of ``roles`` at the court; with ``division_id``, only those whose
    grant is for that division or whose post (personnel record) is in it."""
    grants = RoleGrant.objects.filter(court_id=court_id, role__in=list(roles), active=True, user__is_active=True)
    if division_id is not None:
        grants = grants.filter(Q(division_id=division_id) | Q(user__staff_member__division_id=division_id))
    return list(User.objects.filter(pk__in=grants.values("user_id")).order_by("pk"))


def staff_member_of(user: Any) -> Any:
    """The personnel record linked to this account, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return court_selectors.staff_member_for_user(user_id=user.pk)
