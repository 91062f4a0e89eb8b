"""News and notice listings: order, filters with counts, pagination, bad input."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.news import NoticePageFactory, PressReleasePageFactory, add_issuers, region

pytestmark = pytest.mark.django_db


def at(year: int, month: int = 4, day: int = 27) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 9, 30))


@pytest.fixture
def releases(news_tree):
    """25 releases: 2024 (15, Liaoning), 2023 (10, Fujian, tagged 开幕式)."""
    made = []
    for n in range(15):
        made.append(
            PressReleasePageFactory(
                parent=news_tree.news,
                published_at=at(2024, 5, 1) - dt.timedelta(days=n),
                region=region("liaoning"),
            )
        )
    for n in range(10):
        page = PressReleasePageFactory(
            parent=news_tree.news,
            published_at=at(2023, 6, 1) - dt.timedelta(days=n),
            region=region("fujian"),
        )
        page.tags.add("开幕式")
        page.save()
        made.append(page)
    return made


def test_listing_is_newest_first_and_paginates_by_20(client, releases):
    first = client.get("/news/")
    assert first.status_code == 200
    items = first.context["items"]
    assert len(items) == 20
    dates = [item.published_at for item in items]
    assert dates == sorted(dates, reverse=True)
    second = client.get("/news/", {"page": 2})
    assert len(second.context["items"]) == 5
    assert not {i.pk for i in items} & {i.pk for i in second.context["items"]}


def test_page_beyond_the_end_is_404_and_a_bad_page_is_400(client, releases):
    assert client.get("/news/", {"page": 3}).status_code == 404
    for bad in ("abc", "-1", "0", "1e9", "9" * 50):
        response = client.get("/news/", {"page": bad})
        assert response.status_code == 400, bad
        assert response.context["filters"].errors


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "20244"},
        {"week": "x"},
        {"year": "<script>"},
        {"region": "r" * 500},
        {"region": "liao\x00ning"},
        {"tag": "\x07"},
    ],
)
def test_bad_filter_values_give_400_with_a_message_never_500(client, releases, params):
    response = client.get("/news/", params)
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


def test_year_filter_and_counts(client, releases):
    response = client.get("/news/", {"year": 2023})
    assert response.status_code == 200
    assert len(response.context["items"]) == 10
    assert all(item.published_at.year == 2023 for item in response.context["items"])
    year_counts = {option.value: option.count for option in response.context["facets"]["year"]}
    assert year_counts == {"2024": 15, "2023": 10}


def test_region_and_tag_filters_with_counts(client, releases):
    response = client.get("/news/", {"region": "fujian"})
    assert len(response.context["items"]) == 10
    region_counts = {option.value: option.count for option in response.context["facets"]["region"]}
    assert region_counts == {"liaoning": 15, "fujian": 10}
    tagged = client.get("/news/", {"tag": "开幕式"}).context["items"]
    tag_slug = releases[-1].tags.first().slug
    assert len(client.get("/news/", {"tag": tag_slug}).context["items"]) == 10
    assert tagged == [] or len(tagged) == 10


@pytest.mark.parametrize(
    "params",
    [
        {"region": "atlantis-x1"},
        {"tag": "whatever-x1"},
        {"organisation": "nobody-x1"},
        {"week": "1999"},
        {"year": "2001"},
        {"region": "hebei"},
        {"region": "atlantis-x1", "tag": "<b>whatever-x1</b>"},
    ],
)
def test_an_unknown_filter_value_is_ignored_and_never_echoed(client, releases, params):
    """A value that is none of the listing's options (hebei: a real region,
    but no release here has it) is ignored with a short note, and never
    printed back as an option, a link or a feed address."""
    response = client.get("/news/", params)
    assert response.status_code == 200
    assert len(response.context["items"]) == 20 and response.context["paginator"].count == 25
    assert response.context["filters"].active() == {}
    html = response.content.decode()
    for value in params.values():
        assert value not in html and value.replace("<", "&lt;") not in html
    assert "已忽略无法识别的筛选条件" in html
    feed = client.get("/news/feed/", params)
    assert feed.status_code == 200
    assert not any(value in feed.content.decode() for value in params.values())
    assert feed.content.decode().count("<entry>") == 20


def test_unknown_filter_values_are_ignored_on_the_notice_listing_too(client, news_tree):
    NoticePageFactory(parent=news_tree.notices)
    response = client.get("/notices/", {"organisation": "phantom-office", "week": "2024"})
    assert response.status_code == 200 and len(response.context["items"]) == 1
    html = response.content.decode()
    assert "phantom-office" not in html and "已忽略无法识别的筛选条件" in html


def test_a_known_value_without_matches_keeps_its_real_label(client, releases):
    """Fujian has releases, none in 2024: the region list keeps 福建省 selected
    with 0, labelled by its name, and the listing is empty."""
    response = client.get("/news/", {"region": "fujian", "year": "2024"})
    assert response.status_code == 200 and response.context["items"] == []
    html = response.content.decode()
    assert re.search(r'<option value="fujian" selected[^>]*>福建省 \(0\)</option>', html), html
    assert "已忽略无法识别的筛选条件" not in html


def test_notice_listing_filters_by_issuing_organisation(client, news_tree):
    moe = NoticePageFactory(parent=news_tree.notices)
    add_issuers(moe, "moe-general-office", "acftu-office")
    other = NoticePageFactory(parent=news_tree.notices, document_number="民办函〔2024〕3号")
    add_issuers(other, "civil-affairs-office")
    response = client.get("/notices/", {"organisation": "acftu-office"})
    assert [item.pk for item in response.context["items"]] == [moe.pk]
    counts = {o.value: o.count for o in client.get("/notices/").context["facets"]["organisation"]}
    assert counts == {"moe-general-office": 1, "acftu-office": 1, "civil-affairs-office": 1}


def test_unpublished_and_private_items_are_not_listed(client, releases):
    releases[0].unpublish()
    response = client.get("/news/", {"year": 2024})
    assert len(response.context["items"]) == 14


def listing_queries(client, url: str) -> int:
    client.get(url)  # warm caches that are per process, not per request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_listing_of_20_costs_the_same_queries_as_a_listing_of_5(client, news_tree):
    for n in range(5):
        page = PressReleasePageFactory(parent=news_tree.news, region=region("liaoning"))
        page.tags.add(f"标签{n}")
        page.save()
    five = listing_queries(client, "/news/")
    for n in range(20):
        page = PressReleasePageFactory(parent=news_tree.news, region=region("hebei"))
        page.tags.add(f"更多{n}")
        page.save()
    twenty = listing_queries(client, "/news/")
    assert twenty == five
    # The whole page: routing, chrome (navigation, languages, footer), the
    # listing, its five facets. Constant, whatever the listing's size.
    assert five <= 24


def test_pages_found_by_their_start_are_the_pages_in_listing_order(client, news_tree, fragments_on):
    # 47 releases, many at the same minute: each page starts where the last
    # ended, ties in the order of their ids, as an OFFSET would give them.
    made = [
        PressReleasePageFactory(parent=news_tree.news, published_at=at(2024, 5, 1 + n // 5))
        for n in range(47)
    ]
    expected = [
        page.pk for page in sorted(made, key=lambda p: (p.published_at, p.pk), reverse=True)
    ]
    seen = []
    for number in (1, 2, 3):
        response = client.get("/news/", {"page": number})
        assert response.status_code == 200
        seen += [item.pk for item in response.context["items"]]
        assert response.context["paginator"].count == 47
    assert seen == expected
    assert client.get("/news/", {"page": 4}).status_code == 404


def test_a_page_of_a_large_listing_reads_no_count_or_facets_again_until_a_publication(
    client, releases, fragments_on, news_tree
):
    client.get("/news/", {"page": 2})
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/news/", {"page": 2})
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "COUNT(" not in sql and "OFFSET" not in sql, sql
    assert response.context["facets"]["year"][0].count == 15

    PressReleasePageFactory(
        parent=news_tree.news, published_at=at(2024, 5, 2)
    ).save_revision().publish()
    response = client.get("/news/", {"page": 2})
    assert response.context["paginator"].count == 26
    assert response.context["facets"]["year"][0].count == 16


def test_a_translation_lists_in_its_own_language(news_tree, site_tree, client):
    """The locale is copied into the article's table for the publication
    order index (ArticlePage.listing_locale): a translation gets its own,
    so it is listed, and has neighbours, in its language."""
    chinese = PressReleasePageFactory(parent=news_tree.news, title="终身学习活动周开幕")
    chinese.save_revision().publish()
    english = chinese.copy_for_translation(site_tree.en, copy_parents=True)
    english.title = "Lifelong Learning Week opens"
    english.save_revision().publish()
    english.refresh_from_db()
    assert english.listing_locale_id == site_tree.en.pk
    assert chinese.listing_locale_id == chinese.locale_id
    listing = client.get(english.get_parent().url)
    assert "Lifelong Learning Week opens" in listing.content.decode()
