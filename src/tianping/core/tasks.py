"""Background jobs of the shared kernel."""

from __future__ import annotations

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from tianping.core import audit

logger = logging.getLogger("tianping.audit")


@db_periodic_task(crontab(hour="2", minute="17"))
def audit_chain_nightly_check() -> bool:
    """Walk the audit chain every night; a broken chain is logged at ERROR for the operators' alerting."""
    report = audit.verify()
    if report.ok:
        logger.info("audit chain intact: %d records", report.checked)
    else:
        logger.error("audit chain BROKEN: %s", report.problem)
    return report.ok
