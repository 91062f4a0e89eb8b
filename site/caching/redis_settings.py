"""The CACHES setting for a Redis shared by every server (REDIS_URL).

Without it each server keeps its own caches (local memory, and page files
in its data folder), and a publication on one server could not drop the
pages another keeps. With it, both aliases live in the one Redis:

- "pages": whole pages, shared fragments and the generation that drops them
  (`lifelong_site.memo`), so a publication anywhere drops them everywhere;
- "default": counters and rate limits (page-view beacons, the search log),
  which then count per installation instead of per process.

Distinct key prefixes keep the two apart in one database (and let each be
cleared alone). The socket timeouts are short: a Redis that hangs costs a
reader's request one timeout, after which the backend leaves it alone for a
while (`redis_backend`), and the page is served uncached.

Imported by the settings: nothing here may import Django's models.
"""

from __future__ import annotations

from typing import Any

BACKEND = "lifelong_site.caching.redis_backend.ResilientRedisCache"
KEY_PREFIXES = {"default": "lifelong:default", "pages": "lifelong:pages"}
# Seconds to connect and to wait for an answer; a LAN round trip is well
# under a millisecond, a page entry a few hundred kilobytes at most.
SOCKET_TIMEOUT_SECONDS = 0.3


def redis_caches(url: str) -> dict[str, dict[str, Any]]:
    """Both cache aliases in the Redis at ``url`` (redis://[:password@]host:port/db,
    rediss:// for TLS)."""
    return {
        alias: {
            "BACKEND": BACKEND,
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "socket_connect_timeout": SOCKET_TIMEOUT_SECONDS,
                "socket_timeout": SOCKET_TIMEOUT_SECONDS,
            },
        }
        for alias, prefix in KEY_PREFIXES.items()
    }
