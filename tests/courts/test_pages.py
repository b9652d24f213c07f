"""The court directory and court pages respect court scope."""

from __future__ import annotations

import pytest

from tests import factories
from tianping.courts import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, users):
    def sign_in(username: str):
        client.post("/accounts/login/", {"username": username, "password": factories.PASSWORD})
        return client

    return sign_in


def test_directory_lists_the_tree_and_filters(signed_in, courts):
    client = signed_in("judge")
    page = client.get("/courts/").content.decode()
    for name in ("北京市高级人民法院", "北京市第三中级人民法院", "北京市朝阳区人民法院", "北京市海淀区人民法院"):
        assert name in page
    filtered = client.get("/courts/", {"q": "海淀"}).content.decode()
    assert "北京市海淀区人民法院" in filtered
    assert "北京市朝阳区人民法院" not in filtered


def test_directory_htmx_request_gets_only_the_results(signed_in, courts):
    client = signed_in("judge")
    partial = client.get("/courts/", {"level": "basic"}, headers={"HX-Request": "true"}).content.decode()
    assert "北京市朝阳区人民法院" in partial
    assert "<html" not in partial
    assert "北京市高级人民法院" not in partial


def test_detail_shows_staff_only_within_scope(signed_in, courts):
    services.staff_member_create(
        actor=None, court=courts.chaoyang, name="郑书记", gender="female", post="clerk", employee_no="110105-9001"
    )
    own = signed_in("judge").get(f"/courts/{courts.chaoyang.pk}/").content.decode()
    assert "郑书记" in own


def test_outsider_sees_public_profile_but_no_staff(signed_in, courts):
    services.staff_member_create(
        actor=None, court=courts.chaoyang, name="郑书记", gender="female", post="clerk", employee_no="110105-9001"
    )
    response = signed_in("outsider").get(f"/courts/{courts.chaoyang.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "北京市朝阳区人民法院" in page
    assert "郑书记" not in page


def test_higher_court_judge_sees_lower_court_staff(signed_in, courts):
    services.staff_member_create(
        actor=None, court=courts.chaoyang, name="郑书记", gender="female", post="clerk", employee_no="110105-9001"
    )
    assert "郑书记" in signed_in("judge3").get(f"/courts/{courts.chaoyang.pk}/").content.decode()


def test_unknown_court_is_a_404_page(signed_in, courts):
    assert signed_in("judge").get("/courts/999999/").status_code == 404
