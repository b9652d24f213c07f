"""Periodic jobs of online filing."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tianping.filing import services

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(hour="6", minute="15"))
def register_first_flags_daily() -> int:
    """Each morning: flag undecided submissions whose review period ran out (先行立案); each once."""
    flagged = services.filings_flag_register_first()
    logger.info("filings flagged to register first: %d", flagged)
    return flagged
