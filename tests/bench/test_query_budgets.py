"""Every public page type renders in a bounded number of SQL queries, and
that number does not grow with the archive.

The same pages are measured in an archive of 300 generated pages and again
after it has grown to 1,200 (same seed: the first 300 stay), with the search
index rebuilt each time. A listing shows a page of items whatever the size
of the archive, so its count must not move; an article's count must not
depend on how many other articles there are. The budgets are the ceilings a
change may not cross without saying why here.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from io import StringIO

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.template import base as template_base
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from campaigns.models import (
    BrandProjectIndexPage,
    BrandProjectPage,
    CampaignIndexPage,
    CampaignWeekPage,
    CeremonyGalleryPage,
    LearningStarIndexPage,
    LearningStarPage,
)
from lifelong_site.memo import new_generation
from news.models import NewsIndexPage, NoticeIndexPage, NoticePage, PressReleasePage

pytestmark = pytest.mark.django_db

SEED = 3
SMALL, LARGE = 300, 1200

# Queries per anonymous request with the page cache off and the shared
# fragments warm (as on a page-cache miss in production): the measured
# count plus one, so that any new per-page query is a decision. An
# uncached article must stay within 10: its neighbours, related items and
# language versions are kept per generation (news.article_context,
# {% page_fragment %}, navigation.live_translations).
BUDGETS = {
    # The home page is kept per generation and day ({% page_fragment "home" %});
    # its first view after a publication reads 11.
    "home": 1,
    "home (en)": 1,
    "news listing": 3,
    "news listing, year filter": 4,
    "news listing, page 5": 3,
    "news listing (en)": 4,
    "news feed": 7,
    "notice listing": 5,
    "weeks archive": 8,
    "week": 20,
    "release": 7,
    "release (en)": 8,
    "notice with annexes": 10,
    "gallery": 6,
    "gallery photo": 6,
    "learning star index": 11,
    "learning star": 5,
    "brand project index": 11,
    "brand project": 5,
    # Two more than before popular searches were moderated: the query's
    # daily count is written (one upsert, in a savepoint so that a failed
    # write never fails the search: search.popular). Three more where the
    # planner expects a word on more results than are counted exactly
    # (search.service.APPROXIMATE_ABOVE): the count stops at the threshold,
    # in a savepoint of its own, and the titles are read apart.
    "search": 21,
    "search (en)": 18,
    "sitemap": 6,
    "not found": 6,
}


@dataclass(frozen=True)
class Measured:
    url: str
    queries: int
    sql: tuple[str, ...]
    missed_lookups: tuple[str, ...] = ()  # template variables that named no attribute
    # The first view after a publication: with what the per-generation
    # fragments keep (an article's neighbours and related items) read again.
    first_sql: tuple[str, ...] = ()


def generated(model, language: str = "zh-hans"):
    return (
        model.objects.live()
        .filter(slug__startswith=f"gen{SEED}-", locale__language_code=language)
        .order_by("pk")
    )


def one(model, language: str = "zh-hans"):
    return model.objects.live().filter(locale__language_code=language).order_by("pk").first()


def page_urls() -> dict[str, str]:
    """One URL of every public page type, chosen among generated pages
    where the archive has them, so the same URLs exist at both sizes."""
    notice = next(page for page in generated(NoticePage) if page.annexes.exists())
    gallery = (
        CeremonyGalleryPage.objects.live()
        .filter(locale__language_code="zh-hans", photos__isnull=False)
        .order_by("-pk")
        .first()
    )
    # The newest week that already shows every part (stars, projects) in the
    # small archive, so that growth cannot add a part that was empty before.
    week = next(
        week
        for week in CampaignWeekPage.objects.live()
        .filter(locale__language_code="zh-hans")
        .order_by("-year")
        if LearningStarPage.objects.live().descendant_of(week).exists()
        and BrandProjectPage.objects.live().descendant_of(week).exists()
    )
    return {
        "home": "/",
        "home (en)": "/en/",
        "news listing": one(NewsIndexPage).url,
        "news listing, year filter": one(NewsIndexPage).url + "?year=2015",
        "news listing, page 5": one(NewsIndexPage).url + "?page=5",
        "news listing (en)": one(NewsIndexPage, "en").url,
        "news feed": one(NewsIndexPage).url + "feed/",
        "notice listing": one(NoticeIndexPage).url,
        "weeks archive": one(CampaignIndexPage).url,
        "week": week.url,
        "release": generated(PressReleasePage).first().url,
        "release (en)": generated(PressReleasePage, "en").first().url,
        "notice with annexes": notice.url,
        "gallery": gallery.url,
        "gallery photo": gallery.url + "photo/1/",
        "learning star index": one(LearningStarIndexPage).url,
        "learning star": generated(LearningStarPage).first().url,
        "brand project index": one(BrandProjectIndexPage).url,
        "brand project": generated(BrandProjectPage).first().url,
        "search": "/search/?q=终身学习",
        "search (en)": "/en/search/?q=learning",
        "sitemap": "/sitemap.xml",
        "not found": "/no-such-page/",
    }


class MissedLookups:
    """Counts the template variables that named no attribute. Django's
    engine then calls dir() on the object to tell a missing attribute from a
    failing property: about 0.1 ms on a page, 6 ms of a listing once."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def __call__(self, obj: object = None) -> list[str]:
        frame = sys._getframe(1)
        self.found.append(f"{type(obj).__name__}.{frame.f_locals.get('bit')}")
        return dir(obj)


def measure(client, url: str, monkeypatch=None) -> Measured:
    expected = 404 if url == "/no-such-page/" else 200
    first = client.get(url)  # warms what is cached per process, not per generation
    assert first.status_code == expected, (url, first.status_code)
    # As after a publication: a new generation, its chrome filled by a
    # view of another page, then this page's first view.
    new_generation()
    client.get("/no-such-page/")
    with CaptureQueriesContext(connection) as first_captured:
        client.get(url)
    missed = MissedLookups()
    with monkeypatch.context() as patched, CaptureQueriesContext(connection) as captured:
        # The module's global shadows the builtin for _resolve_lookup alone.
        patched.setattr(template_base, "dir", missed, raising=False)
        response = client.get(url)
    assert response.status_code == expected, (url, response.status_code)
    return Measured(
        url,
        len(captured),
        tuple(query["sql"] for query in captured),
        tuple(missed.found),
        tuple(query["sql"] for query in first_captured),
    )


def grow_archive(pages: int) -> None:
    call_command(
        "generate_archive", pages=pages, seed=SEED, batch=500, stdout=StringIO(), stderr=StringIO()
    )
    call_command("update_index", verbosity=0, stdout=StringIO(), stderr=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as autovacuum keeps them


def report(small: dict[str, Measured], large: dict[str, Measured]) -> str:
    lines = [f"{'page type':<28} {'budget':>6} {SMALL:>6} {LARGE:>6}"]
    lines += [
        f"{name:<28} {BUDGETS[name]:>6} {small[name].queries:>6} {large[name].queries:>6}"
        for name in BUDGETS
    ]
    return "\n".join(lines)


@pytest.fixture
def production_caches(settings):
    """Fragments shared across requests as in production (the navigation,
    footer, identity, locales, restrictions); whole pages not cached, so
    every request renders its page."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 0
    caches["pages"].clear()
    yield
    caches["pages"].clear()


# A search for a common word switches once, at a size the planner's
# estimate decides, from an exact count to one capped at the threshold.
SWITCHES_TO_CAPPED_COUNT = {"search"}

# Pages whose every statement should seek: an article, a profile, a photo.
SEEKING = (
    "release",
    "release (en)",
    "notice with annexes",
    "gallery photo",
    "learning star",
    "brand project",
)


def rows_touched(sql: str) -> int:
    """Rows the statement's plan reads, with every scan an index can serve
    done by the index: the sum over its nodes of rows produced and rows
    filtered out, times loops (EXPLAIN ANALYZE). A seek reads the same rows
    in any archive; a sort over all siblings reads them all."""
    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return 0

    def walk(node: dict) -> int:
        own = (
            node.get("Actual Rows", 0)
            + node.get("Rows Removed by Filter", 0)
            + node.get("Rows Removed by Index Recheck", 0)
        ) * node.get("Actual Loops", 1)
        return own + sum(walk(child) for child in node.get("Plans", ()))

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
        finally:
            cursor.execute("SET LOCAL enable_seqscan = on")
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return walk(plan[0]["Plan"])


def test_every_page_type_stays_within_its_query_budget_at_two_archive_sizes(
    demo_site, production_caches, client, monkeypatch
):
    grow_archive(SMALL)
    urls = page_urls()
    assert set(urls) == set(BUDGETS)
    small = {name: measure(client, url, monkeypatch) for name, url in urls.items()}
    small_rows = {name: [rows_touched(sql) for sql in small[name].first_sql] for name in SEEKING}

    grow_archive(LARGE)
    assert Page.objects.filter(slug__startswith=f"gen{SEED}-").count() == LARGE
    large = {name: measure(client, url, monkeypatch) for name, url in urls.items()}
    large_rows = {name: [rows_touched(sql) for sql in large[name].first_sql] for name in SEEKING}

    table = report(small, large)
    print(table)
    grew = [
        name
        for name in BUDGETS
        if large[name].queries > small[name].queries and name not in SWITCHES_TO_CAPPED_COUNT
    ]
    assert not grew, f"more queries in the larger archive: {grew}\n{table}\n" + "\n".join(
        extra_statements(small[grew[0]], large[grew[0]])
    )
    over = [name for name in BUDGETS if large[name].queries > BUDGETS[name]]
    assert not over, f"over budget: {over}\n{table}\n" + "\n".join(large[over[0]].sql)

    # The plan: an article's statements, those of its first view after a
    # publication included (neighbours, related items), read as many rows
    # in the larger archive as in the smaller: seeks, not a sort over every
    # sibling.
    for name in SEEKING:
        assert len(small[name].first_sql) == len(large[name].first_sql), name
        pairs = zip(large[name].first_sql, small_rows[name], large_rows[name], strict=True)
        for sql, before, after in pairs:
            assert after <= 2 * before + 10, (
                f"{name}: a statement reads {before} rows at {SMALL} pages, {after} at {LARGE}:\n{sql}"
            )
    # A listing's later pages are found by seeking from a page start, never
    # by skipping rows (OFFSET reads every row it skips).
    for name in ("news listing, page 5", "news listing, year filter", "news listing (en)"):
        assert not any(" OFFSET " in sql for sql in large[name].sql), large[name].sql

    missed = {name: m.missed_lookups for name, m in {**small, **large}.items() if m.missed_lookups}
    assert not missed, f"template variables that name nothing (each costs a dir()): {missed}"


def extra_statements(small: Measured, large: Measured) -> list[str]:
    """The statements of the larger archive's request that the smaller's
    had fewer of, numbers and quoted values blanked."""

    def shape(sql: str) -> str:
        return re.sub(r"'[^']*'|\b\d+\b", "?", sql)

    before = Counter(shape(sql) for sql in small.sql)
    after = Counter(shape(sql) for sql in large.sql)
    return [f"+{count} {statement[:600]}" for statement, count in (after - before).items()]
