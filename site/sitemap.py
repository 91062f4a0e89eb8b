"""/sitemap.xml covering every public page in both languages.

Wagtail's own sitemap walks only the site's root page, which is the Chinese
home; the English tree is a sibling (the root's translation), so it would be
missing."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from lifelong_site.public_pages import public
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class BilingualSitemap(Sitemap):
    def items(self) -> QuerySet[Page]:
        root = self.get_wagtail_site().root_page
        trees = Q()
        for home in root.get_translations(inclusive=True):
            trees |= Q(path__startswith=home.path)
        # Plain Page rows: the base get_sitemap_urls needs no specific fields,
        # which keeps the sitemap to a few queries however large the archive.
        return public(Page.objects.live()).filter(trees).order_by("path")
