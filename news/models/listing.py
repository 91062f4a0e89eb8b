"""The news and notice listings: filters with counts, pagination, Atom feed."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from lifelong_site.editorial.roles import NEWS_EDITORS, NOTICE_EDITORS
from lifelong_site.i18n import is_english
from lifelong_site.memo import shared
from lifelong_site.models import BasePage, SiteImage
from lifelong_site.page_declarations import PageDeclarations, SectionEditors
from lifelong_site.public_pages import public
from news.feeds import build_atom_feed
from news.filters import BadFilter, FacetOption, ListingFilters, related_facet, year_facet
from news.listing_index import SeekingItems, listing_index

from .notice import NoticePage
from .press_release import PressReleasePage

ITEMS_PER_PAGE = 20
FEED_ITEMS = 20
CARD_IMAGE_FILTER = "fill-480x270|format-webp"


class ListingPage(RoutablePageMixin, BasePage):
    """Abstract listing of article children, newest first."""

    intro = models.TextField(_("导语"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    translatable_fields = BasePage.page_translatable_fields + [TranslatableField("intro")]

    parent_page_types = ["lifelong_site.HomePage"]
    max_count_per_parent = 1

    # Set by the concrete listings.
    item_model: ClassVar[type[Page]]
    organisation_lookup: ClassVar[str] = "department__slug"
    has_week_filter: ClassVar[bool] = False

    class Meta:
        abstract = True

    # --- Queries ------------------------------------------------------------
    def base_items(self) -> QuerySet:
        # .public() queries the view restrictions when called; the listing,
        # its facets and its feed all start from this one queryset, so the
        # restrictions are read once per request (the page object is per request).
        if getattr(self, "_base_items", None) is None:
            # listing_locale: the same pages as child_of alone (children
            # share their parent's locale), named so that the walk in
            # publication order uses the index that stays in this language.
            self._base_items = public(
                self.item_model.objects.child_of(self).live().filter(listing_locale=self.locale_id)
            )
        return self._base_items

    def listed_items(self, items: PageQuerySet) -> PageQuerySet:
        """Everything a card shows, fetched in a fixed number of queries."""
        return (
            items.select_related("region", "department", "lead_image", "locale")
            .prefetch_related(
                Prefetch(
                    "lead_image", queryset=SiteImage.objects.prefetch_renditions(CARD_IMAGE_FILTER)
                ),
            )
            .defer_streamfields()
            .order_by("-published_at", "-pk")
        )

    def option_fields(self) -> dict[str, tuple[str, str]]:
        """Each filter's value and label, as lookups on the listed items."""
        english = is_english()
        organisation = self.organisation_lookup
        fields = {
            "year": ("published_at__year", "published_at__year"),
            "region": ("region__slug", "region__name_en" if english else "region__name_zh"),
            "organisation": (
                organisation,
                organisation.replace("slug", "name_en" if english else "name_zh"),
            ),
            "tag": ("tagged_items__tag__slug", "tagged_items__tag__name"),
        }
        if self.has_week_filter:
            fields["week"] = ("campaign_week__year", "campaign_week__year")
        return fields

    def known_filters(self, filters: ListingFilters) -> ListingFilters:
        """Keep only values that are options of this listing: some live,
        public item of it has them (whatever the other filters). Any other
        value is ignored (``filters.ignored`` names the filter), so nothing
        a link or a visitor made up is ever shown back as an option. One
        query per filter in use; none without filters."""
        fields = self.option_fields()
        for name, value in filters.active().items():
            lookups = fields.get(name)
            label = None
            if lookups is not None:
                value_lookup, label_lookup = lookups
                label = (
                    self.base_items()
                    .filter(**{value_lookup: value})
                    .values_list(label_lookup, flat=True)
                    .first()
                )
            if label is None:
                filters.ignore(name)
            else:
                filters.labels[name] = str(label)
        return filters

    def facets(self, filters: ListingFilters) -> dict[str, Any]:
        english = is_english()
        base = self.base_items()
        facets = {
            "year": year_facet(
                filters.apply(base, skip="year", organisation_lookup=self.organisation_lookup)
            ),
            "region": related_facet(
                filters.apply(base, skip="region", organisation_lookup=self.organisation_lookup),
                "region__slug",
                "region__name_zh",
                "region__name_en",
                english,
            ),
            "organisation": related_facet(
                filters.apply(
                    base, skip="organisation", organisation_lookup=self.organisation_lookup
                ),
                self.organisation_lookup,
                self.organisation_lookup.replace("slug", "name_zh"),
                self.organisation_lookup.replace("slug", "name_en"),
                english,
            ),
            "tag": related_facet(
                filters.apply(base, skip="tag", organisation_lookup=self.organisation_lookup),
                "tagged_items__tag__slug",
                "tagged_items__tag__name",
                "tagged_items__tag__name",
                english,
            ),
        }
        if self.has_week_filter:
            facets["week"] = related_facet(
                filters.apply(base, skip="week", organisation_lookup=self.organisation_lookup),
                "campaign_week__year",
                "campaign_week__year",
                "campaign_week__year",
                english,
            )
        # A chosen value that the other filters leave without items stays in
        # its list, selected, with 0 and its own label (福建省, not fujian).
        for name, value in filters.active().items():
            options = facets.get(name)
            if options is not None and not any(
                str(option.value) == str(value) for option in options
            ):
                options.append(FacetOption(str(value), filters.labels.get(name, str(value)), 0))
        return facets

    def shared_key(self, filters: ListingFilters) -> str:
        """This listing with these filters (any page of it)."""
        return f"{self.pk}:{filters.query_string(page=None)}"

    def shared_facets(self, request: HttpRequest, filters: ListingFilters) -> dict[str, Any]:
        """The facet counts, computed once per generation for each set of
        filters (lifelong_site.memo): at 100,000 pages they are five
        aggregates over every release, 0.4 s, and they only change when
        something is published."""
        return shared(
            request,
            f"listing-facets:{self.shared_key(filters)}",
            lambda: self.facets(filters),
            per_language=True,
        )

    # --- Routes ---------------------------------------------------------------
    @path("")
    def listing(self, request: HttpRequest) -> HttpResponse:
        try:
            filters = ListingFilters.from_query(request.GET)
        except BadFilter as error:
            return self.render_listing(request, ListingFilters(errors=[str(error)]), status=400)
        return self.render_listing(request, self.known_filters(filters))

    @path("feed/")
    def feed(self, request: HttpRequest) -> HttpResponse:
        try:
            filters = ListingFilters.from_query(request.GET)
        except BadFilter as error:
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        filters = self.known_filters(filters)
        items = self.listed_items(
            filters.apply(self.base_items(), organisation_lookup=self.organisation_lookup)
        ).prefetch_related("tagged_items__tag")  # the entries' categories; cards show no tags
        return build_atom_feed(request, self, list(items[:FEED_ITEMS]), filters)

    def render_listing(
        self, request: HttpRequest, filters: ListingFilters, status: int = 200
    ) -> HttpResponse:
        filtered = filters.apply(self.base_items(), organisation_lookup=self.organisation_lookup)
        if filtered.query.distinct:
            # A filter across tags or issuers joins rows and needs DISTINCT,
            # which keeps PostgreSQL from walking the published_at index and
            # stopping at a page's worth: the same items as a semi-join.
            filtered = self.item_model.objects.filter(pk__in=filtered.values("pk"))
        index = listing_index(request, self.shared_key(filters), filtered, ITEMS_PER_PAGE)
        seeking = SeekingItems(self.listed_items(filtered), index, ITEMS_PER_PAGE)
        paginator: Paginator = Paginator(seeking, ITEMS_PER_PAGE)  # type: ignore[arg-type]
        if filters.errors:
            page_obj = paginator.page(1) if paginator.count else None
            items_page = []
        else:
            try:
                page_obj = paginator.page(filters.page)
            except EmptyPage:
                if filters.page > 1:
                    raise Http404(_("没有这一页。")) from None
                page_obj = paginator.page(1)
            items_page = list(page_obj.object_list)
        context = self.get_context(request)
        context.update(
            filters=filters,
            items=items_page,
            page_obj=page_obj if not filters.errors else None,
            paginator=paginator,
            facets=self.shared_facets(request, filters) if not filters.errors else {},
            feed_url=self.url + "feed/" + filters.query_string(),
            has_week_filter=self.has_week_filter,
            listing_key=self.shared_key(filters),  # the filter form's, kept per generation
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)


class NewsIndexPage(ListingPage):
    # Wagtail derives a template name per concrete class; both listings share one.
    template = "news/listing_page.html"
    subpage_types = ["news.PressReleasePage"]
    item_model = PressReleasePage
    has_week_filter = True

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(
        editors=SectionEditors(NEWS_EDITORS), search_kind="page", purge_routes=("feed",)
    )

    class Meta:
        verbose_name = _("新闻发布栏目")
        verbose_name_plural = _("新闻发布栏目")


class NoticeIndexPage(ListingPage):
    template = "news/listing_page.html"
    subpage_types = ["news.NoticePage"]
    item_model = NoticePage
    organisation_lookup = "issuers__organisation__slug"

    # --- What the platform needs to know (lifelong_site.page_declarations) ---
    declarations = PageDeclarations(
        editors=SectionEditors(NOTICE_EDITORS), search_kind="page", purge_routes=("feed",)
    )

    class Meta:
        verbose_name = _("通知公告栏目")
        verbose_name_plural = _("通知公告栏目")

    def listed_items(self, items: PageQuerySet) -> PageQuerySet:
        return super().listed_items(items).prefetch_related("issuers__organisation")
