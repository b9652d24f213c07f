"""Periodic jobs of the case record."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tianping.cases import services

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="6", minute="5"))
def deadline_warnings_daily() -> int:
    """Each morning: warnings at 30, 15 and 5 days left and on expiry (each raised once per deadline)."""
    raised = services.deadline_warnings_raise()
    logger.info("deadline warnings raised: %d", raised)
    return raised
