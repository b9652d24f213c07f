"""Consumption-restriction orders (限制消费令, domain.md §8; docs/credit.md): an order against the
debtor of an open enforcement case and, for an organisation, its legal representative (always) and
the principal, actual controller or responsible persons the officer names; lifting the order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tianping.core import audit, clock
from tianping.core.errors import Conflict, ValidationFailed
from tianping.core.validators import parse_id_number
from tianping.credit.enums import ErrorCode, RemovalReason, RestrictedRole, RestrictionStatus
from tianping.credit.models import ConsumptionRestriction
from tianping.credit.services.rules import (
    clean_text,
    require_credit_officer,
    require_open_enforcement_case,
    require_respondent,
    snapshot_fields,
    transition,
)

__all__ = [
    "LIFT_REASONS",
    "MAX_RESTRICTED_PERSONS",
    "RESTRICTION_TRANSITIONS",
    "consumption_lift",
    "consumption_restrict",
]

RESTRICTION_TRANSITIONS: dict[str, frozenset[str]] = {
    RestrictionStatus.IN_FORCE: frozenset({RestrictionStatus.LIFTED}),
    RestrictionStatus.LIFTED: frozenset(),
}
# An order has no term: every removal ground but the expiry of a term lifts it.
LIFT_REASONS = frozenset(set(RemovalReason.values) - {RemovalReason.TERM_EXPIRED})
MAX_RESTRICTED_PERSONS = 10


def _person(raw: Any, index: int) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise ValidationFailed(_("被限制人员格式无效"), code=ErrorCode.INVALID_CHOICE, details={"index": index})
    field = f"restricted_persons[{index}]"
    name = clean_text(str(raw.get("name") or ""), f"{field}.name", 60)
    role = str(raw.get("role") or "")
    if role not in RestrictedRole.values:
        raise ValidationFailed(
            _("被限制人员身份无效"), code=ErrorCode.INVALID_CHOICE, details={"field": f"{field}.role"}
        )
    id_number = str(raw.get("id_number") or "").strip()
    if id_number:
        try:
            id_number = parse_id_number(id_number).value
        except ValidationFailed as exc:
            raise ValidationFailed(exc.message, code=exc.code, details={"field": f"{field}.id_number"}) from exc
    return {"name": name, "role": role, "id_number": id_number}


def _restricted_persons(party: Any, given: Iterable[Any]) -> list[dict[str, str]]:
    """The organisation's legal representative first, then the named persons, each (name, role) once."""
    people = [_person(raw, index) for index, raw in enumerate(given)]
    if len(people) > MAX_RESTRICTED_PERSONS:
        raise ValidationFailed(
            _("被限制人员过多"), code=ErrorCode.FIELD_TOO_LONG, details={"field": "restricted_persons"}
        )
    if party.legal_representative:
        representative = RestrictedRole.LEGAL_REPRESENTATIVE
        people.insert(0, {"name": party.legal_representative, "role": representative, "id_number": ""})
    unique: dict[tuple[str, str], dict[str, str]] = {}
    for person in people:
        key = (person["name"], person["role"])
        if key not in unique or person["id_number"]:
            unique[key] = person
    return list(unique.values())


def _already_restricted(party: Any) -> Conflict:
    return Conflict(
        _("已在本案对该被执行人发布限制消费令"), code=ErrorCode.ALREADY_RESTRICTED, details={"party_id": party.pk}
    )


def consumption_restrict(
    *, actor: Any, case: Any, party: Any, order_number: str = "", restricted_persons: Iterable[Any] = ()
) -> ConsumptionRestriction:
    """Issue a consumption-restriction order against the debtor ``party`` of the enforcement ``case``."""
    require_credit_officer(actor, case)
    require_open_enforcement_case(case)
    require_respondent(case, party)
    snapshot = snapshot_fields(case, party)
    given = list(restricted_persons or ())
    if snapshot["is_person"] and given:
        raise ValidationFailed(
            _("被执行人是自然人，不需要列明其他被限制人员"), code=ErrorCode.PERSONS_NOT_ALLOWED,
            details={"field": "restricted_persons"},
        )  # fmt: skip
    persons = [] if snapshot["is_person"] else _restricted_persons(party, given)
    number = clean_text(order_number, "order_number", 60, required=False)
    if ConsumptionRestriction.objects.filter(case=case, party=party, status=RestrictionStatus.IN_FORCE).exists():
        raise _already_restricted(party)
    try:
        with transaction.atomic():
            restriction = ConsumptionRestriction.objects.create(
                **snapshot, status=RestrictionStatus.IN_FORCE, restricted_persons=persons, order_number=number,
                issued_on=clock.today(), issued_by=actor,
            )  # fmt: skip
            audit.record(
                actor=actor, action="credit.consumption_restrict", obj=restriction, court_code=case.court.code,
                changes={"status": restriction.status, "party_id": party.pk, "order_number": number,
                         "restricted_persons": [{"name": p["name"], "role": p["role"]} for p in persons]},
            )  # fmt: skip
    except IntegrityError as exc:
        raise _already_restricted(party) from exc
    return restriction


def consumption_lift(
    *, actor: Any, restriction: ConsumptionRestriction, reason: str, note: str = ""
) -> ConsumptionRestriction:
    """Lift the order (the debtor performed, a settlement was performed, the applicant asked …)."""
    require_credit_officer(actor, restriction.case)
    if reason not in LIFT_REASONS:
        raise ValidationFailed(_("解除理由无效"), code=ErrorCode.REASON_UNKNOWN, details={"field": "reason"})
    note = clean_text(note, "note", 300, required=False)
    with transaction.atomic():
        locked = ConsumptionRestriction.objects.select_for_update(of=("self",)).select_related("court")
        restriction = locked.get(pk=restriction.pk)
        before = transition(restriction, RestrictionStatus.LIFTED, RESTRICTION_TRANSITIONS)
        restriction.lifted_on, restriction.lift_reason, restriction.lift_note = clock.today(), reason, note
        restriction.lifted_by = actor
        restriction.save(update_fields=["status", "lifted_on", "lift_reason", "lift_note", "lifted_by", "updated_at"])
        audit.record(
            actor=actor, action="credit.consumption_lift", obj=restriction, court_code=restriction.court.code,
            changes={"status": [before, restriction.status], "reason": reason, "note": note},
        )  # fmt: skip
    return restriction
