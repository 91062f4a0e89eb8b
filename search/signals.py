"""Wire publishing events to the search entries (see search.entries)."""

from __future__ import annotations

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .entries import kind_of, refresh_page, remove_page
from .models import Kind, SearchEntry

logger = logging.getLogger(__name__)


def _safely(action, *args, **kwargs) -> None:
    # Publishing must never fail because the search index could not be
    # updated (a search server may be down); `update_index` catches up.
    try:
        action(*args, **kwargs)
    except Exception:
        logger.exception("search: could not update the entry for %r", args[0] if args else None)


def on_published(sender, instance: Page, **kwargs) -> None:
    # A week's year and dates reach the gallery, stars and projects under it.
    _safely(refresh_page, instance, descendants=kind_of(instance) == Kind.WEEK)


def on_unpublished(sender, instance: Page, **kwargs) -> None:
    _safely(remove_page, instance)


def on_moved(sender, instance: Page, **kwargs) -> None:
    _safely(refresh_page, instance, descendants=True)


def on_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _safely(refresh_page, page, descendants=True)


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="search-entry-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-entry-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-entry-moved")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-entry-restricted"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-entry-unrestricted"
    )


__all__ = ["SearchEntry", "connect"]
