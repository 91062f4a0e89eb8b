"""A reader searches in Chromium: suggestions while typing, results with the
words marked, a filter applied, and a 文号 typed with square brackets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories.news import (
    NewsIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def searchable_site(live_site):
    server, tree = live_site
    news = NewsIndexPageFactory(parent=tree.home_zh, show_in_menus=True)
    notices = NoticeIndexPageFactory(parent=tree.home_zh, show_in_menus=True)
    for page in (news, notices):
        page.save_revision().publish()
    release = PressReleasePageFactory(
        parent=news,
        title="2024年全民终身学习活动周开幕式在沈阳举行",
        published_at=timezone.make_aware(dt.datetime(2024, 4, 27, 9, 30)),
    )
    notice = NoticePageFactory(
        parent=notices,
        title="教育部等五部门关于举办2024年全民终身学习活动周的通知",
        document_number="教职成厅函〔2024〕7号",
        summary="开幕式在沈阳举行。",
    )
    for page in (release, notice):
        page.save_revision().publish()
    return server, release, notice


def test_reader_gets_suggestions_searches_and_filters(searchable_site, browser_page):
    server, release, notice = searchable_site
    page = browser_page
    page.goto(server.url + "/")
    box = page.locator("#site-search-q")
    box.fill("开幕式")
    # A locator, not wait_for_function("…"): a string predicate is run with
    # eval, which the page's Content-Security-Policy forbids.
    page.locator("#site-search-q-suggestions option").first.wait_for(
        state="attached", timeout=10_000
    )
    options = page.locator("#site-search-q-suggestions option").evaluate_all(
        "els => els.map(e => e.value)"
    )
    assert release.title in options

    box.fill("沈阳")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator(".search-result").first
    assert first.locator(".search-result__title").inner_text() == release.title
    assert first.locator("mark").first.inner_text() == "沈阳"
    assert "新闻稿 (1)" in page.locator("#filter-type").inner_text()

    page.select_option("#filter-type", "notice")
    page.get_by_role("button", name="应用筛选").click()
    page.wait_for_url("**type=notice*")
    titles = page.locator(".search-result__title").all_inner_texts()
    assert titles == [notice.title]


def test_document_number_with_square_brackets_finds_the_notice_first(searchable_site, browser_page):
    server, _release, notice = searchable_site
    page = browser_page
    page.goto(server.url + "/search/")
    page.locator("#search-page-q").fill("教职成厅函[2024]7号")
    page.locator("#search-page-q").press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator(".search-result").first
    assert first.locator(".search-result__title").inner_text() == notice.title
    assert "文号完全匹配" in first.inner_text()
