"""A site with every section, the editorial roles, the review workflow and
one user per role."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, Workflow

from campaigns.models import RegionalSectionPage
from lifelong_site.editorial.roles import (
    CAMPAIGN_EDITORS,
    ENGLISH_REVIEWERS,
    NEWS_EDITORS,
    NOTICE_EDITORS,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    TRANSLATORS,
    provincial_group_name,
    setup_roles,
)
from lifelong_site.editorial.workflow import ensure_review_workflows
from lifelong_site.translation.tools import translate_instance
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignWeekPageFactory
from tests.factories.news import (
    NewsIndexPageFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
    region,
)
from tests.factories.site import UserFactory
from tests.support.module_data import refetched


@dataclass
class Newsroom:
    pages: dict[str, Page]
    users: dict[str, object]
    groups: dict[str, Group]
    workflow: Workflow
    english_workflow: Workflow


def add_regional_section(week: Page, region_slug: str) -> RegionalSectionPage:
    place = region(region_slug)
    section = RegionalSectionPage(
        title=f"{place.name_zh}活动周", slug=region_slug, region=place, locale=week.locale
    )
    week.add_child(instance=section)
    section.save_revision().publish()
    return section


def build_newsroom(site_tree) -> Newsroom:
    news = NewsIndexPageFactory(parent=site_tree.home_zh)
    notices = NoticeIndexPageFactory(parent=site_tree.home_zh)
    campaigns = CampaignIndexPageFactory(parent=site_tree.home_zh)
    week = CampaignWeekPageFactory(parent=campaigns)
    release = PressReleasePageFactory(parent=news)
    notice = NoticePageFactory(parent=notices)
    liaoning = add_regional_section(week, "liaoning")
    groups = setup_roles()
    workflow, english_workflow = ensure_review_workflows(groups)
    # Created after the roles: the province's editors get it by the signal.
    sichuan = add_regional_section(week, "sichuan")
    news_en = translate_instance(news, site_tree.en, {"新闻发布": "News"})
    release_en = translate_instance(
        release, site_tree.en, {release.title: "Lifelong learning week news"}
    )
    pages = {
        "news": news,
        "release": release,
        "notices": notices,
        "notice": notice,
        "campaigns": campaigns,
        "week": week,
        "liaoning": liaoning,
        "sichuan": sichuan,
        "home_en": site_tree.home_en,
        "news_en": news_en,
        "release_en": release_en,
    }
    roles = {
        "news_editor": NEWS_EDITORS,
        "notice_editor": NOTICE_EDITORS,
        "campaign_editor": CAMPAIGN_EDITORS,
        "liaoning_editor": provincial_group_name("辽宁省"),
        "sichuan_editor": provincial_group_name("四川省"),
        "reviewer": REVIEWERS,
        "reviewer2": REVIEWERS,
        "translator": TRANSLATORS,
        "english_reviewer": ENGLISH_REVIEWERS,
        "administrator": SITE_ADMINISTRATORS,
    }
    users = {}
    for username, group_name in roles.items():
        user = UserFactory(username=username)
        user.groups.add(groups[group_name])
        users[username] = user
    return Newsroom(
        pages=pages,
        users=users,
        groups=groups,
        workflow=workflow,
        english_workflow=english_workflow,
    )


@pytest.fixture(scope="module")
def built_newsroom(module_site_tree, django_db_blocker) -> Newsroom:
    """Built once per module (tests/support/module_data.py): the roles,
    workflows and sections take seconds; each test's changes are undone."""
    with django_db_blocker.unblock():
        return build_newsroom(module_site_tree)


@pytest.fixture
def newsroom(db, built_newsroom) -> Newsroom:
    return refetched(built_newsroom)
