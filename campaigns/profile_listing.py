"""The listing of a star or project index: region and category filters with
counts, the total, pagination, in a fixed number of queries whatever the
number of profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.query import PageQuerySet

from lifelong_site.i18n import is_english
from lifelong_site.models import SiteImage
from lifelong_site.public_pages import public
from lifelong_site.query_params import (
    INVALID_MESSAGE,
    PAGE_MESSAGE,
    Choice,
    Integer,
    QuerySpec,
    Text,
    parse,
    query_string,
)

if TYPE_CHECKING:
    from campaigns.models.profiles import ProfileIndexPage

PROFILES_PER_PAGE = 24
PORTRAIT_FILTER = "fill-240x240|format-webp"
MAX_PARAM_LENGTH = 60


@cache
def query_spec(categories: tuple[str, ...]) -> QuerySpec:
    """An index's parameters: its categories are its own. Any region is
    read; one without profiles lists none."""
    return QuerySpec(
        Text(
            "region",
            max_length=MAX_PARAM_LENGTH,
            too_long_message=INVALID_MESSAGE,
            control_message=INVALID_MESSAGE,
        ),
        Choice(
            "category",
            default="",
            choices=categories,
            max_length=MAX_PARAM_LENGTH,
            message=gettext_lazy("没有“%(category)s”这个类别。"),
            too_long_message=INVALID_MESSAGE,
            control_message=INVALID_MESSAGE,
        ),
        Integer("page", min_value=1, max_value=99_999, default=1, message=PAGE_MESSAGE),
    )


def profile_cards(items: PageQuerySet, *, with_portraits: bool = True) -> PageQuerySet:
    """Stars or projects with everything a profile card shows (region and
    photo joined, portrait renditions in one more query), in tree order. The
    indexes, the week page and the home page all list them this way. A page
    listing several kinds of profile passes ``with_portraits=False`` and
    fetches the renditions of all of them at once (``prefetch_portraits``)."""
    cards = items.select_related("region", "photo").defer_streamfields().order_by("path")
    if with_portraits:
        cards = cards.prefetch_related(
            Prefetch(
                "photo__renditions", queryset=portrait_renditions(), to_attr="prefetched_renditions"
            )
        )
    return cards


def portrait_renditions() -> QuerySet:
    return SiteImage.get_rendition_model().objects.filter(filter_spec=PORTRAIT_FILTER)


def prefetch_portraits(*lists: list[Any]) -> None:
    """The portrait renditions of every profile in ``lists``, in one query
    (none when no profile has a photo)."""
    photos = [
        profile.photo for profiles in lists for profile in profiles if profile.photo is not None
    ]
    prefetch_related_objects(
        photos,
        Prefetch("renditions", queryset=portrait_renditions(), to_attr="prefetched_renditions"),
    )


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class ProfileListing:
    region: str = ""
    category: str = ""
    page_number: int = 1
    errors: list[str] = field(default_factory=list)
    total: int = 0
    page_obj: PaginatorPage | None = None
    region_options: list[Option] = field(default_factory=list)
    category_options: list[Option] = field(default_factory=list)
    spec: QuerySpec | None = field(default=None, repr=False)

    # --- Reading the request --------------------------------------------------
    @classmethod
    def from_request(cls, index: ProfileIndexPage, request: HttpRequest) -> ProfileListing:
        """The index's profiles as the request filters them; a value that
        cannot be read is reported (the first one) and no filter applies."""
        spec = query_spec(tuple(index.category_choices.values))
        listing = cls(spec=spec)
        parsed = parse(request.GET, spec)
        if parsed.errors:
            listing.errors.append(parsed.first_error)
        else:
            listing.region, listing.category = parsed["region"], parsed["category"]
            listing.page_number = parsed["page"]
        listing._load(index)
        return listing

    # --- Queries ----------------------------------------------------------------
    def _load(self, index: ProfileIndexPage) -> None:
        base = public(index.profile_model.objects.child_of(index).live())
        items = self._filtered(base)
        paginator = Paginator(profile_cards(items), PROFILES_PER_PAGE)
        if self.page_number > max(paginator.num_pages, 1):
            raise Http404(_("没有这一页。"))
        self.page_obj = paginator.page(self.page_number)
        self.total = paginator.count
        self.region_options = self._region_options(self._filtered(base, skip="region"))
        self.category_options = self._category_options(self._filtered(base, skip="category"), index)

    def _filtered(self, items: QuerySet, skip: str = "") -> QuerySet:
        if self.region and skip != "region":
            items = items.filter(region__slug=self.region)
        if self.category and skip != "category":
            items = items.filter(category=self.category)
        return items

    def _region_options(self, items: QuerySet) -> list[Option]:
        label = "region__name_en" if is_english() else "region__name_zh"
        rows = (
            items.exclude(region__isnull=True)
            .values("region__slug", label, "region__sort_order")
            .annotate(n=Count("pk"))
            .order_by("region__sort_order")
        )
        options = [
            Option(row["region__slug"], row[label], row["n"], row["region__slug"] == self.region)
            for row in rows
        ]
        if self.region and not any(option.selected for option in options):
            options.append(Option(self.region, self.region, 0, True))
        return options

    def _category_options(self, items: QuerySet, index: ProfileIndexPage) -> list[Option]:
        counts = dict(items.values_list("category").annotate(n=Count("pk")).order_by())
        return [
            # A chosen category may have no profiles at all: it is shown with 0.
            Option(value, str(label), counts.get(value, 0), value == self.category)
            for value, label in index.category_choices.choices
            if counts.get(value) or value == self.category
        ]

    # --- Links ------------------------------------------------------------------
    @property
    def items(self) -> list[Any]:
        return (
            list(self.page_obj.object_list) if self.page_obj is not None and not self.errors else []
        )

    def active(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in ("region", "category") if getattr(self, name)}

    def query_string(self, **overrides: Any) -> str:
        """The filters as a query string; the pagination component calls it."""
        return query_string(self.active(), self.spec or query_spec(()), **overrides)
