"""Page numbers without OFFSET: a listing's pages found by where they start.

A listing with 65,000 releases answered ``?page=2000`` by sorting and
skipping 40,000 rows (OFFSET), and every page counted all of them. Instead,
once per generation (lifelong_site.memo) and per set of filters, one query
numbers the items in listing order and keeps the (published_at, id) of the
first item of every page, with the total. A page is then the items at or
after its start, in order, limit 20: a walk of the published_at index from
that place, as cheap for the last page as for the first. Readers keep the
same page numbers and links; the boundaries move with the next publication.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Window
from django.db.models.fields.tuple_lookups import Tuple, TupleLessThanOrEqual
from django.db.models.functions import Mod, RowNumber
from django.http import HttpRequest

from lifelong_site.memo import shared

# Newest first; the id breaks ties between items published at the same minute.
LISTING_ORDER = (F("published_at").desc(), F("pk").desc())


@dataclass(frozen=True)
class ListingIndex:
    count: int
    # (published_at, pk) of the first item of pages 1, 2, …
    page_starts: tuple[tuple[dt.datetime, int], ...]


def read_index(items: QuerySet, per_page: int) -> ListingIndex:
    # Numbered over the distinct items (a filter across tags or issuers
    # joins rows), in the listing's order; the first of every page kept.
    # PostgreSQL (and SQLite) filter on the window's result in an outer query.
    numbered = (
        items.model.objects.filter(pk__in=items.values("pk"))
        .annotate(
            position=Window(RowNumber(), order_by=LISTING_ORDER),
            total=Window(Count("pk")),
        )
        .annotate(slot=Mod(F("position") - 1, per_page))
        .filter(slot=0)
        .order_by("position")
        .values_list("total", "published_at", "pk")
    )
    rows = list(numbered)
    return ListingIndex(
        count=rows[0][0] if rows else 0,
        page_starts=tuple((published_at, pk) for _total, published_at, pk in rows),
    )


def listing_index(request: HttpRequest, key: str, items: QuerySet, per_page: int) -> ListingIndex:
    return shared(request, f"listing-index:{key}", lambda: read_index(items, per_page))


class SeekingItems:
    """The listing's items for Django's Paginator: the count comes from the
    index and a slice (a page) is fetched from its start, without OFFSET."""

    def __init__(self, items: QuerySet, index: ListingIndex, per_page: int) -> None:
        self.items, self.index, self.per_page = items, index, per_page

    def count(self) -> int:
        return self.index.count

    def __len__(self) -> int:
        return self.index.count

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0
        page = start // self.per_page
        if page >= len(self.index.page_starts):
            return []
        first = self.index.page_starts[page]
        rows = self.items.filter(TupleLessThanOrEqual(Tuple(F("published_at"), F("pk")), first))
        return list(rows[: (window.stop or start + self.per_page) - start])
