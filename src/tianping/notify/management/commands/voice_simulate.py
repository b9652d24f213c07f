"""Play a 12368 call from the command line through the same menu service as the webhook.

    python -m tianping voice_simulate start 1 83286537 038221 '*' 2 'rec:请法官回电' hangup

Each step is ``start``, ``hangup``, ``rec:<transcript>`` (the platform's recording callback)
or the keys pressed (digits, ``*``, ``#``). Calls made here have ids ``sim-…``.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from tianping.core.errors import ApplicationError
from tianping.notify import voice


class Command(BaseCommand):
    help = "Play a 12368 voice-menu call: start, keys, rec:<transcript>, hangup."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("steps", nargs="+")
        parser.add_argument("--caller", default="13800000000")

    def handle(self, *args: Any, **options: Any) -> None:
        call_id = f"sim-{secrets.token_hex(6)}"
        for step in options["steps"]:
            event, digits, transcript = _event(step)
            try:
                answer = voice.voice_event_handle(
                    event=voice.VoiceEventIn(
                        call_id=call_id, caller=options["caller"], event=event, digits=digits, transcript=transcript
                    )
                )
            except (ValidationError, ApplicationError) as exc:
                raise CommandError(f"{step}: {exc}") from exc
            self.stdout.write(f"> {step}")
            self.stdout.write(f"  [{answer['state']} / {answer['action']}] {answer['say']}")


def _event(step: str) -> tuple[str, str, str]:
    if step in {"start", "hangup"}:
        return step, "", ""
    if step.startswith("rec:"):
        return "recording", "", step[4:]
    return "digits", step, ""
