"""Full-page cache for anonymous readers, inside the application.

On opening-ceremony day one release is read by everybody at once, and every
reader without a session sees exactly the same bytes; rendering them once
instead of thousands of times is the whole point. The middleware sits before
sessions and authentication, so a hit costs no database query at all.

What is never served from or stored in the cache:
- requests carrying a session cookie (editors, reviewers: they see the
  userbar, drafts and previews) or an Authorization header;
- Wagtail's simulated requests (`is_dummy`): previews, share links and
  moderation render a draft by sending a made-up GET for the page's own
  public address through this middleware; answering it from the cache
  showed the live page instead of the draft;
- anything but GET and HEAD; the admin, previews, documents, the view
  counter, health checks, Wagtail's sign-in forms;
- answers other than 200, answers that set a cookie (a CSRF token), that
  say private / no-store / no-cache, and streaming answers.

Invalidation is by generation: every entry's key carries the current
generation number, and `invalidate()` (connected to publishing, unpublishing,
moves, deletions and the settings every page shows, see `invalidation`)
increments it, so every older entry becomes unreachable at once and expires
in its own time. Publishing happens a few times a day, so dropping
everything is cheap, and it cannot miss a listing, a feed or a search that
also showed the changed page.

Entries keep the view's headers (Last-Modified, Cache-Control) but not
those of one request (PER_REQUEST_HEADERS). The ETag, the Cache-Control for
the proxy and 304 answers are added outside this middleware
(`headers`, Django's ConditionalGetMiddleware), so hits get them too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from lifelong_site.memo import generation as memo_generation
from lifelong_site.memo import new_generation, store

HIT_HEADER = "X-Page-Cache"
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/preview/",
    "/documents/",
    "/api/views/",
    "/healthz",
    "/_util/",
    "/en/_util/",
    "/static/",
    "/media/",
)
# Headers of the stored answer that belong to one request only. Server-Timing
# measures the request that rendered the page, not the one replaying it.
PER_REQUEST_HEADERS = frozenset({"set-cookie", "x-request-id", "date", "server-timing"})
# A longer query string is someone's experiment, not a page worth keeping.
MAX_QUERY_LENGTH = 512


# The pages live in the same store as the shared values, under the same
# generation (lifelong_site.memo): a new generation drops both.
page_cache = store
invalidate = new_generation


def cache_key(request: HttpRequest) -> str:
    # Through the memo: read once per request, and it catches up with a
    # publication made while the shared store was down.
    generation = memo_generation()
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"page:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def is_shared_request(request: HttpRequest) -> bool:
    """A request whose answer every anonymous reader would get alike: no
    session, no credentials, a read of a public URL. The same test decides
    what the reverse proxy may keep (`headers`), with or without this cache."""
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_dummy", False)
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and not has_session_or_credentials(request)
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
    )


def has_session_or_credentials(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META


def may_use_cache(request: HttpRequest) -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and is_shared_request(request)


def may_store(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not may_use_cache(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = page_cache().get(key)
        if stored is not None:
            return self.replay(stored, request)
        response = self.get_response(request)
        if may_store(response):
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in PER_REQUEST_HEADERS
            ]
            page_cache().set(
                key, (response.status_code, headers, response.content), settings.PAGE_CACHE_SECONDS
            )
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def replay(
        stored: tuple[int, list[tuple[str, str]], bytes], request: HttpRequest
    ) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response
