"""The courtroom calendar lists the rooms in the court's order (creation order), not by name: Chinese
numerals do not sort (第七法庭 < 第三法庭 < 第二法庭 by code point)."""

from __future__ import annotations

import pytest

from tests.conftest import CourtTree
from tianping.core import clock
from tianping.courts import services as court_services
from tianping.hearings import selectors

pytestmark = pytest.mark.django_db


def test_calendar_rows_keep_the_courtroom_order(courts: CourtTree) -> None:
    names = ["第一法庭", "第二法庭", "第三法庭", "第七法庭", "第十法庭"]
    for name in names:
        court_services.courtroom_create(actor=None, court=courts.chaoyang, name=name)
    view = selectors.courtroom_calendar(court_id=courts.chaoyang.pk, day=clock.today())
    assert [row.courtroom.name for row in view.rows] == names
