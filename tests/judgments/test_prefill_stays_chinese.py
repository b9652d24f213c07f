"""A judge working in the English UI still gets a Chinese pre-filled judgment (party roles, procedure)."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.judgments.drafting_world import World, world_fixture  # noqa: F401
from tianping.judgments import services
from tianping.judgments.enums import DocumentKind
from tianping.judgments.rendering import kinds

pytestmark = pytest.mark.django_db


def test_a_draft_created_in_english_is_prefilled_in_chinese(world: World) -> None:
    with translation.override("en"):
        draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    s = draft.sections
    assert s[kinds.PARTIES].splitlines()[0].startswith("原告：张三，")
    assert "原告张三与被告北京某某科技有限公司" in s[kinds.PROCEDURE]
    assert "依法适用" in s[kinds.PROCEDURE]
    for english in ("Plaintiff", "Defendant", "procedure", "Procedure"):
        assert english not in s[kinds.PARTIES] + s[kinds.PROCEDURE]
