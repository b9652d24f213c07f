"""Run calls at the same moment in threads, each with its own database connection.

The threads wait at one barrier, then call the real services (SQLite: IMMEDIATE transactions
serialise the writers; PostgreSQL: row locks and unique indexes). Tests using it need
``pytest.mark.django_db(transaction=True)`` so the threads see the committed fixtures.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

from tianping.core.errors import ApplicationError

START_TIMEOUT = 30
JOIN_TIMEOUT = 120


def race(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[BaseException]]:
    """Start ``calls`` together; return what each returned (the ``code`` of an ApplicationError
    for a refusal), in completion order, and anything else they raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = []
    unexpected: list[BaseException] = []
    lock = threading.Lock()

    def attempt(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=START_TIMEOUT)
            outcome = call()
        except ApplicationError as exc:
            outcome = exc.code
        except BaseException as exc:  # reported to the main thread
            with lock:
                unexpected.append(exc)
            return
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_TIMEOUT)
    return results, unexpected


def succeeded(call: Callable[[], Any], marker: str = "ok") -> Callable[[], str]:
    """``call`` reporting ``marker`` instead of its return value (for counting successes)."""

    def run() -> str:
        call()
        return marker

    return run
