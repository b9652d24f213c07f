"""Fixtures shared by the judgments tests (drafting, issuing, effect, archiving)."""

from __future__ import annotations

from tests.dossier.conftest import media  # noqa: F401  (fixture: files in tmp_path)
