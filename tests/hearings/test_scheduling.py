"""Scheduling rules: who schedules, times, courtrooms, every kind of clash, announcement, confidentiality,
participants and summons, status transitions, audit and the case timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.hearings.conftest import at, schedule
from tianping.cases.enums import CaseStatus
from tianping.core import clock
from tianping.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.hearings import selectors, services
from tianping.hearings.enums import HearingKind, HearingMode, HearingStatus, ParticipantRole
from tianping.hearings.models import Hearing, Participant
from tianping.notify import services as notify_services
from tianping.notify.models import Notification

pytestmark = pytest.mark.django_db


def conflict_kinds(exc: pytest.ExceptionInfo[Conflict]) -> set[str]:
    return {c["kind"] for c in exc.value.details["conflicts"]}


def test_schedule_creates_hearing_participants_summons_audit_and_puts_case_in_trial(
    world, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hearing = schedule(world, users.judge)
    assert hearing.presiding_judge_id == users.judge.pk
    assert hearing.clerk_id == world.court_clerk.pk
    assert hearing.is_public
    assert hearing.announced_on == clock.today()
    assert hearing.ends_at - hearing.starts_at == dt.timedelta(minutes=120)
    people = {(p.role, p.name): p for p in Participant.objects.filter(hearing=hearing)}
    assert set(people) == {
        (ParticipantRole.PARTY, "张三"),
        (ParticipantRole.PARTY, "北京某某科技有限公司"),
        (ParticipantRole.AGENT, users.lawyer.real_name),
    }
    lawyer = people[(ParticipantRole.AGENT, users.lawyer.real_name)]
    assert lawyer.licence_no == users.lawyer.lawyer_licence_no
    assert lawyer.account_id == users.lawyer.pk
    assert people[(ParticipantRole.PARTY, "张三")].account_id == users.litigant.pk
    assert all(p.summoned_at is not None for p in people.values())
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.IN_TRIAL
    assert AuditRecord.objects.filter(action="hearing.schedule", object_id=str(hearing.pk)).exists()
    assert world.case.events.filter(action="排期").exists()
    assert Notification.objects.filter(template="hearing_scheduled").exists()


@pytest.mark.parametrize("who", ["court_clerk", "assistant"])
def test_clerk_and_assistant_may_schedule(world, users, who):
    hearing = schedule(world, getattr(world, who))
    assert hearing.scheduled_by_id == getattr(world, who).pk


def test_party_lawyer_and_other_judges_may_not_schedule(world, users):
    for actor in (users.litigant, users.lawyer, users.outsider, users.clerk):
        with pytest.raises(PermissionDenied):
            schedule(world, actor)
    assert not Hearing.objects.exists()


def test_case_not_assigned_is_refused(world, users, register):
    unassigned = register()
    with pytest.raises(Conflict) as exc:
        schedule(world, users.division_head, case=unassigned)
    assert exc.value.code == "case_not_open"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"starts_at": dt.datetime(2030, 1, 7, 9, 0)}, "naive_datetime"),
        ({"starts_at": at(-1, 9)}, "starts_in_past"),
        ({"duration_minutes": 5}, "invalid_duration"),
        ({"starts_at": at(5, 7)}, "outside_court_hours"),
        ({"starts_at": at(5, 19), "duration_minutes": 90}, "outside_court_hours"),
        ({"courtroom_id": None}, "courtroom_required"),
        ({"mode": HearingMode.MIXED}, "courtroom_not_online"),
        ({"courtroom_id": -1}, "invalid_courtroom"),
        ({"kind": "party"}, "invalid_kind"),
        ({"mode": "hologram"}, "invalid_mode"),
        ({"streamed": True}, "stream_url_required"),
        ({"streamed": True, "stream_url": "https://live.example/1", "is_public": False}, "stream_requires_public"),
        (
            {"extra_participants": [services.ExtraParticipant(role=ParticipantRole.PARTY, name="x")]},
            "invalid_participant",
        ),
    ],
)
def test_bad_input_is_refused_without_a_write(world, users, overrides, code):
    with pytest.raises(ValidationFailed) as exc:
        schedule(world, users.judge, **overrides)
    assert exc.value.code == code
    assert not Hearing.objects.exists()


def test_courtroom_of_another_court_and_disused_room_are_refused(world, users):
    with pytest.raises(ValidationFailed) as exc:
        schedule(world, users.judge, courtroom_id=world.haidian_room.pk)
    assert exc.value.code == "invalid_courtroom"
    with pytest.raises(ValidationFailed) as exc:
        schedule(world, users.judge, courtroom_id=world.old_room.pk)
    assert exc.value.code == "courtroom_inactive"


def test_online_needs_no_courtroom_and_mixed_takes_a_technology_courtroom(world, users):
    online = schedule(world, users.judge, mode=HearingMode.ONLINE, courtroom_id=None)
    assert online.courtroom_id is None
    assert set(Participant.objects.filter(hearing=online).values_list("attendance_mode", flat=True)) == {"online"}
    mixed = schedule(world, users.judge, mode=HearingMode.MIXED, courtroom_id=world.tech_room.pk, starts_at=at(6))
    assert mixed.courtroom_id == world.tech_room.pk


def test_judge_must_be_of_the_court(world, users):
    with pytest.raises(ValidationFailed) as exc:
        schedule(world, users.judge, judge_ids=[users.outsider.pk])
    assert exc.value.code == "invalid_judge"
    with pytest.raises(ValidationFailed) as exc:
        schedule(world, users.judge, clerk_id=users.judge.pk)
    assert exc.value.code == "invalid_clerk"


# ---- Conflicts --------------------------------------------------------------------------------


def test_courtroom_clash(world, users):
    first = schedule(world, users.judge)
    with pytest.raises(Conflict) as exc:
        schedule(world, users.division_head, case=world.other_case, starts_at=at(5, 10))
    assert exc.value.code == "hearing_conflict"
    assert conflict_kinds(exc) == {"courtroom"}
    clash = exc.value.details["conflicts"][0]
    assert clash["hearing_id"] == first.pk
    assert clash["case_number"] == world.case.number
    assert "第一法庭" in exc.value.message
    assert world.case.number in exc.value.message
    assert Hearing.objects.count() == 1


def test_adjacent_sittings_do_not_clash(world, users):
    schedule(world, users.judge)  # 09:00–11:00
    schedule(world, users.division_head, case=world.other_case, starts_at=at(5, 11))
    assert Hearing.objects.count() == 2


def test_presiding_judge_clash_in_another_courtroom(world, users):
    schedule(world, users.judge)
    with pytest.raises(Conflict) as exc:
        schedule(
            world, users.judge, courtroom_id=world.tech_room.pk, starts_at=at(5, 10), kind=HearingKind.EVIDENCE_EXCHANGE
        )
    assert "presiding_judge" in conflict_kinds(exc)


def test_panel_judge_clash(world, users):
    schedule(world, users.division_head, case=world.other_case)  # division head presides in 第一法庭
    with pytest.raises(Conflict) as exc:
        schedule(
            world, users.judge, courtroom_id=world.tech_room.pk, judge_ids=[users.division_head.pk], starts_at=at(5, 10)
        )
    assert conflict_kinds(exc) == {"judge"}


def test_clerk_clash(world, users):
    schedule(world, users.judge)
    with pytest.raises(Conflict) as exc:
        schedule(world, users.division_head, case=world.other_case, courtroom_id=world.tech_room.pk,
                 clerk_id=world.court_clerk.pk, starts_at=at(5, 10))  # fmt: skip
    assert conflict_kinds(exc) == {"clerk"}


def test_lawyer_clash_across_courts(world, users):
    haidian = schedule(world, world.haidian_judge, case=world.haidian_case, courtroom_id=world.haidian_room.pk)
    with pytest.raises(Conflict) as exc:
        schedule(world, users.judge, starts_at=at(5, 10))
    assert conflict_kinds(exc) == {"lawyer"}
    clash = exc.value.details["conflicts"][0]
    assert clash["hearing_id"] == haidian.pk
    assert clash["court"] == "北京市海淀区人民法院"
    assert clash["licence_no"] == users.lawyer.lawyer_licence_no


def test_cancelled_and_finished_sittings_do_not_block(world, users):
    first = schedule(world, users.judge)
    services.hearing_cancel(actor=users.judge, hearing=first, reason="原告撤诉")
    again = schedule(world, users.judge)
    assert again.pk != first.pk


# ---- Openness ---------------------------------------------------------------------------------


def test_public_civil_hearing_needs_three_days_notice(world, users):
    with pytest.raises(ValidationFailed) as exc:
        schedule(world, users.judge, starts_at=at(2, 9))
    assert exc.value.code == "announcement_too_late"
    assert exc.value.details["earliest"] == (clock.today() + dt.timedelta(days=3)).isoformat()
    closed = schedule(world, users.judge, starts_at=at(2, 9), is_public=False)
    assert not closed.is_public
    assert closed.announced_on is None
    assert schedule(world, users.judge, starts_at=at(3, 14)).is_public


def test_evidence_exchange_is_not_public_by_default(world, users):
    hearing = schedule(world, users.judge, kind=HearingKind.EVIDENCE_EXCHANGE, starts_at=at(1, 9))
    assert not hearing.is_public


def test_confidential_case_is_never_public_nor_streamed(world, users):
    world.case.involves_minor = True
    world.case.save()
    with pytest.raises(ValidationFailed) as exc:
        schedule(world, users.judge, is_public=True)
    assert exc.value.code == "confidential_case"
    with pytest.raises(ValidationFailed):
        schedule(world, users.judge, streamed=True, stream_url="https://live.example/1")
    hearing = schedule(world, users.judge, starts_at=at(1, 9))  # no announcement needed: not public
    assert not hearing.is_public
    assert not hearing.streamed


# ---- Reschedule, postpone, cancel, start, finish ----------------------------------------------


def test_reschedule_rechecks_conflicts_and_resummons(world, users, django_capture_on_commit_callbacks):
    mine = schedule(world, users.judge)
    schedule(world, users.division_head, case=world.other_case, starts_at=at(6, 9))
    with pytest.raises(Conflict) as exc:
        services.hearing_reschedule(
            actor=users.judge, hearing=mine, starts_at=at(6, 10), duration_minutes=60, reason="当事人申请"
        )
    assert conflict_kinds(exc) == {"courtroom"}
    mine.refresh_from_db()
    assert mine.starts_at == at(5, 9)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        moved = services.hearing_reschedule(
            actor=users.judge, hearing=mine, starts_at=at(7, 14), duration_minutes=60, reason="当事人申请"
        )
    assert moved.starts_at == at(7, 14)
    assert moved.status == HearingStatus.SCHEDULED
    assert any(getattr(c, "func", None) is notify_services.hearing_scheduled_notify for c in callbacks)
    record = AuditRecord.objects.get(action="hearing.reschedule")
    assert "starts_at" in record.changes
    assert record.changes["reason"] == [None, "当事人申请"]


def test_reschedule_does_not_clash_with_itself(world, users):
    mine = schedule(world, users.judge)
    moved = services.hearing_reschedule(
        actor=users.judge, hearing=mine, starts_at=at(5, 10), duration_minutes=60, reason="调整"
    )
    assert moved.starts_at == at(5, 10)


def test_postpone_then_reschedule(world, users):
    hearing = schedule(world, users.judge)
    services.hearing_postpone(actor=users.judge, hearing=hearing, reason="鉴定未完成")
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.POSTPONED
    with pytest.raises(Conflict):
        services.hearing_start(actor=users.judge, hearing=hearing)
    services.hearing_reschedule(
        actor=users.judge, hearing=hearing, starts_at=at(9, 9), duration_minutes=60, reason="鉴定完成"
    )
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.SCHEDULED


def test_cancel_needs_a_reason_and_is_final(world, users):
    hearing = schedule(world, users.judge)
    with pytest.raises(ValidationFailed):
        services.hearing_cancel(actor=users.judge, hearing=hearing, reason=" ")
    services.hearing_cancel(actor=users.judge, hearing=hearing, reason="调解结案")
    with pytest.raises(Conflict) as exc:
        services.hearing_reschedule(
            actor=users.judge, hearing=hearing, starts_at=at(9), duration_minutes=60, reason="x"
        )
    assert exc.value.code == "illegal_hearing_transition"


def test_start_and_finish(world, users):
    hearing = schedule(world, users.judge)
    with pytest.raises(Conflict) as exc:
        services.hearing_start(actor=users.judge, hearing=hearing)
    assert exc.value.code == "hearing_too_early"
    with clock.frozen_at(hearing.starts_at - dt.timedelta(minutes=10)):
        with pytest.raises(PermissionDenied):
            services.hearing_start(actor=users.litigant, hearing=hearing)
        services.hearing_start(actor=world.court_clerk, hearing=hearing)
    with pytest.raises(Conflict):
        services.hearing_start(actor=users.judge, hearing=hearing)
    with clock.frozen_at(hearing.starts_at + dt.timedelta(minutes=50)):
        services.hearing_finish(actor=users.judge, hearing=hearing)
    hearing.refresh_from_db()
    assert hearing.status == HearingStatus.FINISHED
    assert hearing.ends_at == hearing.starts_at + dt.timedelta(minutes=50)
    actions = set(AuditRecord.objects.filter(object_id=str(hearing.pk)).values_list("action", flat=True))
    assert {"hearing.in_progress", "hearing.finished"} <= actions


# ---- Reads ------------------------------------------------------------------------------------


def test_gatekeeper(world, users):
    hearing = schedule(world, users.judge)
    assert selectors.hearing_for_user(users.litigant, hearing.pk) == hearing
    assert selectors.hearing_for_user(users.lawyer, hearing.pk) == hearing
    assert selectors.hearing_for_user(users.higher_judge, hearing.pk) == hearing  # court above reads
    for outsider in (users.outsider, world.haidian_judge):
        with pytest.raises(NotFound):
            selectors.hearing_for_user(outsider, hearing.pk)


def test_my_hearings(world, users):
    mine = schedule(world, users.judge)
    other = schedule(world, users.division_head, case=world.other_case, courtroom_id=world.tech_room.pk,
                     judge_ids=[users.judge.pk], starts_at=at(6))  # fmt: skip
    haidian = schedule(
        world, world.haidian_judge, case=world.haidian_case, courtroom_id=world.haidian_room.pk, starts_at=at(8)
    )
    assert list(selectors.my_hearings(user=users.judge)) == [mine, other]
    assert list(selectors.my_hearings(user=world.court_clerk)) == [mine]
    assert list(selectors.my_hearings(user=users.lawyer)) == [mine, haidian]
    assert list(selectors.my_hearings(user=users.litigant)) == [mine]
    assert list(selectors.my_hearings(user=users.outsider)) == []


def test_calendar_groups_by_room_and_day(world, users):
    first = schedule(world, users.judge)
    online = schedule(
        world, users.division_head, case=world.other_case, mode=HearingMode.ONLINE, courtroom_id=None, starts_at=at(6)
    )
    view = selectors.courtroom_calendar(
        court_id=world.case.court_id, day=clock.today() + dt.timedelta(days=5), span_days=7
    )
    rows = {row.courtroom.name if row.courtroom else None: row for row in view.rows}
    assert rows["第一法庭"].cells[0] == [first]
    assert rows[None].cells[1] == [online]
    assert "旧法庭" not in rows
    assert view.count == 2
