"""The 12368 voice menu: whole calls through the signed webhook, identification, messages, hours."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.cases.conftest import company, person
from tests.conftest import Users, bearer
from tianping.cases.enums import PartyRole
from tianping.cases.models import Case, Party
from tianping.core import clock
from tianping.core.models import AuditRecord
from tianping.notify import tts, voice_menu
from tianping.notify.enums import VoiceMessageKind, VoiceMessageStatus
from tianping.notify.models import SmsOutbox, VoiceCall, VoiceCallEvent, VoiceMessage
from tianping.notify.voice import signature_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/voice/12368"
SECRET = "test-voice-secret"
CALLER = "13700137000"
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_10 = dt.datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)  # a working day, in staff hours
MONDAY_20 = dt.datetime(2026, 11, 30, 20, 0, tzinfo=SHANGHAI)
SUNDAY_10 = dt.datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def in_hours() -> Iterator[None]:
    with clock.frozen_at(MONDAY_10):
        yield


class Phone:
    """One call through the real webhook, signed like the telephony platform signs it."""

    def __init__(self, client: Client, call_id: str = "call-1", caller: str = CALLER) -> None:
        self.client, self.call_id, self.caller = client, call_id, caller
        self.heard: list[str] = []

    def post(self, event: str, digits: str = "", **extra: Any) -> Any:
        body = json.dumps({"call_id": self.call_id, "caller": self.caller, "event": event, "digits": digits, **extra})
        response = self.client.post(
            URL, body, content_type="application/json",
            headers={"X-Tianping-Signature": signature_for(body.encode(), SECRET)},
        )  # fmt: skip
        assert response.status_code == 200, response.content
        answer = response.json()
        self.heard.append(answer["say"])
        return answer

    def press(self, digits: str) -> Any:
        return self.post("digits", digits)


@pytest.fixture
def case_with_judge(register: Any, users: Users) -> Any:
    parties = [
        person(PartyRole.PLAINTIFF, "张三", mobile="13800138000", id_number="11010519491231002X"),
        company(PartyRole.DEFENDANT, "北京某某科技有限公司"),
    ]
    case = register(parties=parties)
    Case.objects.filter(pk=case.pk).update(judge=users.judge)
    case.refresh_from_db()
    return case


def _plaintiff(case: Any) -> Party:
    return Party.objects.get(case=case, name="张三")


def test_a_whole_call_status_then_message_for_the_judge(
    client: Client, case_with_judge: Any, users: Users, in_hours: None
) -> None:
    case = case_with_judge
    party = _plaintiff(case)
    phone = Phone(client)

    answer = phone.post("start")
    assert answer["state"] == voice_menu.MAIN
    assert answer["action"] == "gather"
    assert answer["expect"] == {"max_digits": 1, "terminator": "#", "timeout_seconds": 10}
    assert "12368" in answer["say"]
    assert answer["audio_url"] is None
    assert phone.press("1")["state"] == voice_menu.CODE
    answer = phone.press(voice_menu.code_keys(party.query_code))
    assert answer["state"] == voice_menu.ID
    assert answer["expect"]["max_digits"] == 6
    answer = phone.press("123456")  # wrong ID number
    assert answer["state"] == voice_menu.ID
    assert "不正确" in answer["say"]
    secret_words = [case.number, "朝阳", "李法官", "张三"]
    assert not any(word in said for said in phone.heard for word in secret_words)  # nothing before identification

    answer = phone.press("31002*")  # last six of 11010519491231002X, X as *
    assert answer["state"] == voice_menu.CASE
    assert case.number in answer["say"]
    assert "北京市朝阳区人民法院" in answer["say"]
    assert "李法官" in answer["say"]
    assert f"{case.deadline:%Y年%m月%d日}" in answer["say"]
    assert phone.press("*")["state"] == voice_menu.MAIN
    answer = phone.press("2")  # already identified in this call: straight to recording
    assert answer["state"] == voice_menu.MESSAGE
    assert answer["action"] == "record"
    answer = phone.post("recording", recording_url="https://pbx.example/rec/1.wav", transcript="请问何时开庭？")
    assert answer["state"] == voice_menu.MAIN
    assert "留言已记录" in answer["say"]
    phone.post("hangup")

    message = VoiceMessage.objects.get()
    assert (message.kind, message.case_id, message.judge_id) == (
        VoiceMessageKind.JUDGE_MESSAGE,
        case.pk,
        users.judge.pk,
    )
    assert message.transcript == "请问何时开庭？"
    assert message.recording_url.endswith("/rec/1.wav")
    assert message.caller == CALLER
    assert message.court_id == case.court_id

    call = VoiceCall.objects.get()
    assert call.case_id == case.pk
    assert call.state == voice_menu.ENDED
    assert call.ended_at == clock.now()
    log = list(VoiceCallEvent.objects.filter(call=call).values_list("event", "digits", "to_state"))
    assert len(log) == 9
    assert log[2] == ("digits", "********", voice_menu.ID)  # the query code is not kept
    assert log[4] == ("digits", "******", voice_menu.CASE)
    audits = AuditRecord.objects.filter(action="notify.voice_identify").order_by("seq")
    assert [a.changes["result"] for a in audits] == ["failed", "identified"]
    assert audits[1].object_id == str(party.pk)
    assert audits[1].court_code == "京0105"
    assert "****" in audits[1].changes["caller"]


def test_message_before_identification_asks_for_code_then_records(
    client: Client, case_with_judge: Any, in_hours: None
) -> None:
    party = _plaintiff(case_with_judge)
    phone = Phone(client)
    phone.post("start")
    assert phone.press("2")["state"] == voice_menu.CODE
    phone.press(voice_menu.code_keys(party.query_code))
    answer = phone.press("31002*")
    assert answer["state"] == voice_menu.MESSAGE
    assert answer["action"] == "record"
    assert case_with_judge.number not in answer["say"]
    phone.post("hangup")  # the caller hangs up; the platform posts the recording afterwards
    phone.post("recording", transcript="我想申请延期")
    assert VoiceMessage.objects.get().transcript == "我想申请延期"


def test_three_wrong_tries_hang_up(client: Client, case_with_judge: Any, in_hours: None) -> None:
    phone = Phone(client)
    phone.post("start")
    phone.press("1")
    assert phone.press("1111")["state"] == voice_menu.CODE  # not 8 keys of 2-9
    phone.press(voice_menu.code_keys(_plaintiff(case_with_judge).query_code))
    assert phone.press("999999")["state"] == voice_menu.ID
    answer = phone.press("888888")
    assert answer["state"] == voice_menu.ENDED
    assert answer["action"] == "hangup"
    assert "再见" in answer["say"]
    assert phone.press("1")["action"] == "hangup"  # nothing more on an ended call
    assert not VoiceCall.objects.get().case_id


def test_operator_transfer_only_in_staff_hours(client: Client, db: Any) -> None:
    with clock.frozen_at(MONDAY_10):
        phone = Phone(client, "c-day")
        phone.post("start")
        answer = phone.press("0")
        assert (answer["action"], answer["transfer_to"]) == ("transfer", "operator-desk")
    for moment, call_id in ((MONDAY_20, "c-night"), (SUNDAY_10, "c-sunday")):
        with clock.frozen_at(moment):
            phone = Phone(client, call_id)
            phone.post("start")
            answer = phone.press("0")
            assert answer["action"] == "gather"
            assert answer["transfer_to"] is None
            assert answer["state"] == voice_menu.MAIN
            assert "8:30" in answer["say"]
            assert "5:30" in answer["say"]


def test_guidance_and_complaint(client: Client, courts: Any, settings: Any, in_hours: None) -> None:
    settings.VOICE_COURT_CODE = "京0105"
    phone = Phone(client)
    phone.post("start")
    assert phone.press("3")["state"] == voice_menu.GUIDE
    assert "网上立案" in phone.press("1")["say"]
    assert "诉讼费" in phone.press("2")["say"]
    assert phone.press("*")["state"] == voice_menu.MAIN
    assert phone.press("4")["action"] == "record"
    phone.post("recording", transcript="窗口排队太久")
    complaint = VoiceMessage.objects.get()
    assert complaint.kind == VoiceMessageKind.COMPLAINT
    assert complaint.court_id == courts.chaoyang.pk
    assert complaint.judge_id is None
    assert complaint.case_id is None


def test_unknown_key_repeats_the_menu(client: Client, db: Any) -> None:
    phone = Phone(client)
    phone.post("start")
    answer = phone.press("7")
    assert answer["state"] == voice_menu.MAIN
    assert answer["say"].startswith("输入有误")


# ---- signature, payload, rate limit ---------------------------------------------------------


def _raw(client: Client, body: str, signature: str | None) -> Any:
    headers = {"X-Tianping-Signature": signature} if signature is not None else {}
    return client.post(URL, body, content_type="application/json", headers=headers)


@pytest.mark.parametrize("signature", [None, "", "0" * 64, "sha256=deadbeef"])
def test_bad_or_missing_signature_is_403_and_writes_nothing(client: Client, db: Any, signature: str | None) -> None:
    body = json.dumps({"call_id": "x1", "caller": CALLER, "event": "start"})
    response = _raw(client, body, signature)
    assert response.status_code == 403
    assert response.json()["code"] == "voice_bad_signature"
    assert not VoiceCall.objects.exists()


def test_signature_of_another_body_or_no_secret_is_refused(client: Client, db: Any, settings: Any) -> None:
    body = json.dumps({"call_id": "x1", "caller": CALLER, "event": "start"})
    other = json.dumps({"call_id": "x2", "caller": CALLER, "event": "start"})
    assert _raw(client, body, signature_for(other.encode(), SECRET)).status_code == 403
    assert _raw(client, body, "sha256=" + signature_for(body.encode(), SECRET)).status_code == 200
    settings.VOICE_WEBHOOK_SECRET = ""
    assert _raw(client, body, signature_for(body.encode(), "")).status_code == 403


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        json.dumps({"call_id": "x1", "caller": CALLER, "event": "dance"}),
        json.dumps({"call_id": "x1", "caller": "call me", "event": "start"}),
        json.dumps({"call_id": "x1", "caller": CALLER, "event": "digits", "digits": "12a"}),
        json.dumps({"call_id": "x1", "caller": CALLER, "event": "recording", "recording_url": "javascript:x"}),
    ],
)
def test_signed_but_malformed_event_is_422(client: Client, db: Any, payload: str) -> None:
    response = _raw(client, payload, signature_for(payload.encode(), SECRET))
    assert response.status_code == 422
    assert response.json()["code"] == "voice_bad_event"
    assert not VoiceCall.objects.exists()


def test_rate_limit_per_caller(client: Client, db: Any, settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "voice": "3/m"}
    phone = Phone(client)
    for _ in range(3):
        phone.post("start")
    body = json.dumps({"call_id": "call-1", "caller": CALLER, "event": "digits", "digits": "1"})
    response = _raw(client, body, signature_for(body.encode(), SECRET))
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    Phone(client, "call-2", caller="13900139000").post("start")  # another caller is not limited


# ---- the pure menu --------------------------------------------------------------------------


def test_keypad_mapping_round_trip() -> None:
    assert voice_menu.code_keys("7XK2ABMZ") == "79522269"
    pattern = voice_menu.code_pattern("79522269")
    import re

    assert re.fullmatch(pattern, "7XK2ABMZ")
    assert re.fullmatch(pattern, "PWJACA69")
    assert not re.fullmatch(pattern, "7XK2ABMD")


def test_step_is_pure_and_uses_the_injected_lookup() -> None:
    seen: list[tuple[str, str]] = []

    def lookup(keys: str, suffix: str) -> dict[str, Any] | None:
        seen.append((keys, suffix))
        return {"number": "（2026）京0105民初1号", "court_name": "某法院", "status": "已立案", "judge_name": ""}

    context = voice_menu.CallContext(data={"code_keys": "22222222"}, office_open=False, operator="op", lookup=lookup)
    state, reply = voice_menu.step(voice_menu.ID, "digits", "12345*", context)
    assert seen == [("22222222", "12345X")]
    assert state == voice_menu.CASE
    assert reply.effect == voice_menu.IDENTIFIED
    assert "承办法官尚未确定" in reply.say
    assert "code_keys" not in reply.data
    assert context.data == {"code_keys": "22222222"}  # the input is not changed


# ---- pages and API for judges ----------------------------------------------------------------


def _leave_message(client: Client, case: Any) -> VoiceMessage:
    phone = Phone(client)
    phone.post("start")
    phone.press("2")
    phone.press(voice_menu.code_keys(_plaintiff(case).query_code))
    phone.press("31002*")
    phone.post("recording", transcript="请法官回电")
    return VoiceMessage.objects.get()


def test_judge_sees_and_handles_the_message_reply_goes_by_sms(
    client: Client, case_with_judge: Any, users: Users, django_capture_on_commit_callbacks: Any, in_hours: None
) -> None:
    message = _leave_message(client, case_with_judge)
    client.force_login(users.judge)
    html = client.get("/notify/12368/messages/").content.decode()
    assert "请法官回电" in html
    assert "137****7000" in html
    assert CALLER not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/notify/12368/messages/{message.pk}/handle/", {"reply": "已安排下周三开庭"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == VoiceMessageStatus.HANDLED
    assert message.handled_by_id == users.judge.pk
    sms = SmsOutbox.objects.get(to=CALLER)
    assert "已安排下周三开庭" in sms.text
    assert sms.text.startswith("【北京市朝阳区人民法院】")
    assert AuditRecord.objects.filter(action="notify.voice_message_handle", object_id=str(message.pk)).exists()


def test_message_scoping(
    client: Client, api_client: Client, case_with_judge: Any, users: Users, in_hours: None
) -> None:
    message = _leave_message(client, case_with_judge)
    for who, expected in (("judge", 1), ("president", 1), ("divhead", 1), ("clerk", 0), ("outsider", 0)):
        body = api_client.get("/api/v1/notifications/voice-messages", headers=bearer(api_client, who)).json()
        assert body["count"] == expected, who
    headers = bearer(api_client, "outsider")
    response = api_client.post(
        f"/api/v1/notifications/voice-messages/{message.pk}/handle", {"reply": "x"}, content_type="application/json",
        headers=headers,
    )  # fmt: skip
    assert response.status_code == 404
    headers = bearer(api_client, "judge")
    response = api_client.post(
        f"/api/v1/notifications/voice-messages/{message.pk}/handle", {"reply": "   "},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert response.status_code == 422
    response = api_client.post(
        f"/api/v1/notifications/voice-messages/{message.pk}/handle", {"reply": "好的"},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["status"] == "handled"
    assert response.json()["caller"] == "137****7000"
    again = api_client.post(
        f"/api/v1/notifications/voice-messages/{message.pk}/handle", {"reply": "好的"},
        content_type="application/json", headers=headers,
    )  # fmt: skip
    assert again.status_code == 409
    client.force_login(users.litigant)
    assert client.get("/notify/12368/messages/").status_code == 404


def test_simulator_page_drives_the_menu(client: Client, users: Users, in_hours: None) -> None:
    client.force_login(users.sysadmin)
    html = client.get("/notify/12368/simulator/").content.decode()
    assert "拨打 12368" in html
    response = client.post("/notify/12368/simulator/", {"event": "start", "caller": CALLER})
    html = response.content.decode()
    assert "欢迎致电12368" in html
    call = VoiceCall.objects.get()
    assert call.call_id.startswith("sim-")
    html = client.post("/notify/12368/simulator/", {"call_id": call.call_id, "caller": CALLER, "key": "3"}).content
    assert "网上立案指引请按1" in html.decode()
    client.force_login(users.litigant)
    assert client.get("/notify/12368/simulator/").status_code == 404


# ---- spoken prompts -------------------------------------------------------------------------


def test_no_tts_command_means_no_audio(db: Any) -> None:
    assert tts.tts_command() is None
    assert tts.audio_url("您好") is None


def test_forged_audio_token_is_404(client: Client, db: Any) -> None:
    assert client.get("/notify/12368/audio/forged.wav").status_code == 404


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_prompts_are_synthesized_once_and_served(client: Client, db: Any, settings: Any, media: Any) -> None:
    settings.TTS_COMMAND = "espeak-ng -v cmn"
    phone = Phone(client)
    answer = phone.post("start")
    assert answer["audio_url"]
    audio = client.get(answer["audio_url"])
    assert audio.status_code == 200
    assert audio["Content-Type"] == "audio/wav"
    assert b"".join(audio.streaming_content)[:4] == b"RIFF"
    assert len(list((media / "voice" / "tts").iterdir())) == 1
    assert phone.post("start")["audio_url"]  # cached: still one file
    assert len(list((media / "voice" / "tts").iterdir())) == 1


def test_withheld_caller_number_can_use_the_menu(client: Client, db: Any) -> None:
    answer = Phone(client, "c-anon", caller="anonymous").post("start")
    assert answer["state"] == voice_menu.MAIN


def test_the_endpoints_are_in_the_openapi_description(client: Client, db: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/voice/12368",
        "/api/v1/notifications/{notification_id}/retry",
        "/api/v1/notifications/voice-messages",
        "/api/v1/notifications/voice-messages/{message_id}/handle",
    ):
        assert path in paths, path
    webhook = paths["/api/v1/voice/12368"]["post"]
    assert "call_id" in webhook["requestBody"]["content"]["application/json"]["schema"]["properties"]


def test_command_line_simulator(db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    with clock.frozen_at(SUNDAY_10):
        call_command("voice_simulate", "start", "3", "1", "*", "0", "hangup", stdout=out)
    text = out.getvalue()
    assert "[guide_menu / gather] 网上立案：" in text
    assert "现在是非工作时间" in text
    assert VoiceCall.objects.get().call_id.startswith("sim-")
