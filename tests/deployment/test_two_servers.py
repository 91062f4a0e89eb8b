"""Two application nodes, as a ministry runs them on ceremony day: separate
processes with separate data folders (no shared local disk), one PostgreSQL,
one Redis, one S3-compatible bucket (a moto server process), one search
server (an osmem-server process, OpenSearch-compatible), each node behind
its own nginx with its own proxy cache.

The test process plays node A's publishing side (same settings: the shared
Redis, both nodes' purge listeners, purges queued in the database) beside
A's purge worker (`manage.py db_worker --backend purges`, a process of its
own); node B is a gunicorn process of its own, reached through its nginx and
directly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection
from django.utils.html import strip_tags
from osmem_server import OsmemServer
from wagtail.models import PageLogEntry

from lifelong_site import memo
from lifelong_site.caching import redis_backend
from lifelong_site.caching.purge_targets import PURGE_TASK_BACKEND, purge_backends, task_backends
from lifelong_site.caching.redis_settings import redis_caches
from lifelong_site.settings.object_storage import ObjectStorage
from tests.conftest import build_site_tree
from tests.security.test_object_storage import fetch as fetch_url
from tests.security.test_object_storage import object_storage, png_bytes, rendition_urls, s3_server  # noqa: F401  (fixtures)
from tests.support.nginx_config import PUBLIC_HOST, free_port
from tests.support.nginx_process import fetch, running_nginx
from tests.support.redis_server import RedisServer
from tests.support.server_process import started

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.nginx,
    pytest.mark.redis,
    pytest.mark.object_storage,
]

CHECKOUT = Path(__file__).resolve().parents[2]
QUEUED_PURGES = task_backends()
CORRECTED = "开幕式在沈阳隆重举行"


@dataclass
class Node:
    app_port: int
    https_port: int
    purge_port: int
    data_dir: Path


def node_environment(
    data_dir: Path,
    redis_url: str,
    purge_urls: list[str],
    bucket: ObjectStorage,
    search_url: str = "",
) -> dict[str, str]:
    database = connection.settings_dict
    return {
        **os.environ,
        "SEARCH_BACKEND": "opensearch" if search_url else "database",
        "ELASTICSEARCH_URL": search_url,
        "DJANGO_SETTINGS_MODULE": "tests.support.node_settings",
        "PYTHONPATH": str(CHECKOUT),
        "NODE_DATA_DIR": str(data_dir),
        "REDIS_URL": redis_url,
        "FRONTEND_CACHE_PURGE_URL": ",".join(purge_urls),
        "MEDIA_S3_BUCKET": bucket.bucket,
        "MEDIA_S3_ENDPOINT_URL": bucket.endpoint_url,
        "MEDIA_S3_REGION": bucket.region,
        "MEDIA_S3_ACCESS_KEY_ID": bucket.access_key_id,
        "MEDIA_S3_SECRET_ACCESS_KEY": bucket.secret_access_key,
        "MEDIA_S3_ADDRESSING_STYLE": bucket.addressing_style,
        "MEDIA_S3_RENDITION_URL_SECONDS": str(bucket.rendition_url_seconds),
        # The test database, which the test process has committed its pages to.
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
    }


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the node on port {port} did not start")


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    with started(RedisServer) as server:
        yield server


@pytest.fixture
def search_server(settings) -> Iterator[str]:
    """One search server for both nodes; the test process (A) indexes into
    it as the production settings would with SEARCH_BACKEND=opensearch."""
    server = OsmemServer.start(japanese=False)
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.opensearch3",
            "URLS": [server.url],
            "INDEX_PREFIX": "lifelong_",
            "TIMEOUT": 5,
        },
        "fallback": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"},
    }
    try:
        yield server.url
    finally:
        server.close()


@pytest.fixture
def cluster(
    redis_server, object_storage, search_server, tmp_path, settings, monkeypatch
) -> Iterator[tuple[Node, Node]]:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run make test")
    app_ports = free_port(), free_port()
    with (
        running_nginx(app_ports[0], tmp_path / "nginx-a") as nginx_a,
        running_nginx(app_ports[1], tmp_path / "nginx-b") as nginx_b,
    ):
        nodes = tuple(
            Node(port, proxy[0], proxy[2], tmp_path / f"node-{name}")
            for name, port, proxy in zip("ab", app_ports, (nginx_a, nginx_b), strict=True)
        )
        purge_urls = [f"http://127.0.0.1:{node.purge_port}" for node in nodes]
        # The test process is node A's publishing side.
        monkeypatch.setattr(redis_backend, "_health_by_server", {})
        monkeypatch.setattr(memo, "_generation_owed", threading.Event())
        settings.CACHES = redis_caches(redis_server.url)
        settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 600
        settings.WAGTAILFRONTENDCACHE = purge_backends(purge_urls)
        settings.TASKS = QUEUED_PURGES
        node_a, node_b = nodes
        node_a.data_dir.mkdir()
        node_b.data_dir.mkdir()
        worker_a = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--backend", PURGE_TASK_BACKEND],
            cwd=CHECKOUT,
            env=node_environment(node_a.data_dir, redis_server.url, purge_urls, object_storage),
            stdout=subprocess.DEVNULL,
            stderr=(node_a.data_dir / "worker.log").open("wb"),
        )
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "lifelong_site.wsgi:application",
                "--bind",
                f"127.0.0.1:{node_b.app_port}",
                "--workers",
                "1",
                "--threads",
                "4",
            ],
            cwd=CHECKOUT,
            env=node_environment(
                node_b.data_dir, redis_server.url, purge_urls, object_storage, search_server
            ),
            stdout=subprocess.DEVNULL,
            stderr=(node_b.data_dir / "gunicorn.log").open("wb"),
        )
        try:
            wait_for(node_b.app_port)
            yield nodes  # type: ignore[misc]
        finally:
            for started in (process, worker_a):
                started.terminate()
                started.wait(timeout=10)


def server_hits(search_url: str, word: str) -> list[dict]:
    """What the search server itself holds for ``word`` (not the database fallback)."""
    query = json.dumps({"query": {"query_string": {"query": word}}}).encode()
    request = urllib.request.Request(
        f"{search_url}/lifelong_*/_search",
        data=query,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["hits"]["hits"]


def page_on_b_directly(node: Node, path: str) -> tuple[int, str]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{node.app_port}{path}", headers={"Host": PUBLIC_HOST}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_correction_published_on_a_is_what_b_serves_next(
    cluster, redis_server, s3_server, object_storage, search_server
):
    _node_a, node_b = cluster
    from django.core.management import call_command

    from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory

    tree = build_site_tree(hostname=PUBLIC_HOST, port=443)
    news = NewsIndexPageFactory(parent=tree.home_zh, show_in_menus=True)
    news.save_revision().publish()
    release = PressReleasePageFactory(parent=news, title="开幕式在沈阳举行", slug="opening")
    release.save_revision().publish()
    call_command("update_index", verbosity=0)  # the search server's index, made on A

    # B caches the release twice over: its page cache (in Redis) and its nginx.
    for _ in range(2):
        status, headers, body = fetch(node_b.https_port, PUBLIC_HOST, release.url)
        assert status == 200 and "开幕式在沈阳举行" in body.decode()
    assert headers["X-Proxy-Cache"] == "HIT"

    release.title = CORRECTED
    release.save_revision().publish()  # on A; A's worker sends the purges

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        status, _headers, body = fetch(node_b.https_port, PUBLIC_HOST, release.url)
        if CORRECTED in body.decode():
            break
        time.sleep(0.2)
    assert status == 200 and CORRECTED in body.decode()  # B's nginx was purged
    status, body_text = page_on_b_directly(node_b, release.url)
    assert status == 200 and CORRECTED in body_text  # B's page cache was dropped
    # A indexed the correction in the shared search server; B's search finds it.
    assert CORRECTED in json.dumps(server_hits(search_server, "隆重"), ensure_ascii=False)
    status, body_text = page_on_b_directly(node_b, "/search/?q=" + urllib.parse.quote("隆重"))
    assert status == 200 and CORRECTED in strip_tags(body_text)  # the match is highlighted

    # An image uploaded on A (into the shared bucket) renders on B: B makes
    # the rendition from the bucket's original and links it there.
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    image = get_image_model().objects.create(
        title="开幕式现场", file=ContentFile(png_bytes(), name="opening.png")
    )
    release.lead_image, release.lead_image_alt = image, "开幕式现场"
    release.save_revision().publish()
    status, body_text = page_on_b_directly(node_b, release.url)
    urls = rendition_urls(body_text, s3_server)
    assert status == 200 and urls, "B shows no rendition from the bucket"
    for url in urls:
        assert fetch_url(url)[0] == 200

    # A document no live page uses (an embargoed annex) is refused by both.
    from wagtail.documents import get_document_model

    draft_annex = get_document_model().objects.create(
        title="附件（未发布）", file=ContentFile(b"embargoed", name="annex.txt")
    )
    for status in (
        fetch(node_b.https_port, PUBLIC_HOST, draft_annex.url)[0],
        page_on_b_directly(node_b, draft_annex.url)[0],
    ):
        assert status in (403, 404), status

    # Redis stops: B keeps answering, uncached; and caches again once it is back.
    redis_server.stop()
    status, body_text = page_on_b_directly(node_b, release.url)
    assert status == 200 and CORRECTED in strip_tags(body_text)
    redis_server.run()
    status, body_text = page_on_b_directly(node_b, release.url)
    assert status == 200 and CORRECTED in strip_tags(body_text)

    # The bucket stops too: B still answers the page (its image links are
    # signed without asking the bucket). moto keeps objects in memory, so
    # its restart is an empty bucket: the return is tested with Redis above
    # and in tests/security/test_object_storage.py.
    s3_server.stop()
    redis_server.stop()
    status, body_text = page_on_b_directly(node_b, release.url)
    assert status == 200 and CORRECTED in strip_tags(body_text)


def test_the_scheduler_on_both_nodes_publishes_a_due_page_once(
    cluster, redis_server, object_storage
):
    import datetime as dt

    from django.utils import timezone

    from tests.factories.news import NewsIndexPageFactory, PressReleasePageFactory

    tree = build_site_tree(hostname=PUBLIC_HOST, port=443)
    news = NewsIndexPageFactory(parent=tree.home_zh)
    news.save_revision().publish()
    release = PressReleasePageFactory(parent=news, title="定时发布的新闻", live=False)
    go_live = timezone.now() + dt.timedelta(seconds=2)
    release.go_live_at = go_live
    revision = release.save_revision()
    revision.publish()  # approved with a go-live time ahead: scheduled
    release.refresh_from_db()
    assert not release.live
    time.sleep(max(0.0, (go_live - timezone.now()).total_seconds()) + 0.5)

    purge_urls = [f"http://127.0.0.1:{node.purge_port}" for node in cluster]
    for node in cluster:
        node.data_dir.mkdir(parents=True, exist_ok=True)
    passes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler", "--once"],
            cwd=CHECKOUT,
            env=node_environment(node.data_dir, redis_server.url, purge_urls, object_storage),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for node in cluster
    ]
    outputs = [process.communicate(timeout=120)[0].decode() for process in passes]
    assert all(process.returncode == 0 for process in passes), outputs
    release.refresh_from_db()
    assert release.live and release.live_revision_id == revision.pk
    published = PageLogEntry.objects.filter(page=release, action="wagtail.publish.scheduled")
    assert published.count() == 1, outputs
    assert sum("published 1 scheduled" in output for output in outputs) == 1, outputs
