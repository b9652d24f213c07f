"""``python -m tianping search_rebuild``: empty the judgment index and index every published
judgment again (from the publicity context's ``published_for_index``)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tianping.search.engine import index_clear, index_put


class Command(BaseCommand):
    help = "Rebuild the full-text index of published judgments"

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            from tianping.publicity.selectors import published_for_index
        except ImportError as exc:
            raise CommandError("the publicity context does not provide published_for_index yet") from exc
        started = time.perf_counter()
        index_clear()
        count = 0
        for entry in published_for_index():
            index_put(entry=entry)
            count += 1
        elapsed = time.perf_counter() - started
        self.stdout.write(f"indexed {count} published judgments in {elapsed:.1f} s")
