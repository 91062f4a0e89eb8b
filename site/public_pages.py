"""Pages the public may see, with the view restrictions read once per request.

Wagtail's ``PageQuerySet.public()`` reads every page view restriction
(password, sign-in, groups) each time it is called: the home page called it
seven times, an article three. ``public(queryset)`` excludes the same
subtrees from the paths read once per request (``RestrictedPathsMiddleware``
opens the request's memo; outside a request each call reads them afresh)
and, while fragments are cached, once per generation of the page cache.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from lifelong_site.caching.page_cache import GENERATION_KEY, page_cache
from wagtail.models import PageViewRestriction

Q = TypeVar("Q", bound=QuerySet)

# One memo per request; gthread workers give each request thread its own context.
_request_memo: ContextVar[dict[str, tuple[str, ...]] | None] = ContextVar(
    "lifelong_restricted_paths", default=None
)


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of the pages with a view restriction; everything at or
    below them is not public."""
    memo = _request_memo.get()
    if memo is not None and "paths" in memo:
        return memo["paths"]
    paths = _shared_paths()
    if memo is not None:
        memo["paths"] = paths
    return paths


def _shared_paths() -> tuple[str, ...]:
    """Across requests too while fragments are cached: saving or deleting a
    restriction starts a new generation of the page cache
    (lifelong_site.caching.invalidation), which drops this with the pages."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return _read_paths()
    key = f"shared:{page_cache().get(GENERATION_KEY, 0)}:restricted-paths"
    paths = page_cache().get(key)
    if paths is None:
        paths = _read_paths()
        page_cache().set(key, paths, settings.FRAGMENT_CACHE_SECONDS)
    return paths


def _read_paths() -> tuple[str, ...]:
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def public(queryset: Q) -> Q:
    """``queryset.public()`` without reading the restrictions again."""
    for path in restricted_paths():
        queryset = queryset.exclude(path__startswith=path)
    return queryset


class RestrictedPathsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)
