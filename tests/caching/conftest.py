"""Fixtures shared by the caching tests: the page cache and the shared
fragments switched on (test settings keep both off), and a published release."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from tests.factories.news import PressReleasePageFactory
from tests.news.conftest import news_tree  # noqa: F401


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def release(news_tree):
    page = PressReleasePageFactory(parent=news_tree.news, title="开幕式在沈阳举行")
    page.save_revision().publish()
    page.refresh_from_db()
    return page
