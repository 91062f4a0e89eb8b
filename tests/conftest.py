"""Shared fixtures: the two-locale site tree, users, and a headless Chromium.

The tree is built from scratch by every fixture user, because transactional
tests (the live server) flush the database, including what migrations made.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from wagtail.models import Collection, Locale, Page, Site

from lifelong_site.models import HomePage, Organisation, Region
from lifelong_site.reference_data import ORGANISATIONS, REGIONS, load_organisations, load_regions
from lifelong_site.translation.tools import translate_instance
from tests.factories.site import HomePageFactory, SiteIdentityFactory, SuperuserFactory
from tests.support.module_data import module_transaction

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run beside one unless told that this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Markers a test gets from the fixtures it uses (pyproject.toml registers
# them), so that a new test is marked by what it needs, not by remembering.
MARKERS_BY_FIXTURE = {
    "browser": "browser",
    "demo_site": "demo",
    "nginx": "nginx",
    "osmem": "search_server",
    "redis_server": "redis",
    "s3_server": "object_storage",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    on_postgresql = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_on_sqlite = pytest.mark.skip(reason="needs PostgreSQL: run make test")
    for item in items:
        for fixture, marker in MARKERS_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
        if not on_postgresql and item.get_closest_marker("postgres"):
            item.add_marker(skip_on_sqlite)


@pytest.fixture(autouse=True)
def _source_language_active() -> Iterator[None]:
    """Every test starts in the source language, as a request without a
    language prefix does: a request or test that activated English leaves
    the worker's thread in English otherwise, and messages then depend on
    the order tests run in."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@dataclass
class SiteTree:
    zh: Locale
    en: Locale
    home_zh: HomePage
    home_en: HomePage
    site: Site


def build_site_tree(hostname: str = "localhost", port: int = 80) -> SiteTree:
    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    # Reference data comes from a data migration, which a flush removes.
    # Reloading it when it is all there costs a second per test (each save
    # updates the search index), so only a flushed database reloads it.
    if Region.objects.count() < len(REGIONS):
        load_regions(Region)
    if Organisation.objects.count() < len(ORGANISATIONS):
        load_organisations(Organisation)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=zh)
    # Documents and images need the root collection, which a flush removes too.
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    # Remove Wagtail's "Welcome" placeholder so our home takes its place.
    Page.objects.filter(depth=2).delete()
    home_zh = HomePageFactory(parent=root)
    home_zh.save_revision().publish()
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": home_zh,
            "site_name": "全民终身学习活动周",
        },
    )
    home_en = translate_instance(
        home_zh,
        en,
        {
            "全民终身学习活动周": "National Lifelong Learning Activity Week",
            "让学习成为一种生活方式": "Make learning a lifestyle",
        },
    )
    return SiteTree(zh=zh, en=en, home_zh=home_zh, home_en=home_en.specific, site=site)


@pytest.fixture(scope="session", autouse=True)
def _end_live_server_sessions(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Live servers' request threads keep their database sessions open; end
    them before the test database is dropped, or PostgreSQL refuses the drop."""
    yield
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


def existing_site_tree() -> SiteTree | None:
    """The tree ``build_site_tree()`` made, as the database holds it, or None
    after a transactional test flushed it (fresh objects for every test)."""
    site = Site.objects.filter(is_default_site=True, hostname="localhost", port=80).first()
    home_zh = HomePage.objects.filter(pk=site.root_page_id, live=True).first() if site else None
    if site is None or home_zh is None:
        return None
    home_en = HomePage.objects.filter(
        translation_key=home_zh.translation_key, locale__language_code="en", live=True
    ).first()
    if home_en is None:
        return None
    return SiteTree(
        zh=home_zh.locale, en=home_en.locale, home_zh=home_zh, home_en=home_en, site=site
    )


def uses_database(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(
        fixtures & {"db", "transactional_db", "live_server"}
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request) -> None:
    """Build the two-locale tree once per test database: a test that uses
    ``site_tree`` runs in a transaction that is rolled back, so it finds the
    tree as built and whatever it changes is undone. pytest-django runs the
    transactional tests, which flush the database, after the others; a test
    that comes after a flush builds the tree for itself. pytest-django sets up
    no test database when no collected test uses one; nothing is built then."""
    if not any(uses_database(item) for item in request.session.items):
        return
    with django_db_blocker.unblock():
        build_site_tree()


@pytest.fixture
def site_tree(db) -> SiteTree:
    return existing_site_tree() or build_site_tree()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker) -> Iterator[None]:
    """One transaction around the module, for fixtures that build data once
    for tests that only read it or whose changes are undone
    (tests/support/module_data.py)."""
    yield from module_transaction(django_db_blocker)


@pytest.fixture(scope="module")
def module_site_tree(module_db, django_db_blocker) -> SiteTree:
    with django_db_blocker.unblock():
        return existing_site_tree() or build_site_tree()


@pytest.fixture
def site_identity(site_tree):
    return SiteIdentityFactory(site=site_tree.site)


@pytest.fixture
def admin_user(db):
    return SuperuserFactory(username="admin")


# --- Browser ------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser) -> Iterator[object]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def live_site(live_server, transactional_db) -> tuple[object, SiteTree]:
    """The live server with the two-locale tree whose Site matches its host."""
    host, port = live_server.url.removeprefix("http://").split(":")
    tree = build_site_tree(hostname=host, port=int(port))
    SiteIdentityFactory(site=tree.site)
    return live_server, tree


@pytest.fixture
def fragments_on(settings):
    """Shared fragments and per-generation values as in production (the
    test settings keep them off); whole pages not cached."""
    from django.core.cache import caches

    settings.FRAGMENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_SECONDS = 0
    caches["pages"].clear()
    yield
    caches["pages"].clear()
