"""The home pages, chrome and government-site metadata in both languages."""

from __future__ import annotations

import re

import pytest
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.html import escape

pytestmark = pytest.mark.django_db


def test_home_renders_in_both_languages_with_right_lang(client, site_tree):
    zh = client.get("/")
    en = client.get("/en/")
    assert zh.status_code == 200
    assert en.status_code == 200
    assert '<html lang="zh-Hans">' in zh.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert "<h1>全民终身学习活动周</h1>" in zh.content.decode()
    assert "<h1>National Lifelong Learning Activity Week</h1>" in en.content.decode()


def test_ui_strings_follow_the_page_language(client, site_tree):
    zh = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert "跳到正文" in zh
    assert "Skip to main content" in en
    assert "跳到正文" not in en


def test_footer_shows_the_site_identity_in_each_language(client, site_identity):
    zh = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    for html in (zh, en):
        assert site_identity.site_id_code in html
        assert site_identity.icp_number in html
        assert 'href="https://beian.miit.gov.cn/"' in html
        assert "recordcode=11040102700080" in html
        assert site_identity.phone in html
        assert site_identity.email in html
    assert site_identity.organiser_zh in zh
    assert site_identity.address_zh in zh
    assert escape(site_identity.organiser_en) in en
    assert site_identity.address_en in en
    assert site_identity.organiser_zh not in en


def test_english_footer_falls_back_to_chinese_where_no_english_is_given(client, site_identity):
    site_identity.undertaker_en = ""
    site_identity.save()
    assert site_identity.undertaker_zh in client.get("/en/").content.decode()


def test_government_site_meta_tags(client, site_identity):
    html = client.get("/").content.decode()
    assert '<meta name="SiteName" content="全民终身学习活动周">' in html
    assert '<meta name="SiteIDCode" content="bm05000001">' in html
    assert '<meta name="ColumnName" content="首页">' in html
    en = client.get("/en/").content.decode()
    assert '<meta name="SiteName" content="National Lifelong Learning Activity Week">' in en
    assert '<meta name="ColumnName" content="Home">' in en


def test_language_urls_resolve(site_tree):
    with translation.override("zh-hans"):
        assert reverse("search") == "/search/"
    with translation.override("en"):
        assert reverse("search") == "/en/search/"
    # LocaleMiddleware activates the language from the path before resolving.
    with translation.override("zh-hans"):
        assert resolve("/").url_name == "wagtail_serve"
        assert resolve("/search/").url_name == "search"
    with translation.override("en"):
        assert resolve("/en/").url_name == "wagtail_serve"
        assert resolve("/en/search/").url_name == "search"


def test_language_switcher_links_the_same_page_in_the_other_language(client, site_tree):
    zh = client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert re.search(r'<a href="/en/" hreflang="en"', zh)
    assert re.search(r'<a href="/" hreflang="zh-Hans"', en)


def test_search_box_posts_to_the_language_search_page(client, site_tree):
    assert 'action="/search/"' in client.get("/").content.decode()
    assert 'action="/en/search/"' in client.get("/en/").content.decode()
    response = client.get("/en/search/", {"q": "learning"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize("query", ["沈阳\x00", "\x00", "a" * 5000, "<script>alert(1)</script>"])
def test_search_survives_hostile_queries(client, site_tree, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    # A bad page number is refused as listings refuse it, keeping the query in the box.
    bad_page = client.get("/search/", {"q": query, "page": "x"})
    assert bad_page.status_code == 400
    assert "页码应为" in bad_page.content.decode()
    assert "<script>alert(1)</script>" not in bad_page.content.decode()


def test_unknown_url_gives_a_helpful_404_in_each_language(client, site_tree):
    zh = client.get("/no-such-page/")
    en = client.get("/en/no-such-page/")
    assert zh.status_code == 404
    assert en.status_code == 404
    assert "页面未找到" in zh.content.decode()
    assert "Page not found" in en.content.decode()
    assert 'role="search"' in en.content.decode()


def test_sitemap_lists_both_languages(client, site_tree):
    body = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/</loc>" in body
    assert "<loc>http://localhost/en/</loc>" in body


def test_unpublished_english_home_is_not_served(client, site_tree):
    site_tree.home_en.unpublish()
    assert client.get("/en/").status_code == 404
    assert client.get("/").status_code == 200


def test_quick_links_are_the_sections_editors_chose_in_the_pages_language(client, site_tree):
    """The home page links the sections its editors chose (page choosers),
    each in the reader's language; an unpublished one is left out."""
    from lifelong_site.models import HomeQuickLink
    from lifelong_site.translation.tools import translate_instance
    from tests.factories.news import NewsIndexPageFactory, NoticeIndexPageFactory

    news = NewsIndexPageFactory(parent=site_tree.home_zh, title="新闻发布")
    notices = NoticeIndexPageFactory(parent=site_tree.home_zh, title="通知公告")
    translate_instance(news, site_tree.en, {"新闻发布": "News"})
    for order, section in enumerate((notices, news)):
        HomeQuickLink.objects.create(page=site_tree.home_zh, link_page=section, sort_order=order)

    def quick_links(url: str) -> list[str]:
        html = client.get(url).content.decode()
        nav = html[html.index('class="quick-links"') :]
        nav = nav[: nav.index("</nav>")]
        return re.findall(r'class="quick-links__link" href="[^"]+">([^<]+)</a>', nav)

    assert quick_links("/") == ["通知公告", "新闻发布"]  # the editors' order
    # wagtail-localize copies the links to the English home when it syncs the
    # translation (a synchronised field); each shows the English version.
    for order, section in enumerate((news, notices)):
        HomeQuickLink.objects.create(page=site_tree.home_en, link_page=section, sort_order=order)
    assert quick_links("/en/") == ["News"]  # the notices have no English version
    notices.unpublish()
    assert quick_links("/") == ["新闻发布"]


def test_the_search_page_shows_one_search_box_not_two(client, site_tree):
    results = client.get("/search/", {"q": "沈阳"}).content.decode()
    assert results.count('role="search"') == 1 and 'id="search-page-q"' in results
    home = client.get("/").content.decode()  # elsewhere the header's box stays
    assert home.count('role="search"') == 1 and 'id="site-search-q"' in home
