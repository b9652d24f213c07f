"""Periodic jobs of the publication pipeline."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tianping.publicity import services

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="1", minute="10"))
def publication_intake_daily() -> int:
    """Each night, after the effect job: effective documents into the publication pipeline (idempotent)."""
    taken = len(services.publication_intake())
    logger.info("documents taken into the publication pipeline: %d", taken)
    return taken


@db_periodic_task(crontab(hour="7", minute="30"))
def publication_deadline_flags_daily() -> int:
    """Each morning: flag the publications within 2 working days of their deadline (idempotent)."""
    flagged = services.publication_flag_near_deadline()
    logger.info("publications nearing their deadline: %d", flagged)
    return flagged
