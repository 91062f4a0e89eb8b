"""A small bilingual corpus for the search tests, published through Wagtail
so the search entries are made the way editors make them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from lifelong_site.translation.tools import translate_instance
from news.models import NoticePage, PressReleasePage
from tests.factories.campaigns import (
    CampaignIndexPageFactory,
    CampaignWeekPageFactory,
    LearningStarIndexPageFactory,
    LearningStarPageFactory,
)
from tests.factories.news import (
    NewsIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
    region,
)
from tests.support.module_data import refetched

# Queries whose first result every backend must get right (the list).
FIRST_RESULT_QUERIES = [
    ("沈阳", "ceremony"),
    ("2024 开幕式", "ceremony"),
    ("教职成厅函〔2024〕7号", "notice"),
    ("教职成厅函[2024]7号", "notice"),
    ("教职成厅函［2024］7号", "notice"),
    ("王秀兰", "star"),
]


def search(q: str, locale, **filters):
    """run_search as the page calls it, with the page's parameters."""
    from django.http import QueryDict

    from search.params import parse_params
    from search.service import run_search

    data = QueryDict(mutable=True)
    data["q"] = q
    for key, value in filters.items():
        data[key] = value
    return run_search(parse_params(data, strict=False), locale)


def paragraphs(*texts: str) -> list[tuple[str, str]]:
    from wagtail.rich_text import RichText

    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def aware(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 9, 30))


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The query log counts each client's queries per day in the cache; every
    test starts as a new day for the test client."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@dataclass
class Corpus:
    ceremony: PressReleasePage
    ceremony_en: PressReleasePage
    chongqing: PressReleasePage
    notice: NoticePage
    older_notice: NoticePage
    star: Page
    week: Page
    draft: PressReleasePage
    private: PressReleasePage


def build_corpus(site_tree) -> Corpus:
    news = publish(NewsIndexPageFactory(parent=site_tree.home_zh))
    notices = publish(NoticeIndexPageFactory(parent=site_tree.home_zh))
    campaigns = publish(CampaignIndexPageFactory(parent=site_tree.home_zh))
    week = publish(
        CampaignWeekPageFactory(
            parent=campaigns, year=2024, title="2024年全民终身学习活动周", theme="终身学习 共享未来"
        )
    )
    stars = publish(LearningStarIndexPageFactory(parent=week))
    star = publish(
        LearningStarPageFactory(
            parent=stars,
            title="王秀兰：七十岁学会智能手机",
            region=region("liaoning"),
            story=paragraphs("沈阳市百姓学习之星王秀兰在社区老年大学坚持学习十年。"),
        )
    )
    ceremony = publish(
        PressReleasePageFactory(
            parent=news,
            title="2024年全民终身学习活动周开幕式在沈阳举行",
            slug="ceremony-2024",
            published_at=aware(2024, 4, 27),
            region=region("liaoning"),
            campaign_week=week,
            body=paragraphs(
                "4月27日，2024年全民终身学习活动周全国总开幕式在辽宁省沈阳市举行。",
                "活动周期间将推介百姓学习之星和终身学习品牌项目。",
            ),
        )
    )
    chongqing = publish(
        PressReleasePageFactory(
            parent=news,
            title="2023年全民终身学习活动周全国总开幕式在重庆举行",
            slug="ceremony-2023",
            published_at=aware(2023, 10, 20),
            region=region("chongqing"),
            body=paragraphs(
                "开幕式在重庆市举行，终身学习理念深入人心。", "沈阳代表介绍了社区教育经验。"
            ),
        )
    )
    notice = publish(
        NoticePageFactory(
            parent=notices,
            title="教育部等五部门关于举办2024年全民终身学习活动周的通知",
            slug="notice-2024",
            document_number="教职成厅函〔2024〕7号",
            published_at=aware(2024, 4, 8),
            summary="部署2024年全民终身学习活动周，开幕式在沈阳举行。",
        )
    )
    older_notice = publish(
        NoticePageFactory(
            parent=notices,
            title="关于举办2023年全民终身学习活动周的通知",
            slug="notice-2023",
            document_number="教职成厅函〔2023〕17号",
            published_at=aware(2023, 9, 1),
            summary="部署2023年活动周。2024年的活动另行通知。",
        )
    )
    draft = PressReleasePageFactory(
        parent=news,
        title="沈阳草稿：尚未发布的新闻",
        slug="draft",
        live=False,
        body=paragraphs("沈阳 终身学习 草稿内容"),
    )
    draft.save_revision()
    private = publish(
        PressReleasePageFactory(
            parent=news,
            title="沈阳内部通报：仅限登录查看",
            slug="private",
            body=paragraphs("沈阳 内部材料"),
        )
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    ceremony_en = translate_instance(
        ceremony,
        site_tree.en,
        {
            "2024年全民终身学习活动周开幕式在沈阳举行": "Opening ceremony of the 2024 National Lifelong Learning Activity Week held in Shenyang",
            "4月27日，2024年全民终身学习活动周全国总开幕式在辽宁省沈阳市举行。": "On 27 April the national opening ceremonies of the 2024 Activity Week were held in Shenyang, Liaoning.",
            "活动周期间将推介百姓学习之星和终身学习品牌项目。": "Learning Stars and lifelong learning brand projects will be presented during the week.",
        },
    )
    return Corpus(
        ceremony=ceremony,
        ceremony_en=ceremony_en,
        chongqing=chongqing,
        notice=notice,
        older_notice=older_notice,
        star=star,
        week=week,
        draft=draft,
        private=private,
    )


@pytest.fixture(scope="module")
def built_corpus(module_site_tree, django_db_blocker) -> Corpus:
    """Built once per module (tests/support/module_data.py): the pages take
    seconds to publish and index, and each test's changes are undone."""
    with django_db_blocker.unblock():
        return build_corpus(module_site_tree)


@pytest.fixture
def corpus(db, built_corpus) -> Corpus:
    return refetched(built_corpus)
