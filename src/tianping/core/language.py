"""The site language (Chinese) for what the court records and prints, whatever the user reads in."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def site_language() -> translation.override:
    """Within this block gettext and choice labels give the site language: stored notes, printed
    documents and pre-filled judgment text are Chinese even when the acting user works in English."""
    return translation.override(settings.LANGUAGE_CODE)
