"""Prints, as one JSON line, the paths bench/compare sets against this
site's: the home page, the blog index (a listing) and a blog post (an
article, the one in the middle of the blog by date)."""

import json

import django

django.setup()

from bakerydemo.blog.models import BlogIndexPage, BlogPage  # noqa: E402
from wagtail.models import Site  # noqa: E402

site = Site.objects.get(is_default_site=True)
posts = list(BlogPage.objects.live().order_by("date_published", "pk"))
print(
    json.dumps(
        {
            "home": site.root_page.relative_url(site),
            "listing": BlogIndexPage.objects.live().first().relative_url(site),
            "article": posts[len(posts) // 2].relative_url(site),
            "live_pages": site.root_page.get_descendants(inclusive=True).live().count(),
        }
    )
)
