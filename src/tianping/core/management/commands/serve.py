"""``python -m tianping serve``: gunicorn for the web, plus a Huey consumer for background jobs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the platform with gunicorn and run the Huey job consumer beside it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=int(os.environ.get("TIANPING_WEB_WORKERS", "3")))
        parser.add_argument("--no-jobs", action="store_true", help="do not start the Huey consumer")

    def handle(self, *args: Any, **options: Any) -> None:
        # A process manager stops us with SIGTERM: treat it like Ctrl-C so gunicorn and the consumer stop
        # with us instead of living on with the port.
        signal.signal(signal.SIGTERM, _interrupt)
        consumer = None
        if not options["no_jobs"]:
            consumer = subprocess.Popen([sys.executable, "-m", "tianping", "run_huey", "--workers", "2"])
        web = subprocess.Popen(  # noqa: S603 (our own interpreter and fixed arguments)
            [
                sys.executable, "-m", "gunicorn", "tianping.wsgi:application",
                "--bind", f"{options['host']}:{options['port']}",
                "--workers", str(options["workers"]),
                "--access-logfile", "-",
                "--timeout", "60",
            ]
        )  # fmt: skip
        self.stdout.write(f"Tianping is serving on http://{options['host']}:{options['port']}/ (Ctrl-C to stop)")
        try:
            web.wait()
        except KeyboardInterrupt:
            web.send_signal(signal.SIGTERM)
            web.wait()
        finally:
            if consumer is not None:
                consumer.terminate()
                consumer.wait()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt
