"""The Content-Security-Policy in real Chromium: the site's own scripts run,
nothing else does, and neither the public pages nor the page editor trip it."""

from __future__ import annotations

import pytest

from tests.browser.admin_session import TIMEOUT_MS, server, sign_in, site_tree  # noqa: F401
from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory
from tests.factories.site import SuperuserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script, outside the page's CSP (DevTools protocol),
# and records every violation the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_public_pages_run_their_scripts_and_only_those(browser, server, site_tree):
    news = NewsIndexPageFactory(parent=site_tree.home_zh, show_in_menus=True)
    release = PressReleasePageFactory(parent=news)
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        for url in ("/", "/en/", news.url, release.url, "/search/?q=终身学习"):
            page.goto(server.url + url)
            page.wait_for_load_state("load")
            assert violations(page) == [], url
        # The hashed inline script ran: the saved 适老化 text size is applied before paint.
        page.evaluate("localStorage.setItem('lifelong:text-size', '2')")
        page.goto(server.url + release.url)
        assert page.locator("html").get_attribute("data-text-size") == "2"
        # An injected inline script is refused (the policy is enforced, not just sent).
        page.evaluate(
            "var s = document.createElement('script'); s.textContent = 'window.__injected = 1';"
            "document.body.appendChild(s)"
        )
        assert page.evaluate("window.__injected === undefined")
        assert any(entry.startswith("script-src") for entry in violations(page))
    finally:
        context.close()


def test_the_page_editor_runs_under_the_admin_policy(browser, server, site_tree):
    SuperuserFactory(username="security-editor")
    news = NewsIndexPageFactory(parent=site_tree.home_zh)
    release = PressReleasePageFactory(parent=news)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(server.url + "/admin/login/")
        page.fill("input[name=username]", "security-editor")
        page.fill("input[name=password]", "correct-horse-battery-staple")
        page.locator("button[type=submit]").click()
        page.wait_for_url(server.url + "/admin/")
        page.goto(server.url + f"/admin/pages/{release.pk}/edit/")
        page.locator("#id_title").wait_for()
        page.wait_for_load_state("networkidle")
        assert violations(page) == []
    finally:
        context.close()
