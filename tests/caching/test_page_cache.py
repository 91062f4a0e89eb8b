"""The page cache for anonymous readers: hits cost no query, a published
correction shows at once, editors and previews never get a cached page."""

from __future__ import annotations

import pytest

from lifelong_site.caching.page_cache import HIT_HEADER
from tests.factories.site import SuperuserFactory
from tests.news.conftest import news_tree  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def test_the_second_anonymous_request_is_a_hit_without_queries(
    client, release, django_assert_num_queries
):
    first = client.get(release.url)
    assert first.status_code == 200 and first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(release.url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    # Per-request and outer headers are still there on a hit.
    assert second["Content-Security-Policy"] and second["X-Request-ID"] != first["X-Request-ID"]
    assert client.head(release.url)[HIT_HEADER] == "hit"


def test_a_published_correction_is_visible_at_once(client, release, news_tree):
    assert "开幕式在沈阳举行" in client.get(release.url).content.decode()
    assert "开幕式在沈阳举行" in client.get(news_tree.news.url).content.decode()
    release.title = "开幕式在沈阳隆重举行"
    release.save_revision().publish()
    for url in (release.url, news_tree.news.url):
        response = client.get(url)
        assert response[HIT_HEADER] == "miss"
        assert "开幕式在沈阳隆重举行" in response.content.decode()


def test_unpublish_move_and_delete_drop_the_cache(client, release, news_tree):
    url = release.url
    client.get(url)
    release.unpublish()
    assert client.get(url).status_code == 404
    release.save_revision().publish()
    assert client.get(url).status_code == 200
    release.move(news_tree.notices, pos="last-child")
    assert client.get(url).status_code in (301, 404)  # Wagtail may leave a redirect
    moved = release.__class__.objects.get(pk=release.pk)
    assert client.get(moved.url).status_code == 200
    moved.delete()
    assert client.get(moved.url).status_code == 404


def test_an_english_translation_published_drops_the_cache(client, release, site_tree):
    from lifelong_site.translation.tools import translate_instance

    client.get("/en/")
    english = translate_instance(
        release, site_tree.en, {"开幕式在沈阳举行": "Opening ceremony held in Shenyang"}
    )
    assert client.get(english.url).status_code == 200
    assert client.get("/en/")[HIT_HEADER] == "miss"


def test_signed_in_editors_are_never_served_a_cached_page(client, release):
    client.get(release.url)
    assert client.get(release.url)[HIT_HEADER] == "hit"
    client.force_login(SuperuserFactory(username="cache-editor"))
    response = client.get(release.url)
    assert HIT_HEADER not in response
    # …nor is what they see stored for readers.
    client.logout()
    assert "wagtail-userbar" not in client.get(release.url).content.decode()


def test_errors_searches_with_bad_input_and_previews_are_not_stored(client, release):
    assert client.get("/no-such-page/").status_code == 404
    assert HIT_HEADER not in client.get("/no-such-page/")
    assert client.get("/search/", {"q": "学习", "year": "abc"}).status_code == 400
    assert HIT_HEADER not in client.get("/search/", {"q": "学习", "year": "abc"})
    assert client.get("/search/", {"q": "沈阳"})[HIT_HEADER] == "miss"
    assert client.get("/search/", {"q": "沈阳"})[HIT_HEADER] == "hit"
    assert HIT_HEADER not in client.get("/healthz")


def test_a_changed_site_identity_drops_the_cache(client, site_identity, release):
    client.get(release.url)
    site_identity.icp_number = "京ICP备99999999号"
    site_identity.save()
    response = client.get(release.url)
    assert response[HIT_HEADER] == "miss" and "京ICP备99999999号" in response.content.decode()


def test_off_when_the_setting_is_zero(client, release, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(release.url)
    assert HIT_HEADER not in client.get(release.url)


def test_a_hit_answers_a_revalidation_with_304_and_keeps_the_validators(
    client, release, django_assert_num_queries
):
    first = client.get(release.url)
    with django_assert_num_queries(0):
        hit = client.get(release.url)
        not_modified = client.get(release.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert hit[HIT_HEADER] == "hit"
    for header in ("ETag", "Last-Modified", "Cache-Control"):
        assert hit[header] == first[header]
    assert not_modified.status_code == 304 and not_modified["ETag"] == first["ETag"]


def test_per_request_headers_are_not_replayed():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from lifelong_site.caching.page_cache import AnonymousPageCacheMiddleware

    def view(request):
        response = HttpResponse("页面")
        response["Server-Timing"] = 'app;dur=12.0, db;dur=3.0;desc="4 queries"'
        response["Last-Modified"] = "Sat, 27 Apr 2024 01:30:00 GMT"
        return response

    middleware = AnonymousPageCacheMiddleware(view)
    assert middleware(RequestFactory().get("/timed/"))[HIT_HEADER] == "miss"
    hit = middleware(RequestFactory().get("/timed/"))
    assert hit[HIT_HEADER] == "hit"
    assert "Server-Timing" not in hit
    assert hit["Last-Modified"] == "Sat, 27 Apr 2024 01:30:00 GMT"


def test_a_page_made_private_leaves_the_cache_at_once(client, release, news_tree):
    from wagtail.models import PageViewRestriction

    assert client.get(release.url)[HIT_HEADER] == "miss"
    assert client.get(release.url)[HIT_HEADER] == "hit"
    PageViewRestriction.objects.create(
        page=news_tree.news, restriction_type=PageViewRestriction.LOGIN
    )
    private = client.get(release.url)
    assert private.status_code == 302 and "/_util/login/" in private["Location"]
    assert "开幕式在沈阳举行" not in client.get(news_tree.news.url).content.decode()


def test_a_share_link_shows_the_draft_even_when_the_live_page_is_cached(client, release):
    """Wagtail renders a draft by simulating a request to the page's own URL
    through the middleware; the cache answered it with the live page."""
    from lifelong_site.editorial.sharing import create_share_link

    # The simulated request is made for the page's own site: read the live
    # page at that same address so that the cache holds it under that key.
    site_host = {"HTTP_HOST": release.get_site().hostname}
    assert client.get(release.url, **site_host)[HIT_HEADER] == "miss"
    assert client.get(release.url, **site_host)[HIT_HEADER] == "hit"
    draft = release.__class__.objects.get(pk=release.pk)
    draft.title = "开幕式在沈阳举行（待审改稿）"
    draft.save_revision()
    link = create_share_link(release, SuperuserFactory(username="sharer"), days=1)
    shared = client.get(f"/preview/{link.token}/")
    assert shared.status_code == 200
    assert "开幕式在沈阳举行（待审改稿）" in shared.content.decode()
    # …and the draft did not reach the readers' cache either.
    assert "待审改稿" not in client.get(release.url, **site_host).content.decode()
