"""The shared cache in Redis (REDIS_URL), against a real redis-server: a
publication on one server drops the pages every server keeps, the generation
counter loses no increment, and a Redis that stops or hangs leaves the site
serving, uncached, until it answers again.

"Two servers" are two independent cache handlers, each with its own
RedisCache objects and connections, swapped in as the memo's store.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import redis
import time_machine
from django.core.cache import CacheHandler, caches

from lifelong_site import memo
from lifelong_site.caching import redis_backend
from lifelong_site.caching.page_cache import HIT_HEADER
from lifelong_site.caching.redis_backend import ResilientRedisCache
from lifelong_site.caching.redis_settings import SOCKET_TIMEOUT_SECONDS, redis_caches
from lifelong_site.memo import GENERATION_KEY
from tests.news.conftest import news_tree  # noqa: F401
from tests.support.ports import free_port
from tests.support.redis_server import RedisServer
from tests.support.server_process import started

# Every test, even those that need no database: pytest-django creates the
# test database only for a selection that has one, and the suite's session
# fixtures build the site tree in it.
pytestmark = pytest.mark.django_db

CHECKOUT = Path(__file__).resolve().parents[2]
CORRECTED_TITLE = "开幕式在沈阳隆重举行"
# Short in the tests, so that recovery is seen without waiting seconds.
RETRY_AFTER_SECONDS = 0.2


@pytest.fixture(scope="module")
def redis_server() -> Iterator[RedisServer]:
    with started(RedisServer) as server:
        yield server


def caches_in(url: str) -> dict[str, dict[str, Any]]:
    """The production setting for ``url``, retrying sooner."""
    configured = redis_caches(url)
    for alias in configured.values():
        alias["OPTIONS"]["RETRY_AFTER_SECONDS"] = RETRY_AFTER_SECONDS
    return configured


@pytest.fixture
def in_redis(redis_server, settings, monkeypatch) -> Iterator[RedisServer]:
    """Both caches in the test Redis, emptied, with the page cache and the
    shared fragments on as in production, and no outage remembered from an
    earlier test. Setting CACHES makes Django drop its cache objects."""
    if redis_server.process is None:
        redis_server.run()
    redis_server.thaw()
    redis.Redis.from_url(redis_server.url).flushdb()
    monkeypatch.setattr(redis_backend, "_health_by_server", {})
    monkeypatch.setattr(memo, "_generation_owed", threading.Event())
    settings.CACHES = caches_in(redis_server.url)
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRAGMENT_CACHE_SECONDS = 600
    yield redis_server
    redis_server.thaw()


@pytest.fixture
def release(in_redis, news_tree):
    from tests.factories.news import PressReleasePageFactory

    page = PressReleasePageFactory(parent=news_tree.news, title="开幕式在沈阳举行")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@contextmanager
def served_by(server: CacheHandler) -> Iterator[None]:
    """Requests and publications inside go through ``server``'s caches."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(memo, "caches", server)
        yield


def cache_warnings(caplog) -> list[logging.LogRecord]:
    return [
        record
        for record in caplog.records
        if record.name == "lifelong_site.caching" and record.levelno == logging.WARNING
    ]


@pytest.fixture
def caplog(caplog, monkeypatch):
    # The site's loggers do not propagate to the root logger (settings.LOGGING),
    # where pytest listens.
    monkeypatch.setattr(logging.getLogger("lifelong_site"), "propagate", True)
    return caplog


# --- Two servers, one cache ------------------------------------------------------


def test_a_publication_on_one_server_drops_the_page_another_server_keeps(client, release):
    server_a, server_b = CacheHandler(), CacheHandler()
    assert server_a["pages"] is not server_b["pages"]
    with served_by(server_b):
        assert client.get(release.url)[HIT_HEADER] == "miss"
        assert client.get(release.url)[HIT_HEADER] == "hit"
    with served_by(server_a):
        release.title = CORRECTED_TITLE
        release.save_revision().publish()
    with served_by(server_b):
        response = client.get(release.url)
    assert response[HIT_HEADER] == "miss"
    assert CORRECTED_TITLE in response.content.decode()


def test_two_servers_read_one_generation_that_never_expires(in_redis):
    server_a, server_b = CacheHandler(), CacheHandler()
    with served_by(server_a):
        memo.new_generation()
    seen_by_a = server_a["pages"].get(GENERATION_KEY)
    seen_by_b = server_b["pages"].get(GENERATION_KEY)
    assert isinstance(seen_by_a, int) and seen_by_a == seen_by_b
    with served_by(server_b):
        memo.new_generation()
    assert server_a["pages"].get(GENERATION_KEY) == seen_by_a + 1
    raw = redis.Redis.from_url(in_redis.url)
    assert raw.ttl(server_a["pages"].make_key(GENERATION_KEY)) == -1  # no expiry


def test_concurrent_new_generations_lose_no_increment(in_redis, monkeypatch):
    """Two threads (each with its own connection, as Django gives every
    thread its own cache objects) race to create the missing key, then
    increment 200 times each."""
    start = 1_700_000_000_000  # the clock the new key starts from, fixed
    monkeypatch.setattr(memo, "time", SimpleNamespace(time_ns=lambda: start * 1_000_000))
    assert caches["pages"].get(GENERATION_KEY) is None
    ready = threading.Barrier(2)
    errors: list[BaseException] = []

    def publish_200_times() -> None:
        try:
            ready.wait()
            for _ in range(200):
                memo.new_generation()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=publish_200_times) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert caches["pages"].get(GENERATION_KEY) == start + 400


def test_the_two_caches_are_kept_apart_and_cleared_alone(in_redis):
    caches["default"].set("rate:client", 3)
    caches["pages"].set("rate:client", "page")
    assert caches["default"].get("rate:client") == 3
    caches["pages"].clear()
    assert caches["pages"].get("rate:client") is None
    assert caches["default"].get("rate:client") == 3


# --- Redis down ------------------------------------------------------------------


def test_a_stopped_redis_serves_pages_uncached_and_caching_resumes_when_it_returns(
    client, in_redis, release, caplog
):
    assert client.get(release.url)[HIT_HEADER] == "miss"
    assert client.get(release.url)[HIT_HEADER] == "hit"

    in_redis.stop()
    with caplog.at_level(logging.INFO, logger="lifelong_site"):
        responses, seconds = [], []
        for _ in range(3):
            started = time.perf_counter()
            responses.append(client.get(release.url))
            seconds.append(time.perf_counter() - started)
            time.sleep(RETRY_AFTER_SECONDS * 1.5)  # each request tries Redis again
    print("with Redis stopped:", ", ".join(f"{s:.3f} s" for s in seconds))
    assert [response.status_code for response in responses] == [200, 200, 200]
    assert [response[HIT_HEADER] for response in responses] == ["miss"] * 3
    warnings = cache_warnings(caplog)
    assert len(warnings) == 1, [record.getMessage() for record in warnings]
    assert "ConnectionError" in warnings[0].getMessage()

    in_redis.run()  # on the same port, empty; nothing restarted on our side
    time.sleep(RETRY_AFTER_SECONDS * 1.5)
    with caplog.at_level(logging.INFO, logger="lifelong_site"):
        assert client.get(release.url)[HIT_HEADER] == "miss"
        assert client.get(release.url)[HIT_HEADER] == "hit"
    assert any("answers again" in record.getMessage() for record in caplog.records)


def test_views_are_counted_while_redis_is_down_still_once_per_reader(client, in_redis, release):
    url = f"/api/views/{release.pk}/"
    assert client.post(url, REMOTE_ADDR="198.51.100.1").json()["views"] == 1
    assert client.post(url, REMOTE_ADDR="198.51.100.1").json()["views"] == 1  # seen
    in_redis.stop()
    counts = [
        client.post(url, REMOTE_ADDR=address).json()["views"]
        for address in ("198.51.100.2", "198.51.100.2", "198.51.100.3")
    ]
    assert counts == [2, 2, 3]
    in_redis.run()


def test_a_publication_while_redis_is_down_is_no_error_and_is_caught_up(in_redis, release, caplog):
    before = caches["pages"].get(GENERATION_KEY)
    in_redis.freeze()  # keeps what it holds, answers nothing
    try:
        with caplog.at_level(logging.WARNING, logger="lifelong_site"):
            release.title = CORRECTED_TITLE
            release.save_revision().publish()
    finally:
        in_redis.thaw()
    assert any("new cache generation" in record.getMessage() for record in caplog.records)
    time.sleep(RETRY_AFTER_SECONDS * 1.5)
    # The next request's generation() makes up for the lost increment.
    with memo.request_memo():
        assert memo.generation() == before + 1


def test_a_hung_redis_holds_a_request_for_about_one_socket_timeout(client, in_redis, release):
    client.get(release.url)
    started = time.perf_counter()
    uncached = client.get(release.url, {"fresh": "1"})
    render_seconds = time.perf_counter() - started
    assert uncached[HIT_HEADER] == "miss"

    in_redis.freeze()
    try:
        started = time.perf_counter()
        response = client.get(release.url, {"fresh": "2"})
        hung_seconds = time.perf_counter() - started
    finally:
        in_redis.thaw()
    assert response.status_code == 200
    print(f"render {render_seconds:.3f} s, with Redis hung {hung_seconds:.3f} s")
    # One call waits out the timeout; the backend then leaves Redis alone
    # instead of waiting again on each of the page's other cache calls.
    assert hung_seconds < render_seconds + 2 * SOCKET_TIMEOUT_SECONDS + 0.5


# --- Without a server: the backend's contract ------------------------------------


def unreachable_cache() -> ResilientRedisCache:
    return ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"KEY_PREFIX": "t", "OPTIONS": {"RETRY_AFTER_SECONDS": 0}},
    )


def test_an_unreachable_redis_answers_as_an_empty_cache(caplog):
    cache = unreachable_cache()
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is False
    assert cache.set("k", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.has_key("k") is False
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    cache.delete_many(["a"])
    cache.clear()
    with pytest.raises(ValueError):
        cache.incr("k")
    # Twelve failed calls, one warning.
    assert len(cache_warnings(caplog)) == 1


def test_new_generation_on_an_unreachable_redis_is_no_error(settings, monkeypatch, caplog):
    monkeypatch.setattr(memo, "_generation_owed", threading.Event())
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "lifelong_site.caching.redis_backend.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }
    memo.new_generation()
    memo.new_generation()
    with memo.request_memo():
        assert memo.generation() == 0
    owed = [r for r in caplog.records if "new cache generation" in r.getMessage()]
    assert len(owed) == 1


# --- The file cache (one server, no REDIS_URL) ------------------------------------


def test_on_the_file_cache_the_generation_advances_and_never_expires(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    memo.new_generation()
    first = caches["pages"].get(GENERATION_KEY)
    memo.new_generation()
    assert caches["pages"].get(GENERATION_KEY) == first + 1
    # Django's generic incr() stores with the default timeout (300 s).
    with time_machine.travel(time.time() + 86_400):
        assert caches["pages"].get(GENERATION_KEY) == first + 1


# --- Settings ---------------------------------------------------------------------


def caches_setting(**environment: str) -> dict[str, Any]:
    """The base settings' CACHES, imported afresh with this environment."""
    import json

    env = {name: value for name, value in os.environ.items() if name != "REDIS_URL"}
    env.update(environment)
    code = "import json, lifelong_site.settings.base as s; print(json.dumps(s.CACHES))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=CHECKOUT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_without_redis_url_the_caches_stay_local(tmp_path):
    configured = caches_setting(DATA_DIR=str(tmp_path))
    assert configured["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert configured["pages"] == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }


def test_with_redis_url_both_caches_go_to_redis_under_their_own_prefix():
    url = "redis://:secret@cache.internal:6379/2"
    configured = caches_setting(REDIS_URL=url)
    assert set(configured) == {"default", "pages"}
    for alias in configured.values():
        assert alias["BACKEND"] == "lifelong_site.caching.redis_backend.ResilientRedisCache"
        assert alias["LOCATION"] == url
        assert 0 < alias["OPTIONS"]["socket_connect_timeout"] <= 0.5
        assert 0 < alias["OPTIONS"]["socket_timeout"] <= 0.5
    assert configured["default"]["KEY_PREFIX"] != configured["pages"]["KEY_PREFIX"]
