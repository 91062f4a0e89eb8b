"""Cache-Control and Last-Modified for the layers in front of the application:
the reverse proxy (deploy/nginx keeps what it is told to keep) and browsers.

Policy, per answer:
- editors (a session cookie) and API clients (an Authorization header):
  ``private, no-cache``; no shared cache may keep what they see (userbar,
  drafts), and their browser asks again every time;
- an answer the view itself marked private / no-store / no-cache keeps its
  own header;
- an anonymous answer that the page cache would store (`page_cache`'s
  predicates): ``public, max-age=0, s-maxage=N``. Browsers keep the page but
  revalidate it on every use (ETag / Last-Modified, answered with a 304 by
  nginx or the page cache), so a published correction is seen on the next
  view. The proxy keeps it for N seconds: long (PROXY_CACHE_SECONDS) when
  publishing purges the URL (`frontend`), short (PROXY_CACHE_SHORT_SECONDS)
  when it cannot: searches and any URL with a query string (filters, page
  numbers), because ngx_cache_purge removes exact URLs only;
- any other anonymous answer (errors, redirects, answers setting a cookie):
  ``no-cache``, or ``private, no-cache`` when it sets a cookie.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date

from .page_cache import has_session_or_credentials, is_shared_request, may_store

EDITOR_CACHE_CONTROL = "private, no-cache"
UNSHARED_CACHE_CONTROL = "no-cache"
# What a view may say that must never be relaxed.
RESTRICTIVE_WORDS = ("private", "no-store", "no-cache")
# Answers that change with every publication anywhere, and so cannot be
# purged by URL when a page is published (the search results' URL is the
# query). Besides these, every URL with a query string is unpurgeable.
UNPURGEABLE_PATHS = ("/search/", "/en/search/", "/api/search/")


def view_restricted(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return any(word in cache_control for word in RESTRICTIVE_WORDS)


def is_purgeable(request: HttpRequest) -> bool:
    """Whether publishing purges this exact URL from the proxy (`frontend`
    purges pages, their ancestors, listing feeds and the sitemap, all without
    a query string)."""
    return not request.META.get("QUERY_STRING") and not request.path.startswith(UNPURGEABLE_PATHS)


def proxy_seconds(request: HttpRequest) -> int:
    seconds = settings.PROXY_CACHE_SECONDS
    if not is_purgeable(request):
        seconds = min(seconds, settings.PROXY_CACHE_SHORT_SECONDS)
    return seconds


def public_cache_control(request: HttpRequest) -> str:
    seconds = proxy_seconds(request)
    if seconds <= 0:
        # Nothing for the proxy to keep; browsers still revalidate (ETag).
        return UNSHARED_CACHE_CONTROL
    return f"public, max-age=0, s-maxage={seconds}"


def cache_control_for(request: HttpRequest, response: HttpResponse) -> str | None:
    """The Cache-Control header to send, or None to keep the view's own."""
    if has_session_or_credentials(request):
        # Editors' answers are private even if the view said otherwise;
        # a view's no-store is stricter still and stays.
        return (
            None
            if "no-store" in response.get("Cache-Control", "").lower()
            else EDITOR_CACHE_CONTROL
        )
    if view_restricted(response):
        return None
    if is_shared_request(request) and may_store(response):
        return public_cache_control(request)
    if response.cookies:
        return f"private, {UNSHARED_CACHE_CONTROL}"
    return UNSHARED_CACHE_CONTROL


class CacheHeadersMiddleware:
    """Sets Cache-Control by the policy above. Sits outside the page cache,
    so hits and misses are labelled alike, and inside ConditionalGet, which
    then answers revalidations with a 304 carrying the same header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        cache_control = cache_control_for(request, response)
        if cache_control is not None:
            response["Cache-Control"] = cache_control
        return response


# --- Last-Modified --------------------------------------------------------------


def last_modified(page: Any) -> dt.datetime | None:
    """When the page last changed by publication, for pages that show only
    themselves. A page with children (home, sections, listings and their
    feeds) changes when something under it is published, which its own
    last_published_at does not tell, and finding the newest descendant
    would cost a query on every render: those answers carry only the ETag,
    which browsers and feed readers revalidate with just as well."""
    if page.numchild:
        return None
    return page.last_published_at


def with_last_modified(serve: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wagtail `on_serve_page` hook: sets Last-Modified on a page's 200
    answer. Inside the view, so the page cache stores the header with the
    page and replays it on hits without loading the page."""

    def serve_with_last_modified(
        page: Any, request: HttpRequest, args: Any, kwargs: Any
    ) -> HttpResponse:
        response = serve(page, request, args, kwargs)
        if response.status_code == 200 and not response.has_header("Last-Modified"):
            changed = last_modified(page)
            if changed is not None:
                response["Last-Modified"] = http_date(changed.timestamp())
        return response

    return serve_with_last_modified


def connect() -> None:
    from wagtail import hooks

    hooks.register("on_serve_page", with_last_modified)
