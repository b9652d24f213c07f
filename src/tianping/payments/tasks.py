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


@db_periodic_task(crontab(hour="8", minute="5"))
def remind_payers_daily() -> tuple[int, int]:
    """Each morning: remind payers of orders due within two days, and tell them once when overdue."""
    reminded, overdue = services.orders_remind()
    logger.info("payment reminders sent: %d due soon, %d overdue", reminded, overdue)
    return reminded, overdue
