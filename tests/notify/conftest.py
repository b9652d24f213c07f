"""Notification tests: Huey in immediate mode, and a registering helper with parties' contacts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from huey.contrib.djhuey import HUEY

from tests.cases.conftest import company, person
from tests.conftest import CourtTree, Users
from tianping.cases import services
from tianping.cases.enums import PartyRole


@pytest.fixture(autouse=True)
def huey_immediate() -> Iterator[Any]:
    previous = HUEY.immediate
    HUEY.immediate = True
    try:
        yield HUEY
    finally:
        HUEY.immediate = previous


@pytest.fixture
def register(courts: CourtTree, users: Users) -> Callable[..., Any]:
    """``register(plaintiff_mobile=…, defendant_mobile=…, **overrides)``: a 民初 case at 朝阳."""

    def _register(
        plaintiff_mobile: str = "13800138000", defendant_mobile: str = "13900139000", **overrides: Any
    ) -> Any:
        arguments: dict[str, Any] = {
            "actor": users.clerk,
            "court_id": courts.chaoyang.pk,
            "type_code": "民初",
            "parties": [
                person(PartyRole.PLAINTIFF, "张三", mobile=plaintiff_mobile),
                company(PartyRole.DEFENDANT, "北京某某科技有限公司", mobile=defendant_mobile),
                person(PartyRole.DEFENDANT, "李四"),
            ],
        }
        arguments.update(overrides)
        return services.case_register(**arguments)

    return _register


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    """Fax PDFs and synthesized prompts go to a fresh storage directory."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
    return root


@pytest.fixture(autouse=True)
def voice_settings(settings: Any) -> None:
    settings.VOICE_WEBHOOK_SECRET = "test-voice-secret"
    settings.TTS_COMMAND = "tianping-no-such-tts-program"  # the synthesis test sets the real one
    settings.VOICE_OPERATOR = "operator-desk"
