"""/sitemap.xml covering every public page in both languages.

Wagtail's own sitemap walks only the site's root page, which is the Chinese
home; the English tree is a sibling (the root's translation), so it would be
missing."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site

from lifelong_site.public_pages import public


class BilingualSitemap(Sitemap):
    def items(self) -> QuerySet[Page]:
        # Asked for by the page count and again for the page: built once.
        if getattr(self, "_public_items", None) is None:
            self._public_items = self._public_pages()
        return self._public_items

    def _public_pages(self) -> QuerySet[Page]:
        root = self.get_wagtail_site().root_page
        trees = Q()
        for home in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        # Plain Page rows: the base get_sitemap_urls needs no specific fields,
        # which keeps the sitemap to a few queries however large the archive.
        return public(Page.objects.live()).filter(trees).order_by("path")

    # Every key Django's sitemap.xml template reads: Wagtail's page URLs
    # give only location and lastmod, and each key a template lookup misses
    # costs a dir() of the dict (three per URL, thousands per sitemap page).
    TEMPLATE_KEYS = (("changefreq", None), ("priority", None), ("alternates", ()))

    def get_urls(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        urls: list[dict[str, Any]] = super().get_urls(*args, **kwargs)
        for url in urls:
            for key, empty in self.TEMPLATE_KEYS:
                url.setdefault(key, empty)
        return urls


# A sitemap of tens of thousands of URLs takes seconds to render (about
# half a millisecond a URL, most of it in the XML template), and the
# archive grows every year. Above this many pages /sitemap.xml becomes an
# index of pages of this size, /sitemap.xml?p=1, ?p=2…, each rendered in
# about a second; a smaller site keeps one plain sitemap.
URLS_PER_SITEMAP = 2000


class PagedBilingualSitemap(BilingualSitemap):
    limit = URLS_PER_SITEMAP


def sitemap_view(request: HttpRequest) -> HttpResponse:
    """The sitemap, or the index of its pages when it has more than one."""
    sitemap = PagedBilingualSitemap(request)  # one instance: its page count is read once
    if "p" not in request.GET:
        pages = sitemap.paginator.num_pages
        if pages > 1:
            # On the site's own address, as the sitemap's page URLs are.
            site = Site.find_for_request(request)
            base = (
                (site.root_url + request.path)
                if site is not None
                else request.build_absolute_uri(request.path)
            )
            items = [SitemapIndexItem(f"{base}?p={number}", None) for number in range(1, pages + 1)]
            return TemplateResponse(
                request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
            )
    return wagtail_sitemap(request, {"pages": sitemap})
