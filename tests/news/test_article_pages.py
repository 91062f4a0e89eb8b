"""Article pages: metadata, corrections, withdrawal, annexes, the view counter."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lifelong_site.models import Region
from news.models import ChangeNote, PageViewCount
from tests.factories.news import (
    NoticePageFactory,
    PressReleasePageFactory,
    SiteDocumentFactory,
    add_annex,
    add_issuers,
    region,
)

pytestmark = pytest.mark.django_db


def test_every_provincial_level_region_and_the_corps_are_loaded(site_tree):
    assert Region.objects.count() == 35
    assert Region.objects.get(slug="xpcc").name_zh == "新疆生产建设兵团"
    assert Region.objects.filter(kind="autonomous_region").count() == 5


def test_release_carries_government_meta_tags_and_json_ld(client, news_tree):
    release = PressReleasePageFactory(
        parent=news_tree.news,
        title="开幕式在沈阳举行",
        source="www.moe.gov.cn",
        published_at=timezone.make_aware(dt.datetime(2024, 4, 27, 9, 30)),
        region=region("liaoning"),
    )
    html = client.get(release.url).content.decode()
    assert '<meta name="ArticleTitle" content="开幕式在沈阳举行">' in html
    assert '<meta name="PubDate" content="2024-04-27 09:30">' in html
    assert '<meta name="ContentSource" content="www.moe.gov.cn">' in html
    assert '<meta name="ColumnName" content="新闻发布">' in html
    assert 'property="og:title"' in html
    json_ld = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(json_ld)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "开幕式在沈阳举行"
    assert data["datePublished"].startswith("2024-04-27T09:30")
    assert "2024年4月27日" in html


def test_json_ld_cannot_be_broken_out_of(client, news_tree):
    release = PressReleasePageFactory(
        parent=news_tree.news, title="</script><script>alert(1)</script>"
    )
    html = client.get(release.url).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_change_notes_are_shown_with_their_dates(client, news_tree):
    release = PressReleasePageFactory(parent=news_tree.news)
    ChangeNote.objects.create(
        page=release,
        changed_on=dt.date(2024, 4, 28),
        note="更正了参会人数。",
        locale=release.locale,
    )
    html = client.get(release.url).content.decode()
    assert "更正了参会人数。" in html
    assert "2024年4月28日" in html


def test_a_withdrawn_notice_stays_visible_with_a_withdrawal_notice(client, news_tree):
    notice = NoticePageFactory(
        parent=news_tree.notices,
        withdrawn_at=timezone.make_aware(dt.datetime(2024, 6, 1, 12)),
        withdrawal_note="本通知已被新通知替代。",
    )
    add_issuers(notice, "moe-general-office")
    response = client.get(notice.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "本通知已被新通知替代。" in html
    assert "2024年6月1日" in html
    listing = client.get(news_tree.notices.url).content.decode()
    assert notice.title in listing


def test_notice_lists_numbered_annexes_with_type_and_size(client, news_tree):
    notice = NoticePageFactory(parent=news_tree.notices, document_number="教职成厅函〔2024〕7号")
    add_issuers(notice, "moe-general-office", "acftu-office")
    add_annex(notice, "各地活动安排", 0, html=[("paragraph", "<p>辽宁 4月 沈阳</p>")])
    add_annex(notice, "汇总表", 1, document=SiteDocumentFactory())
    html = client.get(notice.url).content.decode()
    assert "教职成厅函〔2024〕7号" in html
    assert "附件1" in html and "附件2" in html
    assert "辽宁 4月 沈阳" in html  # the HTML annex is readable in the page
    assert "PDF" in html
    assert "/documents/" in html
    assert html.index("教育部办公厅") < html.index("中华全国总工会办公厅")  # issuers in order


def test_view_counter_counts_by_beacon_not_by_page_request(client, news_tree):
    release = PressReleasePageFactory(parent=news_tree.news)
    # The very first request of a site creates its settings row (Wagtail's
    # get_or_create); what matters is that reading an article never writes.
    client.get(release.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(release.url).status_code == 200
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
    ]
    assert writes == []
    assert client.get(f"/api/views/{release.pk}/").status_code == 405
    first = client.post(f"/api/views/{release.pk}/")
    second = client.post(f"/api/views/{release.pk}/", REMOTE_ADDR="198.51.100.2")
    assert first.json() == {"views": 1}
    assert second.json() == {"views": 2}
    assert PageViewCount.objects.get(page_id=release.pk).views == 2


def test_repeated_beacons_from_one_client_count_once_in_half_an_hour(client, news_tree, settings):
    import time_machine
    from django.core.cache import cache

    cache.clear()
    settings.CLIENT_IP_HEADER = ""
    release = PressReleasePageFactory(parent=news_tree.news)
    other = PressReleasePageFactory(parent=news_tree.news)
    url = f"/api/views/{release.pk}/"

    def beacon(address: str = "203.0.113.7", target: str = url, **headers) -> int:
        response = client.post(target, REMOTE_ADDR=address, **headers)
        assert response.status_code == 200
        return response.json()["views"]

    assert [beacon() for _ in range(20)] == [1] * 20
    # Headers the client sets itself do not make it another client.
    assert beacon(HTTP_X_FORWARDED_FOR="192.0.2.1", HTTP_X_REAL_IP="192.0.2.1") == 1
    assert beacon("198.51.100.9") == 2
    assert beacon(target=f"/api/views/{other.pk}/") == 1  # another page counts on its own
    assert PageViewCount.objects.get(page_id=release.pk).views == 2
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=29), tick=False):
        assert beacon() == 2
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31), tick=False):
        assert beacon() == 3
        assert beacon() == 3
    # No address is kept in the cache's keys.
    assert not any("203.0.113.7" in str(key) for key in getattr(cache, "_cache", {}))


def test_view_counter_refuses_drafts_and_unknown_pages(client, news_tree):
    draft = PressReleasePageFactory(parent=news_tree.news, live=False)
    assert client.post(f"/api/views/{draft.pk}/").status_code == 404
    assert client.post("/api/views/999999/").status_code == 404


def test_home_lists_the_latest_releases_and_notices_of_its_language(client, news_tree):
    release = PressReleasePageFactory(parent=news_tree.news, title="最新的新闻稿")
    notice = NoticePageFactory(parent=news_tree.notices, title="最新的通知")
    html = client.get("/").content.decode()
    assert release.title in html and notice.title in html
    assert release.title not in client.get("/en/").content.decode()  # no English version yet


def test_related_items_are_the_newest_sharing_a_tag_each_once(client, news_tree):
    def dated(title: str, day: int, *tags: str):
        page = PressReleasePageFactory(
            parent=news_tree.news,
            title=title,
            published_at=timezone.make_aware(dt.datetime(2024, 4, day, 9, 0)),
        )
        for tag in tags:
            page.tags.add(tag)
        page.save_revision().publish()
        return page

    article = dated("社区教育周开幕", 20, "社区教育", "老年教育")
    both = dated("社区与老年教育", 10, "社区教育", "老年教育")  # shares two tags: listed once
    newest = dated("社区教育新闻", 25, "社区教育")
    dated("无关新闻", 26, "职业教育")
    older = [dated(f"老年教育{n}", n, "老年教育") for n in (1, 2, 3)]
    response = client.get(article.url)
    related = [page.pk for page in response.context["related_items"]]
    assert related == [newest.pk, both.pk, older[2].pk, older[1].pk]


def test_newer_and_older_are_the_next_siblings_by_time_then_id(news_tree):
    from news.article_context import neighbours

    def dated(title: str, day: int, hour: int = 9):
        page = PressReleasePageFactory(
            parent=news_tree.news,
            title=title,
            published_at=timezone.make_aware(dt.datetime(2024, 5, day, hour, 0)),
        )
        page.save_revision().publish()
        return page

    first = dated("五月一日", 1)
    twins = [dated("同时发布甲", 3), dated("同时发布乙", 3), dated("同时发布丙", 3)]
    last = dated("五月九日", 9)
    draft = PressReleasePageFactory(
        parent=news_tree.news,
        title="未发布",
        live=False,
        published_at=timezone.make_aware(dt.datetime(2024, 5, 5, 9, 0)),
    )
    NoticePageFactory(
        parent=news_tree.notices,
        published_at=timezone.make_aware(dt.datetime(2024, 5, 4, 9, 0)),
    )
    # Pages published at the same minute keep the order of their ids.
    chain = [first, *twins, last]
    for older, page, newer in zip([None, *chain[:-1]], chain, [*chain[1:], None], strict=True):
        assert neighbours(page) == (newer, older), page.title
    assert draft.pk  # unpublished and other listings' pages are never neighbours


def test_related_items_are_the_newest_of_the_week_or_a_shared_tag(client, news_tree, site_tree):
    from tests.factories.campaigns import CampaignIndexPageFactory, CampaignWeekPageFactory

    week = CampaignWeekPageFactory(parent=CampaignIndexPageFactory(parent=site_tree.home_zh))
    other_week = CampaignWeekPageFactory(parent=week.get_parent(), year=2023)

    def dated(title: str, day: int, *, in_week=None, tag: str = ""):
        page = PressReleasePageFactory(
            parent=news_tree.news,
            title=title,
            campaign_week=in_week,
            published_at=timezone.make_aware(dt.datetime(2024, 4, day, 9, 0)),
        )
        if tag:
            page.tags.add(tag)
        page.save_revision().publish()
        return page

    article = dated("活动周开幕", 20, in_week=week, tag="社区教育")
    week_pages = [dated(f"活动周新闻{day}", day, in_week=week) for day in (2, 4, 6)]
    tagged = [dated(f"社区教育新闻{day}", day, tag="社区教育") for day in (3, 5)]
    both = dated("活动周的社区教育", 7, in_week=week, tag="社区教育")  # listed once
    dated("上一届的新闻", 28, in_week=other_week)  # newest of all, but shares nothing
    related = [page.pk for page in client.get(article.url).context["related_items"]]
    assert related == [both.pk, week_pages[2].pk, tagged[1].pk, week_pages[1].pk]
