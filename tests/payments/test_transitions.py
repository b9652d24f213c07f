"""Payment attempts and relief applications change status only through their declared tables."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tianping.core.errors import Conflict
from tianping.payments import rules
from tianping.payments.enums import PaymentStatus, ReliefStatus


@pytest.mark.parametrize("settled", [PaymentStatus.SUCCEEDED, PaymentStatus.VOIDED])
def test_a_settled_payment_does_not_change_again(settled: str) -> None:
    payment = SimpleNamespace(status=PaymentStatus.PENDING)
    assert rules.payment_transition(payment, settled) == PaymentStatus.PENDING
    for to in (PaymentStatus.SUCCEEDED, PaymentStatus.VOIDED, PaymentStatus.PENDING):
        with pytest.raises(Conflict) as refused:
            rules.payment_transition(payment, to)
        assert refused.value.code == "invalid_transition"
    assert payment.status == settled


def test_a_relief_is_decided_once() -> None:
    relief = SimpleNamespace(status=ReliefStatus.PENDING)
    rules.relief_transition(relief, ReliefStatus.REFUSED)
    with pytest.raises(Conflict):
        rules.relief_transition(relief, ReliefStatus.APPROVED)
    assert relief.status == ReliefStatus.REFUSED
