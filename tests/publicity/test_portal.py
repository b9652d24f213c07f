"""The public portal home (/open/): no login, statistics, latest publications (when any), entries,
and the 司法公开 entry in everyone's navigation."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import Users
from tests.delivery.conftest import World
from tianping.publicity.models import Publication
from tianping.publicity.selectors import portal

pytestmark = pytest.mark.django_db


def test_home_renders_without_login_and_without_publications(world: World) -> None:
    response = Client().get(reverse("publicity:home"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "暂无公开的裁判文书" in page
    assert reverse("hearings:public") in page
    assert reverse("publicity:process") in page
    statistics = response.context["statistics"]
    assert statistics.filed == 1  # the world's case, filed this year
    assert statistics.published_judgments == 0
    assert 'href="/open/"' in page  # the navigation entry, shown to anonymous visitors


def test_home_lists_the_latest_publications(world: World, monkeypatch: Any) -> None:
    published = [Publication(pk=7, title="张某与北京某某科技有限公司买卖合同纠纷一审民事判决书",
                             case_number=world.case.number, judgment_date=world.case.filed_on,
                             court=world.case.court)]  # fmt: skip
    monkeypatch.setattr(portal.publication_selectors, "latest_publications", lambda *, limit: published)
    page = Client().get(reverse("publicity:home")).content.decode()
    assert "买卖合同纠纷一审民事判决书" in page
    assert "暂无公开的裁判文书" not in page


def test_statistics_are_cached_briefly(world: World, users: Users) -> None:
    first = portal.portal_statistics()
    assert cache.get(f"publicity:portal:statistics:{first.year}") == first


def test_navigation_entry_is_visible_to_everyone(users: Users) -> None:
    for client in (Client(), logged_in(users.litigant), logged_in(users.judge)):
        page = client.get(reverse("hearings:public")).content.decode()
        assert f'href="{reverse("publicity:home")}"' in page


def test_login_page_links_to_the_portal(db: Any) -> None:
    assert f'href="{reverse("publicity:home")}"' in Client().get(reverse("accounts:login")).content.decode()


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client
