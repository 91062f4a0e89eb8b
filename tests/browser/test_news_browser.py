"""A reader opens a notice in Chromium: 文号, annexes, download, print view."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from tests.factories.news import (
    NoticeIndexPageFactory,
    NoticePageFactory,
    SiteDocumentFactory,
    add_annex,
    add_issuers,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_notice(live_site):
    server, tree = live_site
    listing = NoticeIndexPageFactory(parent=tree.home_zh, show_in_menus=True)
    notice = NoticePageFactory(
        parent=listing,
        title="关于举办2024年全民终身学习活动周的通知",
        document_number="教职成厅函〔2024〕7号",
    )
    add_issuers(notice, "moe-general-office", "publicity-department-office")
    add_annex(notice, "各地活动安排", 0, document=SiteDocumentFactory(title="各地活动安排"))
    add_annex(notice, "特色亮点报送表", 1, document=SiteDocumentFactory(title="特色亮点报送表"))
    notice.save_revision().publish()
    return server, Page.objects.get(pk=notice.pk).specific


def test_reader_sees_the_document_number_and_downloads_annex_1(published_notice, browser_page):
    server, notice = published_notice
    browser_page.goto(server.url + notice.url)
    assert (
        browser_page.locator(".document-number").first.inner_text().strip()
        == "教职成厅函〔2024〕7号"
    )
    annexes = browser_page.locator(".annex-list li")
    assert annexes.count() == 2
    assert "附件1" in annexes.nth(0).inner_text()
    assert "附件2" in annexes.nth(1).inner_text()
    with browser_page.expect_download() as download_info:
        annexes.nth(0).locator("a[href*='/documents/']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert download.path().read_bytes().startswith(b"%PDF")


def test_print_view_hides_navigation_and_toolbars(published_notice, browser_page):
    server, notice = published_notice
    browser_page.goto(server.url + notice.url)
    assert browser_page.locator(".primary-nav").is_visible()
    browser_page.emulate_media(media="print")
    assert not browser_page.locator(".primary-nav").is_visible()
    assert not browser_page.locator(".search-box").first.is_visible()
    assert browser_page.locator("h1").is_visible()
    assert browser_page.locator(".document-number").first.is_visible()
