"""Fixtures shared with the news tests: a news and a notice listing."""

from tests.news.conftest import NewsTree, news_tree  # noqa: F401
