"""What every page shows and no page owns, kept across requests: the
locales, the site identity (header and footer), the primary navigation and
the footer's HTML.

Each value is memoised on the request and, while ``FRAGMENT_CACHE_SECONDS``
is above 0 (whether or not whole pages are cached), kept in the page
cache's store under its generation. Publishing, moving or deleting a page and saving the
site identity, a locale or a site start a new generation
(``lifelong_site.caching.invalidation``), so these values are dropped
exactly when the pages that show them are. A page missing from the page
cache is then rendered without reading them again: four to six queries
fewer on every page type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from lifelong_site.caching.page_cache import GENERATION_KEY, page_cache

T = TypeVar("T")
MEMO_ATTRIBUTE = "_lifelong_shared"
# Marks a value that was computed as None, so that None is cached too.
_NONE = "__none__"


def _request_memo(request: HttpRequest) -> dict[str, Any]:
    return request.__dict__.setdefault(MEMO_ATTRIBUTE, {})


def enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0


def _generation(request: HttpRequest) -> int:
    memo = _request_memo(request)
    if "generation" not in memo:
        memo["generation"] = page_cache().get(GENERATION_KEY, 0)
    return memo["generation"]


def shared_key(request: HttpRequest, name: str, *, per_language: bool = False) -> str:
    """The key of ``name`` for this site (host) and, when it is worded,
    the active language, under the current generation."""
    language = (translation.get_language() or settings.LANGUAGE_CODE) if per_language else "-"
    return f"shared:{_generation(request)}:{request.get_host()}:{language}:{name}"


def shared(
    request: HttpRequest, name: str, compute: Callable[[], T], *, per_language: bool = False
) -> T:
    """``compute()``'s value, computed at most once per request and, while
    fragments are cached, once per generation for every request."""
    memo = _request_memo(request)
    memo_key = f"{name}:{translation.get_language()}" if per_language else name
    if memo_key in memo:
        return memo[memo_key]
    if not enabled():
        value = compute()
    else:
        key = shared_key(request, name, per_language=per_language)
        stored = page_cache().get(key)
        if stored is None:
            value = compute()
            page_cache().set(
                key, _NONE if value is None else value, settings.FRAGMENT_CACHE_SECONDS
            )
        else:
            value = None if stored == _NONE else stored
    memo[memo_key] = value
    return value
