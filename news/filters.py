"""Listing filters shared by the news and notice listings and their feeds.

Malformed values (a year that is not a number) are rejected with a message
(the view answers 400). A well-formed value that is none of the listing's
options (an unknown region or tag, a year with no articles) is ignored: the
listing answers as if it were absent and says which filter it ignored,
naming the filter, never repeating the value (ListingPage.known_filters)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.utils.translation import gettext_lazy

from lifelong_site.query_params import (
    PAGE_MESSAGE,
    Integer,
    QuerySpec,
    Text,
    Year,
    parse,
    query_string,
)

FILTER_NAMES = ("year", "region", "organisation", "tag", "week")
# The filters' names as the listing's form labels them.
FILTER_LABELS = {
    "year": gettext_lazy("年份"),
    "region": gettext_lazy("地区"),
    "organisation": gettext_lazy("发布机构"),
    "tag": gettext_lazy("标签"),
    "week": gettext_lazy("活动周"),
}
MAX_PARAM_LENGTH = 100
YEAR_FILTER_MESSAGE = gettext_lazy("%(label)s“%(value)s”无效，应为四位年份。")

# The listing's parameters; which values exist is the listing's to say
# (ListingPage.known_filters). Errors are reported in this order.
LISTING_QUERY = QuerySpec(
    Year("year", message=YEAR_FILTER_MESSAGE, message_args={"label": FILTER_LABELS["year"]}),
    Year("week", message=YEAR_FILTER_MESSAGE, message_args={"label": FILTER_LABELS["week"]}),
    Text("region", max_length=MAX_PARAM_LENGTH),
    Text("organisation", max_length=MAX_PARAM_LENGTH),
    Text("tag", max_length=MAX_PARAM_LENGTH),
    Integer("page", min_value=1, max_value=99_999, default=1, message=PAGE_MESSAGE),
)


class BadFilter(ValueError):
    """A filter value that cannot be understood; the message is shown to the reader."""


@dataclass
class ListingFilters:
    year: int | None = None
    region: str = ""
    organisation: str = ""
    tag: str = ""
    week: int | None = None
    page: int = 1
    errors: list[str] = field(default_factory=list)
    # Names of the filters whose value was none of the listing's options.
    ignored: list[str] = field(default_factory=list)
    # The shown label of each filter's value (a region's name for its slug).
    labels: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_query(cls, params: QueryDict) -> ListingFilters:
        """The filters in ``params``; BadFilter with the first error's message."""
        parsed = parse(params, LISTING_QUERY)
        if parsed.errors:
            raise BadFilter(parsed.first_error)
        return cls(**parsed.values)

    def ignore(self, name: str) -> None:
        """Drop a filter whose value is none of the listing's options."""
        setattr(self, name, LISTING_QUERY[name].missing())
        self.labels.pop(name, None)
        self.ignored.append(str(FILTER_LABELS[name]))

    def active(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)}

    def query_string(self, **overrides: Any) -> str:
        """The filters as a query string, for pagination and feed links."""
        return query_string(self.active(), LISTING_QUERY, **overrides)

    def apply(
        self, items: QuerySet, *, skip: str = "", organisation_lookup: str = "department__slug"
    ) -> QuerySet:
        if self.year and skip != "year":
            items = items.filter(published_at__year=self.year)
        if self.region and skip != "region":
            items = items.filter(region__slug=self.region)
        if self.organisation and skip != "organisation":
            items = items.filter(**{organisation_lookup: self.organisation}).distinct()
        if self.tag and skip != "tag":
            items = items.filter(tagged_items__tag__slug=self.tag).distinct()
        if self.week and skip != "week":
            items = items.filter(campaign_week__year=self.week)
        return items


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


def item_count(items: QuerySet) -> Count:
    """COUNT(DISTINCT id) only where a filter joined rows (DISTINCT in the
    query): otherwise each item is one row per option (a page has a tag or
    a region once), and a plain count lets PostgreSQL aggregate by hashing
    instead of sorting every item (at 100,000 pages, about a third faster)."""
    return Count("pk", distinct=bool(items.query.distinct))


def year_facet(items: QuerySet) -> list[FacetOption]:
    rows = (
        items.annotate(pub_year=ExtractYear("published_at"))
        .values("pub_year")
        .annotate(n=item_count(items))
        .order_by("-pub_year")
    )
    return [FacetOption(str(row["pub_year"]), str(row["pub_year"]), row["n"]) for row in rows]


def related_facet(
    items: QuerySet, slug_path: str, zh_path: str, en_path: str, english: bool
) -> list[FacetOption]:
    """Counts per related object (region, organisation, tag) in one query."""
    label_path = en_path if english else zh_path
    # filter(…isnull=False), not exclude(…isnull=True): across tags (a
    # multi-valued relation) the exclude became an anti-join that compared
    # every release with every tagged page, 5.8 s at 10,000 pages; the
    # filter is the same inner join the values() use.
    rows = (
        items.filter(**{f"{slug_path}__isnull": False})
        .values(slug_path, label_path)
        .annotate(n=item_count(items))
        .order_by("-n", label_path)
    )
    return [FacetOption(row[slug_path], row[label_path], row["n"]) for row in rows]
