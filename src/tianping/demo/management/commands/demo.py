"""``python -m tianping demo [--if-empty]``: build the Beijing demo province (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tianping.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo


class Command(BaseCommand):
    help = "Create the Beijing demo courts, staff and accounts; only what is missing is created."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any court exists already.")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = build_demo(if_empty=options["if_empty"])
        if summary.skipped:
            self.stdout.write("demo: courts exist already; nothing done (--if-empty)")
            return
        if not summary.created_anything:
            self.stdout.write("demo: already complete; nothing created")
            return
        self.stdout.write(self.style.SUCCESS(f"demo created: {summary}"))
        if summary.accounts:
            accounts = ", ".join(f"{username}（{role}）" for username, role, _court in DEMO_ACCOUNTS)
            self.stdout.write(f"demo accounts (password {DEMO_PASSWORD}): {accounts}")
