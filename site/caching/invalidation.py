"""When the page cache is dropped: whenever what a reader sees may change.

Pages: published (including a translation, and each scheduled publication),
unpublished, moved, deleted. Beside pages, the few records every page or
search shows: the site identity in the footer, regions and organisations
named in filters, promoted search results, sites and locales. Deliberately
not on view counts or search statistics, which change with every reader.
Page view restrictions too: a page made private must leave the cache at once.

The cache is dropped at once and again when the transaction commits: a
reader's request between the two would otherwise render the old version
and store it under the new generation, where the reverse proxy, purged
after the commit (`frontend`), would fetch it again.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import invalidate


def invalidate_now_and_on_commit() -> None:
    invalidate()
    transaction.on_commit(invalidate)


def drop_page_cache(**_kwargs: Any) -> None:
    invalidate_now_and_on_commit()


def record_changed(created: bool = False, **_kwargs: Any) -> None:
    # A record made on first use (Wagtail creates the site settings while
    # rendering the first page) changes nothing a reader has already seen.
    if not created:
        invalidate_now_and_on_commit()


def page_deleted(sender: type, instance: Any, **_kwargs: Any) -> None:
    if isinstance(instance, Page):
        invalidate_now_and_on_commit()


def site_wide_models() -> tuple[type, ...]:
    """Records shown beside every page or search, not pages themselves."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from lifelong_site.models import Organisation, Region, SiteIdentity

    return (SiteIdentity, Region, Organisation, SearchPromotion, Site, Locale)


def connect() -> None:
    uid = "lifelong_page_cache"
    page_published.connect(drop_page_cache, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(drop_page_cache, dispatch_uid=f"{uid}:unpublished")
    post_page_move.connect(drop_page_cache, dispatch_uid=f"{uid}:moved")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}:deleted")
    for model in site_wide_models():
        post_save.connect(
            record_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}:saved"
        )
        post_delete.connect(
            drop_page_cache, sender=model, dispatch_uid=f"{uid}:{model.__name__}:deleted"
        )
    # A page made private (password, sign-in, groups) or public again: the
    # cached copy must go at once, and the restricted paths the fragments
    # share (lifelong_site.public_pages) with it; a new restriction counts.
    post_save.connect(
        drop_page_cache, sender=PageViewRestriction, dispatch_uid=f"{uid}:restriction:saved"
    )
    post_delete.connect(
        drop_page_cache, sender=PageViewRestriction, dispatch_uid=f"{uid}:restriction:deleted"
    )
