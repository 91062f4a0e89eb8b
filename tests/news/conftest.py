"""Fixtures for the news tests: the two listings under the Chinese home."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from news.models import NewsIndexPage, NoticeIndexPage
from tests.factories.news import NewsIndexPageFactory, NoticeIndexPageFactory


@dataclass
class NewsTree:
    news: NewsIndexPage
    notices: NoticeIndexPage


@pytest.fixture
def news_tree(site_tree) -> NewsTree:
    news = NewsIndexPageFactory(parent=site_tree.home_zh, show_in_menus=True)
    notices = NoticeIndexPageFactory(parent=site_tree.home_zh, show_in_menus=True)
    return NewsTree(news=news, notices=notices)
