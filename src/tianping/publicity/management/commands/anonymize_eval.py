"""``python -m tianping anonymize_eval --docs N --seed S``: the anonymizer against a generated corpus;
exits 1 unless recall is 100% for identifiers on record and ≥ 99% for detected kinds, no kept name is
replaced and different people never share a pseudonym."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tianping.publicity.anonymize.evaluation import evaluate


class Command(BaseCommand):
    help = "Evaluate the anonymizer on a generated corpus (recall/precision per identifier kind)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--docs", type=int, default=200)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["docs"] < 1:
            raise CommandError("--docs must be at least 1")
        report = evaluate(options["docs"], options["seed"])
        for line in report.lines():
            self.stdout.write(line)
        if not report.passed():
            raise CommandError("anonymization below target")
