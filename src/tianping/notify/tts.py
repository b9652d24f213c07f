"""Spoken prompts as WAV files, when a text-to-speech command is installed.

``settings.TTS_COMMAND`` (default ``espeak-ng -v cmn``) is run as ``<command> -w <file> <text>``.
Files are cached in storage under ``voice/tts/<sha256 of the text>.wav`` and served through a
signed, expiring URL (a status prompt names the case, so its audio must not be guessable).
Without the command ``audio_url`` is ``None`` and the telephony platform speaks ``say`` itself.
"""

from __future__ import annotations

import hashlib
import logging
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

logger = logging.getLogger(__name__)

AUDIO_SALT = "tianping.notify.voice-audio"
AUDIO_URL_MAX_AGE = 3600  # seconds
SYNTHESIS_TIMEOUT = 30  # seconds


def tts_command() -> list[str] | None:
    """The command line, or ``None`` when none is configured or its program is not installed."""
    argv = shlex.split(settings.TTS_COMMAND or "")
    if not argv or shutil.which(argv[0]) is None:
        return None
    return argv


def audio_name(text: str) -> str:
    return f"voice/tts/{hashlib.sha256(text.encode('utf-8')).hexdigest()}.wav"


def synthesize(text: str) -> str | None:
    """The storage name of the WAV for ``text`` (made once, then cached), or ``None``."""
    if not text.strip():
        return None
    name = audio_name(text)
    if default_storage.exists(name):
        return name
    argv = tts_command()
    if argv is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "prompt.wav"
        try:
            # The program comes from settings; the text is one argument, never parsed by a shell.
            subprocess.run(  # noqa: S603
                [*argv, "-w", str(target), text], check=True, capture_output=True, timeout=SYNTHESIS_TIMEOUT
            )
            data = target.read_bytes()
        except (OSError, subprocess.SubprocessError) as exc:
            logger.warning("text-to-speech failed: %s", exc)
            return None
    if not data:
        return None
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    return name


def audio_url(text: str) -> str | None:
    """A signed URL path for the prompt's audio, or ``None`` when it cannot be synthesized."""
    name = synthesize(text)
    if name is None:
        return None
    token = signing.dumps(Path(name).stem, salt=AUDIO_SALT)
    return reverse("notify:voice_audio", args=[token])


def audio_name_for_token(token: str) -> str | None:
    """The storage name a signed token stands for, or ``None`` when forged, expired or missing."""
    try:
        digest = signing.loads(token, salt=AUDIO_SALT, max_age=AUDIO_URL_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(digest, str) or len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        return None
    name = f"voice/tts/{digest}.wav"
    return name if default_storage.exists(name) else None
