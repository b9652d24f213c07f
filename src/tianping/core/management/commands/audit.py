"""``python -m tianping audit verify``: walk the hash chain; exit 1 naming the first broken record."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tianping.core import audit


class Command(BaseCommand):
    help = "Audit log tools. 'verify' checks the hash chain and exits non-zero if it is broken."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit.verify()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"audit chain intact: {report.checked} records verified"))
            return
        self.stderr.write(self.style.ERROR(f"audit chain BROKEN after {report.checked} good records: {report.problem}"))
        sys.exit(1)
