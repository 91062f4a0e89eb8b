"""Week pages: one per year, a validated provincial schedule, the pages of
the week listed automatically, and "this week" marked on the current year."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaigns.models import CampaignWeekPage
from lifelong_site.models import Organisation, Region
from lifelong_site.translation.tools import translate_instance
from tests.factories.campaigns import (
    BrandProjectIndexPageFactory,
    BrandProjectPageFactory,
    CampaignWeekPageFactory,
    CeremonyGalleryPageFactory,
    LearningStarIndexPageFactory,
    LearningStarPageFactory,
    add_figure,
    add_photos,
    add_schedule_row,
)
from tests.factories.news import NoticePageFactory, PressReleasePageFactory, add_issuers
from tests.factories.site import SuperuserFactory

pytestmark = pytest.mark.django_db


def week_form(parent, instance=None, schedule=(), **overrides):
    data = {
        "title": "2025年全民终身学习活动周",
        "slug": "2025",
        "year": "2025",
        "edition": "21",
        "theme": "让学习成为一种生活方式",
        "body": streamfield([]),
        "organisers": inline_formset(
            [{"organisation": str(Organisation.objects.get(slug="moe").pk)}]
        ),
        "figures": inline_formset([{"kind": "stars", "label": "", "number": "200", "unit": "位"}]),
        "schedule": inline_formset(list(schedule)),
    }
    data.update(overrides)
    form_class = CampaignWeekPage.get_edit_handler().get_form_class()
    instance = instance or CampaignWeekPage(locale=parent.locale)
    return form_class(
        nested_form_data(data),
        instance=instance,
        parent_page=parent,
        for_user=SuperuserFactory(username="week-editor"),
    )


def row(
    region: str = "liaoning",
    starts_on: str = "2025-05-10",
    ends_on: str = "2025-05-16",
    city: str = "沈阳",
):
    return {
        "region": str(Region.objects.get(slug=region).pk),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "host_city": city,
        "link": "",
    }


# --- Validation ----------------------------------------------------------------------


def test_a_valid_week_with_its_schedule_passes(campaign_tree):
    form = week_form(
        campaign_tree.index, schedule=[row(), row("jiangsu", "2025-06-01", "2025-06-07", "南京")]
    )
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["schedule"].forms])


def test_the_year_is_unique(campaign_tree):
    form = week_form(campaign_tree.index, year="2024", slug="another-2024")
    assert not form.is_valid()
    assert "2024 年的活动周已经存在" in str(form.errors["year"])


def test_a_schedule_row_ending_before_it_starts_is_a_form_error(campaign_tree):
    form = week_form(
        campaign_tree.index, schedule=[row(starts_on="2025-05-16", ends_on="2025-05-10")]
    )
    assert not form.is_valid()
    row_form = form.formsets["schedule"].forms[0]
    assert "结束日期不能早于开始日期" in str(row_form.errors["ends_on"])


def test_an_unknown_region_is_a_form_error(campaign_tree):
    bad = row()
    bad["region"] = "999999"
    form = week_form(campaign_tree.index, schedule=[bad])
    assert not form.is_valid()
    assert form.formsets["schedule"].forms[0].errors["region"]


def test_schedule_dates_must_fall_in_the_week_year_and_regions_appear_once(campaign_tree):
    form = week_form(
        campaign_tree.index, schedule=[row(starts_on="2024-05-10", ends_on="2024-05-16"), row()]
    )
    assert not form.is_valid()
    first, second = form.formsets["schedule"].forms
    assert "2025 年内" in str(first.errors["starts_on"])
    assert "已经有一行安排" in str(second.errors["region"])
    assert "各地安排有误" in str(form.non_field_errors())


# --- The week page -------------------------------------------------------------------


def test_the_week_lists_its_releases_notices_gallery_stars_and_projects(
    client, campaign_tree, news_tree
):
    week = campaign_tree.week
    release = PressReleasePageFactory(
        parent=news_tree.news, title="开幕式在沈阳举行", campaign_week=week
    )
    notice = NoticePageFactory(
        parent=news_tree.notices, title="关于举办2024年活动周的通知", campaign_week=week
    )
    add_issuers(notice, "moe-general-office")
    PressReleasePageFactory(parent=news_tree.news, title="另一年的新闻")  # not linked
    gallery = CeremonyGalleryPageFactory(parent=week)
    add_photos(gallery, 3)
    stars = LearningStarIndexPageFactory(parent=week)
    LearningStarPageFactory(parent=stars, title="王秀兰")
    projects = BrandProjectIndexPageFactory(parent=week)
    BrandProjectPageFactory(parent=projects, title="银龄数字课堂")
    html = client.get(week.url).content.decode()
    for text in (
        "开幕式在沈阳举行",
        "关于举办2024年活动周的通知",
        gallery.url,
        "王秀兰",
        "银龄数字课堂",
    ):
        assert text in html
    assert "另一年的新闻" not in html
    assert release.url in html and notice.url in html


def test_a_week_with_many_articles_lists_the_newest_and_links_the_rest(
    client, campaign_tree, news_tree, monkeypatch
):
    import campaigns.week_page

    monkeypatch.setattr(campaigns.week_page, "WEEK_ARTICLES", 2)
    week = campaign_tree.week
    releases = [
        PressReleasePageFactory(
            parent=news_tree.news,
            title=f"第{n}条新闻",
            campaign_week=week,
            published_at=timezone.make_aware(dt.datetime(2024, 4, 20 + n)),
        )
        for n in range(3)
    ]
    NoticePageFactory(parent=news_tree.notices, title="唯一的通知", campaign_week=week)
    html = client.get(week.url).content.decode()
    assert releases[2].url in html and releases[1].url in html and releases[0].url not in html
    assert f'href="{news_tree.news.url}?week=2024"' in html
    assert (
        "唯一的通知" in html and f"{news_tree.notices.url}?year=" not in html
    )  # one notice: nothing more


def test_unpublished_children_are_not_listed(client, campaign_tree):
    stars = LearningStarIndexPageFactory(parent=campaign_tree.week)
    draft = LearningStarPageFactory(parent=stars, title="尚未发布的学习之星")
    draft.unpublish()
    assert "尚未发布的学习之星" not in client.get(campaign_tree.week.url).content.decode()


def test_schedule_table_and_timeline(client, campaign_tree):
    week = campaign_tree.week
    add_schedule_row(week, "jiangsu", dt.date(2024, 5, 13), dt.date(2024, 5, 19), "南京")
    add_schedule_row(week, "liaoning", dt.date(2024, 4, 26), dt.date(2024, 5, 2), "沈阳")
    add_schedule_row(week, "hubei", dt.date(2024, 9, 23), dt.date(2024, 9, 29), "武汉")
    from campaigns.week_page import week_context

    context = week_context(CampaignWeekPage.objects.get(pk=week.pk))
    assert [entry.row.region.slug for entry in context["schedule"]] == [
        "liaoning",
        "jiangsu",
        "hubei",
    ]
    assert [(month.month.month, len(month.weeks)) for month in context["timeline"]] == [
        (4, 1),
        (5, 1),
        (9, 1),
    ]
    html = client.get(week.url).content.decode()
    assert "<table" in html and "南京" in html and "武汉" in html


@pytest.mark.parametrize(
    ("today", "expected"), [(dt.date(2024, 5, 15), "jiangsu"), (dt.date(2024, 7, 1), None)]
)
def test_the_running_provincial_week_is_marked_on_the_current_year(
    client, campaign_tree, today, expected
):
    week = campaign_tree.week
    add_schedule_row(week, "liaoning", dt.date(2024, 4, 26), dt.date(2024, 5, 2), "沈阳")
    add_schedule_row(week, "jiangsu", dt.date(2024, 5, 13), dt.date(2024, 5, 19), "南京")
    # 09:00 in Shanghai is 01:00 UTC: the date is China's, whatever the server's zone.
    with time_machine.travel(dt.datetime.combine(today, dt.time(1, 0), tzinfo=dt.UTC), tick=False):
        response = client.get(week.url)
    html = response.content.decode()
    if expected is None:
        assert 'aria-current="date"' not in html
    else:
        assert html.count('aria-current="date"') >= 1
        marked = html.split('aria-current="date"', 1)[1][:400]
        assert "江苏" in marked


def test_past_years_never_mark_a_running_week(client, campaign_tree):
    past = CampaignWeekPageFactory(parent=campaign_tree.index, year=2023)
    add_schedule_row(past, "chongqing", dt.date(2023, 11, 14), dt.date(2023, 11, 20), "重庆")
    with time_machine.travel(dt.datetime(2024, 11, 15, 2, 0, tzinfo=dt.UTC), tick=False):
        html = client.get(past.url).content.decode()
    assert 'aria-current="date"' not in html


def test_the_english_week_shows_translated_words_and_synced_facts(client, campaign_tree, site_tree):
    week = campaign_tree.week
    add_schedule_row(week, "liaoning", dt.date(2024, 4, 26), dt.date(2024, 5, 2), "沈阳")
    add_figure(week, "stars", 194, "位")
    week.save_revision().publish()
    translate_instance(campaign_tree.index, site_tree.en, {"历届活动周": "Past weeks"})
    english = translate_instance(
        CampaignWeekPage.objects.get(pk=week.pk),
        site_tree.en,
        {
            "2024年全民终身学习活动周": "National Lifelong Learning Activity Week 2024",
            "沈阳": "Shenyang",
            "让学习成为一种生活方式": "Make learning a lifestyle",
            "位": "people",
            "沈阳市": "Shenyang",
        },
    )
    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/")
    assert "Make learning a lifestyle" in html and "Shenyang" in html and "Liaoning" in html
    assert "194 people" in html


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_week_page_queries_do_not_grow_with_its_content(client, campaign_tree):
    week = campaign_tree.week
    gallery = CeremonyGalleryPageFactory(parent=week)
    stars = LearningStarIndexPageFactory(parent=week)
    for n in range(3):
        add_schedule_row(
            week,
            ["liaoning", "jiangsu", "hubei"][n],
            dt.date(2024, 5 + n, 1),
            dt.date(2024, 5 + n, 7),
        )
        LearningStarPageFactory(parent=stars)
    add_photos(gallery, 3)
    client.get(week.url)  # renditions are generated on the first view
    small = count_queries(client, week.url)
    assert small <= 40
    for n in range(3, 8):
        add_schedule_row(
            week,
            ["zhejiang", "fujian", "hunan", "guangdong", "sichuan"][n - 3],
            dt.date(2024, 5 + n, 1),
            dt.date(2024, 5 + n, 7),
        )
        LearningStarPageFactory(parent=stars)
    add_photos(gallery, 6)
    client.get(week.url)
    assert count_queries(client, week.url) == small


def test_the_week_describes_itself_as_an_event_for_search_engines(client, campaign_tree):
    import json

    add_schedule_row(
        campaign_tree.week, "liaoning", dt.date(2024, 4, 26), dt.date(2024, 5, 2), "沈阳"
    )
    html = client.get(campaign_tree.week.url).content.decode()
    raw = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(raw)
    assert (
        data["@type"] == "EventSeries"
        and data["startDate"] == "2024-04-26"
        and data["endDate"] == "2024-12-06"
    )
    assert data["location"]["address"]["addressLocality"] == "沈阳"
    assert data["subEvent"][0]["location"]["address"]["addressRegion"] == "辽宁省"
    assert data["inLanguage"] == "zh-Hans"
