"""The delivery log page (通知记录): court scoping, filters, masking, retry of failed notifications."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import Users, bearer
from tianping.core.models import AuditRecord
from tianping.notify.enums import NotificationStatus
from tianping.notify.models import Notification, SmsOutbox

pytestmark = pytest.mark.django_db
URL = "/notify/"


@pytest.fixture
def failed(register: Any) -> Notification:
    """A registration SMS that failed for good (its delivery never ran: on_commit callbacks are not executed)."""
    register(defendant_mobile="")
    notification = Notification.objects.get()
    Notification.objects.filter(pk=notification.pk).update(status=NotificationStatus.FAILED, last_error="gateway down")
    notification.refresh_from_db()
    return notification


def test_clerk_sees_the_courts_log_masked(
    client: Client, register: Any, users: Users, django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
) -> None:  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            register()
    client.force_login(users.clerk)
    with django_assert_max_num_queries(12):
        html = client.get(URL).content.decode()
    assert "通知记录" in html
    assert "共 6 条通知" in html
    assert "138****8000" in html
    assert "13800138000" not in html
    assert '<option value="case_registered">立案通知</option>' in html  # templates by name, not by key
    html = client.get(URL, {"status": "sent", "channel": "sms", "template": "case_registered"}).content.decode()
    assert "共 6 条通知" in html
    assert "共 0 条通知" in client.get(URL, {"status": "failed"}).content.decode()


def test_staff_of_another_court_and_litigants_cannot_see(
    client: Client, register: Any, users: Users, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        register()
    client.force_login(users.outsider)  # a judge at 海淀
    html = client.get(URL).content.decode()
    assert "共 0 条通知" in html
    assert "138****8000" not in html
    client.force_login(users.higher_judge)  # the intermediate court above 朝阳 reads it
    assert "共 2 条通知" in client.get(URL).content.decode()
    client.force_login(users.litigant)
    assert client.get(URL).status_code == 404


def test_retry_a_failed_notification(
    client: Client, failed: Notification, users: Users, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(users.clerk)
    html = client.get(URL, {"status": "failed"}).content.decode()
    assert "重发" in html
    assert "gateway down" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/notify/{failed.pk}/retry/", {"back": "status=failed"})
    assert response.status_code == 302
    assert response["Location"].endswith("?status=failed")
    failed.refresh_from_db()
    assert failed.status == NotificationStatus.SENT
    assert failed.last_error == ""
    assert SmsOutbox.objects.filter(to=failed.address).count() == 1
    record = AuditRecord.objects.get(action="notify.retry")
    assert record.object_id == str(failed.pk)
    assert record.actor_username == "clerk"
    response = client.post(f"/notify/{failed.pk}/retry/", follow=True)  # sent now: nothing to retry
    assert "只有发送失败的通知可以重发" in response.content.decode()


def test_retry_scoping(client: Client, api_client: Client, failed: Notification, users: Users) -> None:
    client.force_login(users.outsider)
    assert client.post(f"/notify/{failed.pk}/retry/").status_code == 404
    client.force_login(users.higher_judge)  # may read the lower court's log, but not act for it
    response = client.post(f"/notify/{failed.pk}/retry/", follow=True)
    assert "只能重发本院的通知" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == NotificationStatus.FAILED
    response = api_client.post(f"/api/v1/notifications/{failed.pk}/retry", headers=bearer(api_client, "outsider"))
    assert response.status_code == 404
    response = api_client.post(f"/api/v1/notifications/{failed.pk}/retry", headers=bearer(api_client, "clerk"))
    assert response.status_code == 200
    assert response.json()["status"] in {"queued", "sent"}
