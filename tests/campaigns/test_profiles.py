"""Learning Stars and brand projects: totals and filters, clear errors for bad
filters, a link back to the week, and queries that do not grow with the list."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.models import LearningStarPage
from campaigns.profile_listing import PROFILES_PER_PAGE
from lifelong_site.models import Region
from tests.factories.campaigns import (
    BrandProjectIndexPageFactory,
    BrandProjectPageFactory,
    LearningStarIndexPageFactory,
    LearningStarPageFactory,
    SiteImageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stars(campaign_tree):
    index = LearningStarIndexPageFactory(parent=campaign_tree.week)
    liaoning, jiangsu = Region.objects.get(slug="liaoning"), Region.objects.get(slug="jiangsu")
    for n in range(3):
        LearningStarPageFactory(
            parent=index, region=liaoning, category="senior", title=f"辽宁老年学习之星{n}"
        )
    LearningStarPageFactory(
        parent=index, region=liaoning, category="worker", title="辽宁职工学习之星"
    )
    LearningStarPageFactory(
        parent=index, region=jiangsu, category="rural", title="江苏农村学习之星"
    )
    return index


def test_profiles_take_their_year_from_the_week(stars):
    assert set(LearningStarPage.objects.child_of(stars).values_list("year", flat=True)) == {2024}


def test_totals_and_filters(client, stars):
    response = client.get(stars.url)
    listing = response.context["listing"]
    assert response.status_code == 200 and listing.total == 5
    assert {(o.value, o.count) for o in listing.region_options} == {("liaoning", 4), ("jiangsu", 1)}
    assert {(o.value, o.count) for o in listing.category_options} == {
        ("senior", 3),
        ("worker", 1),
        ("rural", 1),
    }
    html = response.content.decode()
    assert "5" in html and "百姓学习之星" in html

    listing = client.get(stars.url, {"region": "liaoning"}).context["listing"]
    assert listing.total == 4
    assert {item.title for item in listing.items} == {
        "辽宁老年学习之星0",
        "辽宁老年学习之星1",
        "辽宁老年学习之星2",
        "辽宁职工学习之星",
    }
    # The category counts follow the region chosen.
    assert {(o.value, o.count) for o in listing.category_options} == {("senior", 3), ("worker", 1)}

    listing = client.get(stars.url, {"region": "liaoning", "category": "worker"}).context["listing"]
    assert [item.title for item in listing.items] == ["辽宁职工学习之星"]


def test_a_region_with_no_profiles_gives_an_empty_list_not_an_error(client, stars):
    response = client.get(stars.url, {"region": "xizang"})
    assert response.status_code == 200
    assert response.context["listing"].total == 0


@pytest.mark.parametrize(
    "params",
    [
        {"category": "bogus"},
        {"page": "abc"},
        {"page": "-1"},
        {"region": "x" * 500},
        {"region": "liao\x00ning"},
    ],
)
def test_bad_filters_answer_400_with_a_message(client, stars, params):
    response = client.get(stars.url, params)
    assert response.status_code == 400
    assert response.context["listing"].errors
    assert 'role="alert"' in response.content.decode()


def test_a_page_past_the_end_is_404(client, stars):
    assert client.get(stars.url, {"page": "9"}).status_code == 404


def test_pagination_keeps_the_filters(client, campaign_tree):
    index = LearningStarIndexPageFactory(parent=campaign_tree.week)
    liaoning = Region.objects.get(slug="liaoning")
    for _ in range(PROFILES_PER_PAGE + 2):
        LearningStarPageFactory(parent=index, region=liaoning)
    response = client.get(index.url, {"region": "liaoning"})
    assert response.context["listing"].page_obj.paginator.num_pages == 2
    assert "?region=liaoning&amp;page=2" in response.content.decode()
    assert (
        len(client.get(index.url, {"region": "liaoning", "page": "2"}).context["listing"].items)
        == 2
    )


def test_a_profile_links_back_to_its_week(client, campaign_tree, stars):
    star = LearningStarPage.objects.child_of(stars).first()
    html = client.get(star.url).content.decode()
    assert f'href="{campaign_tree.week.url}"' in html
    assert "活到老，学到老。" in html


def test_a_project_shows_its_organiser_and_website(client, campaign_tree):
    index = BrandProjectIndexPageFactory(parent=campaign_tree.week)
    project = BrandProjectPageFactory(
        parent=index, title="银龄数字课堂", website="https://example.org/silver"
    )
    html = client.get(project.url).content.decode()
    assert "沈阳市社区教育学院" in html and 'href="https://example.org/silver"' in html


def star_index_queries(client, url: str) -> int:
    client.get(url)  # portraits' renditions are made on the first view
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_star_index_queries_stay_constant_from_10_to_200_profiles(client, campaign_tree):
    index = LearningStarIndexPageFactory(parent=campaign_tree.week)
    regions = list(Region.objects.all()[:10])
    categories = ["senior", "rural", "worker", "community"]

    def add(count: int, offset: int) -> None:
        for n in range(offset, offset + count):
            LearningStarPageFactory(
                parent=index,
                region=regions[n % len(regions)],
                category=categories[n % len(categories)],
                photo=SiteImageFactory() if n % 5 == 0 else None,
            )

    add(10, 0)
    ten = star_index_queries(client, index.url)
    add(190, 10)
    assert star_index_queries(client, index.url) == ten
    assert star_index_queries(client, index.url + "?region=" + regions[0].slug) == ten
    # Most of these are Wagtail's routing and view-restriction checks.
    assert ten <= 26
