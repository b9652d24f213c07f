"""类案推送 on the judge's case page (staff only)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import Client

from tests.cases.test_pages import register
from tests.conftest import CourtTree, Users
from tests.search.conftest import entry
from tianping.cases.models import CauseOfAction
from tianping.search.services import judgment_index_put

pytestmark = pytest.mark.django_db


def test_case_page_shows_similar_published_judgments_to_staff(client: Client, courts: CourtTree, users: Users) -> None:
    cause = CauseOfAction.objects.filter(name="民间借贷纠纷").first() or CauseOfAction.objects.first()
    assert cause is not None
    case = register(courts, users, cause_id=cause.pk, title="张三诉北京某某科技有限公司民间借贷纠纷")
    judgment_index_put(entry=entry(courts.haidian, 801, cause_id=cause.pk, cause_name=cause.name))
    judgment_index_put(entry=entry(courts.haidian, 802, cause_id=None, cause_name="", text="与本案无关的行政处罚。"))
    client.force_login(users.clerk)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "类案推送" in html
    assert "京0108民初801号" in html


def test_similar_cases_tag_shows_nothing_to_non_staff(courts: CourtTree, users: Users) -> None:
    judgment_index_put(entry=entry(courts.haidian, 803))
    template = Template("{% load search_tags %}{% similar_cases publication_id=1 staff_only_for=user %}")
    assert "类案推送" not in template.render(Context({"user": users.litigant}))
    assert "类案推送" in template.render(Context({"user": users.clerk}))
