"""Atom feeds (read by a real feed parser) and the bilingual sitemap."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from django.utils import timezone

from lifelong_site.translation.tools import translate_instance
from tests.factories.news import PressReleasePageFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def dated_releases(news_tree):
    pages = []
    for year in (2022, 2023, 2024):
        for n in range(3):
            pages.append(
                PressReleasePageFactory(
                    parent=news_tree.news,
                    title=f"{year}年活动周新闻{n}",
                    published_at=timezone.make_aware(dt.datetime(year, 5, 1 + n, 10, 0)),
                    region=region("liaoning"),
                )
            )
    return pages


def test_feed_is_valid_atom_with_entries_newest_first(client, dated_releases):
    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "新闻发布"
    assert len(feed.entries) == 9
    assert feed.entries[0].title == "2024年活动周新闻2"
    assert feed.entries[0].link.startswith("http://localhost/news/")
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True)


def test_feed_honours_the_listing_filters(client, dated_releases):
    feed = feedparser.parse(client.get("/news/feed/", {"year": 2023}).content)
    assert {entry.title for entry in feed.entries} == {f"2023年活动周新闻{n}" for n in range(3)}
    assert client.get("/news/feed/", {"year": "abc"}).status_code == 400


def test_listing_advertises_its_feed(client, dated_releases):
    html = client.get("/news/", {"year": 2023}).content.decode()
    assert 'type="application/atom+xml"' in html
    assert "/news/feed/?year=2023" in html


def test_sitemap_lists_articles_in_both_languages(client, dated_releases, site_tree):
    english = translate_instance(
        dated_releases[0], site_tree.en, {dated_releases[0].title: "News of the 2022 week"}
    )
    body = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://localhost{dated_releases[0].url}</loc>" in body
    assert f"<loc>http://localhost{english.url}</loc>" in body
    assert "/en/" in english.url


def test_a_large_sitemap_becomes_an_index_of_pages(client, dated_releases, site_tree, monkeypatch):
    import re
    import xml.etree.ElementTree as ET

    from lifelong_site.http.sitemap import PagedBilingualSitemap

    whole = set(re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode()))
    monkeypatch.setattr(PagedBilingualSitemap, "limit", 2)
    index = client.get("/sitemap.xml")
    root = ET.fromstring(index.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert parts == [f"http://localhost/sitemap.xml?p={n}" for n in range(1, len(parts) + 1)]
    assert len(parts) == (len(whole) + 1) // 2
    paged: set[str] = set()
    for part in parts:
        body = client.get(part.removeprefix("http://localhost")).content.decode()
        paged |= set(re.findall(r"<loc>([^<]+)</loc>", body))
    assert paged == whole
    assert client.get("/sitemap.xml", {"p": len(parts) + 1}).status_code == 404
