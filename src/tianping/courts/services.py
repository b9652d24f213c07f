"""Writes to courts and their organisation; each one is audited in its transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from tianping.core import audit, clock
from tianping.core.audit import AuditActor
from tianping.courts.models import Court, Courtroom, Division, StaffMember

COURT_FIELDS = (
    "name",
    "short_name",
    "code",
    "level",
    "specialty",
    "parent",
    "division_code",
    "region_name",
    "address",
    "phone",
)


@transaction.atomic
def court_create(*, actor: AuditActor | None, parent: Court | None = None, **fields: Any) -> Court:
    court = Court(parent=parent, **fields)
    court.path = ""
    court.full_clean(exclude=["path"])
    court.save()
    court.path = f"{parent.path if parent else '/'}{court.pk}/"
    court.save(update_fields=["path"])
    audit.record(
        actor=actor,
        action="court.create",
        obj=court,
        changes=audit.changes_between({}, audit.snapshot(court, COURT_FIELDS)),
        court_code=court.code,
    )
    return court


@transaction.atomic
def court_update(*, actor: AuditActor, court: Court, **fields: Any) -> Court:
    """Change a court's descriptive fields (moving a court in the tree is not done here)."""
    editable = set(COURT_FIELDS) - {"parent", "level"}
    unknown = set(fields) - editable
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    before = audit.snapshot(court, COURT_FIELDS)
    for name, value in fields.items():
        setattr(court, name, value)
    court.full_clean(exclude=["path"])
    court.save()
    audit.record(
        actor=actor,
        action="court.update",
        obj=court,
        changes=audit.changes_between(before, audit.snapshot(court, COURT_FIELDS)),
        court_code=court.code,
    )
    return court


@transaction.atomic
def division_create(*, actor: AuditActor | None, court: Court, name: str, kind: str, sort_order: int = 0) -> Division:
    division = Division(court=court, name=name, kind=kind, sort_order=sort_order)
    division.full_clean()
    division.save()
    audit.record(
        actor=actor,
        action="division.create",
        obj=division,
        changes={"name": [None, name], "kind": [None, kind]},
        court_code=court.code,
    )
    return division


@transaction.atomic
def courtroom_create(*, actor: AuditActor | None, court: Court, name: str, **fields: Any) -> Courtroom:
    courtroom = Courtroom(court=court, name=name, **fields)
    courtroom.full_clean()
    courtroom.save()
    audit.record(
        actor=actor, action="courtroom.create", obj=courtroom, changes={"name": [None, name]}, court_code=court.code
    )
    return courtroom


@transaction.atomic
def staff_member_create(*, actor: AuditActor | None, court: Court, **fields: Any) -> StaffMember:
    member = StaffMember(court=court, **fields)
    member.full_clean()
    member.save()
    audit.record(
        actor=actor,
        action="staff.create",
        obj=member,
        changes={"name": [None, member.name], "post": [None, member.post], "title": [None, member.title]},
        court_code=court.code,
    )
    return member


@transaction.atomic
def staff_member_link_user(*, actor: AuditActor | None, member: StaffMember, user_id: int) -> StaffMember:
    before = member.user_id
    member.user_id = user_id
    member.save(update_fields=["user", "updated_at"])
    audit.record(
        actor=actor,
        action="staff.link_user",
        obj=member,
        changes={"user": [before, user_id]},
        court_code=member.court.code,
    )
    return member


@transaction.atomic
def staff_members_link_users(
    *, actor: AuditActor | None, links: Mapping[int, int], audit_action: str = "staff.bulk_link_user"
) -> int:
    """Link personnel records to accounts in bulk (member id → user id), with one summarising
    audit record. Records already linked, and accounts already linked elsewhere, are left alone."""
    taken = set(StaffMember.objects.filter(user_id__in=list(links.values())).values_list("user_id", flat=True))
    now, changed = clock.now(), []
    for member in StaffMember.objects.filter(pk__in=list(links), user__isnull=True):
        user_id = links[member.pk]
        if user_id not in taken:
            taken.add(user_id)
            member.user_id, member.updated_at = user_id, now
            changed.append(member)
    StaffMember.objects.bulk_update(changed, ["user", "updated_at"], batch_size=500)
    if changed:
        audit.record(
            actor=actor, action=audit_action, object_type="courts.StaffMember", changes={"linked": [None, len(changed)]}
        )
    return len(changed)


def court_lock(*, court_id: int) -> Court:
    """Lock the court's row until the caller's transaction ends: writers that must not interleave
    within one court (hearing scheduling: courtroom, judge and clerk bookings) take it first."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("court_lock needs a transaction")
    return Court.objects.select_for_update().get(pk=court_id)
