"""Fixtures shared by the judgments tests (drafting, issuing, effect, archiving)."""

from __future__ import annotations

from tests.dossier.conftest import media  # noqa: F401  (fixture: files in tmp_path)
from tests.judgments.test_effect_support import world  # noqa: F401  (fixture: the effect/appeal/archive case)
