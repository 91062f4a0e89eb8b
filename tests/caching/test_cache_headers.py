"""Cache headers for the layers in front of the application: what the reverse
proxy may keep and for how long, what browsers revalidate, and 304 answers
from the page cache and from rendering alike."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from django.core.cache import caches
from django.utils.http import http_date

from lifelong_site.caching.page_cache import HIT_HEADER
from tests.factories.site import SuperuserFactory
from tests.news.conftest import news_tree  # noqa: F401

pytestmark = pytest.mark.django_db

PUBLIC_LONG = "public, max-age=0, s-maxage=600"
PUBLIC_SHORT = "public, max-age=0, s-maxage=60"


@pytest.fixture(autouse=True)
def proxy_settings(settings):
    settings.PROXY_CACHE_SECONDS = 600
    settings.PROXY_CACHE_SHORT_SECONDS = 60


def test_an_anonymous_page_is_public_for_the_proxy_and_revalidated_by_browsers(client, release):
    response = client.get(release.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == PUBLIC_LONG
    assert response["ETag"]
    assert response["Last-Modified"] == http_date(release.last_published_at.timestamp())


def test_a_listing_has_no_last_modified_of_its_own(client, release, news_tree):
    # The listing was published before the article it now shows: its own
    # date would make If-Modified-Since miss the article. The ETag does not.
    response = client.get(news_tree.news.url)
    assert "Last-Modified" not in response and response["ETag"]
    feed = client.get(news_tree.news.url + "feed/")
    assert feed["Cache-Control"] == PUBLIC_LONG
    assert "Last-Modified" not in feed and feed["ETag"]


def test_answers_no_purge_can_reach_are_kept_briefly(client, release):
    assert client.get("/search/", {"q": "沈阳"})["Cache-Control"] == PUBLIC_SHORT
    assert client.get("/en/search/", {"q": "Shenyang"})["Cache-Control"] == PUBLIC_SHORT
    # A query string makes another proxy key than the URL publishing purges.
    assert client.get(release.url, {"from": "weibo"})["Cache-Control"] == PUBLIC_SHORT


def test_editors_and_api_clients_get_private_answers(client, release):
    assert (
        client.get(release.url, HTTP_AUTHORIZATION="Bearer x")["Cache-Control"]
        == "private, no-cache"
    )
    client.force_login(SuperuserFactory(username="header-editor"))
    response = client.get(release.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"
    assert "Last-Modified" in response  # a private copy may still be revalidated


def test_errors_and_private_views_are_not_public(client, release):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and missing["Cache-Control"] == "no-cache"
    # Views that say no-store keep their own header.
    assert "no-store" in client.get("/healthz")["Cache-Control"]
    admin = client.get("/admin/login/")
    assert "public" not in admin["Cache-Control"] and "no-store" in admin["Cache-Control"]


def test_the_shipped_proxy_bypasses_its_cache_for_the_session_cookie(settings):
    # deploy/nginx names the cookie; a renamed SESSION_COOKIE_NAME must be renamed there too.
    config = (Path(settings.BASE_DIR) / "deploy" / "nginx" / "lifelong.conf").read_text()
    cookie = f"$cookie_{settings.SESSION_COOKIE_NAME}"
    assert f"proxy_cache_bypass {cookie} $http_authorization;" in config
    assert f"proxy_no_cache {cookie} $http_authorization;" in config


def test_no_proxy_caching_when_the_setting_is_zero(client, release, settings):
    settings.PROXY_CACHE_SECONDS = 0
    assert client.get(release.url)["Cache-Control"] == "no-cache"
    assert client.get("/search/", {"q": "沈阳"})["Cache-Control"] == "no-cache"


def test_a_revalidation_is_answered_with_304_when_rendering(client, release):
    first = client.get(release.url)
    again = client.get(release.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["Cache-Control"] == PUBLIC_LONG and again["ETag"] == first["ETag"]
    since = client.get(release.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert client.get(release.url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_revalidation_is_answered_with_304_on_a_miss_and_a_hit(
    client, release, page_cache_on, django_assert_num_queries
):
    etag = client.get(release.url)["ETag"]
    caches["pages"].clear()
    # Miss: the page is rendered (and stored), the answer is still a 304.
    assert client.get(release.url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(release.url)[HIT_HEADER] == "hit"
    # Hit: no query at all, validators and Cache-Control as on the miss.
    with django_assert_num_queries(0):
        not_modified = client.get(release.url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified["Cache-Control"] == PUBLIC_LONG
    assert not_modified["Last-Modified"] == http_date(release.last_published_at.timestamp())
    with django_assert_num_queries(0):
        hit = client.get(release.url)
    assert hit["ETag"] == etag and hit["Cache-Control"] == PUBLIC_LONG


# --- Purging the proxy on publish (lifelong_site.caching.frontend) ---------------------


class RecordingBackend:
    """A frontend-cache backend that notes the URLs it is asked to purge."""

    purged: ClassVar[list[str]] = []

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        RecordingBackend.purged.extend(urls)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"record": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []
    return RecordingBackend.purged


def paths(urls: list[str]) -> set[str]:
    return {url.removeprefix("http://localhost") for url in urls}


def test_publishing_purges_the_page_and_what_shows_it(
    release,
    news_tree,
    purged,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()
    assert paths(purged) >= {
        release.url,
        news_tree.news.url,
        news_tree.news.url + "feed/",
        "/",
        "/sitemap.xml",
    }
    # Not the sibling listing, which does not show the release.
    assert news_tree.notices.url not in paths(purged)


def test_an_english_translation_purges_its_own_language_and_the_original(
    release, site_tree, purged, django_capture_on_commit_callbacks
):
    from lifelong_site.translation.tools import translate_instance

    with django_capture_on_commit_callbacks(execute=True):
        english = translate_instance(
            release, site_tree.en, {"开幕式在沈阳举行": "Opening ceremony held in Shenyang"}
        )
    purged_paths = paths(purged)
    assert english.url.startswith("/en/") and english.url in purged_paths
    assert "/en/" in purged_paths
    # The Chinese page's language switcher now links to the translation.
    assert release.url in purged_paths
    # Wagtail's own rewriting into every language prefix is off.
    assert not any(path.startswith("/zh-hans/") for path in purged_paths)


def test_a_move_purges_the_old_and_new_places(
    release,
    news_tree,
    purged,
    django_capture_on_commit_callbacks,
):
    old_url = release.url
    with django_capture_on_commit_callbacks(execute=True):
        release.move(news_tree.notices, pos="last-child")
    moved = type(release).objects.get(pk=release.pk)
    assert paths(purged) >= {old_url, moved.url, news_tree.news.url, news_tree.notices.url, "/"}


def test_a_site_wide_record_purges_the_home_pages_and_sections(
    release,
    news_tree,
    site_identity,
    purged,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        site_identity.icp_number = "京ICP备99999999号"
        site_identity.save()
    assert paths(purged) >= {"/", "/en/", news_tree.news.url, news_tree.news.url + "feed/"}


def test_nothing_is_worked_out_when_purging_is_off(
    release, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from lifelong_site.caching import frontend

    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(0):
        frontend.page_changed(instance=release)


def test_an_unreachable_proxy_does_not_fail_the_publication(caplog):
    from lifelong_site.caching.frontend import NginxPurgeBackend
    from tests.support.nginx_config import free_port

    backend = NginxPurgeBackend({"LOCATION": f"http://127.0.0.1:{free_port()}"})
    backend.purge_batch(["https://www.example.gov.cn/a/", "https://www.example.gov.cn/b/"])
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 2 and "Skipped purging 1 more URL" in errors[1]


def test_a_page_made_private_is_purged_with_everything_below_it(
    release,
    news_tree,
    purged,
    django_capture_on_commit_callbacks,
):
    from wagtail.models import PageViewRestriction

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=news_tree.news, restriction_type=PageViewRestriction.LOGIN
        )
    assert paths(purged) >= {news_tree.news.url, release.url, "/"}


def test_publishing_a_gallery_purges_each_photo_page(
    site_tree, purged, django_capture_on_commit_callbacks, tmp_path, settings
):
    from tests.factories.campaigns import (
        CampaignIndexPageFactory,
        CampaignWeekPageFactory,
        CeremonyGalleryPageFactory,
        add_photos,
    )

    settings.MEDIA_ROOT = tmp_path
    week = CampaignWeekPageFactory(
        parent=CampaignIndexPageFactory(parent=site_tree.home_zh), year=2024
    )
    gallery = CeremonyGalleryPageFactory(parent=week)
    add_photos(gallery, 3)
    with django_capture_on_commit_callbacks(execute=True):
        gallery.save_revision().publish()
    assert paths(purged) >= {gallery.url, *(f"{gallery.url}photo/{n}/" for n in (1, 2, 3))}
    assert f"{gallery.url}photo/4/" not in paths(purged)
