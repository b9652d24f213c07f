"""Helpers of the online-hearing and transcript tests (on top of tests/hearings/conftest.py's ``world``):
an online hearing of ``world.case`` presided by ``users.judge`` with ``world.court_clerk`` as clerk, and
the participants by name (张三 with the litigant's account, the company without an account, and its
lawyer with the lawyer's account)."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.models import AnonymousUser

from tests.hearings.conftest import World, schedule
from tianping.core import clock
from tianping.hearings import services
from tianping.hearings.enums import HearingMode
from tianping.hearings.models import Hearing, Participant

BASE_URL = "https://court.example"


@dataclasses.dataclass
class Online:
    hearing: Hearing
    zhang: Participant  # party 张三, account users.litigant
    company: Participant  # party, no account
    lawyer: Participant  # agent of the company, account users.lawyer


def online_hearing(world: World, actor: Any, mode: str = HearingMode.ONLINE) -> Online:
    options: dict[str, Any] = {"mode": mode}
    if mode == HearingMode.ONLINE:
        options["courtroom_id"] = None
    else:
        options["courtroom_id"] = world.tech_room.pk
    hearing = schedule(world, actor, **options)
    by_name = {p.name: p for p in hearing.participants.all()}
    return Online(
        hearing=hearing, zhang=by_name["张三"], company=by_name["北京某某科技有限公司"], lawyer=by_name["李律师"]
    )


@contextlib.contextmanager
def during(hearing: Hearing, minutes: int = 0) -> Iterator[None]:
    """Freeze the clock ``minutes`` after the hearing's start."""
    import datetime as dt

    with clock.frozen_at(hearing.starts_at + dt.timedelta(minutes=minutes)):
        yield


def issue(online: Online, actor: Any) -> dict[str, str]:
    """Issue every link; ``{participant name: token}``."""
    links = services.join_link_issue(actor=actor, hearing=online.hearing, base_url=BASE_URL)
    return {link.participant.name: token_of(link.url) for link in links}


def token_of(url: str) -> str:
    path = urlsplit(url).path
    return path.rstrip("/").split("/")[-1]


ANONYMOUS = AnonymousUser()
