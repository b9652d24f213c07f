"""Pages: the enforcement case page's credit section (forms, messages on bad input, CSRF), the court
list at /credit/ with its reminders and navigation entry, and bad form input on every credit page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.cases.conftest import on_day
from tests.conftest import Users
from tests.credit.conftest import ADULT_ID, LISTING_DEFAULTS, EnforcementWorld
from tianping.credit.models import ConsumptionRestriction, DishonestListing

pytestmark = pytest.mark.django_db
ListDebtor = Callable[..., Any]


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_case_page_shows_the_forms_to_an_officer(client: Client, world: EnforcementWorld, users: Users) -> None:
    case_url = reverse("cases:detail", args=[world.case.pk])
    client.force_login(world.officer)
    html = page(client, case_url)
    assert 'id="credit"' in html
    assert reverse("credit:list_debtor", args=[world.case.pk]) in html
    assert 'name="conducts" value="obstructs"' in html
    assert "csrfmiddlewaretoken" in html
    client.force_login(users.clerk)  # sees the section, not the forms
    html = page(client, case_url)
    assert 'id="credit"' in html
    assert reverse("credit:list_debtor", args=[world.case.pk]) not in html
    client.force_login(users.litigant)  # the applicant's own view of the case has no credit section
    assert 'id="credit"' not in page(client, case_url)


def test_listing_and_removing_on_the_case_page(client: Client, world: EnforcementWorld) -> None:
    client.force_login(world.officer)
    url = reverse("credit:list_debtor", args=[world.case.pk])
    form = {**LISTING_DEFAULTS, "party_id": world.debtor.pk, "conducts": ["evades", "obstructs"],
            "term_extension_years": "1"}  # fmt: skip
    response = client.post(url, form, follow=True)
    assert "已纳入失信被执行人名单" in response.content.decode()
    listing = DishonestListing.objects.get()
    assert (listing.conducts, listing.term_ends_on) == (["obstructs", "evades"], dt.date(2029, 3, 10))
    html = response.content.decode()
    assert ADULT_ID in html
    assert reverse("credit:remove", args=[listing.pk]) in html
    response = client.post(reverse("credit:remove", args=[listing.pk]), {"reason": "performed"}, follow=True)
    assert "已删除失信信息" in response.content.decode()
    assert DishonestListing.objects.get().status == "removed"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"conducts": []}, "请至少选择一项失信行为"),
        ({"term_extension_years": "x"}, "延长年限应为0至3年"),
        ({"security_given": "on"}, "已提供充分有效担保"),
        ({"party_id": "abc"}, "当事人不存在"),
    ],
)
def test_bad_listing_forms_give_a_message_and_write_nothing(
    client: Client, world: EnforcementWorld, form: dict[str, Any], message: str
) -> None:
    client.force_login(world.officer)
    data = {**LISTING_DEFAULTS, "party_id": world.debtor.pk, **form}
    response = client.post(reverse("credit:list_debtor", args=[world.case.pk]), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DishonestListing.objects.exists()


def test_restricting_on_the_case_page(client: Client, world: EnforcementWorld) -> None:
    client.force_login(world.officer)
    form = {"party_id": world.company.pk, "order_number": "限1号", "person_name_0": "赵控制",
            "person_role_0": "actual_controller", "person_name_1": "", "person_role_1": "principal"}  # fmt: skip
    response = client.post(reverse("credit:restrict", args=[world.case.pk]), form, follow=True)
    assert "已发布限制消费令" in response.content.decode()
    order = ConsumptionRestriction.objects.get()
    assert [p["name"] for p in order.restricted_persons] == ["周经理", "赵控制"]
    response = client.post(reverse("credit:lift", args=[order.pk]), {"reason": "performed"}, follow=True)
    assert "已解除限制消费" in response.content.decode()
    bad = {**form, "person_id_number_0": "123"}
    response = client.post(reverse("credit:restrict", args=[world.case.pk]), bad, follow=True)
    assert "身份证号码应为18位" in response.content.decode()
    assert ConsumptionRestriction.objects.count() == 1


def test_forms_need_the_csrf_token(world: EnforcementWorld) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    data = {**LISTING_DEFAULTS, "party_id": world.debtor.pk}
    assert client.post(reverse("credit:list_debtor", args=[world.case.pk]), data).status_code == 403
    assert not DishonestListing.objects.exists()


def test_outsiders_get_404_pages(
    client: Client, world: EnforcementWorld, users: Users, list_debtor: ListDebtor
) -> None:
    listing = list_debtor()
    data = {**LISTING_DEFAULTS, "party_id": world.company.pk}
    for user in (users.outsider, world.other_officer):
        client.force_login(user)
        assert client.post(reverse("credit:list_debtor", args=[world.case.pk]), data).status_code == 404
        assert client.post(reverse("credit:remove", args=[listing.pk]), {"reason": "performed"}).status_code == 404
    client.force_login(users.litigant)
    assert client.get(reverse("credit:court_list")).status_code == 404
    assert client.post(reverse("credit:remove", args=[listing.pk]), {"reason": "performed"}).status_code == 404
    client.post(reverse("credit:list_debtor", args=[world.case.pk]), data)  # sees the case, may not decide
    assert DishonestListing.objects.count() == 1


def test_the_court_list_shows_reminders_and_the_nav_entry(
    client: Client, world: EnforcementWorld, users: Users, list_debtor: ListDebtor, close_case: Callable[[str], Any]
) -> None:
    list_debtor()
    with on_day(dt.date(2026, 3, 13)):
        close_case("fulfilled")
    client.force_login(world.officer)
    with on_day(dt.date(2026, 3, 16)):
        html = page(client, reverse("credit:court_list"))
    assert "王失信" in html
    assert ADULT_ID in html
    assert "应在2026-03-18前删除" in html
    assert f'href="{reverse("credit:court_list")}"' in html  # the navigation entry
    assert "王失信" not in page(client, reverse("credit:court_list") + "?status=removed")
    assert "北京欠款有限公司" not in page(client, reverse("credit:court_list") + "?kind=restrictions")
    client.force_login(users.clerk)
    html = page(client, reverse("credit:court_list"))
    assert f'href="{reverse("credit:court_list")}"' not in html


FORMS: list[dict[str, Any]] = [
    {},
    {"party_id": "x", "conducts": ["a", ""], "term_extension_years": "-1", "reason": "长" * 5000, "note": "长" * 5000},
    {"party_id": "99999999999999999999999", "term_extension_years": "9" * 50, "person_name_0": "长" * 500,
     "person_role_0": "x", "person_id_number_0": "长" * 50, "order_number": "长" * 500, "performance": "x"},
]  # fmt: skip


def test_bad_form_input_on_every_credit_page_is_never_a_500(
    client: Client, world: EnforcementWorld, users: Users, list_debtor: ListDebtor
) -> None:
    listing = list_debtor()
    client.raise_request_exception = False
    ids = {"case_id": world.case.pk, "listing_id": listing.pk, "restriction_id": 1}
    urls = [
        reverse("credit:list_debtor", args=[ids["case_id"]]),
        reverse("credit:restrict", args=[ids["case_id"]]),
        reverse("credit:remove", args=[ids["listing_id"]]),
        reverse("credit:lift", args=[ids["restriction_id"]]),
    ]
    for user in (world.officer, users.clerk, users.litigant, users.outsider):
        client.force_login(user)
        for url in urls:
            for form in FORMS:
                assert client.post(url, form).status_code < 500, (url, form)
        for query in ({"page": "x", "status": "长" * 200, "court": "y", "kind": "z"}, {"court": "9" * 40}):
            assert client.get(reverse("credit:court_list"), query).status_code < 500


def test_the_admin_is_read_only_and_masks_id_numbers(
    client: Client, world: EnforcementWorld, list_debtor: ListDebtor
) -> None:
    from tianping.accounts.models import User

    listing = list_debtor()
    order = ConsumptionRestriction.objects.create(
        **{f: getattr(listing, f) for f in ("case", "party", "court", "case_number", "filed_on", "is_person",
                                            "name", "gender", "birth_date", "id_number")},
        status="in_force", issued_on=listing.listed_on, issued_by=world.officer,
    )  # fmt: skip
    client.force_login(User.objects.create_superuser("creditadmin", "creditadmin@example.cn", "Tianping-test-2026"))
    for model, pk in (("dishonestlisting", listing.pk), ("consumptionrestriction", order.pk)):
        changelist = client.get(f"/admin/credit/{model}/")
        change = client.get(f"/admin/credit/{model}/{pk}/change/")
        assert changelist.status_code == change.status_code == 200
        for html in (changelist.content.decode(), change.content.decode()):
            assert "王失信" in html
            assert ADULT_ID not in html
            assert ADULT_ID[:6] + "********" + ADULT_ID[-4:] in html
        assert client.get(f"/admin/credit/{model}/add/").status_code == 403
        assert client.post(f"/admin/credit/{model}/{pk}/delete/").status_code == 403
