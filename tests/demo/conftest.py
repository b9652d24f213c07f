"""Files the demo writes (the services scenario's PDFs) go to a temporary storage, not to var/media."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _demo_media(request: pytest.FixtureRequest, settings: Any, tmp_path: Path) -> None:
    if "scenario" in request.fixturenames:
        return  # the class-wide scenario keeps its files in its own storage
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
