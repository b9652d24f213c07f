"""A fixed-window rate limit on the shared cache (Redis in production) for public endpoints."""

from __future__ import annotations

import time

from django.core.cache import cache

from tianping.core.errors import RateLimited


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/m"`` → (30, 60). Units: s, m, h."""
    count, unit = rate.split("/")
    return int(count), {"s": 1, "m": 60, "h": 3600}[unit]


def hit(scope: str, key: str, rate: str) -> None:
    """Count one request of ``key`` in ``scope``; raise ``RateLimited`` past the rate."""
    limit, window = parse_rate(rate)
    bucket = int(time.time() // window)
    cache_key = f"ratelimit:{scope}:{key}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, 1, timeout=window + 1)
            count = 1
    if count > limit:
        raise RateLimited(details={"retry_after_seconds": window - int(time.time()) % window})
