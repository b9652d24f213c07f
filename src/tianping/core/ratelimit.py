"""A fixed-window rate limit on the shared cache (Redis in production) for public endpoints."""

from __future__ import annotations

import time

from django.core.cache import cache

from tianping.core.errors import RateLimited


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/m"`` → (30, 60). Units: s, m, h, d."""
    count, unit = rate.split("/")
    return int(count), {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]


def _cache_key(scope: str, key: str, window: int) -> str:
    return f"ratelimit:{scope}:{key}:{int(time.time() // window)}"


def count(scope: str, key: str, rate: str) -> int:
    """Count one event of ``key`` in ``scope`` in the current window; the count so far."""
    _limit, window = parse_rate(rate)
    cache_key = _cache_key(scope, key, window)
    if cache.add(cache_key, 1, timeout=window + 1):
        return 1
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window + 1)
        return 1


def exceeded(scope: str, key: str, rate: str) -> bool:
    """Whether ``key`` has used up its quota in ``scope`` for the current window (nothing counted)."""
    limit, window = parse_rate(rate)
    return int(cache.get(_cache_key(scope, key, window)) or 0) >= limit


def hit(scope: str, key: str, rate: str) -> None:
    """Count one request of ``key`` in ``scope``; raise ``RateLimited`` past the rate."""
    limit, window = parse_rate(rate)
    if count(scope, key, rate) > limit:
        raise RateLimited(details={"retry_after_seconds": window - int(time.time()) % window})
