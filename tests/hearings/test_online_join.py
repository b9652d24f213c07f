"""Personal join links of online hearings: issuing, the time window, misuse, identity and attendance."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import Users
from tests.hearings.conftest import World
from tests.hearings.online_support import ANONYMOUS, Online, during, issue, online_hearing
from tests.hearings.test_video import decode_verified
from tianping.core import clock
from tianping.core.errors import ApplicationError, NotFound, PermissionDenied, RateLimited, ValidationFailed
from tianping.core.models import AuditRecord
from tianping.hearings import selectors, services, video
from tianping.hearings.enums import AttendanceMode, HearingMode, IdentityMethod
from tianping.hearings.models import Attendance, Hearing
from tianping.notify.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def online(world: World, users: Users) -> Online:
    return online_hearing(world, users.judge)


def test_issue_sends_one_sms_per_participant_and_audits_without_the_token(
    online: Online, users: Users, world: World
) -> None:
    tokens = issue(online, world.court_clerk)
    assert set(tokens) == {"张三", "北京某某科技有限公司", "李律师"}
    sms = Notification.objects.filter(template="hearing_join_link", channel="sms")
    assert sms.count() == 3
    assert all("/hearings/join/" in n.body for n in sms)
    record = AuditRecord.objects.filter(action="hearings.join_link_issue").get()
    assert all(token not in str(record.changes) for token in tokens.values())


def test_parties_and_outsiders_cannot_issue_links(online: Online, users: Users) -> None:
    for actor in (users.litigant, users.outsider, users.clerk):
        with pytest.raises(PermissionDenied):
            services.join_link_issue(actor=actor, hearing=online.hearing, base_url="https://x")
    assert not Notification.objects.filter(template="hearing_join_link").exists()


def test_in_person_hearing_has_no_join_links(world: World, users: Users) -> None:
    sitting = online_hearing(world, users.judge, mode=HearingMode.IN_PERSON).hearing
    with pytest.raises(ApplicationError) as error:
        services.join_link_issue(actor=users.judge, hearing=sitting, base_url="https://x")
    assert error.value.code == "hearing_not_online"


def test_mixed_hearing_issues_only_to_online_participants(world: World, users: Users) -> None:
    mixed = online_hearing(world, users.judge, mode=HearingMode.MIXED)
    services.participant_attendance_set(
        actor=world.court_clerk, hearing=mixed.hearing, participant_id=mixed.lawyer.pk, mode=AttendanceMode.ONLINE
    )
    tokens = issue(mixed, world.court_clerk)
    assert set(tokens) == {"李律师"}


def test_link_window_opens_30_minutes_before_and_closes_2_hours_after_the_end(
    online: Online, users: Users, world: World
) -> None:
    token = issue(online, world.court_clerk)["张三"]
    hearing = online.hearing
    with clock.frozen_at(hearing.starts_at - dt.timedelta(minutes=31)), pytest.raises(PermissionDenied) as early:
        services.join_token_open(token=token)
    assert early.value.code == "join_not_yet_open"
    with clock.frozen_at(hearing.starts_at - dt.timedelta(minutes=30)):
        assert services.join_token_open(token=token).pk == online.zhang.pk
    with clock.frozen_at(hearing.ends_at + dt.timedelta(hours=2)):
        assert services.join_token_open(token=token).pk == online.zhang.pk
    closed = hearing.ends_at + dt.timedelta(hours=2, seconds=1)
    with clock.frozen_at(closed), pytest.raises(PermissionDenied) as late:
        services.join_token_open(token=token)
    assert late.value.code == "join_link_expired"


def test_tampered_link_is_not_found(online: Online, world: World) -> None:
    token = issue(online, world.court_clerk)["张三"]
    with during(online.hearing), pytest.raises(NotFound):
        services.join_token_open(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    with during(online.hearing), pytest.raises(NotFound):
        services.join_token_open(token="not-a-token")


def test_reissuing_revokes_the_old_link(online: Online, world: World) -> None:
    old = issue(online, world.court_clerk)["张三"]
    new = issue(online, world.court_clerk)["张三"]
    with during(online.hearing):
        with pytest.raises(PermissionDenied) as error:
            services.join_token_open(token=old)
        assert error.value.code == "join_link_revoked"
        assert services.join_token_open(token=new).pk == online.zhang.pk


def test_cancelled_or_finished_hearing_refuses_links(online: Online, users: Users, world: World) -> None:
    token = issue(online, world.court_clerk)["张三"]
    Hearing.objects.filter(pk=online.hearing.pk).update(status="cancelled")
    with during(online.hearing), pytest.raises(ApplicationError) as error:
        services.join_token_open(token=token)
    assert error.value.code == "hearing_closed"
    Hearing.objects.filter(pk=online.hearing.pk).update(status="finished")
    with during(online.hearing), pytest.raises(ApplicationError) as error:
        services.join_token_open(token=token)
    assert error.value.code == "hearing_closed"


def test_own_account_joins_and_attendance_is_recorded(online: Online, users: Users, world: World) -> None:
    token = issue(online, world.court_clerk)["张三"]
    with during(online.hearing, 5):
        joined = services.attendance_join(token=token, user=users.litigant, user_agent="Firefox")
    attendance = Attendance.objects.get(pk=joined.attendance.pk)
    assert attendance.participant_id == online.zhang.pk
    assert attendance.identity_method == IdentityMethod.ACCOUNT
    assert attendance.joined_at == online.hearing.starts_at + dt.timedelta(minutes=5)
    assert attendance.user_agent == "Firefox"
    jwt = parse_qs(urlsplit(joined.video_url).query)["jwt"][0]
    claims = decode_verified(jwt, video.jitsi_secret())[1]
    online.hearing.refresh_from_db()
    assert claims["room"] == online.hearing.video_room != ""
    assert claims["context"]["user"] == {"name": "张三（当事人）", "moderator": False}
    with during(online.hearing, 50):
        services.attendance_leave(attendance_id=attendance.pk, participant=online.zhang)
    attendance.refresh_from_db()
    assert attendance.left_at == online.hearing.starts_at + dt.timedelta(minutes=50)
    assert list(selectors.attendance_list(hearing=online.hearing)) == [attendance]
    assert AuditRecord.objects.filter(action__in=["hearings.attendance_join", "hearings.attendance_leave"]).count() == 2


def test_the_lawyer_joins_as_the_agent_with_own_account(online: Online, users: Users, world: World) -> None:
    token = issue(online, world.court_clerk)["李律师"]
    with during(online.hearing):
        joined = services.attendance_join(token=token, user=users.lawyer)
    assert joined.attendance.participant_id == online.lawyer.pk


def test_link_used_by_another_logged_in_account_is_refused(online: Online, users: Users, world: World) -> None:
    token = issue(online, world.court_clerk)["张三"]
    for other in (users.lawyer, users.outsider):
        with during(online.hearing), pytest.raises(PermissionDenied) as error:
            services.attendance_join(token=token, user=other)
        assert error.value.code == "join_wrong_account"
    assert not Attendance.objects.exists()


def test_query_code_and_id_digits_identify_a_party_without_account(online: Online, world: World) -> None:
    token = issue(online, world.court_clerk)["北京某某科技有限公司"]
    party = world.defendant
    with during(online.hearing):
        joined = services.attendance_join(
            token=token, user=ANONYMOUS, query_code=party.query_code.lower(), id_suffix=party.credit_code[-6:]
        )
    assert joined.attendance.identity_method == IdentityMethod.QUERY_CODE


def test_three_wrong_tries_lock_the_link_until_reissued(online: Online, world: World) -> None:
    token = issue(online, world.court_clerk)["北京某某科技有限公司"]
    party = world.defendant
    right = {"query_code": party.query_code, "id_suffix": party.credit_code[-6:]}
    with during(online.hearing):
        for remaining in (2, 1, 0):
            with pytest.raises(ValidationFailed) as error:
                services.attendance_join(token=token, user=ANONYMOUS, query_code=party.query_code, id_suffix="000000")
            assert error.value.details["remaining_tries"] == remaining
        with pytest.raises(RateLimited) as locked:
            services.attendance_join(token=token, user=ANONYMOUS, **right)
        assert locked.value.code == "identity_locked"
    assert not Attendance.objects.exists()
    assert AuditRecord.objects.filter(action="hearings.identity_failed").count() == 3
    fresh = issue(online, world.court_clerk)["北京某某科技有限公司"]
    with during(online.hearing):
        assert services.attendance_join(token=fresh, user=ANONYMOUS, **right).attendance.pk


def test_another_partys_query_code_does_not_identify(online: Online, world: World) -> None:
    token = issue(online, world.court_clerk)["北京某某科技有限公司"]
    zhang = world.plaintiff
    with during(online.hearing), pytest.raises(ValidationFailed):
        services.attendance_join(
            token=token, user=ANONYMOUS, query_code=zhang.query_code, id_suffix=zhang.id_number[-6:]
        )


def test_judges_and_clerk_join_as_moderators(online: Online, users: Users, world: World) -> None:
    with during(online.hearing):
        url = services.moderator_join(actor=users.judge, hearing=online.hearing)
        clerk_url = services.moderator_join(actor=world.court_clerk, hearing=online.hearing)
        with pytest.raises(PermissionDenied):
            services.moderator_join(actor=users.litigant, hearing=online.hearing)
    judge_claims = decode_verified(parse_qs(urlsplit(url).query)["jwt"][0], video.jitsi_secret())[1]
    assert judge_claims["context"]["user"] == {"name": "李法官（审判长）", "moderator": True}
    clerk_claims = decode_verified(parse_qs(urlsplit(clerk_url).query)["jwt"][0], video.jitsi_secret())[1]
    assert clerk_claims["context"]["user"]["name"] == "钱书记（书记员）"
    assert judge_claims["room"] == clerk_claims["room"]


def test_clerk_marks_a_participant_present_in_court_once(online: Online, world: World, users: Users) -> None:
    first = services.attendance_mark_in_court(
        actor=world.court_clerk, hearing=online.hearing, participant_id=online.company.pk
    )
    again = services.attendance_mark_in_court(
        actor=world.court_clerk, hearing=online.hearing, participant_id=online.company.pk
    )
    assert first.pk == again.pk
    assert first.identity_method == IdentityMethod.IN_COURT
    with pytest.raises(PermissionDenied):
        services.attendance_mark_in_court(actor=users.litigant, hearing=online.hearing, participant_id=online.zhang.pk)
