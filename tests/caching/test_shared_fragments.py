"""The navigation, footer, identity, locales and view restrictions every page
shows are shared across requests (lifelong_site.memo) and dropped
with the page cache: a change is on the next page rendered."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.news.conftest import news_tree  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragments_on")]


def queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_a_second_page_reads_no_navigation_footer_or_identity(
    client, release, site_identity, settings
):
    first, _html = queries(client, release.url)
    second, html = queries(client, release.url)
    assert second <= first - 4, (first, second)
    assert site_identity.icp_number in html and 'class="primary-nav"' in html
    settings.FRAGMENT_CACHE_SECONDS = 0
    unshared, _html = queries(client, release.url)
    assert unshared >= second + 4


def test_the_navigation_marks_the_current_section_on_each_page(client, release, news_tree):
    client.get(release.url)  # the article's navigation is shared first
    listing = client.get(news_tree.news.url).content.decode()
    nav = listing.split('class="primary-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{news_tree.news.url}" aria-current="page"' in nav
    article_nav = (
        client.get(release.url)
        .content.decode()
        .split('class="primary-nav"', 1)[1]
        .split("</nav>", 1)[0]
    )
    assert 'aria-current="page"' not in article_nav


def test_a_changed_identity_is_in_the_next_footer(client, release, site_identity):
    assert site_identity.icp_number in client.get(release.url).content.decode()
    site_identity.icp_number = "京ICP备12345678号-9"
    site_identity.save()
    assert "京ICP备12345678号-9" in client.get(release.url).content.decode()


def test_a_new_section_is_in_the_next_navigation(client, release, news_tree):
    assert news_tree.notices.title in client.get(release.url).content.decode()
    news_tree.notices.unpublish()
    nav = (
        client.get(release.url)
        .content.decode()
        .split('class="primary-nav"', 1)[1]
        .split("</nav>", 1)[0]
    )
    assert news_tree.notices.title not in nav


def test_a_new_restriction_applies_to_the_next_request(client, release, news_tree):
    assert client.get(release.url).status_code == 200
    PageViewRestriction.objects.create(page=release, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(release.url).status_code == 302
    assert release.title not in client.get(news_tree.news.url).content.decode()
