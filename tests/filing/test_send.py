"""The filer's one submit button: the service, not the page, decides between submit and resubmit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.conftest import Users
from tests.filing.conftest import MONDAY, on_day
from tianping.filing import services
from tianping.filing.enums import FilingStatus

pytestmark = pytest.mark.django_db


def test_send_submits_a_draft_and_resubmits_after_a_supplement_request(make_filing: Any, users: Users) -> None:
    with on_day(MONDAY):
        filing = services.filing_send(actor=users.litigant, filing=make_filing())
    assert filing.status == FilingStatus.SUBMITTED
    assert filing.receipt_number
    with on_day(MONDAY + dt.timedelta(days=1)):
        services.filing_request_supplement(
            actor=users.clerk, filing=filing, items=["补充转账记录"], deadline=MONDAY + dt.timedelta(days=15)
        )
        filing = services.filing_send(actor=users.litigant, filing=filing)
    assert filing.status == FilingStatus.RESUBMITTED
