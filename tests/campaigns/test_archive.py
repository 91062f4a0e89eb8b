"""The archive of weeks with its charts, the home page's current-week banner,
and numbers written the way each language reads them."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
import time_machine

from campaigns.charts import Point, bar_chart, nice_ceiling
from campaigns.current import current_week
from campaigns.figures import format_number, with_unit
from tests.factories.campaigns import (
    CampaignWeekPageFactory,
    CeremonyGalleryPageFactory,
    add_figure,
    add_photos,
    add_schedule_row,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "english", "expected"),
    [
        (194, False, "194"),
        (12_000, False, "12000"),
        (5_000_000, False, "500万"),
        (120_000_000, False, "1.2亿"),
        (194, True, "194"),
        (12_000, True, "12,000"),
        (5_000_000, True, "5 million"),
        (1_250_000_000, True, "1.3 billion"),
    ],
)
def test_numbers_read_naturally_in_each_language(number, english, expected):
    assert format_number(number, english) == expected


def test_units_follow_each_language_spacing():
    assert with_unit(5_000_000, "人次", english=False) == "500万人次"
    assert with_unit(5_000_000, "visits", english=True) == "5 million visits"


def test_chart_geometry():
    assert [nice_ceiling(value) for value in (0, 7, 10, 11, 177, 194, 900)] == [
        1,
        10,
        10,
        20,
        200,
        200,
        1000,
    ]
    chart = bar_chart(
        "stars",
        "百姓学习之星",
        "位",
        [Point(2024, 194), Point(2020, 155), Point(2023, 177)],
        english=False,
    )
    assert [bar.year for bar in chart.bars] == [2020, 2023, 2024]
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.year == 2024 and tallest.y + tallest.height == chart.baseline
    assert chart.bars[0].height < chart.bars[1].height < chart.bars[2].height
    assert "2020–2024" in chart.summary


def test_the_archive_lists_weeks_newest_first_with_a_chart_and_its_table(client, campaign_tree):
    past = CampaignWeekPageFactory(
        parent=campaign_tree.index, year=2023, host_city="重庆", theme="让学习成为一种生活方式"
    )
    old = CampaignWeekPageFactory(
        parent=campaign_tree.index, year=2005, host_city="", theme="全民学习，终身学习"
    )
    add_figure(campaign_tree.week, "stars", 194, "位")
    add_figure(past, "stars", 177, "位")
    add_figure(old, "cities", 10, "个")  # a single year: no chart for cities
    response = client.get(campaign_tree.index.url)
    html = response.content.decode()
    assert [week.year for week in response.context["weeks"]] == [2024, 2023, 2005]
    assert (
        html.index("2024年全民终身学习活动周")
        < html.index("2023年全民终身学习活动周")
        < html.index("2005年全民终身学习活动周")
    )
    assert "第20届" in html and "第19届" in html and "第1届" in html
    assert [chart.key for chart in response.context["charts"]] == ["stars"]
    # The SVG is well-formed, labelled as an image, and the numbers are in a table too.
    svg = html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
    root = ET.fromstring(svg.replace("&nbsp;", " "))
    assert root.get("role") == "img" and root.get("aria-labelledby")
    assert (
        len([element for element in root.iter() if element.tag.rsplit("}", 1)[-1] == "rect"]) >= 2
    )
    table = html[html.index("<table", html.index("</svg>")) :]
    assert "194" in table and "177" in table and "2023" in table


def test_a_week_without_a_thumbnail_shows_its_gallery_first_photo(client, campaign_tree):
    gallery = CeremonyGalleryPageFactory(parent=campaign_tree.week)
    first, _second = add_photos(gallery, 2)
    response = client.get(campaign_tree.index.url)
    (week,) = response.context["weeks"]
    assert week.card_image == first.image
    assert 'loading="lazy"' in response.content.decode()


def test_the_home_banner_follows_the_campaign_data(client, campaign_tree, site_tree):
    add_schedule_row(
        campaign_tree.week, "jiangsu", dt.date(2024, 5, 13), dt.date(2024, 5, 19), "南京"
    )
    with time_machine.travel(dt.datetime(2024, 5, 15, 2, 0, tzinfo=dt.UTC), tick=False):
        state = current_week(site_tree.zh.pk)
        html = client.get("/").content.decode()
    assert (
        state is not None
        and state.state == "running"
        and [row.region.slug for row in state.running_rows] == ["jiangsu"]
    )
    assert campaign_tree.week.url in html and "让学习成为一种生活方式" in html and "江苏" in html

    # The next year, before its week is published, the banner shows the latest week.
    CampaignWeekPageFactory(
        parent=campaign_tree.index, year=2025, theme="终身学习新主题"
    ).unpublish()
    with time_machine.travel(dt.datetime(2025, 3, 1, 2, 0, tzinfo=dt.UTC), tick=False):
        state = current_week(site_tree.zh.pk)
    assert state.week.year == 2024 and state.state == "ended"


def test_no_banner_without_weeks(client, site_tree):
    assert current_week(site_tree.zh.pk) is None
    assert client.get("/").status_code == 200
