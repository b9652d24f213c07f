"""The case pages: workbench, list, registration at the counter, the case page and its actions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests import factories
from tests.conftest import CourtTree, Users
from tianping.cases import services
from tianping.cases.enums import ApprovalStatus, CaseStatus, DesignationReason, PartyKind, PartyRole
from tianping.cases.models import Assignment, Case, Party, TimeLimitExtension
from tianping.core.models import AuditRecord
from tianping.core.validators import credit_code_check_char

pytestmark = pytest.mark.django_db
_serial = iter(range(5000, 100000))


def credit_code() -> str:
    first17 = f"91110105MA{next(_serial):07d}"
    return first17 + credit_code_check_char(first17)


def register(courts: CourtTree, users: Users, **extra: Any) -> Case:
    parties = extra.pop("parties", None) or [
        services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name="张三",
                            id_number=factories.make_id_number(), mobile=factories.make_mobile(),
                            address="北京市朝阳区建国路88号院3号楼"),
        services.PartyInput(kind=PartyKind.LEGAL, role=PartyRole.DEFENDANT, name="北京某某科技有限公司",
                            credit_code=credit_code()),
    ]  # fmt: skip
    return services.case_register(
        actor=users.clerk, court_id=courts.chaoyang.pk, type_code="民初", parties=parties, **extra
    )


def designate(case: Case, users: Users, judge: Any, approve: bool = True) -> Assignment:
    request = services.case_designate(
        actor=users.clerk, case=case, judge_id=judge.pk, reason=DesignationReason.RELATED_CASE
    )
    if approve:
        services.assignment_decide(actor=users.division_head, assignment=request, approve=True)
    case.refresh_from_db()
    return request


@pytest.fixture
def as_user(client: Client, users: Users) -> Any:
    def sign_in(user: Any) -> Client:
        client.force_login(user)
        return client

    return sign_in


def page(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def registration_data(courts: CourtTree, **overrides: str) -> dict[str, str]:
    data = {
        "court": str(courts.chaoyang.pk),
        "type_code": "民初",
        "procedure": "",
        "marker": "",
        "cause": "民间借贷纠纷",
        "claim_amount": "50,000.00",
        "received_on": "",
        "division": "",
        "title": "",
        # row 0: a natural person, row 1: a company, rows 2 and 3 left as offered
        "party-0-role": "plaintiff", "party-0-kind": "natural", "party-0-name": "王小明",
        "party-0-id_code": factories.make_id_number(), "party-0-mobile": "13800138000",
        "party-0-address": "北京市朝阳区", "party-0-legal_representative": "",
        "party-1-role": "defendant", "party-1-kind": "legal", "party-1-name": "北京某某贸易有限公司",
        "party-1-id_code": credit_code(), "party-1-mobile": "", "party-1-address": "",
        "party-1-legal_representative": "刘经理",
        "party-2-role": "defendant", "party-2-kind": "natural", "party-2-name": "", "party-2-id_code": "",
        "party-2-mobile": "", "party-2-address": "", "party-2-legal_representative": "",
        "party-3-role": "third_party", "party-3-kind": "natural", "party-3-name": "", "party-3-id_code": "",
        "party-3-mobile": "", "party-3-address": "", "party-3-legal_representative": "",
    }  # fmt: skip
    data.update(overrides)
    return data


# ---- navigation and workbench ----------------------------------------------------------------------


def test_staff_navigation_marks_only_the_current_entry(as_user: Any, users: Users) -> None:
    html = page(as_user(users.judge).get("/cases/list/"))

    assert "案件工作台" in html
    assert "案件查询" in html
    current = re.findall(r'<a href="([^"]+)"[^>]*class="is-current"', html)
    assert current == ["/cases/list/"]


def test_litigants_have_no_workbench(as_user: Any, users: Users) -> None:
    client = as_user(users.litigant)

    assert client.get("/cases/").status_code == 403
    assert "案件工作台" not in page(client.get("/accounts/home/"))


def test_workbench_lists_my_cases_with_urgency(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    designate(case, users, users.judge)
    Case.objects.filter(pk=case.pk).update(deadline=case.filed_on)  # due today: red

    html = page(as_user(users.judge).get("/cases/"))

    assert case.number in html
    assert "row-danger" in html
    assert "今日届满" in html
    assert "我的在办案件" in html


def test_workbench_shows_pending_approvals_with_buttons(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    designate(case, users, users.judge, approve=False)

    html = page(as_user(users.president).get("/cases/"))

    assert "待审批事项" in html
    assert case.number in html
    assert 'name="approve" value="1"' in html
    assert 'name="approve" value="0"' in html
    assert "csrfmiddlewaretoken" in html


def test_workbench_shows_cases_awaiting_assignment_to_the_clerk(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)

    html = page(as_user(users.clerk).get("/cases/"))

    assert "已立案待分案" in html
    assert case.number in html
    assert "窗口立案" in html


def test_approving_from_the_workbench(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    request = designate(case, users, users.judge, approve=False)
    client = as_user(users.president)

    response = client.post(f"/cases/assignments/{request.pk}/decide/", {"approve": "1", "note": "", "next": "/cases/"})

    assert response.status_code == 302
    assert response["Location"] == "/cases/"
    case.refresh_from_db()
    assert case.judge_id == users.judge.pk
    assert case.status == CaseStatus.ASSIGNED
    assert "已批准" in page(client.get("/cases/"))


def test_self_approval_from_the_page_is_refused_with_a_message(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    request = services.case_designate(
        actor=users.division_head, case=case, judge_id=users.judge.pk, reason=DesignationReason.RELATED_CASE
    )
    client = as_user(users.division_head)

    response = client.post(f"/cases/assignments/{request.pk}/decide/", {"approve": "1"}, follow=True)

    assert "申请人不能审批自己的申请" in page(response)
    request.refresh_from_db()
    assert request.status == ApprovalStatus.PENDING


# ---- list ------------------------------------------------------------------------------------------


def test_case_list_filters_and_scope(as_user: Any, courts: CourtTree, users: Users) -> None:
    first = register(courts, users)
    second = register(
        courts,
        users,
        parties=[
            services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name="欧阳明月"),
            services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.DEFENDANT, name="司马青衫"),
        ],
    )
    client = as_user(users.clerk)

    everything = page(client.get("/cases/list/"))
    searched = page(client.get("/cases/list/", {"q": "司马"}))
    partial = page(client.get("/cases/list/", {"q": "司马"}, headers={"HX-Request": "true"}))

    assert first.number in everything
    assert second.number in everything
    assert "共 2 件案件" in everything
    assert second.number in searched
    assert first.number not in searched
    assert "<html" not in partial
    assert second.number in partial
    client.logout()
    assert first.number not in page(as_user(users.outsider).get("/cases/list/"))


def test_case_list_paginates(as_user: Any, courts: CourtTree, users: Users) -> None:
    for _ in range(21):
        register(courts, users)
    client = as_user(users.clerk)

    first, second = page(client.get("/cases/list/")), page(client.get("/cases/list/", {"page": 2}))

    assert "第 1 / 2 页" in first
    assert 'rel="next"' in first
    assert second.count('href="/cases/') >= 1
    assert "第 2 / 2 页" in second


def test_unknown_cause_in_the_filter_is_a_message_not_an_error(as_user: Any, courts: CourtTree, users: Users) -> None:
    html = page(as_user(users.clerk).get("/cases/list/", {"cause": "不存在的案由"}))

    assert "没有找到该案由" in html


# ---- registration at the counter -------------------------------------------------------------------


def test_registration_form_is_for_registrars(as_user: Any, courts: CourtTree, users: Users) -> None:
    html = page(as_user(users.clerk).get("/cases/new/"))

    assert "窗口立案" in html
    assert 'name="party-3-name"' in html
    assert "民事一审案件" in html
    assert 'list="cause-options"' in html
    assert as_user(users.judge).get("/cases/new/").status_code == 403


def test_registration_creates_the_case_and_ignores_blank_rows(as_user: Any, courts: CourtTree, users: Users) -> None:
    client = as_user(users.clerk)

    response = client.post("/cases/new/", registration_data(courts))

    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert [(p.role, p.kind, p.name) for p in case.parties.all()] == [
        ("plaintiff", "natural", "王小明"),
        ("defendant", "legal", "北京某某贸易有限公司"),
    ]
    assert case.cause is not None
    assert case.cause.name == "民间借贷纠纷"
    assert str(case.claim_amount) == "50000.00"
    assert case.parties.get(kind="legal").legal_representative == "刘经理"
    html = page(client.get(response["Location"]))
    assert f"立案成功，案号：{case.number}" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"party-0-id_code": "110105198503120000"}, "身份证号码校验位不正确"),
        ({"party-1-id_code": "12345"}, "统一社会信用代码应为18位"),
        ({"party-0-mobile": "999"}, "手机号码应为以1开头的11位数字"),
        (
            {"party-1-name": "", "party-1-kind": "natural", "party-1-id_code": "", "party-1-legal_representative": ""},
            "当事人不完整",
        ),
        ({"party-1-name": ""}, "这个字段是必填项"),
        ({"party-2-name": "", "party-2-role": "appellant"}, "这个字段是必填项"),
        ({"cause": "不存在的案由"}, "没有找到该案由"),
        ({"claim_amount": "十万"}, "金额格式不正确"),
        ({"type_code": "民终", "cause": ""}, "当事人不完整"),
    ],
)
def test_invalid_registration_shows_chinese_messages_and_saves_nothing(
    as_user: Any, courts: CourtTree, users: Users, overrides: dict[str, str], message: str
) -> None:
    response = as_user(users.clerk).post("/cases/new/", registration_data(courts, **overrides))

    html = page(response)
    assert message in html, html[:3000]
    assert "立案信息有误" in html
    assert not Case.objects.exists()
    assert not Party.objects.exists()
    assert 'value="王小明"' in html  # what was typed is kept


def test_an_id_number_error_is_shown_on_its_row(as_user: Any, courts: CourtTree, users: Users) -> None:
    data = registration_data(courts, **{"party-1-kind": "natural", "party-1-id_code": "110105198503120000"})

    html = page(as_user(users.clerk).post("/cases/new/", data))

    rows = html.split('<fieldset class="party-row')
    assert "身份证号码校验位不正确" in rows[2]
    assert "身份证号码校验位不正确" not in rows[1]


def test_cause_options_for_the_datalist(as_user: Any, users: Users) -> None:
    html = page(as_user(users.clerk).get("/cases/causes/options/", {"cause": "借款", "type_code": "民初"}))

    assert "<option" in html
    assert "借款" in html
    assert "<html" not in html


# ---- the case page ---------------------------------------------------------------------------------


def test_case_page_for_the_filing_clerk(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    full_id = case.parties.get(role=PartyRole.PLAINTIFF).id_number

    html = page(as_user(users.clerk).get(f"/cases/{case.pk}/"))

    assert case.number in html
    assert "已立案" in html
    assert full_id in html
    assert "已部分隐去" not in html
    for section in ("基本信息", "审限", "当事人", "审判组织", "关联案件", "分案记录", "案件节点", "审计摘录"):
        assert section in html, section
    assert "case.register" in html  # the audit excerpt
    assert f'action="/cases/{case.pk}/assign/"' in html
    assert AuditRecord.objects.filter(action="sensitive.read", object_id=str(case.pk), actor_username="clerk").exists()


def test_case_page_masks_for_a_judge_of_another_case(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    full_id = case.parties.get(role=PartyRole.PLAINTIFF).id_number

    html = page(as_user(users.judge).get(f"/cases/{case.pk}/"))

    assert full_id not in html
    assert full_id[:6] + "********" + full_id[-4:] in html
    assert "已部分隐去" in html
    assert f'action="/cases/{case.pk}/assign/"' not in html  # a judge does not assign


def test_case_page_for_the_judge_in_charge_offers_the_next_steps(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    designate(case, users, users.judge)

    html = page(as_user(users.judge).get(f"/cases/{case.pk}/"))

    assert "办理操作" in html
    assert "申请延长审限" in html
    assert "扣除审限" in html
    assert "组成合议庭" in html
    assert '<option value="in_trial">审理中</option>' in html
    assert "剩余" in html
    assert "届满日" in html


def test_case_page_is_404_outside_scope(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)

    assert as_user(users.outsider).get(f"/cases/{case.pk}/").status_code == 404
    assert as_user(users.litigant).get(f"/cases/{case.pk}/").status_code == 404
    assert as_user(users.clerk).get("/cases/999999/").status_code == 404
    assert as_user(users.outsider).post(f"/cases/{case.pk}/assign/", {"method": "random"}).status_code == 404
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REGISTERED


def test_a_party_sees_their_case_without_the_audit_excerpt(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(
        courts,
        users,
        parties=[
            services.PartyInput(kind=PartyKind.NATURAL, role=PartyRole.PLAINTIFF, name="张三",
                                account_id=users.litigant.pk),
            services.PartyInput(kind=PartyKind.LEGAL, role=PartyRole.DEFENDANT, name="北京某公司"),
        ],
    )  # fmt: skip

    html = page(as_user(users.litigant).get(f"/cases/{case.pk}/"))

    assert case.number in html
    assert "审计摘录" not in html
    assert "办理操作" not in html


def test_random_assignment_from_the_case_page(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    client = as_user(users.clerk)

    response = client.post(f"/cases/{case.pk}/assign/", {"method": "random", "reason": "", "note": ""}, follow=True)

    html = page(response)
    assert "已完成随机分案" in html
    assert "已校验 ✓" in html
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSIGNED
    assert case.judge_id is not None


def test_designation_from_the_page_needs_a_judge(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)

    html = page(as_user(users.clerk).post(f"/cases/{case.pk}/assign/", {"method": "designated"}, follow=True))

    assert "指定分案须选择承办法官" in html
    assert not Assignment.objects.exists()


def test_illegal_transition_from_the_page_is_a_message(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)

    html = page(as_user(users.president).post(f"/cases/{case.pk}/transition/", {"to_status": "effective"}, follow=True))

    assert "不能变更为" in html
    case.refresh_from_db()
    assert case.status == CaseStatus.REGISTERED


def test_extension_requested_and_approved_through_the_pages(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    designate(case, users, users.judge)
    before = case.deadline
    judge = as_user(users.judge)

    html = page(judge.post(f"/cases/{case.pk}/extension/", {"months": "3", "days": "0", "reason": "鉴定"}, follow=True))

    assert "已提交延长审限申请" in html
    extension = TimeLimitExtension.objects.get()
    judge.logout()
    president = as_user(users.president)
    assert "延长审限" in page(president.get("/cases/"))
    president.post(f"/cases/extensions/{extension.pk}/decide/", {"approve": "1", "next": f"/cases/{case.pk}/"})
    case.refresh_from_db()
    assert case.deadline is not None
    assert before is not None
    assert case.deadline > before


def test_suspension_and_resumption_through_the_pages(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    designate(case, users, users.judge)
    head = as_user(users.division_head)  # a division head's suspension takes effect at once
    today = case.filed_on.isoformat() if case.filed_on else ""

    html = page(head.post(f"/cases/{case.pk}/suspension/", {"reason": "appraisal", "started_on": today}, follow=True))

    assert "扣除审限期间已登记" in html
    assert "暂停计算" in html
    assert "恢复审限计算" in html
    html = page(head.post(f"/cases/{case.pk}/resume/", {"ended_on": today}, follow=True))
    assert "已恢复审限计算" in html


def test_panel_from_the_page(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    designate(case, users, users.judge)

    html = page(
        as_user(users.judge).post(
            f"/cases/{case.pk}/panel/", {"judges": [str(users.president.pk)], "assessors": "钱一、孙二"}, follow=True
        )
    )

    assert "合议庭已组成" in html
    assert "钱一" in html
    assert "孙二" in html
    assert "刘院长" in html


# ---- supervision -----------------------------------------------------------------------------------


def test_assignment_supervision_lists_designations(as_user: Any, courts: CourtTree, users: Users) -> None:
    case = register(courts, users)
    designate(case, users, users.judge)
    drawn = register(courts, users)
    services.case_assign_random(actor=users.clerk, case=drawn)

    html = page(as_user(users.auditor).get("/supervision/assignments/"))

    assert case.number in html
    assert drawn.number not in html
    assert "同一当事人的关联案件" in html
    assert "已批准" in html
    assert "分案监督" in html
    assert as_user(users.judge).get("/supervision/assignments/").status_code == 403
    assert case.number not in page(as_user(users.president).get("/supervision/assignments/", {"status": "pending"}))
