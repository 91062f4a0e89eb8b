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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
        filters = cls()
        filters.year = _parse_year(params.get("year", ""), _("年份"))
        filters.week = _parse_year(params.get("week", ""), _("活动周"))
        for name in ("region", "organisation", "tag"):
            value = params.get(name, "").strip()
            if len(value) > MAX_PARAM_LENGTH:
                raise BadFilter(_("筛选条件过长。"))
            # PostgreSQL refuses NUL in text; other control characters are never
            # part of a slug either.
            if any(ord(char) < 32 for char in value):
                raise BadFilter(_("筛选条件包含无效字符。"))
            setattr(filters, name, value)
        raw_page = params.get("page", "1").strip() or "1"
        if not _is_number(raw_page) or not 0 < int(raw_page) < 100_000:
            raise BadFilter(_("页码“%(page)s”无效。") % {"page": raw_page[:20]})
        filters.page = int(raw_page)
        return filters

    def ignore(self, name: str) -> None:
        """Drop a filter whose value is none of the listing's options."""
        setattr(self, name, None if name in ("year", "week") else "")
        self.labels.pop(name, None)
        self.ignored.append(str(FILTER_LABELS[name]))

    def active(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)}

    def query_string(self, **overrides: Any) -> str:
        """The filters as a query string, for pagination and feed links."""
        values = {**self.active(), **overrides}
        query = QueryDict(mutable=True)
        for name, value in values.items():
            if value not in (None, "", 1) or (name != "page" and value == 1):
                query[name] = str(value)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else ""

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


def _is_number(value: str) -> bool:
    """ASCII digits only, and not too many: str.isdigit() also accepts "²",
    which int() refuses, and int() refuses more than 4,300 digits."""
    return 0 < len(value) <= 20 and value.isascii() and value.isdigit()


def _parse_year(raw: str, label: str) -> int | None:
    value = raw.strip()
    if not value:
        return None
    if not _is_number(value) or not 1900 <= int(value) <= 2100:
        raise BadFilter(
            _("%(label)s“%(value)s”无效，应为四位年份。") % {"label": label, "value": value[:20]}
        )
    return int(value)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


def year_facet(items: QuerySet) -> list[FacetOption]:
    rows = (
        items.annotate(pub_year=ExtractYear("published_at"))
        .values("pub_year")
        .annotate(n=Count("pk", distinct=True))
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
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", label_path)
    )
    return [FacetOption(row[slug_path], row[label_path], row["n"]) for row in rows]
