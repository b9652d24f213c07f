"""A filing clerk registers a case at the counter, draws the judge, and the case page shows it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests import factories
from tianping.accounts.enums import Role
from tianping.cases.models import Assignment, Case

pytestmark = pytest.mark.django_db(transaction=True)


def test_register_assign_and_read_the_case_page(page: Any, live_server: Any) -> None:
    court = factories.court("京0105", "北京市朝阳区人民法院", "basic", division_code="110105", short_name="朝阳法院")
    factories.staff_user("e2e_clerk", court, Role.FILING_CLERK, real_name="王立案")
    factories.staff_user("e2e_judge_a", court, Role.JUDGE, real_name="林审判")
    factories.staff_user("e2e_judge_b", court, Role.JUDGE, real_name="高审判")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "e2e_clerk")
    page.fill("input[name=password]", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/home/")

    page.goto(f"{live_server.url}/cases/new/")
    page.select_option("select[name=type_code]", "民初")
    page.fill("input[name=cause]", "民间借贷纠纷")
    page.fill("input[name=claim_amount]", "150000")
    page.select_option("select[name=party-0-role]", "plaintiff")
    page.fill("input[name=party-0-name]", "张三")
    page.fill("input[name=party-0-id_code]", factories.make_id_number(sequence=7))
    page.fill("input[name=party-0-mobile]", "13800138000")
    page.select_option("select[name=party-1-role]", "defendant")
    page.select_option("select[name=party-1-kind]", "legal")
    page.fill("input[name=party-1-name]", "北京某某科技有限公司")
    page.click("main form[method=post] .form-actions button[type=submit]")

    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    case = Case.objects.get()
    assert case.number == f"（{case.year}）京0105民初1号"
    assert case.number in page.inner_text("body")
    assert "已立案" in page.inner_text("body")

    page.check("input[name=method][value=random]")
    page.click("form.assign-form button[type=submit]")
    page.wait_for_load_state("networkidle")

    case.refresh_from_db()
    assignment = Assignment.objects.get(case=case)
    body = page.inner_text("body")
    assert case.status == "assigned"
    assert case.judge.real_name in body
    assert "已分案" in body
    assert "随机分案" in body
    assert assignment.seed[:8] in page.content()  # the seed is shown so anyone can re-run the draw
    assert "张三" in body
    assert page.console_errors == []
