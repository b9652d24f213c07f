"""Consumption-restriction orders: an organisation's legal representative is always restricted, named
persons are validated, natural persons bind no one else, duplicates are 409, lifting is audited."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.conftest import Users
from tests.credit.conftest import EnforcementWorld
from tianping.core.errors import Conflict, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.credit import services
from tianping.credit.enums import RemovalReason, RestrictionStatus
from tianping.credit.models import ConsumptionRestriction

pytestmark = pytest.mark.django_db
CONTROLLER_ID = factories.make_id_number(birth="19700505", sequence=21)


def restrict(world: EnforcementWorld, **overrides: Any) -> Any:
    arguments: dict[str, Any] = {"actor": world.officer, "case": world.case, "party": world.company}
    arguments.update(overrides)
    return services.consumption_restrict(**arguments)


def test_an_organisation_order_restricts_its_legal_representative_and_the_named_persons(
    world: EnforcementWorld,
) -> None:
    order = restrict(
        world, order_number="（2026）京0105执1号限制消费令",
        restricted_persons=[
            {"name": "赵控制", "role": "actual_controller", "id_number": CONTROLLER_ID.lower()},
            {"name": "周经理", "role": "legal_representative"},
        ],
    )  # fmt: skip
    assert order.status == RestrictionStatus.IN_FORCE
    assert order.restricted_persons == [
        {"name": "周经理", "role": "legal_representative", "id_number": ""},
        {"name": "赵控制", "role": "actual_controller", "id_number": CONTROLLER_ID},
    ]
    assert (order.name, order.credit_code, order.legal_representative) == (
        "北京欠款有限公司", world.company.credit_code, "周经理"
    )  # fmt: skip
    record = AuditRecord.objects.get(action="credit.consumption_restrict")
    assert record.changes["restricted_persons"][0] == {"name": "周经理", "role": "legal_representative"}


def test_a_natural_person_order_restricts_only_the_debtor(world: EnforcementWorld) -> None:
    assert restrict(world, party=world.debtor).restricted_persons == []
    with pytest.raises(ValidationFailed) as caught:
        restrict(world, party=world.minor, restricted_persons=[{"name": "某人", "role": "principal"}])
    assert caught.value.code == "restricted_persons_not_allowed"


@pytest.mark.parametrize(
    ("person", "code"),
    [
        ({"name": "", "role": "principal"}, "field_required"),
        ({"name": "某人", "role": "cousin"}, "invalid_choice"),
        ({"name": "某人", "role": "principal", "id_number": "110105198001010000"}, "invalid_id_number"),
        ("某人", "invalid_choice"),
    ],
)
def test_bad_persons_are_refused_and_nothing_is_written(world: EnforcementWorld, person: Any, code: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        restrict(world, restricted_persons=[person])
    assert caught.value.code == code
    assert not ConsumptionRestriction.objects.exists()
    assert not AuditRecord.objects.filter(action__startswith="credit.").exists()


def test_a_second_order_in_force_is_a_409_and_lifting_allows_a_new_one(world: EnforcementWorld) -> None:
    order = restrict(world)
    with pytest.raises(Conflict) as caught:
        restrict(world)
    assert caught.value.code == "already_restricted"
    services.consumption_lift(actor=world.officer, restriction=order, reason=RemovalReason.PERFORMED, note="履行完毕")
    order.refresh_from_db()
    assert (order.status, order.lift_reason, order.lifted_by) == (
        RestrictionStatus.LIFTED, RemovalReason.PERFORMED, world.officer
    )  # fmt: skip
    assert AuditRecord.objects.filter(action="credit.consumption_lift").count() == 1
    with pytest.raises(Conflict):
        services.consumption_lift(actor=world.officer, restriction=order, reason=RemovalReason.PERFORMED)
    assert restrict(world).pk != order.pk


def test_lifting_needs_a_known_reason_other_than_expiry(world: EnforcementWorld) -> None:
    order = restrict(world)
    for reason in ("whatever", RemovalReason.TERM_EXPIRED):
        with pytest.raises(ValidationFailed) as caught:
            services.consumption_lift(actor=world.officer, restriction=order, reason=reason)
        assert caught.value.code == "reason_unknown"
    assert ConsumptionRestriction.objects.get().status == RestrictionStatus.IN_FORCE


@pytest.mark.parametrize("who", ["clerk", "outsider", "litigant"])
def test_others_may_not_restrict_or_lift(world: EnforcementWorld, users: Users, who: str) -> None:
    with pytest.raises(PermissionDenied):
        restrict(world, actor=getattr(users, who))
    order = restrict(world)
    with pytest.raises(PermissionDenied):
        services.consumption_lift(actor=getattr(users, who), restriction=order, reason=RemovalReason.PERFORMED)


def test_the_applicant_is_not_restricted(world: EnforcementWorld) -> None:
    with pytest.raises(ValidationFailed) as caught:
        restrict(world, party=world.applicant)
    assert caught.value.code == "not_enforcement_respondent"
