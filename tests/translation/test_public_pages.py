"""The public side of translation: hreflang alternates (reciprocal over the
whole sitemap), the language switcher's fallback to the other home page and the
notice shown there, the link from English pages to their Chinese original with
the outdated note, dates and numbers per language, and what it all costs in
queries. Real pages on PostgreSQL, translated through wagtail-localize."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection, reset_queries
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site
from wagtail_localize.models import TranslationSource

from lifelong_site import navigation
from lifelong_site.memo import request_memo
from lifelong_site.translation import public
from lifelong_site.translation.tools import translate_instance
from news.models import NewsIndexPage, NoticeIndexPage, NoticePage, PageViewCount, PressReleasePage
from tests.conftest import SiteTree
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignWeekPageFactory,
    CeremonyGalleryPageFactory,
    add_photos,
)
from tests.factories.news import (
    NewsIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
)

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
OPENING = dt.datetime(2024, 4, 27, 9, 30, tzinfo=BEIJING)
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
UNTRANSLATED_NOTICE_ZH = "您浏览的页面暂无中文版本，已为您打开中文首页。"


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@dataclass
class BilingualTree:
    site: SiteTree
    news: NewsIndexPage
    news_en: NewsIndexPage
    notices: NoticeIndexPage
    notices_en: NoticeIndexPage
    release: PressReleasePage
    release_en: PressReleasePage
    notice: NoticePage
    notice_en: NoticePage
    lone_release: PressReleasePage  # Chinese only
    lone_notice: NoticePage  # Chinese only


@pytest.fixture
def tree(site_tree: SiteTree) -> BilingualTree:
    """Both listings and one release and one notice translated; one release
    and one notice in Chinese only."""
    en = site_tree.en
    news = publish(NewsIndexPageFactory(parent=site_tree.home_zh, show_in_menus=True))
    notices = publish(NoticeIndexPageFactory(parent=site_tree.home_zh, show_in_menus=True))
    news_en = translate_instance(news, en, {"新闻发布": "News"}).specific
    notices_en = translate_instance(notices, en, {"通知公告": "Notices"}).specific
    release = publish(
        PressReleasePageFactory(
            parent=news, title="2024年全民终身学习活动周在沈阳开幕", published_at=OPENING
        )
    )
    release_en = translate_instance(
        release, en, {release.title: "2024 Activity Week opens in Shenyang"}
    ).specific
    notice = publish(
        NoticePageFactory(
            parent=notices, title="关于举办2024年全民终身学习活动周的通知", published_at=OPENING
        )
    )
    notice_en = translate_instance(
        notice, en, {notice.title: "Notice on holding the 2024 Activity Week"}
    ).specific
    lone_release = publish(
        PressReleasePageFactory(parent=news, title="沈阳市社区教育学院举办开放日")
    )
    lone_notice = publish(NoticePageFactory(parent=notices, title="关于报送学习之星的通知"))
    return BilingualTree(
        site=site_tree,
        news=news,
        news_en=news_en,
        notices=notices,
        notices_en=notices_en,
        release=release,
        release_en=release_en,
        notice=notice,
        notice_en=notice_en,
        lone_release=lone_release,
        lone_notice=lone_notice,
    )


def fetch(client, url: str) -> str:
    """GET an absolute URL as a browser would: its host picks the Wagtail site."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    response = client.get(path, HTTP_HOST=parts.netloc or "localhost")
    assert response.status_code == 200, url
    return response.content.decode()


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def alternates(html: str) -> dict[str, str]:
    """hreflang → href of the <head>'s alternates (feeds, which have none, left out)."""
    head = soup(html).head
    return {
        link["hreflang"]: link["href"]
        for link in head.find_all("link", rel="alternate")
        if link.get("hreflang")
    }


def switcher_link(html: str, hreflang: str):
    return soup(html).select_one(f'.language-switcher a[hreflang="{hreflang}"]')


def origin_box(html: str):
    return soup(html).select_one("[data-translation-origin]")


def outdated_note(html: str):
    return soup(html).select_one("[data-translation-outdated]")


def view_count_text(html: str) -> str:
    return soup(html).select_one("[data-view-count]").get_text(strip=True)


# --- hreflang alternates ----------------------------------------------------


@pytest.mark.parametrize("version", ["release", "release_en"])
def test_translated_page_lists_both_versions_absolute_with_x_default(client, tree, version):
    html = fetch(client, getattr(tree, version).get_full_url())
    zh_url, en_url = tree.release.get_full_url(), tree.release_en.get_full_url()
    assert alternates(html) == {"zh-Hans": zh_url, "en": en_url, "x-default": zh_url}
    for url in alternates(html).values():
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == ("http", "localhost")


def test_page_with_one_live_version_has_no_alternates(client, tree):
    assert alternates(fetch(client, tree.lone_release.get_full_url())) == {}
    tree.release_en.unpublish()
    assert alternates(fetch(client, tree.release.get_full_url())) == {}


def test_hreflang_is_reciprocal_over_the_sitemap(client, tree):
    body = client.get("/sitemap.xml", HTTP_HOST="localhost").content
    urls = [loc.text for loc in ET.fromstring(body).iter(f"{SITEMAP_NS}loc")]
    # Per language a home, two listings and two articles; and the two Chinese-only articles.
    assert len(urls) == 12
    htmls = {url: fetch(client, url) for url in urls}
    pages = {url: alternates(html) for url, html in htmls.items()}

    untranslated = {tree.lone_release.get_full_url(), tree.lone_notice.get_full_url()}
    assert {url for url, links in pages.items() if not links} == untranslated
    for url, links in pages.items():
        if not links:
            continue
        html_lang = soup(htmls[url]).html["lang"]
        assert links[html_lang] == url, "a page lists itself under its own language"
        assert links["x-default"] == links["zh-Hans"]
        for hreflang, other in links.items():
            # Every alternate is a page of the sitemap that lists this one back,
            # with the same set of versions and the same x-default.
            assert other in pages, f"{url} → {hreflang} {other} is not in the sitemap"
            assert pages[other] == links, f"{other} does not list {url} back the same way"


def test_search_page_pairs_the_two_language_prefixes(client, site_tree):
    expected = {
        "zh-Hans": "http://testserver/search/",
        "en": "http://testserver/en/search/",
        "x-default": "http://testserver/search/",
    }
    zh = client.get("/search/", {"q": "沈阳"}).content.decode()
    en = client.get("/en/search/").content.decode()
    assert alternates(zh) == expected
    assert alternates(en) == expected
    # The switcher keeps the reader on the search page too.
    assert switcher_link(zh, "en")["href"] == "/en/search/"
    assert switcher_link(en, "zh-Hans")["href"] == "/search/"


def test_not_found_pages_have_no_alternates(client, site_tree):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert alternates(response.content.decode()) == {}


def test_gallery_photo_alternates_name_the_same_photo(client, site_tree):
    """A routable page's sub-page (photo 2 of a gallery) pairs with the same
    sub-page in the other language, not with the gallery's first screen."""
    en = site_tree.en
    index = publish(CampaignIndexPageFactory(parent=site_tree.home_zh))
    week = publish(CampaignWeekPageFactory(parent=index, year=2024))
    gallery = CeremonyGalleryPageFactory(parent=week)
    add_photos(gallery, 3)
    gallery = publish(gallery)
    translate_instance(index, en, {})
    translate_instance(week, en, {})
    gallery_en = translate_instance(gallery, en, {"开幕式现场": "The opening ceremony"})

    html = fetch(client, f"{gallery.get_full_url()}photo/2/")
    assert alternates(html) == {
        "zh-Hans": f"{gallery.get_full_url()}photo/2/",
        "en": f"{gallery_en.get_full_url()}photo/2/",
        "x-default": f"{gallery.get_full_url()}photo/2/",
    }
    assert switcher_link(html, "en")["href"] == f"{gallery_en.url}photo/2/"
    assert alternates(fetch(client, f"{gallery_en.get_full_url()}photo/2/")) == alternates(html)


# --- Switcher fallback --------------------------------------------------------


def test_switcher_falls_back_to_the_english_home_with_a_notice(client, tree):
    translated = switcher_link(client.get(tree.release.url).content.decode(), "en")
    assert translated["href"] == tree.release_en.url
    assert not translated.has_attr("data-fallback")

    link = switcher_link(client.get(tree.lone_release.url).content.decode(), "en")
    assert link["href"] == "/en/?untranslated=1"
    assert link["data-fallback"] == "true"
    home = client.get(link["href"]).content.decode()
    assert '<html lang="en">' in home
    notice = soup(home).select_one('[data-notice="untranslated"]')
    assert notice is not None and notice["role"] == "status"
    assert soup(client.get("/en/").content.decode()).select_one("[data-notice]") is None


def test_switcher_falls_back_to_the_chinese_home_with_a_notice(client, tree):
    tree.release.unpublish()  # the English page is left without a live Chinese version
    html = client.get(tree.release_en.url).content.decode()
    link = switcher_link(html, "zh-Hans")
    assert link["href"] == "/?untranslated=1"
    assert origin_box(html) is None  # no live original to link to
    home = client.get(link["href"]).content.decode()
    notice = soup(home).select_one('[data-notice="untranslated"]')
    assert notice is not None and notice["role"] == "status"
    assert notice.get_text(strip=True) == UNTRANSLATED_NOTICE_ZH
    assert UNTRANSLATED_NOTICE_ZH not in client.get("/").content.decode()


# --- Link to the Chinese original ---------------------------------------------


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("release_en", "release"),
        ("notice_en", "notice"),
        ("news_en", "news"),
        ("notices_en", "notices"),
    ],
)
def test_english_pages_link_their_chinese_original(client, tree, english, chinese):
    original = getattr(tree, chinese)
    html = client.get(getattr(tree, english).url).content.decode()
    box = origin_box(html)
    assert box is not None
    link = box.find("a")
    assert link["href"] == original.url
    assert link["lang"] == "zh-Hans" and link["hreflang"] == "zh-Hans"
    assert link.get_text(strip=True) == original.title
    assert outdated_note(html) is None


def test_no_original_link_on_chinese_pages_or_the_english_home(client, tree):
    for url in ("/", "/en/", tree.release.url, tree.news.url, tree.lone_notice.url):
        assert origin_box(client.get(url).content.decode()) is None, url


def test_outdated_translation_says_when_the_original_changed(client, tree):
    en = tree.site.en
    with time_machine.travel(dt.datetime(2024, 4, 27, 10, 0, tzinfo=BEIJING), tick=False):
        release = publish(
            PressReleasePageFactory(parent=tree.news, title="开幕式图文直播", published_at=OPENING)
        )
        release_en = translate_instance(release, en, {"开幕式图文直播": "Opening ceremony live"})
    assert outdated_note(client.get(release_en.url).content.decode()) is None

    # The Chinese original is republished after the translation took its text.
    with time_machine.travel(dt.datetime(2024, 5, 6, 15, 0, tzinfo=BEIJING), tick=False):
        publish(release)
    html = client.get(release_en.url).content.decode()
    note = outdated_note(html)
    assert note is not None
    assert "6 May 2024" in note.get_text()
    assert outdated_note(client.get(release.url).content.decode()) is None  # the original itself

    # Syncing the translation ("Sync translated pages") brings it up to date.
    with time_machine.travel(dt.datetime(2024, 5, 7, 9, 0, tzinfo=BEIJING), tick=False):
        translate_instance(release, en, {"开幕式图文直播": "Opening ceremony live"})
    html = client.get(release_en.url).content.decode()
    assert outdated_note(html) is None
    assert origin_box(html) is not None


def test_translation_without_wagtail_localize_counts_from_its_own_publication(client, tree):
    """sync_state's rule: with no TranslationSource, the translation's own last
    publication stands in for the time it took the original's text."""
    TranslationSource.objects.filter(object_id=tree.release.translation_key).delete()
    Page.objects.filter(pk=tree.release_en.pk).update(
        last_published_at=dt.datetime(2024, 4, 28, 12, 0, tzinfo=BEIJING)
    )
    Page.objects.filter(pk=tree.release.pk).update(
        last_published_at=dt.datetime(2024, 4, 27, 10, 0, tzinfo=BEIJING)
    )
    assert outdated_note(client.get(tree.release_en.url).content.decode()) is None

    Page.objects.filter(pk=tree.release.pk).update(
        last_published_at=dt.datetime(2024, 4, 29, 8, 0, tzinfo=BEIJING)
    )
    note = outdated_note(client.get(tree.release_en.url).content.decode())
    assert note is not None and "29 April 2024" in note.get_text()


# --- Dates and numbers ----------------------------------------------------------


def test_article_dates_and_times_follow_the_language(client, tree):
    zh = soup(client.get(tree.release.url).content.decode())
    en = soup(client.get(tree.release_en.url).content.decode())
    assert zh.select_one(".article__header time").get_text(strip=True) == "2024年4月27日 09:30"
    assert en.select_one(".article__header time").get_text(strip=True) == "27 April 2024 09:30"

    zh_notice = client.get(tree.notice.url).content.decode()
    en_notice = client.get(tree.notice_en.url).content.decode()
    assert "2024年4月27日" in soup(zh_notice).select_one(".disclosure").get_text()
    assert "27 April 2024" in soup(en_notice).select_one(".disclosure").get_text()
    for html in (en_notice, str(en)):
        assert "a.m." not in html and "p.m." not in html and "Apr." not in html


def test_listing_dates_follow_the_language(client, tree):
    zh = soup(client.get(tree.news.url).content.decode())
    en = soup(client.get(tree.news_en.url).content.decode())
    assert "2024年4月27日" in [time.get_text(strip=True) for time in zh.select(".card-list time")]
    assert "27 April 2024" in [time.get_text(strip=True) for time in en.select(".card-list time")]


def test_search_results_show_dates_and_counts_in_the_language(client, tree):
    zh = soup(client.get("/search/", {"q": "沈阳"}).content.decode())
    en = soup(client.get("/en/search/", {"q": "Shenyang"}).content.decode())
    assert "2024年4月27日" in [
        time.get_text(strip=True) for time in zh.select(".search-result time")
    ]
    assert "27 April 2024" in [
        time.get_text(strip=True) for time in en.select(".search-result time")
    ]
    # The summary keeps its translation (the grouped number is a separate variable).
    assert "found" in en.select_one(".search-summary").get_text()
    assert "找到" in zh.select_one(".search-summary").get_text()


def test_view_counts_use_the_language_grouping(client, tree):
    PageViewCount.objects.create(page_id=tree.release.pk, views=12345)
    PageViewCount.objects.create(page_id=tree.release_en.pk, views=12345)
    assert view_count_text(client.get(tree.release_en.url).content.decode()) == "12,345"
    # Django's zh-Hans formats (like campaigns.figures) leave Chinese numbers ungrouped.
    assert view_count_text(client.get(tree.release.url).content.decode()) == "12345"


@pytest.mark.parametrize(
    ("language", "expected"), [("zh-hans", "12345 | 2024 | 7"), ("en", "12,345 | 2024 | 7")]
)
def test_local_number_groups_only_where_the_language_does(language, expected):
    template = Template(
        "{% load site_tags %}{{ total|local_number }} | {{ year }} | {{ small|local_number }}"
    )
    with translation.override(language):
        assert template.render(Context({"total": 12345, "year": 2024, "small": 7})) == expected


# --- Queries ------------------------------------------------------------------


def _translation_queries(queries: list[dict]) -> list[str]:
    """The switcher's query: every live version of the page, by translation key."""
    wheres = [q["sql"].partition(" WHERE ")[2] for q in queries]
    return [where for where in wheres if '"translation_key" = ' in where and '."live"' in where]


def _page_queries(client, url: str) -> list[dict]:
    """The queries of one GET of ``url``, copied out of the query log: the next
    request clears it."""
    client.get(url)  # warms the caches (site root paths, the site identity row)
    reset_queries()  # the log is bounded; after a big setup a capture would see nothing
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return list(context.captured_queries)


def test_switcher_and_alternates_share_one_translation_query(client, tree):
    for page in (tree.release, tree.release_en, tree.lone_release, tree.news_en):
        queries = _page_queries(client, page.url)
        assert len(_translation_queries(queries)) == 1, page.url


def test_translating_a_page_adds_alternates_but_no_query(client, tree):
    url = tree.lone_release.url
    before = len(_page_queries(client, url))
    translate_instance(tree.lone_release, tree.site.en, {})
    after = len(_page_queries(client, url))
    assert len(alternates(client.get(url).content.decode())) == 3
    # The switcher no longer looks up the English home for its fallback link,
    # and the alternates ride on the switcher's query: one query fewer.
    assert after == before - 1


@pytest.mark.parametrize("alternates_first", [True, False])
def test_alternates_and_switcher_cost_one_query_in_either_order(tree, alternates_first):
    page = tree.release
    request = RequestFactory().get(page.url, HTTP_HOST="localhost")
    Site.find_for_request(request)  # as Wagtail's serve view does before any template runs
    reset_queries()
    with translation.override("zh-hans"), request_memo():  # as MemoMiddleware opens it
        first, second = (public.alternates, navigation.language_links)
        if not alternates_first:
            first, second = second, first
        with CaptureQueriesContext(connection) as context:
            first(request, page)
        assert len(_translation_queries(context.captured_queries)) == 1
        with CaptureQueriesContext(connection) as context:
            second(request, page)
        assert len(context) == 0


def test_original_link_costs_one_query_on_english_pages_and_none_on_chinese(client, tree):
    for page, language, expected in ((tree.release_en, "en", 1), (tree.release, "zh-hans", 0)):
        request = RequestFactory().get(page.url, HTTP_HOST="localhost")
        with translation.override(language), request_memo():
            # The page header's home link and language switcher run first
            # and fill the request's memo.
            navigation.current_home(request)
            navigation.language_links(request, page)
            with CaptureQueriesContext(connection) as context:
                origin = public.translation_origin(request, page)
        assert (origin is not None) == (language == "en")
        assert len(context) == expected, [q["sql"] for q in context.captured_queries]
