"""A reader opens a week in Chromium, steps through the ceremony photos with
the keyboard only, and filters the Learning Stars by region."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.models import Page

from lifelong_site.models import Region
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignWeekPageFactory,
    CeremonyGalleryPageFactory,
    LearningStarIndexPageFactory,
    LearningStarPageFactory,
    add_figure,
    add_photos,
    add_schedule_row,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def week_2024(live_site):
    server, tree = live_site
    index = CampaignIndexPageFactory(parent=tree.home_zh, show_in_menus=True)
    week = CampaignWeekPageFactory(
        parent=index,
        year=2024,
        starts_on=dt.date(2024, 4, 26),
        ends_on=dt.date(2024, 12, 6),
        ceremony_on=dt.date(2024, 4, 26),
        venue="沈阳市",
    )
    add_schedule_row(week, "liaoning", dt.date(2024, 4, 26), dt.date(2024, 5, 2), "沈阳")
    add_schedule_row(week, "jiangsu", dt.date(2024, 5, 13), dt.date(2024, 5, 19), "南京")
    add_figure(week, "stars", 194, "位")
    gallery = CeremonyGalleryPageFactory(parent=week)
    photos = add_photos(gallery, 4)
    for photo, alt in zip(photos, ("舞台全景", "嘉宾颁奖", "学员表演", "成果展"), strict=True):
        photo.alt_text = alt
        photo.save()
    stars = LearningStarIndexPageFactory(parent=week)
    LearningStarPageFactory(
        parent=stars, title="王秀兰", region=Region.objects.get(slug="liaoning")
    )
    LearningStarPageFactory(
        parent=stars, title="李建国", region=Region.objects.get(slug="liaoning"), category="worker"
    )
    LearningStarPageFactory(
        parent=stars, title="张慧", region=Region.objects.get(slug="jiangsu"), category="rural"
    )
    return server, Page.objects.get(pk=week.pk).specific


def test_keyboard_reader_steps_through_the_ceremony_photos(week_2024, browser_page):
    server, week = week_2024
    page = browser_page
    page.goto(server.url + week.url)
    assert "2024年全民终身学习活动周" in page.locator("h1").inner_text()
    page.get_by_role("link", name="查看全部照片").click()
    page.wait_for_load_state()

    first = page.locator("a[data-lightbox-item]").first
    first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    dialog.wait_for(state="visible")
    position = dialog.locator("[data-lightbox-position]")
    assert "第 1 张，共 4 张" in position.inner_text()
    assert dialog.locator("[data-lightbox-image]").get_attribute("alt") == "舞台全景"
    # Focus moves into the dialog, on its close button.
    assert page.evaluate("document.activeElement.hasAttribute('data-lightbox-close')")

    page.keyboard.press("ArrowRight")
    assert "第 2 张，共 4 张" in position.inner_text()
    assert dialog.locator("[data-lightbox-image]").get_attribute("alt") == "嘉宾颁奖"
    page.keyboard.press("End")
    assert "第 4 张，共 4 张" in position.inner_text()
    page.keyboard.press("ArrowRight")  # the last photo: it says so and stays
    assert "已是最后一张" in position.inner_text()
    page.keyboard.press("Home")
    assert "第 1 张，共 4 张" in position.inner_text()

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # Focus returns to the thumbnail the reader opened.
    assert page.evaluate(
        "document.activeElement === document.querySelector('a[data-lightbox-item]')"
    )


def test_without_javascript_the_thumbnails_are_plain_links(week_2024, browser):
    server, week = week_2024
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(server.url + week.url + "photos/")
        page.locator("a[data-lightbox-item]").nth(1).click()
        page.wait_for_url("**/photos/photo/2/")
        assert "第 2 张，共 4 张" in page.content()
        page.get_by_role("link", name="下一张").click()
        page.wait_for_url("**/photos/photo/3/")
    finally:
        context.close()


def test_reader_filters_the_learning_stars_by_region(week_2024, browser_page):
    server, week = week_2024
    page = browser_page
    page.goto(server.url + week.url + "learning-stars/")
    cards = page.locator(".profile-card")
    assert cards.count() == 3
    page.get_by_label("地区").select_option("liaoning")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**region=liaoning**")
    assert cards.count() == 2
    names = cards.all_inner_texts()
    assert any("王秀兰" in text for text in names) and not any("张慧" in text for text in names)
    # The profile links back to its week.
    page.get_by_role("link", name="王秀兰").first.click()
    page.get_by_role("link", name="2024年全民终身学习活动周").last.click()
    page.wait_for_url(server.url + week.url)
