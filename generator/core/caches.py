"""The one registry of in-process caches.

Every cached function in jdgen is decorated with `memo`, which is `functools.cache`
plus a record of the function here, so `clear_all` forgets everything a long-running
process (the studio) worked out from files that may since have changed. A cache keyed
only by its arguments holds no run's state: the same arguments give the same value.
"""

from __future__ import annotations

from functools import cache

_REGISTERED: list = []


def memo(function):
    """functools.cache, registered so that `clear_all` reaches it."""
    cached = cache(function)
    _REGISTERED.append(cached)
    return cached


def clear_all() -> None:
    """Forget every cached value (the studio's reload: files may have changed)."""
    for cached in _REGISTERED:
        cached.cache_clear()
