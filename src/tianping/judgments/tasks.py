"""Periodic jobs of the judgments context."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tianping.judgments import services

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="0", minute="20"))
def effect_refresh_daily() -> int:
    """Each night: bring every document waiting for service or in its appeal period up to date with its
    services; documents whose periods ran out unappealed take effect (idempotent)."""
    took_effect = services.effect_refresh_due()
    logger.info("documents taking effect: %d", took_effect)
    return took_effect
