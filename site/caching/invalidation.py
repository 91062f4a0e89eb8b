"""When the page cache is dropped: whenever what a reader sees may change.

Pages: published (including a translation, and each scheduled publication),
unpublished, moved, deleted. Beside pages, the few records every page or
search shows: the site identity in the footer, regions and organisations
named in filters, promoted search results, sites and locales. Deliberately
not on view counts or search statistics, which change with every reader.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import invalidate


def drop_page_cache(**_kwargs: Any) -> None:
    invalidate()


def record_changed(created: bool = False, **_kwargs: Any) -> None:
    # A record made on first use (Wagtail creates the site settings while
    # rendering the first page) changes nothing a reader has already seen.
    if not created:
        invalidate()


def page_deleted(sender: type, instance: Any, **_kwargs: Any) -> None:
    if isinstance(instance, Page):
        invalidate()


def connect() -> None:
    from wagtail.contrib.search_promotions.models import SearchPromotion

    from lifelong_site.models import Organisation, Region, SiteIdentity

    uid = "lifelong_page_cache"
    page_published.connect(drop_page_cache, dispatch_uid=f"{uid}:published")
    page_unpublished.connect(drop_page_cache, dispatch_uid=f"{uid}:unpublished")
    post_page_move.connect(drop_page_cache, dispatch_uid=f"{uid}:moved")
    post_delete.connect(page_deleted, dispatch_uid=f"{uid}:deleted")
    for model in (SiteIdentity, Region, Organisation, SearchPromotion, Site, Locale):
        post_save.connect(record_changed, sender=model, dispatch_uid=f"{uid}:{model.__name__}:saved")
        post_delete.connect(drop_page_cache, sender=model, dispatch_uid=f"{uid}:{model.__name__}:deleted")
