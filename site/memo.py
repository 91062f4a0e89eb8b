"""Remembering computed values: for one request, and across requests until
the site changes. The one memo mechanism of the site.

``per_request(key, compute)`` computes once per request what templates and
views ask for several times (a page's ancestors, its live translations).
``shared(request, key, compute)`` also keeps the value across requests,
for what every reader of a host sees alike (the locales, the site and home
page, the primary navigation, the footer's HTML, the restricted paths):
while ``FRAGMENT_CACHE_SECONDS`` is above 0 it lives in the page cache's
store under the current *generation*, and publishing, moving or deleting a
page or saving a site-wide record starts a new generation
(``new_generation``, called by the caching app), so every shared value is
dropped exactly when the pages that show it are.

The request's memo is opened by ``MemoMiddleware`` (a context variable, so
model code that has no request at hand reaches it too; each request thread
has its own). Outside a request, e.g. in a management command, values are
computed every time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.http import HttpRequest, HttpResponse
from django.utils import translation

T = TypeVar("T")

logger = logging.getLogger(__name__)

# The store shared values and whole pages are kept in (settings.CACHES).
STORE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
# Marks a value that was computed as None, so that None is remembered too.
_NONE = "__none__"

_request_memo: ContextVar[dict[str, Any] | None] = ContextVar("lifelong_request_memo", default=None)


def store() -> BaseCache:
    return caches[STORE_ALIAS]


def generation() -> int:
    """The current generation, read once per request."""
    return per_request("memo:generation", _read_generation)


def _read_generation() -> int:
    if _generation_owed.is_set():
        # A publication could not reach the store; now is the next chance.
        new_generation()
    return store().get(GENERATION_KEY, 0)


# Set while a new generation could not be stored (the shared store was
# unreachable): what it kept from before the publication must still go once
# it answers again, so this process tries again on its next generation().
_generation_owed = threading.Event()


def new_generation() -> None:
    """Forget every shared value and every cached page at once.

    Atomic where several servers share the store (Redis): add() creates the
    key only if it is missing, and incr() is the server's own increment, so
    two servers publishing at once never lose an increment, as reading and
    writing back would. A new key starts from the clock (milliseconds), not
    from 0: a generation lost to a flush, an eviction or the file cache's
    culling never comes back to a number that older entries are stored under.
    """
    cache = store()
    cache.add(GENERATION_KEY, time.time_ns() // 1_000_000, timeout=None)
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # The store did not keep the key: it cannot be reached (the Redis
        # backend serves everything uncached meanwhile). Never an error for
        # the editor who publishes; logged once, not on every retry.
        if not _generation_owed.is_set():
            logger.warning("Could not start a new cache generation; trying again on later requests")
        _generation_owed.set()
        return
    _generation_owed.clear()
    # No expiry, ever. Django's generic incr() (the file cache's) writes the
    # value back with the default timeout; touch() takes it off again (on
    # Redis, whose INCR keeps the key as it was, it changes nothing).
    cache.touch(GENERATION_KEY, timeout=None)


def per_request(key: str, compute: Callable[[], T]) -> T:
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def sharing_enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0


def shared_key(request: HttpRequest | None, name: str, *, per_language: bool = False) -> str:
    """The store's key of ``name`` under the current generation, for the
    request's host (when it depends on the site) and language (when worded)."""
    host = request.get_host() if request is not None else "-"
    language = (translation.get_language() or settings.LANGUAGE_CODE) if per_language else "-"
    return f"shared:{generation()}:{host}:{language}:{name}"


def shared(
    request: HttpRequest | None, name: str, compute: Callable[[], T], *, per_language: bool = False
) -> T:
    """``compute()``'s value, computed at most once per request and, while
    sharing is on, once per generation for every request. With a request,
    the value is the request's host's (a site's); without, the whole
    installation's."""
    language = translation.get_language() if per_language else ""
    host = request.get_host() if request is not None else ""

    def from_store() -> T:
        if not sharing_enabled():
            return compute()
        key = shared_key(request, name, per_language=per_language)
        stored = store().get(key)
        if stored is not None:
            return None if stored == _NONE else stored  # type: ignore[return-value]
        value = compute()
        store().set(key, _NONE if value is None else value, settings.FRAGMENT_CACHE_SECONDS)
        return value

    return per_request(f"shared:{host}:{language}:{name}", from_store)


@contextmanager
def request_memo() -> Iterator[None]:
    """One request's memo: what ``per_request`` computes inside is
    remembered until the block ends."""
    token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(token)


class MemoMiddleware:
    """Opens the request's memo. Before everything that remembers values
    (routing, the restricted paths, navigation)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_memo():
            return self.get_response(request)
