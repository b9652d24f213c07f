"""Drafting through the services: pre-filled sections, who may write, revisions, submit/return,
missing sections and what is refused (with nothing written)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.judgments.drafting_world import FILLED, PLAINTIFF_ID, World, fill, ready, world_fixture  # noqa: F401
from tianping.cases.enums import CaseStatus
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.filing.models import Filing
from tianping.hearings.enums import HearingStatus
from tianping.hearings.models import Hearing
from tianping.judgments import selectors, services
from tianping.judgments.enums import ApprovalLevel, DocumentKind, DraftStatus
from tianping.judgments.models import Draft
from tianping.judgments.rendering import kinds
from tianping.payments import services as payment_services

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return Draft.objects.count(), AuditRecord.objects.count()


def test_a_new_draft_is_prefilled_with_what_the_case_knows(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    s = draft.sections
    assert draft.title == "民事判决书"
    assert (draft.status, draft.revision, draft.approval_level) == (DraftStatus.DRAFTING, 0, ApprovalLevel.PRESIDING)
    assert (draft.closes_case, draft.closing_method) == (True, "judgment")
    assert s[kinds.PARTIES].splitlines()[0] == "原告：张三，男，1985年3月12日出生，汉族，住北京市朝阳区建国路1号。"
    assert "被告：北京某某科技有限公司，住所地北京市海淀区中关村大街2号。" in s[kinds.PARTIES]
    assert "法定代表人：周经理。" in s[kinds.PARTIES]
    assert "委托诉讼代理人：李律师，北京市天平律师事务所律师。" in s[kinds.PARTIES]
    assert PLAINTIFF_ID not in s[kinds.PARTIES]
    assert "13800138000" not in s[kinds.PARTIES]
    assert "原告张三与被告北京某某科技有限公司" in s[kinds.PROCEDURE]
    assert "立案后" in s[kinds.PROCEDURE]
    assert "组成合议庭" in s[kinds.PROCEDURE]
    assert s[kinds.PANEL].splitlines() == ["审判长　李法官", "审判员　周法官", "人民陪审员　吴陪审"]
    assert s[kinds.CLERK] == "书记员　钱书记"
    assert "十五日内" in s[kinds.APPEAL_NOTICE]
    assert "北京市第三中级人民法院" in s[kinds.APPEAL_NOTICE]
    assert s[kinds.FACTS] == s[kinds.REASONING] == s[kinds.DECISION] == ""
    assert AuditRecord.objects.filter(action="judgments.draft_create", object_id=str(draft.pk)).exists()


@pytest.mark.parametrize(
    ("kind", "title", "notice"),
    [
        (DocumentKind.RULING, "民事裁定书", "十日内"),
        (DocumentKind.MEDIATION, "民事调解书", "签收后，即具有法律效力"),
        (DocumentKind.PAYMENT_ORDER, "支付令", "十五日内清偿债务"),
        (DocumentKind.DECISION, "民事决定书", ""),
    ],
)
def test_each_kind_has_its_title_and_notice(world: World, kind: str, title: str, notice: str) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=kind)
    assert draft.title == title
    assert set(draft.sections) == set(kinds.spec_for(kind).keys)
    if notice:
        assert notice in draft.sections[kinds.APPEAL_NOTICE]
    else:
        assert draft.sections[kinds.APPEAL_NOTICE] == ""
    assert draft.approval_level == kinds.spec_for(kind).approval_level


def test_decision_defaults_to_the_president(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.DECISION)
    assert draft.approval_level == ApprovalLevel.PRESIDENT


@pytest.mark.parametrize("who", ["judge", "second_judge", "court_clerk", "assistant"])
def test_the_case_handlers_may_draft(world: World, who: str) -> None:
    actor = getattr(world.users, who, None) or getattr(world, who)
    draft = services.draft_create(actor=actor, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    updated = fill(actor, draft)
    assert updated.revision == 1


@pytest.mark.parametrize(("who", "error"), [("other_judge", PermissionDenied), ("clerk", PermissionDenied),
                                             ("outsider", NotFound), ("litigant", NotFound),
                                             ("lawyer", NotFound)])  # fmt: skip
def test_others_may_not_draft(world: World, who: str, error: type[Exception]) -> None:
    actor = getattr(world, who, None) or getattr(world.users, who)
    before = _counts()
    with pytest.raises(error):
        services.draft_create(actor=actor, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    assert _counts() == before


def test_unknown_kind_is_refused(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        services.draft_create(actor=world.users.judge, case=world.case, kind="poem")
    assert caught.value.code == "invalid_kind"


def test_a_stale_revision_is_a_conflict_and_changes_nothing(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    services.draft_update(actor=world.users.judge, draft=draft, revision=0, sections={"facts": "第一稿"})
    with pytest.raises(Conflict) as caught:
        services.draft_update(actor=world.court_clerk, draft=draft, revision=0, sections={"facts": "覆盖"})
    assert caught.value.code == "stale_revision"
    assert caught.value.details["current_revision"] == 1
    draft.refresh_from_db()
    assert (draft.revision, draft.sections["facts"]) == (1, "第一稿")


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"sections": {"poem": "x"}}, "unknown_section"),
        ({"sections": {"facts": 5}}, "invalid_sections"),
        ({"sections": ["facts"]}, "invalid_sections"),
        ({"sections": {"facts": "长" * (kinds.SECTION_MAX_CHARS + 1)}}, "section_too_long"),
        ({"title": ""}, "title_required"),
        ({"title": "书" * 101}, "too_long"),
        ({"closing_method": "magic"}, "invalid_closing_method"),
        ({"approval_level": "emperor"}, "invalid_approval_level"),
        ({"outcome": "果" * 201}, "too_long"),
    ],
)
def test_bad_changes_are_refused(world: World, changes: dict[str, Any], code: str) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    before = _counts()
    with pytest.raises(ValidationFailed) as caught:
        services.draft_update(actor=world.users.judge, draft=draft, revision=0, **changes)
    assert caught.value.code == code
    draft.refresh_from_db()
    assert draft.revision == 0
    assert _counts() == before


def test_approval_level_may_be_raised_not_lowered(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.DECISION)
    with pytest.raises(ValidationFailed) as caught:
        services.draft_update(actor=world.users.judge, draft=draft, revision=0, approval_level="presiding")
    assert caught.value.code == "approval_level_too_low"
    civil = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    raised = services.draft_update(actor=world.users.judge, draft=civil, revision=0, approval_level="division_head")
    assert raised.approval_level == ApprovalLevel.DIVISION_HEAD


def test_submit_lists_every_missing_section(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    with pytest.raises(ValidationFailed) as caught:
        services.draft_submit(actor=world.users.judge, draft=draft)
    assert caught.value.code == "sections_missing"
    assert caught.value.details["missing"] == ["facts", "reasoning", "decision"]
    assert "本院查明" in caught.value.message
    assert "判决主文" in caught.value.message
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFTING


def test_closing_method_is_required_when_the_document_closes_the_case(world: World) -> None:
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    draft = fill(world.users.judge, draft, closing_method="")
    with pytest.raises(ValidationFailed) as caught:
        services.draft_submit(actor=world.users.judge, draft=draft)
    assert caught.value.code == "closing_method_required"
    draft = services.draft_update(actor=world.users.judge, draft=draft, revision=draft.revision, closes_case=False)
    assert services.draft_submit(actor=world.users.judge, draft=draft).status == DraftStatus.SUBMITTED


def test_submitted_draft_is_locked_until_returned(world: World) -> None:
    draft = ready(world)
    with pytest.raises(Conflict) as caught:
        services.draft_update(actor=world.users.judge, draft=draft, revision=draft.revision, sections={"facts": "x"})
    assert caught.value.code == "draft_submitted"
    returned = services.draft_return(actor=world.users.judge, draft=draft, note="事实部分请补充证据认定")
    assert (returned.status, returned.review_note) == (DraftStatus.RETURNED, "事实部分请补充证据认定")
    again = services.draft_update(actor=world.users.judge, draft=returned, revision=returned.revision,
                                  sections={"facts": FILLED["facts"] + "以上事实有合同为证。"})  # fmt: skip
    assert services.draft_submit(actor=world.users.judge, draft=again).status == DraftStatus.SUBMITTED
    actions = [a.action for a in AuditRecord.objects.filter(object_id=str(draft.pk), action__startswith="judgments.")]
    assert actions.count("judgments.draft_submit") == 2
    assert "judgments.draft_return" in actions


def test_return_needs_a_note_and_the_issuer(world: World) -> None:
    draft = ready(world)
    with pytest.raises(ValidationFailed):
        services.draft_return(actor=world.users.judge, draft=draft, note="  ")
    with pytest.raises(PermissionDenied):
        services.draft_return(actor=world.court_clerk, draft=draft, note="不行")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SUBMITTED


def test_a_closed_case_gets_documents_that_do_not_close_it(world: World) -> None:
    world.case.status = CaseStatus.CLOSED
    world.case.save()
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.RULING)
    assert draft.closes_case is False


def test_selectors_my_drafts_case_drafts_and_gatekeeper(world: World) -> None:
    draft = services.draft_create(actor=world.court_clerk, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    assert list(selectors.my_drafts(user=world.users.judge)) == [draft]
    assert list(selectors.my_drafts(user=world.court_clerk)) == [draft]
    assert list(selectors.my_drafts(user=world.other_judge)) == []
    assert [d.pk for d in selectors.case_drafts(case=world.case)] == [draft.pk]
    assert selectors.draft_for_user(world.other_judge, draft.pk) == draft  # same court: may read the case
    for outsider in (world.users.outsider, world.users.litigant, world.users.lawyer):
        with pytest.raises(NotFound):
            selectors.draft_for_user(outsider, draft.pk)


def test_claims_hearings_held_and_fee_ordered_are_prefilled(world: World) -> None:
    at = dt.datetime(2026, 10, 12, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    common = {"case": world.case, "court": world.case.court, "presiding_judge": world.users.judge,
              "scheduled_by": world.users.judge}  # fmt: skip
    for starts, status in ((at, HearingStatus.FINISHED), (at + dt.timedelta(days=3), HearingStatus.CANCELLED)):
        Hearing.objects.create(starts_at=starts, ends_at=starts + dt.timedelta(hours=2), status=status, **common)
    online = at + dt.timedelta(days=30)
    Hearing.objects.create(
        starts_at=online, ends_at=online + dt.timedelta(hours=1), status=HearingStatus.FINISHED, mode="online", **common
    )
    payment_services.fee_order_issue(
        actor=world.users.clerk, court_id=world.case.court_id, payer_account_id=None, payer_name="张三",
        amount=Decimal("3300.00"), purpose="acceptance_fee", related_type="cases.Case", related_id=world.case.pk,
        description="案件受理费",
    )  # fmt: skip
    Filing.objects.create(court=world.case.court, owner=world.users.litigant, kind="civil", case=world.case,
                          claims=["判令被告支付货款10000元", "本案诉讼费用由被告负担。"])  # fmt: skip
    draft = services.draft_create(actor=world.users.judge, case=world.case, kind=DocumentKind.CIVIL_JUDGMENT)
    assert (
        draft.sections[kinds.CLAIMS]
        == "原告张三向本院提出诉讼请求：1. 判令被告支付货款10000元；2. 本案诉讼费用由被告负担。"
    )
    assert "于2026年10月12日、2026年11月11日以线上线下相结合的方式公开开庭进行了审理" in draft.sections[kinds.PROCEDURE]
    assert "10月15日" not in draft.sections[kinds.PROCEDURE]  # the cancelled sitting
    assert draft.sections[kinds.COSTS] == "案件受理费3,300元，由被告北京某某科技有限公司负担。"
