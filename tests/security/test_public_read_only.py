"""Anonymous readers cannot write: public URLs answer only GET, HEAD and
OPTIONS, except the few listed in lifelong_site.security.read_only."""

from __future__ import annotations

import pytest

from tests.factories.news import PressReleasePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_pages_search_feeds_and_apis_refuse_writes(client, news_tree, method):
    release = PressReleasePageFactory(parent=news_tree.news)
    for url in (
        "/",
        "/en/",
        release.url,
        news_tree.news.url,
        "/search/",
        "/api/search/?q=x",
        "/api/search/suggest/?q=x",
        "/sitemap.xml",
        "/healthz",
        "/no-such-page/",
    ):
        response = getattr(client, method)(url)
        assert response.status_code == 405, f"{method.upper()} {url}: {response.status_code}"
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_the_listed_exceptions_still_work(client, news_tree):
    release = PressReleasePageFactory(parent=news_tree.news)
    # The view counter beacon adds one view to a live page, and nothing else.
    response = client.post(f"/api/views/{release.pk}/")
    assert response.status_code == 200 and response.json() == {"views": 1}
    # Wagtail's password form for a restricted page answers (a wrong password: the form again).
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="内部资料"
    )
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{release.pk}/",
        {"password": "wrong", "return_url": "/"},
    )
    assert response.status_code == 200


def test_reads_are_untouched(client, news_tree):
    release = PressReleasePageFactory(parent=news_tree.news)
    assert client.get(release.url).status_code == 200
    assert client.head(release.url).status_code == 200


def test_anonymous_admin_requests_go_to_sign_in(client, site_tree):
    response = client.post("/admin/pages/add/", {"title": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
