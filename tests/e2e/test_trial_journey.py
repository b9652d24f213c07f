"""The trial journey of issue 5 in a real browser (Chromium), through the pages as the users would:

1. the judge schedules an online hearing from the case page (4 days ahead: public civil hearings are
   announced ≥ 3 days before) and sees it with its participants;
2. the court clerk opens the sitting and sends the join links; 张三 reads his link in the SMS (local
   outbox), sees the hearing in 我的庭审, joins with his account and lands on the video page (Jitsi-style
   room URL with a JWT); his attendance is on the hearing page;
3. the clerk writes the transcript (HTMX autosave), closes the sitting and submits it; 张三, the judge
   and the clerk sign it; the signed PDF is listed in the case's dossier;
4. the judge drafts the civil judgment from the case page (pre-filled), fills facts, reasoning and
   decision, submits and issues it (a civil judgment is issued by the presiding judge), and downloads
   the PDF: its text holds the case number and the decision, its SHA-256 is the page's and the header's;
5. the case page shows the case closed (已结案) by judgment.

Time: the live server runs in a thread of the test process, so ``tianping.core.clock.frozen_at`` is
shared with it. The hearing is scheduled on the real clock; the clock is then frozen a few minutes after
its start (the join window opens 30 minutes before), then after its end, then on the next day for the
judgment. ``TIANPING_SCREENSHOTS`` (a folder, or ``1`` for /tmp/journey) keeps screenshots at 1280 and
390 px."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests import factories
from tests.conftest import Users
from tests.delivery.conftest import huey_immediate  # noqa: F401  (fixture: SMS reach the outbox)
from tests.dossier.conftest import media  # noqa: F401  (fixture)
from tests.e2e.conftest import browser, page  # noqa: F401  (fixtures)
from tests.hearings.conftest import World, world  # noqa: F401  (fixture)
from tianping.cases.enums import CaseStatus, ClosingMethod
from tianping.core import clock
from tianping.core.pdf import pdf_text
from tianping.hearings.enums import AttendanceMode, HearingMode, TranscriptStatus
from tianping.hearings.models import Attendance, Hearing, Transcript
from tianping.judgments.models import IssuedDocument
from tianping.notify.models import SmsOutbox

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser, pytest.mark.slow]

TRANSCRIPT = "审判长：现在开庭。核对当事人身份。\n原告张三：坚持诉讼请求，要求被告支付货款10000元。\n审判长：现在闭庭。"
FACTS = "2025年1月，原告与被告签订买卖合同，约定被告购买原告货物，货款10000元，被告收货后至今未付款。"
REASONING = "本院认为，原、被告之间的买卖合同合法有效，被告应当依约支付货款。"
DECISION = "被告北京某某科技有限公司于本判决生效之日起十日内支付原告张三货款10000元。"
SHANGHAI = ZoneInfo("Asia/Shanghai")
LINK = re.compile(r"https?://\S+/hearings/join/[^/\s]+/")


def _shots_folder() -> str:
    value = os.environ.get("TIANPING_SCREENSHOTS", "")
    return "/tmp/journey" if value in ("1", "yes", "true") else value  # noqa: S108  (the brief's folder)


def shoot(tab: Any, name: str) -> None:
    folder = _shots_folder()
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        tab.set_viewport_size({"width": width, "height": 900})
        tab.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    tab.set_viewport_size({"width": 1280, "height": 900})


def login(tab: Any, live_server: Any, username: str) -> None:
    tab.context.clear_cookies()
    tab.goto(f"{live_server.url}/accounts/login/")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", factories.PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/accounts/home/")


def sign_on_review_page(tab: Any) -> None:
    tab.click("a:has-text('核对并签名')")
    assert "原告张三：坚持诉讼请求" in tab.inner_text("main")
    tab.click("button:has-text('确认无误并签名')")
    assert "签名成功" in tab.inner_text("body")


def schedule_online_hearing(tab: Any, live_server: Any, world: World) -> Hearing:  # noqa: F811
    """Step 1: the judge schedules an online hearing from the case page."""
    login(tab, live_server, "judge")
    tab.goto(f"{live_server.url}/cases/{world.case.pk}/")
    assert "尚未排期" in tab.inner_text("#hearings")
    tab.click("#hearings a:has-text('排期')")
    day = clock.today() + dt.timedelta(days=4)
    tab.select_option("#mode", HearingMode.ONLINE)
    tab.fill("#day", day.isoformat())
    tab.fill("#time", "10:00")
    tab.fill("#duration", "90")
    shoot(tab, "01-schedule-form")
    tab.click("button:has-text('排期并通知')")
    tab.wait_for_url(re.compile(r".*/hearings/\d+/$"))
    body = tab.inner_text("body")
    assert "已排期，并已通知当事人及诉讼代理人" in body
    assert world.case.number in body
    assert f"{day:%Y-%m-%d} 10:00" in body
    for name in ("张三", "北京某某科技有限公司", "李律师"):
        assert name in body
    hearing = Hearing.objects.get(case=world.case)
    assert hearing.mode == HearingMode.ONLINE
    assert hearing.courtroom_id is None
    assert hearing.participants.filter(attendance_mode=AttendanceMode.ONLINE).count() == 3
    shoot(tab, "02-hearing-scheduled")
    return hearing


def join_link_from_sms(mobile: str) -> str:
    texts = [row.text for row in SmsOutbox.objects.filter(to=mobile) if "/hearings/join/" in row.text]
    assert len(texts) == 1, texts
    match = LINK.search(texts[0])
    assert match, texts[0]
    return match.group(0)


def test_schedule_join_sign_issue_and_download(
    page: Any,  # noqa: F811
    live_server: Any,
    world: World,  # noqa: F811
    users: Users,
    media: Path,  # noqa: F811
    huey_immediate: Any,  # noqa: F811
) -> None:
    started = time.monotonic()
    hearing = schedule_online_hearing(page, live_server, world)
    hearing_url = f"{live_server.url}/hearings/{hearing.pk}/"

    # 2. The clerk opens the sitting and sends the links; 张三 joins with his account.
    with clock.frozen_at(hearing.starts_at + dt.timedelta(minutes=5)):
        login(page, live_server, "courtclerk")
        page.goto(hearing_url)
        page.click("button:text-is('开庭')")
        assert "已开庭" in page.inner_text("body")
        page.click("button:has-text('发送入庭链接（全部在线参加人）')")
        assert "已向 3 位在线参加人发送入庭链接" in page.inner_text("body")
        assert page.locator("#online .badge:has-text('已发送')").count() == 3
        shoot(page, "03-links-sent")

        link = join_link_from_sms(users.litigant.mobile)
        assert urlsplit(link).netloc == urlsplit(live_server.url).netloc
        login(page, live_server, "litigant")
        page.click("nav >> text=我的庭审")
        assert world.case.number in page.inner_text("main")
        page.goto(link)
        assert "张三 的入庭链接" in page.inner_text("main")
        assert "您已以" in page.inner_text("main")
        shoot(page, "04-join")
        page.click("button:has-text('核验身份并入庭')")
        assert "身份核验通过，已记录入庭" in page.inner_text("main")
        video = page.get_attribute("a:has-text('打开庭审视频')", "href") or ""
        assert re.match(r"https://[^/]+/[\w-]+\?jwt=[\w-]+\.[\w-]+\.[\w-]+$", video), video
        shoot(page, "05-video")
        attendance = Attendance.objects.get(participant__hearing=hearing)
        assert attendance.participant.name == "张三"

        login(page, live_server, "courtclerk")
        page.goto(hearing_url)
        assert "张三" in page.inner_text("#online table:below(h3:has-text('出庭记录'))")
        assert str(attendance.get_identity_method_display()) in page.inner_text("#online")

        # 3. The transcript, written during the sitting (autosave).
        page.click("a:has-text('记录笔录')")
        page.fill("#transcript-text", TRANSCRIPT)
        page.wait_for_selector("#autosave-status:has-text('已自动保存')", timeout=10_000)
        shoot(page, "06-transcript-editor")
        assert Transcript.objects.get(hearing=hearing).text == TRANSCRIPT

    with clock.frozen_at(hearing.ends_at + dt.timedelta(minutes=10)):
        page.goto(hearing_url)
        page.click("button:has-text('闭庭')")
        assert "已闭庭" in page.inner_text("body")
        page.click("a:has-text('记录笔录')")
        page.click("button:has-text('提交核对签名')")
        assert "第 1 版笔录已提交核对签名" in page.inner_text("body")

        login(page, live_server, "litigant")
        page.goto(hearing_url)
        sign_on_review_page(page)
        shoot(page, "07-transcript-signed-by-party")
        for username in ("judge", "courtclerk"):
            login(page, live_server, username)
            page.goto(hearing_url)
            sign_on_review_page(page)
        transcript = Transcript.objects.get(hearing=hearing)
        assert transcript.status == TranscriptStatus.FILED
        page.goto(hearing_url)
        assert "已归入卷宗" in page.inner_text("#transcript")
        page.goto(f"{live_server.url}/cases/{world.case.pk}/#dossier")
        assert "庭审笔录（" in page.inner_text("#dossier")
        shoot(page, "08-case-dossier")

    # 4. The judgment, drafted and issued by the judge on the next day.
    next_day = hearing.starts_at + dt.timedelta(days=1)
    with clock.frozen_at(next_day):
        login(page, live_server, "judge")
        page.goto(f"{live_server.url}/cases/{world.case.pk}/")
        page.select_option("#draft-kind", "civil_judgment")
        page.click("button:has-text('起草文书')")
        assert "案件已知信息已预先填入" in page.inner_text("body")
        assert "原告：张三" in page.input_value("#section-parties")
        held = hearing.starts_at.astimezone(SHANGHAI)
        assert f"于{held.year}年{held.month}月{held.day}日通过在线诉讼平台公开开庭进行了审理" in page.input_value(
            "#section-procedure"
        )
        page.fill("#section-facts", FACTS)
        page.fill("#section-reasoning", REASONING)
        page.fill("#section-decision", DECISION)
        assert page.input_value("#draft-level") == "presiding"
        assert page.input_value("#draft-method") == ClosingMethod.JUDGMENT
        shoot(page, "09-draft")
        page.click("button:text-is('保存')")
        assert "已保存" in page.inner_text("body")
        page.click("button:has-text('提交签发')")
        assert "已提交签发" in page.inner_text("body")
        page.click("a:has-text('审核签发')")
        assert DECISION in page.inner_text("main")
        page.click("button:text-is('签发')")
        body = page.inner_text("body")
        assert "已签发，PDF 与 Word 文书已存入电子卷宗" in body
        assert DECISION in body
        shoot(page, "10-issued")

        document = IssuedDocument.objects.get(case=world.case)
        shown_hash = page.inner_text("dt:has-text('PDF SHA-256') + dd").strip()
        with page.expect_response(re.compile(r".*/issued/\d+/pdf$")) as answer, page.expect_download() as download_info:
            page.click("a:has-text('下载 PDF')")
        download = download_info.value
        assert download.suggested_filename.endswith(".pdf")
        data = Path(download.path()).read_bytes()
        assert data.startswith(b"%PDF-")
        digest = hashlib.sha256(data).hexdigest()
        assert digest == shown_hash == document.pdf_sha256
        assert answer.value.headers["x-content-sha256"] == digest
        text = re.sub(r"\s+", "", pdf_text(data))
        assert world.case.number in text
        assert DECISION in text

        # 5. The case is closed by the judgment.
        page.goto(f"{live_server.url}/cases/{world.case.pk}/")
        assert "已结案" in page.inner_text("h1")
        facts = page.inner_text("section[aria-labelledby=facts-title]")
        assert re.search(r"结案日期\s*" + f"{clock.today():%Y-%m-%d}", facts), facts
        assert re.search(r"结案方式\s*判决", facts), facts
        shoot(page, "11-case-closed")
    world.case.refresh_from_db()
    assert world.case.status == CaseStatus.CLOSED
    assert world.case.closing_method == ClosingMethod.JUDGMENT
    assert page.console_errors == []
    print(f"trial journey: {time.monotonic() - started:.1f} s")
