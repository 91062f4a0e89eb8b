"""Purging the caches in front of the application (the nginx proxy cache,
or a CDN) when publishing changes what readers see, through Wagtail's
frontend cache (WAGTAILFRONTENDCACHE, off unless FRONTEND_CACHE_PURGE_URL
is set).

Wagtail itself purges a page's own URL on publish and unpublish. A page is
also shown by its ancestors (the home page, its section, a listing and the
listing's Atom feed), by its translations' language switchers and by the
sitemap; those URLs are purged here too, and on moves and deletions, which
Wagtail leaves alone. What still shows a page after that (the navigation on
every page, related-article lists, listing pages with a query string,
search results) cannot be purged by exact URL and expires with its
s-maxage (`headers`).

Purges are queued after the transaction commits (purged before, the proxy
could fetch and keep the old version again in between) and sent by a
worker, node by node, with retries (`purge_queue`).
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from lifelong_site.page_declarations import declarations_of

from .purge_queue import queue_purges

logger = logging.getLogger("wagtail.frontendcache")

# A node that hangs must not hold the purge worker for long; its purge is
# tried again later (purge_queue).
PURGE_TIMEOUT_SECONDS = 3
SITEMAP_PATH = "/sitemap.xml"


class Outcome(enum.Enum):
    PURGED = "purged"  # or not cached there: gone either way
    FAILED = "failed"  # nginx answered with an error
    UNREACHABLE = "unreachable"  # nginx down, refusing, or stuck past the timeout


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP backend (a PURGE request to LOCATION with the page's
    Host header) for ngx_cache_purge, which answers 404 for a URL nobody
    read since it expired: the usual case for most related URLs, so not an
    error. Adds a timeout, which Wagtail's backend does not have."""

    def purge_batch(self, urls: list[str]) -> None:
        self.purge_urls(urls)

    def purge_urls(self, urls: list[str]) -> list[str]:
        """Purges ``urls`` in turn; returns those this node did not take
        (for the queue to try again): from the first one that found nginx
        unreachable on (the others would wait the same), and any nginx
        answered with an error."""
        left: list[str] = []
        for done, url in enumerate(urls):
            outcome = self.purge_one(url)
            if outcome is Outcome.UNREACHABLE:
                logger.error(
                    "Skipped purging %d more URL(s) from the proxy cache", len(urls) - done - 1
                )
                return left + urls[done:]
            if outcome is Outcome.FAILED:
                left.append(url)
        return left

    def purge(self, url: str) -> None:
        self.purge_one(url)

    def purge_one(self, url: str) -> Outcome:
        try:
            with urlopen(self.purge_request(url), timeout=PURGE_TIMEOUT_SECONDS):
                pass
        except HTTPError as error:
            if error.code == 404:
                logger.debug("Not in the proxy cache: %s", url)
                return Outcome.PURGED
            logger.error(
                "Couldn't purge '%s' from the proxy cache: %d %s", url, error.code, error.reason
            )
            return Outcome.FAILED
        except (URLError, OSError) as error:
            logger.error(
                "Couldn't purge '%s' from the proxy cache: %s", url, getattr(error, "reason", error)
            )
            return Outcome.UNREACHABLE
        return Outcome.PURGED

    def purge_request(self, url: str) -> PurgeRequest:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host += f":{parts.port}"
        return PurgeRequest(
            url=urlunsplit((self.cache_scheme, self.cache_netloc, parts.path, parts.query, "")),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )


# --- What shows a page -------------------------------------------------------------


def subpage_urls(page: Page, cache_object: Any) -> list[str]:
    """The page's own routes that show its children, as its type declares
    them (`purge_routes`: a listing's Atom feed)."""
    declared = declarations_of(page)
    if declared is None or not declared.purge_routes or not isinstance(page, RoutablePageMixin):
        return []
    base = page.get_full_url(cache_object)
    if base is None:
        return []
    urls = []
    for name in declared.purge_routes:
        try:
            urls.append(base + page.reverse_subpage(name).lstrip("/"))
        except NoReverseMatch:
            continue
    return urls


def sitemap_url(page: Page, cache_object: Any) -> str | None:
    parts = page.get_url_parts(cache_object)
    if not parts or not parts[1]:
        return None
    return parts[1].rstrip("/") + SITEMAP_PATH


class RelatedPurgeBatch(PurgeBatch):
    """A purge batch that remembers whose ancestors it already holds:
    deleting a section sends one signal per page, all with the same few
    ancestors, which are looked up once."""

    def __init__(self) -> None:
        super().__init__()
        self.parents_done: set[str] = set()


def add_ancestors(batch: RelatedPurgeBatch, page: Page) -> None:
    parent_path = page.path[: -Page.steplen]
    if parent_path in batch.parents_done:
        return
    batch.parents_done.add(parent_path)
    # Depth 1 is the tree's root, which has no URL.
    for ancestor in page.get_ancestors().filter(depth__gt=1).live().specific():
        batch.add_page(ancestor)
        batch.add_urls(subpage_urls(ancestor, batch))
    sitemap = sitemap_url(page, batch)
    if sitemap:
        batch.add_url(sitemap)


def add_showing_pages(batch: RelatedPurgeBatch, page: Page, with_translations: bool = True) -> None:
    """The page's own URLs and those of what shows it: ancestors in its
    locale (with their feeds), its live translations, the sitemap."""
    batch.add_page(page)
    batch.add_urls(subpage_urls(page.specific_deferred, batch))
    add_ancestors(batch, page)
    if with_translations:
        # Each translation's language switcher links to this page, or hides
        # the link when it is unpublished.
        for translation in page.get_translations().live():
            batch.add_page(translation)


def add_home_pages(batch: RelatedPurgeBatch) -> None:
    """Every site's home page in every language, with the sections and
    listings under it (and their feeds): the most read of the pages that a
    site-wide record (footer identity, region and organisation names in
    filters) appears on. Every other page shows them too and cannot be
    purged by URL; those expire with their s-maxage."""
    for site in Site.objects.select_related("root_page"):
        for home in site.root_page.get_translations(inclusive=True).live():
            batch.add_page(home)
            for section in home.get_children().live().specific():
                batch.add_page(section)
                batch.add_urls(subpage_urls(section, batch))


def add_old_url(batch: RelatedPurgeBatch, page: Page, url_path_before: str) -> None:
    """The moved page's URL before the move. URLs are worked out from
    url_path alone, so a copy carrying the old one gives the old URL."""
    old = Page(
        pk=page.pk,
        path=page.path,
        depth=page.depth,
        url_path=url_path_before,
        locale_id=page.locale_id,
    )
    url = old.get_full_url(batch)
    if url:
        batch.add_url(url)


# --- Sending purges after commit -------------------------------------------------


class _Pending(threading.local):
    def __init__(self) -> None:
        self.batch = RelatedPurgeBatch()


_pending = _Pending()


def flush() -> None:
    """Queues purges of everything collected so far, one task per node
    (purge_queue): the editor's request does not wait for the proxies.
    Every signal schedules a flush on commit; the first one queues the union
    (deleting a section sends one signal per page), the rest find nothing
    left. URLs collected in a transaction that rolled back are purged with
    the next one: a needless cache miss, never a missed purge."""
    batch, _pending.batch = _pending.batch, RelatedPurgeBatch()
    if batch.urls:
        queue_purges(list(batch.urls))


def purging_is_on() -> bool:
    # Without a backend, working out the URLs would be queries for nothing.
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def schedule(add: Callable[..., None], *args: Any) -> None:
    add(_pending.batch, *args)
    transaction.on_commit(flush)


# --- Signal receivers ----------------------------------------------------------


def page_changed(instance: Page, **_kwargs: Any) -> None:
    """Published or unpublished (each translation sends its own signal)."""
    if purging_is_on():
        schedule(add_showing_pages, instance)


def page_moved(
    instance: Page,
    url_path_before: str,
    url_path_after: str,
    parent_page_before: Page,
    **_kwargs: Any,
) -> None:
    if not (purging_is_on() and instance.live):
        return
    # The new place and its ancestors; the old URL; the old section and
    # listings, which no longer show the page. The descendants' old URLs
    # are left to expire (a moved section can hold thousands).
    schedule(add_showing_pages, instance)
    if url_path_before != url_path_after:
        schedule(add_old_url, instance, url_path_before)
    schedule(add_showing_pages, parent_page_before, False)


def site_record_changed(created: bool = False, **_kwargs: Any) -> None:
    # As the page cache: a record made on first use changes nothing shown.
    if not created and purging_is_on():
        schedule(add_home_pages)


def add_subtree(batch: RelatedPurgeBatch, page: Page) -> None:
    """A page with everything below it, and what shows it: a view
    restriction covers the whole subtree."""
    add_showing_pages(batch, page)
    for descendant in page.get_descendants().live().iterator():
        batch.add_page(descendant)


def restriction_changed(instance: Any, **_kwargs: Any) -> None:
    """A page made private (or public again): the proxy's public copies of
    it and of every page below it must go at once, not in s-maxage."""
    if purging_is_on():
        schedule(add_subtree, instance.page)


def page_deleted(sender: type, instance: Any, **_kwargs: Any) -> None:
    # Deleting a page deletes its Page row and its specific row: both arrive
    # here, and the batch is a set.
    if isinstance(instance, Page) and instance.live and purging_is_on():
        schedule(add_showing_pages, instance, False)


def connect() -> None:
    """Connected after the page cache's receivers (`invalidation`), so on
    commit the page cache is dropped before the proxy is purged and refills
    from it."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .invalidation import site_wide_models

    uid = "lifelong_frontend_cache"
    page_published.connect(page_changed, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(page_changed, dispatch_uid=f"{uid}:unpublished")
    post_page_move.connect(page_moved, dispatch_uid=f"{uid}:moved")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}:deleted")
    for model in site_wide_models():
        post_save.connect(
            site_record_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}:saved"
        )
        post_delete.connect(
            site_record_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}:deleted"
        )
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}:restriction:saved"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}:restriction:deleted"
    )
