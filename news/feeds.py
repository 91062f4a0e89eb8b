"""Atom feeds of the listings, honouring the listing's filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed

from lifelong_site.i18n import bcp47

if TYPE_CHECKING:
    from news.filters import ListingFilters


def build_atom_feed(
    request: HttpRequest, listing, items: list, filters: ListingFilters
) -> HttpResponse:
    listing_url = listing.get_full_url(request)
    feed = Atom1Feed(
        title=listing.title,
        link=listing_url + filters.query_string(),
        description=listing.intro,
        language=bcp47(listing.locale.language_code),
        feed_url=listing_url + "feed/" + filters.query_string(),
        feed_guid=listing_url + "feed/" + filters.query_string(),
    )
    for item in items:
        url = item.get_full_url(request)
        summary = getattr(item, "summary", "") or item.search_description or item.subtitle
        feed.add_item(
            title=item.title,
            link=url,
            description=summary,
            unique_id=url,
            pubdate=item.published_at,
            updateddate=item.last_published_at or item.published_at,
            categories=[tagged.tag.name for tagged in item.tagged_items.all()],
            author_name=item.content_source() or None,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
