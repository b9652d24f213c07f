"""Periodic jobs of the payments context."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tianping.payments import services

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="*/15"))
def reconcile_pending_payments() -> int:
    """Every 15 minutes: ask the provider about payments left open (a lost callback must not leave
    a paid fee looking unpaid)."""
    confirmed = services.payments_reconcile_pending()
    if confirmed:
        logger.info("payments confirmed by reconciliation: %d", confirmed)
    return confirmed
