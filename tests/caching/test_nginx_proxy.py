"""The shipped nginx configuration (deploy/nginx), run for real in front of
the application: it must start, pass requests through with the headers the
application trusts, keep the admin off the public host, serve no media but
image renditions from disk, throttle sign-in attempts, keep anonymous pages
in its cache (never editors'), and drop them when a correction is published."""

from __future__ import annotations

import http.client
import re

import pytest

from lifelong_site.caching.purge_targets import purge_backends
from tests.support.nginx_config import ADMIN_HOST, PUBLIC_HOST, free_port
from tests.support.nginx_process import fetch, running_nginx

pytestmark = [pytest.mark.django_db(transaction=True)]


def app_port_of(live_site) -> int:
    server, _tree = live_site
    return int(server.url.rsplit(":", 1)[1])


@pytest.fixture
def nginx(live_site, tmp_path):
    with running_nginx(app_port_of(live_site), tmp_path) as ports:
        yield ports


def test_the_public_host_passes_pages_through_with_the_trusted_headers(nginx):
    https_port, http_port, _ = nginx
    status, headers, _body = fetch(https_port, PUBLIC_HOST, "/")
    assert status == 200
    assert "script-src 'self' 'sha256-" in headers["Content-Security-Policy"]
    # nginx made the request id; the application answered with the same one.
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
    assert "nginx/" not in headers.get("Server", "")
    # Plain HTTP goes to HTTPS.
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/search/?q=1", headers={"Host": PUBLIC_HOST})
    redirect = connection.getresponse()
    assert (
        redirect.status == 301
        and redirect.getheader("Location") == f"https://{PUBLIC_HOST}/search/?q=1"
    )


def test_the_public_host_keeps_admin_and_private_media_out(nginx):
    https_port, _, _ = nginx
    assert fetch(https_port, PUBLIC_HOST, "/admin/login/")[0] == 404
    assert fetch(https_port, PUBLIC_HOST, "/media/documents/sample.txt")[0] == 404
    assert fetch(https_port, PUBLIC_HOST, "/media/original_images/sample.txt")[0] == 404
    status, headers, body = fetch(https_port, PUBLIC_HOST, "/media/images/sample.txt")
    assert (
        status == 200 and body == b"file on disk" and headers["X-Content-Type-Options"] == "nosniff"
    )
    # Large bodies are refused before they reach Python.
    assert fetch(https_port, PUBLIC_HOST, "/api/views/1/", "POST", body="x" * 2_000_000)[0] == 413


def test_the_admin_host_throttles_sign_in_attempts(nginx):
    https_port, _, _ = nginx
    assert fetch(https_port, ADMIN_HOST, "/admin/login/")[0] == 200
    statuses = [
        fetch(
            https_port,
            ADMIN_HOST,
            "/admin/login/",
            "POST",
            body="username=a&password=b",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )[0]
        for _ in range(10)
    ]
    # The burst passes to the application (403: no CSRF token), then nginx refuses.
    assert statuses.count(429) >= 3, statuses
    assert set(statuses) <= {403, 429}, statuses


def test_the_public_host_throttles_page_and_document_passwords(nginx):
    """Password-protected pages and documents are guessed like accounts."""
    https_port, _, _ = nginx
    for path in (
        "/_util/authenticate_with_password/1/2/",
        "/en/_util/authenticate_with_password/1/2/",
        "/documents/authenticate_with_password/1/",
    ):
        statuses = [
            fetch(
                https_port,
                PUBLIC_HOST,
                path,
                "POST",
                body="password=guess",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )[0]
            for _ in range(10)
        ]
        assert statuses.count(429) >= 3, (path, statuses)


# --- The proxy cache ------------------------------------------------------------------


@pytest.fixture
def published(live_site):
    """A news listing with one release, under a Site named like the public
    host, so the URLs publishing purges are those readers ask nginx for."""
    from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory

    _server, tree = live_site
    tree.site.hostname, tree.site.port = PUBLIC_HOST, 443
    tree.site.save()
    news = NewsIndexPageFactory(parent=tree.home_zh, show_in_menus=True)
    news.save_revision().publish()
    release = PressReleasePageFactory(parent=news, title="开幕式在沈阳举行", slug="opening")
    release.save_revision().publish()
    return news, release


@pytest.fixture
def purging(nginx, settings):
    _, _, purge_port = nginx
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "lifelong_site.caching.frontend.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{purge_port}",
        }
    }
    return nginx


def cache_status(port: int, path: str, headers: dict | None = None) -> tuple[str, str]:
    status, response_headers, body = fetch(port, PUBLIC_HOST, path, headers=headers)
    assert status == 200, (path, status)
    return response_headers.get("X-Proxy-Cache", ""), body.decode()


def change_title_without_publishing(page, title: str) -> None:
    """What the application would now render, behind the caches' back: no
    signal, so neither cache is told."""
    type(page).objects.filter(pk=page.pk).update(title=title)


def test_the_second_anonymous_request_does_not_reach_the_application(nginx, published):
    https_port, _, _ = nginx
    _news, release = published
    miss = fetch(https_port, PUBLIC_HOST, release.url)
    assert miss[1]["X-Proxy-Cache"] == "MISS" and "开幕式在沈阳举行" in miss[2].decode()
    change_title_without_publishing(release, "应用已改变的标题")
    hit = fetch(https_port, PUBLIC_HOST, release.url)
    assert hit[1]["X-Proxy-Cache"] == "HIT" and "开幕式在沈阳举行" in hit[2].decode()
    # The copy's headers are replayed, but the request id is this request's.
    assert hit[1]["X-Request-ID"] != miss[1]["X-Request-ID"]
    assert hit[1]["Cache-Control"] == "public, max-age=0, s-maxage=600"
    # Answers the application did not mark public are not kept.
    for _ in range(2):
        missing = fetch(https_port, PUBLIC_HOST, "/no-such-page/")
        assert missing[0] == 404 and missing[1]["X-Proxy-Cache"] == "MISS"
    # Revalidation by a browser is answered by nginx from its copy.
    etag = fetch(https_port, PUBLIC_HOST, release.url)[1]["ETag"]
    assert fetch(https_port, PUBLIC_HOST, release.url, headers={"If-None-Match": etag})[0] == 304


def test_editors_are_never_served_from_the_proxy_cache_nor_stored_in_it(nginx, published):
    https_port, _, _ = nginx
    _news, release = published
    editor = {"Cookie": "sessionid=an-editors-session"}
    for _ in range(2):
        status, body = cache_status(https_port, release.url, editor)
        assert status == "BYPASS"
    assert (
        fetch(https_port, PUBLIC_HOST, release.url, headers=editor)[1]["Cache-Control"]
        == "private, no-cache"
    )
    # What the editor was answered was not kept for readers.
    assert cache_status(https_port, release.url)[0] == "MISS"
    change_title_without_publishing(release, "编辑看到的新标题")
    status, body = cache_status(https_port, release.url, editor)
    assert status == "BYPASS" and "编辑看到的新标题" in body
    # Paths that are never cached do not even look.
    assert "X-Proxy-Cache" not in fetch(https_port, PUBLIC_HOST, "/healthz")[1]


def test_a_published_correction_purges_the_page_its_listing_feed_and_home(purging, published):
    https_port, _, _ = purging
    news, release = published
    shown_in = (release.url, news.url, news.url + "feed/", "/", "/sitemap.xml")
    for path in shown_in:
        cache_status(https_port, path)
        assert cache_status(https_port, path)[0] == "HIT", path
    release.title = "开幕式在沈阳隆重举行"
    release.save_revision().publish()
    for path in shown_in:
        status, _body = cache_status(https_port, path)
        assert status == "MISS", path
    for path in (release.url, news.url, news.url + "feed/"):
        status, body = cache_status(https_port, path)
        assert status == "HIT" and "开幕式在沈阳隆重举行" in body, path


def test_a_correction_is_purged_from_every_nodes_cache(
    nginx, live_site, published, tmp_path, settings
):
    """Two application nodes, each with its own nginx cache, and a third
    whose purge listener is down: publishing on one purges both caches."""
    _news, release = published
    with running_nginx(app_port_of(live_site), tmp_path / "second-node") as second:
        nodes = (nginx, second)
        settings.WAGTAILFRONTENDCACHE = purge_backends(
            [f"http://127.0.0.1:{free_port()}", *(f"http://127.0.0.1:{node[2]}" for node in nodes)]
        )
        for https_port, _, _ in nodes:
            cache_status(https_port, release.url)
            assert cache_status(https_port, release.url)[0] == "HIT"
        release.title = "开幕式在沈阳隆重举行"
        release.save_revision().publish()
        for https_port, _, _ in nodes:
            status, body = cache_status(https_port, release.url)
            assert status == "MISS" and "开幕式在沈阳隆重举行" in body, https_port


def test_purging_is_only_for_the_application(purging, published):
    https_port, _, purge_port = purging
    _news, release = published
    cache_status(https_port, release.url)
    # Not through the public listener…
    assert fetch(https_port, PUBLIC_HOST, release.url, "PURGE")[0] == 405
    # …nor from another address than the loopback one, nor with another method.
    connection = http.client.HTTPConnection(
        "127.0.0.1", purge_port, timeout=10, source_address=("127.0.0.2", 0)
    )
    connection.request("PURGE", release.url, headers={"Host": PUBLIC_HOST})
    assert connection.getresponse().status == 403
    connection.close()
    connection = http.client.HTTPConnection("127.0.0.1", purge_port, timeout=10)
    connection.request("GET", release.url, headers={"Host": PUBLIC_HOST})
    assert connection.getresponse().status == 405
    connection.close()
    assert cache_status(https_port, release.url)[0] == "HIT"
