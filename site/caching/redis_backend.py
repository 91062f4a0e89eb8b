"""Django's Redis cache backend, made to fail soft.

With REDIS_URL set, every server's page cache, shared fragments, generation
and counters live in one Redis (`redis_settings`). A cache is an
optimisation: while Redis is down or hangs the site must keep serving,
uncached, not answer 500. Django's RedisCache raises the client's
exceptions from every call and has no option to ignore an unreachable
server (unlike the memcached backends), hence this subclass:

- a failing call answers as an empty cache would (a miss, the default,
  False, nothing stored) and is logged: one warning per failure kind and
  server every WARN_EVERY_SECONDS, not one per call (a busy site makes
  hundreds a second);
- after a connection failure or timeout the server is left alone for
  RETRY_AFTER_SECONDS (every call meanwhile is a miss at once): a page makes
  a dozen cache calls, and with a server that hangs each would otherwise
  wait out the socket timeout. The first call after that tries again, so
  the site recovers by itself when Redis returns. The state is per process
  and server, shared by every thread's cache object (Django makes one per
  thread) and by both aliases, which name the same server;
- ``incr`` on an unreachable server raises ValueError, which is what
  Django's contract says of a key the cache does not hold: callers already
  handle it (`lifelong_site.memo.new_generation`, the search log's counters);
- ``clear`` deletes only this alias's keys (its KEY_PREFIX): both aliases
  share one Redis database, and Django's clear() flushes all of it.

RETRY_AFTER_SECONDS and WARN_EVERY_SECONDS are read from OPTIONS; every other
option goes to redis-py's connection pool (socket timeouts).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("lifelong_site.caching")

T = TypeVar("T")

DEFAULT_RETRY_AFTER_SECONDS = 2.0
DEFAULT_WARN_EVERY_SECONDS = 60.0
# Failures that say the server cannot be reached (or is loading, which
# redis-py reports as a ConnectionError): leave it alone for a while. Other
# errors (out of memory, a wrong type) concern one call only.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# Keys deleted per command by clear().
CLEAR_BATCH = 500


class ServerHealth:
    """What one process knows of one Redis server: until when to leave it
    alone, and when each kind of failure was last logged."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.resting_until = 0.0
        self.failures = 0
        self.warned_at: dict[str, float] = {}

    def resting(self) -> bool:
        return time.monotonic() < self.resting_until

    def failed(self, error: RedisError, retry_after: float, warn_every: float) -> bool:
        """Records a failure; True when it is the first of its kind in
        ``warn_every`` seconds and so should be logged."""
        now = time.monotonic()
        kind = type(error).__name__
        with self.lock:
            self.failures += 1
            if isinstance(error, UNREACHABLE):
                self.resting_until = now + retry_after
            last = self.warned_at.get(kind)
            if last is not None and now - last < warn_every:
                return False
            self.warned_at[kind] = now
            return True

    def succeeded(self) -> int:
        """Records a success; the number of failures it ends (0 mostly)."""
        if not self.failures:  # the usual case, without taking the lock
            return 0
        with self.lock:
            ended, self.failures = self.failures, 0
            self.warned_at.clear()
            return ended


_health_lock = threading.Lock()
_health_by_server: dict[str, ServerHealth] = {}


def health_of(server: str) -> ServerHealth:
    with _health_lock:
        return _health_by_server.setdefault(server, ServerHealth())


def _chunks(items: Iterable[T], size: int) -> Iterable[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER_SECONDS", DEFAULT_RETRY_AFTER_SECONDS))
        self.warn_every = float(options.pop("WARN_EVERY_SECONDS", DEFAULT_WARN_EVERY_SECONDS))
        super().__init__(server, {**params, "OPTIONS": options})
        self.server_name = server if isinstance(server, str) else ",".join(server)
        self.health = health_of(self.server_name)

    @property
    def answering(self) -> bool:
        """False while Redis is failing: a False from add() then means
        "not stored", not "already there"."""
        return not self.health.failures

    def _guarded(self, operation: str, call: Callable[[], T], fallback: T) -> T:
        if self.health.resting():
            return fallback
        try:
            result = call()
        except RedisError as error:
            if self.health.failed(error, self.retry_after, self.warn_every):
                logger.warning(
                    "Redis cache %s failed (%s: %s) in %s; serving uncached, trying again in %.1f s",
                    _without_password(self.server_name),
                    type(error).__name__,
                    error,
                    operation,
                    self.retry_after,
                )
            return fallback
        ended = self.health.succeeded()
        if ended:
            logger.info(
                "Redis cache %s answers again after %d failed call(s)",
                _without_password(self.server_name),
                ended,
            )
        return result

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._guarded("add", partial(super().add, key, value, timeout, version), False)

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        return self._guarded("get", partial(super().get, key, default, version), default)

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        self._guarded("set", partial(super().set, key, value, timeout, version), None)

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._guarded("touch", partial(super().touch, key, timeout, version), False)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._guarded("delete", partial(super().delete, key, version), False)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        keys = list(keys)
        return self._guarded("get_many", partial(super().get_many, keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._guarded("has_key", partial(super().has_key, key, version), False)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        result = self._guarded("incr", partial(super().incr, key, delta, version), None)
        if result is None:
            # Unreachable: the cache holds no key, and Django's contract for
            # a key it does not hold is a ValueError.
            raise ValueError(f"Key '{key}' not found (the Redis cache cannot be reached).")
        return result

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        # Django's contract: the keys that were not stored.
        return self._guarded(
            "set_many", partial(super().set_many, data, timeout, version), list(data)
        )

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        keys = list(keys)
        self._guarded("delete_many", partial(super().delete_many, keys, version), None)

    def clear(self) -> None:
        self._guarded("clear", self._clear_own_keys, None)

    def _clear_own_keys(self) -> None:
        if not self.key_prefix:
            self._cache.clear()  # no prefix: the whole database is this alias's
            return
        client = self._cache.get_client(None, write=True)
        # Keys are "<prefix>:<version>:<key>" (Django's default KEY_FUNCTION).
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.key_prefix) + ":*"
        for chunk in _chunks(client.scan_iter(match=pattern, count=CLEAR_BATCH), CLEAR_BATCH):
            client.delete(*chunk)


def _without_password(url: str) -> str:
    """The server's address for the log, without credentials."""
    return re.sub(r"//[^@/]*@", "//***@", url)
