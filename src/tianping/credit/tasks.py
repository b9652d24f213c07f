"""Periodic job of credit discipline: listings whose term has run out come off the list."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tianping.credit import services

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="0", minute="40"))
def credit_expiry_daily() -> int:
    """Each night: remove the dishonest-debtor listings whose term ended (reason term_expired; idempotent)."""
    removed = services.dishonest_expire()
    logger.info("dishonest-debtor listings removed at the end of their term: %d", removed)
    return removed
