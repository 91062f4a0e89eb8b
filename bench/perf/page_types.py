"""Which URLs to measure: one or more of each public page type, found in the
database, demo pages and generated archive pages alike.

    DJANGO_SETTINGS_MODULE=... python -m bench.perf.page_types --seed 1

Prints JSON: {"pages": [{"type", "label", "path"}...], "load": {"article": path, ...}}.
Run as its own process, so that the benchmark's driver never loads Django
and the choice is made against the restored database with the site's settings.
"""

from __future__ import annotations

import argparse
import json
import urllib.parse
from typing import Any

SEARCH_WORDS = ("终身学习", "沈阳")


def _search(path: str, query: str) -> str:
    return f"{path}?{urllib.parse.urlencode({'q': query})}"


def find(seed: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.db.models import QuerySet
    from wagtail.models import Page

    from campaigns.models import (
        BrandProjectPage,
        CampaignIndexPage,
        CampaignWeekPage,
        CeremonyGalleryPage,
        LearningStarPage,
    )
    from news.models import NewsIndexPage, NoticeIndexPage, NoticePage, PressReleasePage
    from news.models.listing import ITEMS_PER_PAGE

    archive_prefix = f"gen{seed}-"
    pages: list[dict[str, str]] = []

    def add(kind: str, label: str, path: str | None) -> None:
        if path:
            pages.append({"type": kind, "label": label, "path": path})

    def live(model: type[Page], language: str = "zh-hans") -> QuerySet:
        return model.objects.live().public().filter(locale__language_code=language).order_by("pk")

    def middle(queryset: QuerySet) -> Page | None:
        """The middle one: not the first or last generated, the same at every run."""
        count = queryset.count()
        return queryset[count // 2] if count else None

    def demo_and_archive(
        kind: str,
        model: type[Page],
        queryset: QuerySet | None = None,
        *,
        languages: tuple[str, ...] = ("zh-hans",),
    ) -> list[Page]:
        found = []
        for language in languages:
            base = queryset if queryset is not None else live(model, language)
            base = base.filter(locale__language_code=language)
            demo = base.exclude(slug__startswith="gen").first()
            generated = middle(base.filter(slug__startswith=archive_prefix))
            suffix = "" if language == "zh-hans" else f" ({language})"
            for label, page in (("demo", demo), ("archive", generated)):
                if page is not None:
                    add(kind, f"{label}{suffix}", page.url)
                    found.append(page)
        return found

    add("home", "zh", "/")
    add("home", "en", "/en/")
    news = live(NewsIndexPage).first()
    notices = live(NoticeIndexPage).first()
    weeks = live(CampaignIndexPage).first()
    if news is not None:
        add("news listing", "first page", news.url)
        releases = PressReleasePage.objects.child_of(news).live().count()
        deep = max(releases // ITEMS_PER_PAGE // 2, 2)
        add("news listing", f"page {deep}", f"{news.url}?page={deep}")
    english_news = live(NewsIndexPage, "en").first()
    if english_news is not None:
        add("news listing", "en", english_news.url)
    if notices is not None:
        add("notices listing", "first page", notices.url)
    if weeks is not None:
        add("weeks listing", "all weeks", weeks.url)
    week_pages = live(CampaignWeekPage)
    newest_week = week_pages.order_by("-year").first()
    oldest_week = week_pages.order_by("year").first()
    add(
        "week",
        f"{newest_week.year}" if newest_week else "",
        newest_week.url if newest_week else None,
    )
    add(
        "week",
        f"{oldest_week.year}" if oldest_week else "",
        oldest_week.url if oldest_week else None,
    )
    articles = demo_and_archive("release", PressReleasePage, languages=("zh-hans", "en"))
    with_annexes = live(NoticePage).filter(annexes__isnull=False).distinct()
    notices_found = demo_and_archive("notice with annexes", NoticePage, with_annexes)
    galleries = demo_and_archive(
        "gallery",
        CeremonyGalleryPage,
        live(CeremonyGalleryPage).filter(photos__isnull=False).distinct(),
    )
    if galleries:
        add("gallery photo", "photo 1", f"{galleries[0].url}photo/1/")
    demo_and_archive("learning star", LearningStarPage)
    demo_and_archive("brand project", BrandProjectPage)

    for word in SEARCH_WORDS:
        add("search", word, _search("/search/", word))
    numbered = next(
        (page.specific.document_number for page in notices_found if page.specific.document_number),
        None,
    )
    numbered = (
        numbered
        or live(NoticePage)
        .exclude(document_number="")
        .values_list("document_number", flat=True)
        .first()
    )
    if numbered:
        add("search", "document number", _search("/search/", numbered))
    add("search", "en", _search("/en/search/", "learning"))
    if news is not None:
        add("feed", "news", f"{news.url}feed/")
    # Above a few thousand pages /sitemap.xml is an index of pages (?p=1…);
    # on a smaller site both are the one sitemap.
    add("sitemap", "/sitemap.xml", "/sitemap.xml")
    add("sitemap", "first page", "/sitemap.xml?p=1")
    add("404", "", "/bench-no-such-page/")

    archive_article = next(
        (page.url for page in articles if page.slug.startswith(archive_prefix)), None
    )
    load = {
        "article": archive_article or (articles[0].url if articles else "/"),
        "listing": news.url if news is not None else "/",
        "home": "/",
        "search": _search("/search/", SEARCH_WORDS[0]),
    }
    return {
        "pages": pages,
        "load": load,
        "live_pages": Page.objects.live().filter(depth__gt=1).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(find(args.seed), ensure_ascii=False))


if __name__ == "__main__":
    main()
