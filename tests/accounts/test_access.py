"""The access gatekeepers: who reads which court, and what happens outside that scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from tests import factories
from tianping.accounts import selectors, services
from tianping.accounts.enums import Role
from tianping.accounts.models import RoleGrant, User
from tianping.core.errors import NotFound, PermissionDenied


def ids(*courts: Any) -> frozenset[int]:
    return frozenset(c.pk for c in courts)


def fresh(user: Any) -> User:
    """The user without the per-request grant caches."""
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("who", ["clerk", "judge", "division_head", "president", "auditor"])
def test_basic_court_staff_read_only_their_court(users: Any, courts: Any, who: str) -> None:
    assert selectors.readable_court_ids(getattr(users, who)) == ids(courts.chaoyang)


def test_intermediate_judge_reads_own_court_and_below_but_not_sideways_or_up(users: Any, courts: Any) -> None:
    readable = selectors.readable_court_ids(users.higher_judge)

    assert readable == ids(courts.third_intermediate, courts.chaoyang)
    assert courts.haidian.pk not in readable
    assert courts.first_intermediate.pk not in readable
    assert courts.high.pk not in readable


def test_basic_court_judge_never_reads_upwards(users: Any, courts: Any) -> None:
    readable = selectors.readable_court_ids(users.judge)

    assert courts.third_intermediate.pk not in readable
    assert courts.high.pk not in readable


def test_high_court_sysadmin_reads_all_five(users: Any, courts: Any) -> None:
    assert selectors.readable_court_ids(users.sysadmin) == ids(
        courts.high, courts.third_intermediate, courts.chaoyang, courts.first_intermediate, courts.haidian
    )


def test_outsider_reads_only_haidian(users: Any, courts: Any) -> None:
    assert selectors.readable_court_ids(users.outsider) == ids(courts.haidian)


@pytest.mark.parametrize("who", ["litigant", "lawyer"])
def test_litigants_and_lawyers_read_no_court(users: Any, who: str) -> None:
    assert selectors.readable_court_ids(getattr(users, who)) == frozenset()
    assert selectors.acting_court_ids(getattr(users, who)) == frozenset()


def test_anonymous_reads_no_court(courts: Any) -> None:
    anonymous = AnonymousUser()

    assert selectors.readable_court_ids(anonymous) == frozenset()
    assert selectors.active_grants(anonymous) == []
    assert not selectors.has_role(anonymous, Role.JUDGE)


def test_court_with_a_similar_path_prefix_is_not_included(users: Any, courts: Any) -> None:
    """Court /1/2/ must not read /1/20/: the subtree match is on whole path segments."""
    extra = [factories.court(f"京9{n:02d}", f"测试第{n}法院", "intermediate", parent=courts.high) for n in range(1, 30)]
    readable = selectors.readable_court_ids(fresh(users.higher_judge))

    assert readable == ids(courts.third_intermediate, courts.chaoyang)
    assert not readable & ids(*extra)


def test_revoked_grant_no_longer_gives_read_access(users: Any, courts: Any) -> None:
    grant = RoleGrant.objects.get(user=users.higher_judge)
    services.role_revoke(actor=None, grant=grant)

    assert selectors.readable_court_ids(fresh(users.higher_judge)) == frozenset()


def test_roles_at_two_courts_combine(users: Any, courts: Any) -> None:
    services.role_grant(actor=None, user=users.outsider, court=courts.chaoyang, role=Role.JUDGE)

    assert selectors.readable_court_ids(fresh(users.outsider)) == ids(courts.chaoyang, courts.haidian)


# --- court_for_user ------------------------------------------------------------------------


def test_court_for_user_returns_readable_court(users: Any, courts: Any) -> None:
    assert selectors.court_for_user(users.higher_judge, courts.chaoyang.pk) == courts.chaoyang
    assert selectors.court_for_user(users.judge, courts.chaoyang.pk) == courts.chaoyang


@pytest.mark.parametrize(
    ("who", "court"),
    [
        ("outsider", "chaoyang"),
        ("judge", "haidian"),
        ("judge", "third_intermediate"),
        ("judge", "high"),
        ("higher_judge", "high"),
        ("higher_judge", "haidian"),
        ("litigant", "chaoyang"),
        ("lawyer", "chaoyang"),
    ],
)
def test_court_for_user_outside_scope_is_not_found(users: Any, courts: Any, who: str, court: str) -> None:
    with pytest.raises(NotFound) as caught:
        selectors.court_for_user(getattr(users, who), getattr(courts, court).pk)

    assert caught.value.code == "court_not_found"
    assert caught.value.status == 404


def test_out_of_scope_and_missing_court_raise_the_same_error(users: Any, courts: Any) -> None:
    with pytest.raises(NotFound) as outside:
        selectors.court_for_user(users.outsider, courts.chaoyang.pk)
    with pytest.raises(NotFound) as missing:
        selectors.court_for_user(users.outsider, 999_999)

    assert outside.value.as_dict() == missing.value.as_dict()


# --- roles -------------------------------------------------------------------------------------


def test_has_role_with_and_without_court(users: Any, courts: Any) -> None:
    assert selectors.has_role(users.judge, Role.JUDGE)
    assert selectors.has_role(users.judge, Role.JUDGE, court_id=courts.chaoyang.pk)
    assert not selectors.has_role(users.judge, Role.JUDGE, court_id=courts.haidian.pk)
    assert not selectors.has_role(users.judge, Role.AUDITOR)
    assert selectors.has_role(users.judge, Role.AUDITOR, Role.JUDGE)


def test_supervising_court_role_is_not_a_role_at_the_lower_court(users: Any, courts: Any) -> None:
    """Reading a lower court is not acting in it: the 京03 judge is no judge at 朝阳."""
    assert selectors.has_role(users.higher_judge, Role.JUDGE, court_id=courts.third_intermediate.pk)
    assert not selectors.has_role(users.higher_judge, Role.JUDGE, court_id=courts.chaoyang.pk)
    assert selectors.acting_court_ids(users.higher_judge) == ids(courts.third_intermediate)


def test_has_role_ignores_revoked_grants(users: Any, courts: Any) -> None:
    grant = RoleGrant.objects.get(user=users.division_head, role=Role.DIVISION_HEAD)
    services.role_revoke(actor=None, grant=grant)
    user = fresh(users.division_head)

    assert not selectors.has_role(user, Role.DIVISION_HEAD)
    assert selectors.has_role(user, Role.JUDGE, court_id=courts.chaoyang.pk)


def test_require_role_passes_for_holder(users: Any, courts: Any) -> None:
    selectors.require_role(users.auditor, Role.AUDITOR)
    selectors.require_role(users.auditor, Role.AUDITOR, Role.SYSADMIN, court_id=courts.chaoyang.pk)


@pytest.mark.parametrize(
    ("who", "roles", "court"),
    [
        ("judge", (Role.AUDITOR,), None),
        ("clerk", (Role.JUDGE, Role.PRESIDENT), None),
        ("judge", (Role.JUDGE,), "haidian"),
        ("litigant", (Role.JUDGE,), None),
        ("higher_judge", (Role.JUDGE,), "chaoyang"),
    ],
)
def test_require_role_raises_permission_denied(
    users: Any, courts: Any, who: str, roles: tuple[Role, ...], court: str | None
) -> None:
    court_id = getattr(courts, court).pk if court else None

    with pytest.raises(PermissionDenied) as caught:
        selectors.require_role(getattr(users, who), *roles, court_id=court_id)

    assert caught.value.status == 403
    assert caught.value.code == "role_required"
    assert caught.value.details == {"roles": [str(r) for r in roles]}


@pytest.mark.parametrize(("who", "role"), [("president", Role.PRESIDENT), ("division_head", Role.DIVISION_HEAD)])
def test_primary_grant_is_the_most_senior_role(users: Any, who: str, role: Role) -> None:
    """The president also holds the judge role; the landing page must still say 院长."""
    grant = selectors.primary_grant(getattr(users, who))

    assert grant is not None
    assert grant.role == role


def test_primary_grant_covers_every_role_and_none_for_litigants(users: Any) -> None:
    assert set(selectors.ROLE_RANK) == set(Role)
    assert selectors.primary_grant(users.litigant) is None
