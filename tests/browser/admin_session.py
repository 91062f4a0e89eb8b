"""Fixtures of the browser tests that work in the Wagtail admin as several
users (the editorial and translation flows). Imported by those modules, not a
conftest: the other browser tests keep the root fixtures' site tree."""

from __future__ import annotations

import pytest

from tests.factories.site import TEST_PASSWORD

# The admin can be slow on a busy machine.
TIMEOUT_MS = 30_000


@pytest.fixture
def site_tree(live_site):
    """The newsroom is built on the live server's tree, whose Site matches the server."""
    return live_site[1]


@pytest.fixture(autouse=True)
def without_autosave(settings):
    """The editor's autosave posts the form in the background some time after
    each change; racing the explicit saves of a test, it makes one of two
    requests fail. Off, so that each step is the only request in flight."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def server(live_site):
    return live_site[0]


@pytest.fixture
def sign_in(browser, server):
    """Log a user into the admin, each in a fresh browser context."""
    contexts = []

    def sign_in(username: str):
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)
        page.goto(server.url + "/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", TEST_PASSWORD)
        page.locator("button[type=submit]").click()
        page.wait_for_url(server.url + "/admin/")
        return page

    yield sign_in
    for context in contexts:
        context.close()


def reveal_action(page, selector: str):
    """The footer's action menu shows one action; the others sit in its dropdown."""
    action = page.locator(selector)
    assert action.count() == 1, f"{selector}: {action.count()} in the action menu"
    if not action.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
        action.wait_for(state="visible")
    return action
