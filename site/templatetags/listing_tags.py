"""The core's template tags for listings of any app (news, notices, Learning
Stars and brand projects, search results): the options of a filter <select>
and the page links that keep the reader's filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django import template
from django.core.paginator import Page as PaginatorPage
from django.http import HttpRequest

register = template.Library()


class Facet(Protocol):
    """One option of a filter with the number of items it would give
    (news.filters.FacetOption, for one)."""

    value: Any
    label: Any
    count: int


class ListingQuery(Protocol):
    """A listing's filters: they write themselves as a query string, the page
    number given (news.filters.ListingFilters, campaigns.profile_listing.
    ProfileListing, the search page's)."""

    def query_string(self, *, page: int) -> str: ...


# --- Filter options ------------------------------------------------------------------


@dataclass(frozen=True)
class FilterChoice:
    value: str
    label: str
    count: int
    selected: bool


@register.simple_tag
def filter_choices(
    facets: Mapping[str, Sequence[Facet]], name: str, current: Any
) -> list[FilterChoice]:
    """The options of one filter <select> (components/filter_select.html), the
    current value marked selected. Only real options are listed: a value from
    the address that matches none is never printed back (the listing ignores
    it and says so)."""
    current_value = "" if current in (None, "") else str(current)
    return [
        FilterChoice(
            str(option.value), str(option.label), option.count, str(option.value) == current_value
        )
        for option in facets.get(name, [])
    ]


# --- Pagination ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap (…) between page numbers
    url: str
    is_current: bool


@dataclass(frozen=True)
class Pagination:
    previous_url: str
    next_url: str
    links: list[PageLink]


def _listing_page_url(path: str, filters: ListingQuery, number: int) -> str:
    # Page 1 drops the page parameter; the path keeps the link absolute, so an
    # empty query string never resolves to the current (paged) URL.
    return path + filters.query_string(page=number)


@register.simple_tag(takes_context=True)
def pagination(
    context: template.Context, page_obj: PaginatorPage | None, filters: ListingQuery
) -> Pagination | None:
    """Links for the listing's pages (components/pagination.html), keeping
    the reader's filters."""
    if page_obj is None or page_obj.paginator.num_pages < 2:
        return None
    request: HttpRequest = context["request"]
    path = request.path
    links = [
        PageLink(None, "", False)
        if not isinstance(number, int)
        else PageLink(number, _listing_page_url(path, filters, number), number == page_obj.number)
        for number in page_obj.paginator.get_elided_page_range(
            page_obj.number, on_each_side=2, on_ends=1
        )
    ]
    return Pagination(
        previous_url=_listing_page_url(path, filters, page_obj.previous_page_number())
        if page_obj.has_previous()
        else "",
        next_url=_listing_page_url(path, filters, page_obj.next_page_number())
        if page_obj.has_next()
        else "",
        links=links,
    )
