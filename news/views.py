"""The view counter endpoint.

Article pages are cached, so the page request itself never writes to the
database: a small script on the page POSTs here once per view and shows the
number it gets back. The views are written in batches (news.view_counts),
not one row update per view. Without JavaScript the reader sees the number rendered
with the (possibly cached) page and nothing is counted.

A client's repeated beacons for one page count once per half hour
(VIEW_REPEAT_SECONDS): the cache remembers a keyed hash of the client's
address and the page id, never the address itself."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from lifelong_site.public_pages import public
from lifelong_site.security.client_ip import client_key
from news.view_counts import buffer, stored_views

logger = logging.getLogger(__name__)

# A reload, a return to the tab or a script repeating the beacon within this
# time adds nothing.
VIEW_REPEAT_SECONDS = 30 * 60


def _countable_page_id(page_id: int) -> int:
    """The id of a live page anyone may read; 404 otherwise, so drafts and
    private pages cannot be counted (or probed)."""
    if not public(Page.objects.live()).filter(pk=page_id, depth__gt=1).exists():
        raise Http404("No such page")
    return page_id


def counted_views(page_id: int) -> int:
    """The total a reader sees: what the database holds plus what this
    process has not written yet (news.view_counts)."""
    return stored_views(page_id) + buffer.pending(page_id)


# Beacons seen while the shared cache is down, remembered by this process
# alone: views keep being counted, and a client still adds one per page and
# VIEW_REPEAT_SECONDS on each worker at most.
_beacons_seen_here = LocMemCache("views-seen-fallback", {"OPTIONS": {"MAX_ENTRIES": 20_000}})


def first_beacon(request: HttpRequest, page_id: int) -> bool:
    """True for this client's first beacon for the page in VIEW_REPEAT_SECONDS.
    cache.add() only stores a key that is absent, atomically in the shared
    cache backends; with the per-process default cache each worker process
    remembers its own beacons, and so does each process while the shared
    cache (Redis) does not answer."""
    key = f"views:seen:{client_key(request, 'page-views')}:{page_id}"
    try:
        if cache.add(key, True, VIEW_REPEAT_SECONDS):
            return True
        if getattr(cache, "answering", True):
            return False  # seen
    except Exception:
        logger.warning("views: the cache failed; counting beacons per process", exc_info=True)
    return _beacons_seen_here.add(key, True, VIEW_REPEAT_SECONDS)


# CSRF-exempt: the beacon comes from cached pages that carry no token, and a
# forged request can only add a view, which anyone can do by visiting (and at
# most one per client and page each half hour).
@csrf_exempt
@require_POST
@never_cache
def count_view(request: HttpRequest, page_id: int) -> JsonResponse:
    page_id = _countable_page_id(page_id)
    if first_beacon(request, page_id):
        buffer.add(page_id)
    return JsonResponse({"views": counted_views(page_id)})
