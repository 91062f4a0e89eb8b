"""The part of the demo site an archive is generated into."""

from __future__ import annotations

import pytest

from demo.campaigns.weeks import WEEKS, ensure_week, ensure_weeks_index
from demo.news.listings import NEWS_SLUG, NOTICES_SLUG, ensure_listing
from demo.report import DemoReport
from demo.tools import source_home
from news.models import NewsIndexPage, NoticeIndexPage


@pytest.fixture
def demo_site(site_tree, site_identity, settings, tmp_path):
    """The home pages (site_tree), the two listings and the archive of weeks
    as load_demo makes them, with one week (2005) already there."""
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    report = DemoReport()
    home, _zh, english = source_home()
    ensure_listing(
        home, english, NewsIndexPage, NEWS_SLUG, ("新闻发布", "News"), ("新闻。", "News."), report
    )
    ensure_listing(
        home,
        english,
        NoticeIndexPage,
        NOTICES_SLUG,
        ("通知公告", "Notices"),
        ("通知。", "Notices."),
        report,
    )
    index = ensure_weeks_index(home, english, report)
    ensure_week(index, english, WEEKS[0], report)
    return site_tree
