"""``python -m tianping demo [--if-empty] [--cases N] [--seed S]``: build the Beijing demo province
(idempotent) and optionally add N synthetic cases."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tianping.cases import services as case_services
from tianping.demo.builder import DEMO_ACCOUNTS, DEMO_PASSWORD, build_demo
from tianping.demo.cases import DEFAULT_SEED, load_demo_cases
from tianping.demo.credit_scenario import build_credit_scenario
from tianping.demo.openness_scenario import REVIEWER, publish_effective_judgments
from tianping.demo.services_scenario import build_services_scenario
from tianping.demo.trial_scenario import build_trial_scenario


class Command(BaseCommand):
    help = (
        "Create the Beijing demo courts, staff and accounts (only what is missing is created); "
        "with --cases N, add N synthetic cases."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any court exists already.")
        parser.add_argument("--cases", type=int, default=0, help="Add this many synthetic cases (bulk load).")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Seed of the synthetic cases (same seed, same cases)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["cases"]
        if count < 0:
            raise CommandError("--cases must not be negative")
        summary = build_demo(if_empty=options["if_empty"])
        if summary.skipped:
            self.stdout.write("demo: courts exist already; nothing done (--if-empty)")
            return
        if not summary.created_anything:
            self.stdout.write("demo: already complete; nothing created")
        else:
            self.stdout.write(self.style.SUCCESS(f"demo created: {summary}"))
            if summary.accounts:
                accounts = ", ".join(f"{username}（{role}）" for username, role, _court in DEMO_ACCOUNTS)
                self.stdout.write(f"demo accounts (password {DEMO_PASSWORD}): {accounts}")
        if count:
            self._load_cases(count, options["seed"], options["verbosity"])
        self._scenario("services (京0105, litigant/lawyer)", build_services_scenario)
        self._scenario("trial (京0105, chaoyang_judge)", build_trial_scenario)
        self._openness_scenario()
        self._scenario("credit (enforcement officers)", build_credit_scenario)

    def _scenario(self, label: str, build: Callable[[], Any]) -> None:
        """Run one scenario builder and report what it made (or that it was there already)."""
        started = time.perf_counter()
        scenario = build()
        name = label.split(" ", 1)[0]
        if scenario.skipped:
            self.stdout.write(f"demo {name}: {scenario}")
            return
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"demo {label}: {scenario} in {elapsed:.1f} s"))

    def _openness_scenario(self) -> None:
        published = publish_effective_judgments()
        if published:
            self.stdout.write(
                self.style.SUCCESS(f"demo openness: {published} effective judgments published by {REVIEWER}")
            )

    def _load_cases(self, count: int, seed: int, verbosity: int) -> None:
        started = time.perf_counter()

        def progress(done: int) -> None:
            if verbosity >= 1 and (done % 10_000 < 2_000 or done == count):
                self.stdout.write(f"  cases {done}/{count} ({time.perf_counter() - started:.0f} s)")

        loaded = load_demo_cases(count, seed=seed, progress=progress if count >= 10_000 else None)
        warnings = case_services.deadline_warnings_raise()  # what the daily job would have raised
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"demo cases: {loaded.cases} cases, {loaded.parties} parties, {loaded.agents} agents, "
                f"{loaded.events} timeline events, {loaded.assignments} assignments, "
                f"{loaded.extensions} extensions, {loaded.suspensions} excluded periods "
                f"in {elapsed:.1f} s ({loaded.cases / max(elapsed, 1e-9):.0f} cases/s, seed {seed}); "
                f"{warnings} deadline warnings raised"
            )
        )
