"""The site in a real headless Chromium: both languages and the admin login."""

from __future__ import annotations

import pytest

from tests.factories.site import TEST_PASSWORD, SuperuserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_pages_open_in_chromium_in_both_languages(live_site, browser_page):
    server, _tree = live_site
    browser_page.goto(server.url + "/")
    assert browser_page.locator("html").get_attribute("lang") == "zh-Hans"
    assert browser_page.locator("h1").inner_text() == "全民终身学习活动周"
    browser_page.get_by_role("link", name="English").click()
    browser_page.wait_for_url(server.url + "/en/")
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.locator("h1").inner_text() == "National Lifelong Learning Activity Week"
    assert "bm05000001" in browser_page.locator("footer").inner_text()


def test_editor_logs_into_the_admin(live_site, browser_page):
    server, _tree = live_site
    SuperuserFactory(username="editor")
    browser_page.goto(server.url + "/admin/")
    browser_page.fill("input[name=username]", "editor")
    browser_page.fill("input[name=password]", TEST_PASSWORD)
    browser_page.locator("button[type=submit]").click()
    browser_page.wait_for_url(server.url + "/admin/")
    assert browser_page.locator("body").get_attribute("class") is not None
    assert (
        browser_page.get_by_role("link", name="Pages")
        .or_(browser_page.get_by_role("button", name="Pages"))
        .or_(browser_page.get_by_role("button", name="页面"))
        .count()
        >= 1
    )
