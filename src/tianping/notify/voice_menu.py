"""The 12368 voice menu as a pure state machine: ``step(state, event, digits, context)``.

Nothing here touches the database. The caller's session data goes in through ``CallContext``
and comes back, changed, in ``VoiceReply.data``; case identification is the injected
``lookup``; writes the menu asks for (store a message, audit an identification) come back as
``VoiceReply.effect`` for the service in ``notify.voice`` to carry out.

Query codes use the characters ``23456789ABCDEFGHJKLMNPQRSTUVWXYZ``. On a phone keypad each
letter sits on a digit key (ABC→2, DEF→3 … WXYZ→9), so the caller presses, for each
character, its digit key (a digit itself for a digit). ``code_pattern`` turns the 8 key
presses into a regular expression the stored codes are matched against; together with the
last six characters of the ID number (``*`` for X) the match is unambiguous in practice.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _

# States
WELCOME = "welcome"
MAIN = "main_menu"
GUIDE = "guide_menu"
CODE = "code_entry"
ID = "id_entry"
CASE = "case_menu"
MESSAGE = "message_record"
COMPLAINT = "complaint_record"
TRANSFER = "transfer"
ENDED = "ended"
STATES = (WELCOME, MAIN, GUIDE, CODE, ID, CASE, MESSAGE, COMPLAINT, TRANSFER, ENDED)

# Events the telephony platform posts
EVENTS = ("start", "digits", "recording", "hangup")

# Actions the platform carries out
GATHER, TRANSFER_ACTION, RECORD, HANGUP = "gather", "transfer", "record", "hangup"

# Effects for the service
IDENTIFIED, IDENTIFY_FAILED = "identified", "identify_failed"
STORE_JUDGE_MESSAGE, STORE_COMPLAINT = "store_judge_message", "store_complaint"

CODE_LENGTH = 8
ID_SUFFIX_LENGTH = 6
MAX_TRIES = 3
RECORD_SECONDS = 120

KEYPAD_LETTERS = {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ"}
_CODE_KEYS = re.compile(rf"[2-9]{{{CODE_LENGTH}}}")
_ID_KEYS = re.compile(rf"[0-9*]{{{ID_SUFFIX_LENGTH}}}")

Lookup = Callable[[str, str], dict[str, Any] | None]  # (code key presses, ID suffix) -> case info


@dataclasses.dataclass(frozen=True)
class CallContext:
    data: Mapping[str, Any]
    office_open: bool
    operator: str
    lookup: Lookup


@dataclasses.dataclass(frozen=True)
class VoiceReply:
    say: str
    action: str = GATHER
    max_digits: int = 1
    timeout_seconds: int = 10
    transfer_to: str | None = None
    data: dict[str, Any] = dataclasses.field(default_factory=dict)
    effect: str = ""


def code_pattern(keys: str) -> str:
    """``"72A…"``-style key presses → ``^[7PQRS][2ABC]…$`` for the stored query codes."""
    return "^" + "".join(f"[{key}{KEYPAD_LETTERS[key]}]" for key in keys) + "$"


def code_keys(code: str) -> str:
    """The keys a caller presses for a query code (the inverse of ``code_pattern``; used in docs and tests)."""
    by_letter = {letter: key for key, letters in KEYPAD_LETTERS.items() for letter in letters}
    return "".join(by_letter.get(char, char) for char in code.upper())


def id_suffix(keys: str) -> str:
    return keys.replace("*", "X")


# ---- Prompts --------------------------------------------------------------------------------


def _main_prompt() -> str:
    return _("查询案件进度请按1，给承办法官留言请按2，诉讼指引请按3，投诉建议请按4，人工服务请按0，重听请按9。")


def _guide_prompt() -> str:
    return _("网上立案指引请按1，诉讼费用请按2，网上预约请按3，返回主菜单请按星号键。")


def _code_prompt() -> str:
    return _(
        "请输入8位案件查询码，以井号键结束。查询码中的数字直接按该数字，字母按电话键盘上该字母所在的数字键，"
        "例如字母A、B、C按2。"
    )


def _id_prompt() -> str:
    return _("请输入您的身份证号码后6位，以井号键结束；末位为X请按星号键。重新输入查询码请按星号键后按井号键。")


def _case_prompt() -> str:
    return _("重听请按1，给承办法官留言请按2，人工服务请按0，返回主菜单请按星号键。")


def _hours() -> str:
    return _("人工服务时间为工作日上午8:30至下午5:30，自动语音服务24小时开放。")


GUIDE_TEXTS: Mapping[str, Callable[[], str]] = {
    "1": lambda: _(
        "网上立案：登录天平诉讼服务平台，选择网上立案，按提示填写当事人信息、诉讼请求并上传起诉状和证据。"
        "法院当场登记立案；不能当场判定的，民事、行政案件在7日内决定是否立案。"
    ),
    "2": lambda: _(
        "诉讼费用：财产案件按诉讼请求金额分段累计收取，可在诉讼服务平台的诉讼费计算器中试算；"
        "立案后请在7日内交纳案件受理费，确有困难的可申请缓交、减交或免交。"
    ),
    "3": lambda: _(
        "网上预约：登录诉讼服务平台，选择网上预约，可预约窗口办事、约见法官、现场阅卷和诉前调解，按预约时间到场即可。"
    ),
}


def _prompt_for(state: str, data: Mapping[str, Any]) -> VoiceReply:
    """The prompt that (re)opens ``state``."""
    if state == GUIDE:
        return VoiceReply(_guide_prompt())
    if state == CODE:
        return VoiceReply(_code_prompt(), max_digits=CODE_LENGTH, timeout_seconds=20)
    if state == ID:
        return VoiceReply(_id_prompt(), max_digits=ID_SUFFIX_LENGTH, timeout_seconds=20)
    if state == CASE:
        return VoiceReply(_case_prompt())
    return VoiceReply(_main_prompt())


def _reply(state: str, data: Mapping[str, Any], *, before: str = "", **changes: Any) -> tuple[str, VoiceReply]:
    prompt = _prompt_for(state, data)
    say = f"{before}{prompt.say}" if before else prompt.say
    return state, dataclasses.replace(prompt, say=say, data=dict(data), **changes)


def status_text(case: Mapping[str, Any]) -> str:
    parts = [
        _("您查询的案件，案号%(number)s，审理法院%(court)s，当前状态%(status)s，")
        % {"number": case["number"], "court": case["court_name"], "status": case["status"]}
    ]
    if case.get("judge_name"):
        parts.append(_("承办法官%(judge)s，") % {"judge": case["judge_name"]})
    else:
        parts.append(_("承办法官尚未确定，"))
    if case.get("deadline"):
        parts.append(_("审限届满日%(deadline)s。") % {"deadline": case["deadline"]})
    text = "".join(parts)
    return text[:-1] + "。" if text.endswith("，") else text


# ---- Transitions ----------------------------------------------------------------------------

Handler = Callable[[Mapping[str, Any], CallContext], tuple[str, VoiceReply]]


def _to_status(data: Mapping[str, Any], ctx: CallContext) -> tuple[str, VoiceReply]:
    if data.get("case"):
        return _reply(CASE, data, before=status_text(data["case"]))
    return _reply(CODE, {**data, "intent": "status"})


def _to_message(data: Mapping[str, Any], ctx: CallContext) -> tuple[str, VoiceReply]:
    if data.get("case"):
        return _record(MESSAGE, data)
    return _reply(CODE, {**data, "intent": "message"})


def _record(state: str, data: Mapping[str, Any]) -> tuple[str, VoiceReply]:
    say = (
        _("请在提示音后说出您给承办法官的留言，说完请按井号键。")
        if state == MESSAGE
        else _("请在提示音后说出您的投诉或建议，说完请按井号键。")
    )
    return state, VoiceReply(say, action=RECORD, max_digits=1, timeout_seconds=RECORD_SECONDS, data=dict(data))


def _to_transfer(data: Mapping[str, Any], ctx: CallContext) -> tuple[str, VoiceReply]:
    if not ctx.office_open:
        return _reply(MAIN, data, before=_("现在是非工作时间。") + _hours())
    say = _("正在为您转接人工服务，请稍候。")
    return TRANSFER, VoiceReply(say, action=TRANSFER_ACTION, max_digits=0, transfer_to=ctx.operator, data=dict(data))


def _guide(key: str) -> Handler:
    return lambda data, ctx: _reply(GUIDE, data, before=GUIDE_TEXTS[key]())


# The declared menu: (state, key) → what pressing the key does. Entry states (code, ID) and
# non-key events are handled by ``step`` itself.
MENU: Mapping[str, Mapping[str, Handler]] = {
    MAIN: {
        "1": _to_status,
        "2": _to_message,
        "3": lambda data, ctx: _reply(GUIDE, data),
        "4": lambda data, ctx: _record(COMPLAINT, data),
        "0": _to_transfer,
        "9": lambda data, ctx: _reply(MAIN, data),
    },
    GUIDE: {
        "1": _guide("1"),
        "2": _guide("2"),
        "3": _guide("3"),
        "*": lambda data, ctx: _reply(MAIN, data),
        "9": lambda data, ctx: _reply(GUIDE, data),
    },
    CASE: {
        "1": _to_status,
        "2": _to_message,
        "0": _to_transfer,
        "*": lambda data, ctx: _reply(MAIN, data),
    },
}


def _goodbye(data: Mapping[str, Any], say: str, effect: str = "") -> tuple[str, VoiceReply]:
    return ENDED, VoiceReply(say, action=HANGUP, max_digits=0, data=dict(data), effect=effect)


def _failed_try(data: Mapping[str, Any], state: str, reason: str, effect: str = "") -> tuple[str, VoiceReply]:
    tries = int(data.get("tries", 0)) + 1
    changed = {**data, "tries": tries}
    if tries >= MAX_TRIES:
        return _goodbye(changed, _("您输入错误的次数过多，请核对查询码后再拨。感谢您的来电，再见。"), effect)
    next_state, reply = _reply(state, changed, before=reason)
    return next_state, dataclasses.replace(reply, effect=effect)


def _code_entered(data: Mapping[str, Any], keys: str) -> tuple[str, VoiceReply]:
    if not _CODE_KEYS.fullmatch(keys):
        return _failed_try(data, CODE, _("查询码应为8位，且不含0和1。"))
    return _reply(ID, {**data, "code_keys": keys})


def _id_entered(data: Mapping[str, Any], keys: str, ctx: CallContext) -> tuple[str, VoiceReply]:
    if keys == "*":
        return _reply(CODE, {k: v for k, v in data.items() if k != "code_keys"})
    if not _ID_KEYS.fullmatch(keys):
        return _failed_try(data, ID, _("身份证号码后6位输入有误。"))
    case = ctx.lookup(str(data.get("code_keys", "")), id_suffix(keys))
    if case is None:
        return _failed_try(data, ID, _("查询码或身份证号码不正确。"), effect=IDENTIFY_FAILED)
    verified = {k: v for k, v in data.items() if k not in {"code_keys", "intent"}}
    verified["case"] = case
    if data.get("intent") == "message":
        state, reply = _record(MESSAGE, verified)
        reply = dataclasses.replace(reply, say=_("身份验证成功。") + reply.say)
    else:
        state, reply = _reply(CASE, verified, before=_("身份验证成功。") + status_text(case))
    return state, dataclasses.replace(reply, effect=IDENTIFIED)


def _recording(state: str, data: Mapping[str, Any]) -> tuple[str, VoiceReply]:
    kind = state if state in {MESSAGE, COMPLAINT} else data.get("pending_record", "")
    effect = STORE_JUDGE_MESSAGE if kind == MESSAGE else STORE_COMPLAINT if kind == COMPLAINT else ""
    rest = {k: v for k, v in data.items() if k != "pending_record"}
    if state == ENDED:
        return ENDED, VoiceReply("", action=HANGUP, max_digits=0, data=rest, effect=effect)
    if not effect:
        return _reply(state if state in MENU or state in {CODE, ID} else MAIN, data)
    if effect == STORE_JUDGE_MESSAGE:
        thanks = _("您的留言已记录，承办法官将尽快处理。")
    else:
        thanks = _("您的意见已记录，感谢您的监督。")
    return _reply(MAIN, rest, before=thanks, effect=effect)


def step(state: str, event: str, digits: str, context: CallContext) -> tuple[str, VoiceReply]:
    """One move of the menu: the new state and what to tell the platform."""
    data = context.data
    if event == "hangup":
        pending = {"pending_record": state} if state in {MESSAGE, COMPLAINT} else {}
        return _goodbye({**data, **pending}, "")
    if event == "recording":
        return _recording(state, data)
    if state == ENDED:
        return _goodbye(data, "")
    if event == "start" or state in {WELCOME, TRANSFER}:
        return _reply(MAIN, data, before=_("您好，欢迎致电12368诉讼服务热线。") + _hours())
    keys = (digits or "").strip().rstrip("#")
    if state == CODE:
        return _code_entered(data, keys) if keys else _reply(CODE, data)
    if state == ID:
        return _id_entered(data, keys, context) if keys else _reply(ID, data)
    if state in {MESSAGE, COMPLAINT}:
        return _reply(MAIN, data)  # a key during recording: the caller gave up
    handler = MENU.get(state, MENU[MAIN]).get(keys)
    if handler is None:
        menu_state = state if state in MENU else MAIN
        return _reply(menu_state, data, before=_("输入有误。") if keys else "")
    return handler(data, context)
