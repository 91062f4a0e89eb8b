"""Fixtures for the campaign tests: the archive and the 2024 week under the
Chinese home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from campaigns.models import CampaignIndexPage, CampaignWeekPage
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignWeekPageFactory


@dataclass
class CampaignTree:
    index: CampaignIndexPage
    week: CampaignWeekPage


@pytest.fixture
def campaign_tree(site_tree) -> CampaignTree:
    index = CampaignIndexPageFactory(parent=site_tree.home_zh, show_in_menus=True)
    week = CampaignWeekPageFactory(
        parent=index,
        year=2024,
        starts_on=dt.date(2024, 4, 26),
        ends_on=dt.date(2024, 12, 6),
        ceremony_on=dt.date(2024, 4, 26),
        venue="沈阳市",
    )
    return CampaignTree(index=index, week=week)


# Weeks list the releases and notices that point at them.
from tests.news.conftest import news_tree  # noqa: E402, F401
