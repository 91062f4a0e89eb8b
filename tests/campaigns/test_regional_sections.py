"""Provincial sections (地方活动): only under a week, one per region, shown
in both languages with the region and dates kept in step, listed on the
week in a fixed number of queries, searchable by kind and region, and made
once by the demo however often it runs."""

from __future__ import annotations

import datetime as dt

import factory
import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, streamfield

from campaigns.models import CampaignIndexPage, CampaignWeekPage, RegionalSectionPage
from lifelong_site.models import HomePage, Region
from lifelong_site.translation.tools import translate_instance
from search.entries import TreeFacts, describe
from search.models import Kind, SearchEntry
from tests.factories.news import zh_locale
from tests.factories.site import SuperuserFactory

pytestmark = pytest.mark.django_db


class RegionalSectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RegionalSectionPage

    region = factory.LazyFunction(lambda: Region.objects.get(slug="liaoning"))
    title = factory.LazyAttribute(lambda page: f"{page.region.name_zh}全民终身学习活动周")
    slug = factory.LazyAttribute(lambda page: page.region.slug)
    starts_on = dt.date(2024, 4, 26)
    ends_on = dt.date(2024, 5, 2)
    host_city = "沈阳"
    intro = "辽宁省活动周与全国开幕式同日启动。"
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>全省14个市同步开展社区教育活动。</p>"))]
    )
    contact = "辽宁省教育厅职业教育与继续教育处"
    locale = factory.LazyFunction(zh_locale)


def section(week: CampaignWeekPage, region_slug: str = "liaoning", **fields) -> RegionalSectionPage:
    return RegionalSectionPageFactory(
        parent=week, region=Region.objects.get(slug=region_slug), **fields
    )


# --- Where the page may go ---------------------------------------------------------------


def test_a_section_goes_under_a_week_and_nowhere_else(campaign_tree, site_tree):
    assert RegionalSectionPage in CampaignWeekPage.allowed_subpage_models()
    assert RegionalSectionPage.can_create_at(campaign_tree.week)
    for parent in (site_tree.home_zh, campaign_tree.index):
        assert not RegionalSectionPage.can_create_at(parent)
    assert RegionalSectionPage.allowed_subpage_models() == []
    assert RegionalSectionPage.allowed_parent_page_models() == [CampaignWeekPage]
    assert not {HomePage, CampaignIndexPage} & set(RegionalSectionPage.allowed_parent_page_models())


def test_the_admin_offers_the_page_under_a_week_only(client, campaign_tree):
    client.force_login(SuperuserFactory(username="section-editor"))
    url = "/admin/pages/add/campaigns/regionalsectionpage/{}/"
    assert client.get(url.format(campaign_tree.week.pk)).status_code == 200
    # Wagtail answers a refused add with a redirect to the dashboard.
    refused = client.get(url.format(campaign_tree.index.pk))
    assert (refused.status_code, refused.url) == (302, "/admin/")


def section_form(week: CampaignWeekPage, instance: RegionalSectionPage | None = None, **overrides):
    data = {
        "title": "江苏省全民终身学习活动周",
        "slug": "jiangsu",
        "region": str(Region.objects.get(slug="jiangsu").pk),
        "starts_on": "2024-05-13",
        "ends_on": "2024-05-19",
        "host_city": "南京",
        "intro": "",
        "body": streamfield([]),
        "contact": "",
    }
    data.update(overrides)
    form_class = RegionalSectionPage.get_edit_handler().get_form_class()
    instance = instance or RegionalSectionPage(locale=week.locale)
    return form_class(
        nested_form_data(data),
        instance=instance,
        parent_page=week,
        for_user=SuperuserFactory(username="section-form-editor"),
    )


def test_the_region_is_required_and_appears_once_per_week(campaign_tree):
    week = campaign_tree.week
    assert section_form(week).is_valid()
    form = section_form(week, region="")
    assert not form.is_valid() and "region" in form.errors
    existing = section(week, "jiangsu")
    form = section_form(week, slug="jiangsu-2")
    assert not form.is_valid()
    assert "已经有江苏省的地方活动页面" in str(form.errors["region"])
    # Saving the existing section again is not a clash with itself.
    assert section_form(week, instance=existing).is_valid()


def test_a_section_ending_before_it_starts_is_a_form_error(campaign_tree):
    form = section_form(campaign_tree.week, starts_on="2024-05-19", ends_on="2024-05-13")
    assert not form.is_valid()
    assert "结束日期不能早于开始日期" in str(form.errors["ends_on"])


# --- Rendering -------------------------------------------------------------------------


def test_the_chinese_page_shows_region_dates_city_body_and_its_week(client, campaign_tree):
    page = section(campaign_tree.week)
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200 and page.url == "/weeks/2024/liaoning/"
    for text in (
        "辽宁省全民终身学习活动周",
        "地方活动",
        "辽宁省",
        "2024年4月26日",
        "2024年5月2日",
        "沈阳",
        "全省14个市同步开展社区教育活动",
        "辽宁省教育厅职业教育与继续教育处",
    ):
        assert text in html, text
    # The breadcrumbs and the back link lead to the week.
    assert html.count(f'href="{campaign_tree.week.url}"') >= 2


def translate_tree(campaign_tree, site_tree) -> None:
    translate_instance(campaign_tree.index, site_tree.en, {"历届活动周": "Past weeks"})
    translate_instance(
        CampaignWeekPage.objects.get(pk=campaign_tree.week.pk),
        site_tree.en,
        {"2024年全民终身学习活动周": "National Lifelong Learning Activity Week 2024"},
    )


ENGLISH = {
    "辽宁省全民终身学习活动周": "Liaoning Lifelong Learning Activity Week",
    "沈阳": "Shenyang",
    "辽宁省活动周与全国开幕式同日启动。": "The Liaoning week began on the day of the national opening.",
    "全省14个市同步开展社区教育活动。": "All fourteen cities held community education activities.",
    "辽宁省教育厅职业教育与继续教育处": "Division of Vocational and Continuing Education",
}


def test_the_english_page_is_translated_with_the_same_region_and_dates(
    client, campaign_tree, site_tree
):
    page = section(campaign_tree.week)
    translate_tree(campaign_tree, site_tree)
    english = translate_instance(page, site_tree.en, ENGLISH)
    assert english.url == "/en/weeks/2024/liaoning/"
    html = client.get(english.url).content.decode()
    for text in (
        "Liaoning Lifelong Learning Activity Week",
        "Liaoning",
        "26 April 2024",
        "Shenyang",
        "All fourteen cities held community education activities.",
        "Division of Vocational",
    ):
        assert text in html, text
    # The link to the Chinese original names it in Chinese, by design (lang="zh-Hans");
    # nothing else on the page may be left in Chinese.
    page_html = BeautifulSoup(html, "html.parser")
    page_html.select_one("[data-translation-origin]").decompose()
    assert "辽宁省" not in str(page_html) and "全省14个市" not in str(page_html)
    assert 'lang="en"' in html


def test_synchronised_fields_follow_the_chinese_page(campaign_tree, site_tree):
    page = section(campaign_tree.week)
    translate_tree(campaign_tree, site_tree)
    english = translate_instance(page, site_tree.en, ENGLISH).specific
    assert (english.region_id, english.starts_on, english.ends_on) == (
        page.region_id,
        page.starts_on,
        page.ends_on,
    )
    assert english.host_city == "Shenyang"

    # The Chinese editor corrects the facts; syncing the translation carries
    # them over while the English words stay.
    page.region = Region.objects.get(slug="jilin")
    page.starts_on, page.ends_on = dt.date(2024, 5, 6), dt.date(2024, 5, 12)
    page.save_revision().publish()
    english = translate_instance(
        RegionalSectionPage.objects.get(pk=page.pk), site_tree.en, ENGLISH
    ).specific
    assert english.region.slug == "jilin"
    assert (english.starts_on, english.ends_on) == (dt.date(2024, 5, 6), dt.date(2024, 5, 12))
    assert (
        english.host_city == "Shenyang"
        and english.title == "Liaoning Lifelong Learning Activity Week"
    )

    synced = {
        field.field_name
        for field in RegionalSectionPage.translatable_fields
        if type(field).__name__ == "SynchronizedField"
    }
    assert {"region", "starts_on", "ends_on"} <= synced


# --- The week lists its sections ---------------------------------------------------------


def test_the_week_lists_its_live_public_sections_in_region_order(client, campaign_tree):
    week = campaign_tree.week
    section(
        week,
        "jiangsu",
        title="江苏省全民终身学习活动周",
        starts_on=dt.date(2024, 5, 13),
        ends_on=dt.date(2024, 5, 19),
    )
    section(week, "liaoning")
    draft = section(week, "hubei", title="湖北省活动周（草稿）")
    draft.unpublish()
    private = section(week, "hunan", title="湖南省活动周（内部）")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    sections = CampaignWeekPage.objects.get(pk=week.pk).regional_sections()
    assert [item.region.slug for item in sections] == [
        "liaoning",
        "jiangsu",
    ]  # by the regions' national order
    html = client.get(week.url).content.decode()
    assert "各地活动" in html
    assert 'href="/weeks/2024/liaoning/"' in html and 'href="/weeks/2024/jiangsu/"' in html
    assert "草稿" not in html and "内部" not in html


def test_the_english_week_lists_only_translated_sections(client, campaign_tree, site_tree):
    liaoning = section(campaign_tree.week, "liaoning")
    section(campaign_tree.week, "jiangsu", title="江苏省全民终身学习活动周")
    translate_tree(campaign_tree, site_tree)
    translate_instance(liaoning, site_tree.en, ENGLISH)
    english_week = campaign_tree.week.get_translation(site_tree.en)
    html = client.get(english_week.url).content.decode()
    assert (
        'href="/en/weeks/2024/liaoning/"' in html
        and "Liaoning Lifelong Learning Activity Week" in html
    )
    assert "江苏" not in html


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_section_list_is_one_query_and_the_week_page_does_not_grow_with_it(
    client, campaign_tree
):
    week = campaign_tree.week
    regions = [
        "liaoning",
        "jiangsu",
        "zhejiang",
        "fujian",
        "shandong",
        "hunan",
        "hubei",
        "guangdong",
        "sichuan",
    ]
    for slug in regions[:2]:
        section(week, slug)
    client.get(week.url)
    two = queries(client, week.url)
    for slug in regions[2:]:
        section(week, slug)
    assert queries(client, week.url) == two

    fresh = CampaignWeekPage.objects.get(pk=week.pk)
    with CaptureQueriesContext(connection) as captured:
        sections = fresh.regional_sections()
        # What the list shows is loaded with the sections: no query per item.
        shown = [
            (item.title, item.url_path, item.region.name_zh, item.starts_on, item.ends_on)
            for item in sections
        ]
    assert len(captured) == 1 and len(shown) == len(regions)


# --- Search -------------------------------------------------------------------------------


def test_the_search_entry_has_the_regional_kind_region_week_and_year(campaign_tree):
    page = section(campaign_tree.week, "liaoning")
    page.save_revision().publish()  # publishing makes the entry, as in the admin
    entry = SearchEntry.objects.get(page=page)
    liaoning = Region.objects.get(slug="liaoning")
    assert (entry.kind, entry.region_id, entry.campaign_week_id, entry.year) == (
        Kind.REGIONAL,
        liaoning.pk,
        campaign_tree.week.pk,
        2024,
    )
    assert entry.date == dt.date(2024, 4, 26)
    assert entry.facet_key == f"regional|2024|{liaoning.pk}"
    assert "全省14个市同步开展社区教育活动" in entry.body_text and "沈阳" in entry.body_text
    assert str(Kind.REGIONAL.label) == "地方活动"
    assert describe(page, TreeFacts.load()).kind == Kind.REGIONAL


# --- Demo content -------------------------------------------------------------------------
