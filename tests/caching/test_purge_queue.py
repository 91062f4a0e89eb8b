"""Proxy purges as queued work (lifelong_site.caching.purge_queue): the
publish only queues them, a worker (django-tasks-db's db_worker, the command
production runs) sends them node by node, and a node that was down is purged
when it is back, even though it restarted with its old cache on disk."""

from __future__ import annotations

import logging
import time

import pytest
from django.core.management import call_command

from lifelong_site.caching.purge_targets import PURGE_TASK_BACKEND, purge_backends, task_backends
from tests.caching.test_cache_headers import RecordingBackend, paths
from tests.caching.test_nginx_proxy import app_port_of, cache_status, published  # noqa: F401  (fixture)
from tests.support.nginx_config import free_port
from tests.support.nginx_process import running_nginx

QUEUED = task_backends()


@pytest.fixture
def run_worker(monkeypatch):
    """The production worker, until nothing is due, in the test's process.
    Its check for stale connections would close the test's own connection
    (a test's transaction looks like a broken one), so it is left out."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return worker_pass


def worker_pass() -> None:
    call_command(
        "db_worker",
        "--backend",
        PURGE_TASK_BACKEND,
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def queued_purges():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(backend_name=PURGE_TASK_BACKEND)


@pytest.mark.django_db
def test_publishing_queues_one_purge_per_node_and_sends_none_itself(
    release, news_tree, settings, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = QUEUED
    settings.WAGTAILFRONTENDCACHE = {
        name: {"BACKEND": f"{RecordingBackend.__module__}.RecordingBackend"}
        for name in ("node-1", "node-2")
    }
    RecordingBackend.purged = []
    with django_capture_on_commit_callbacks(execute=True):
        release.save_revision().publish()
    assert RecordingBackend.purged == []  # nothing sent in the publishing request
    assert sorted(result.args_kwargs["args"][0] for result in queued_purges()) == [
        "node-1",
        "node-2",
    ]

    run_worker()
    # Each node got the release, its listing and the home page once.
    sent = paths(RecordingBackend.purged)
    assert {release.url, news_tree.news.url, "/"} <= sent
    assert len(RecordingBackend.purged) == 2 * len(sent)
    assert set(queued_purges().values_list("status", flat=True)) == {"SUCCESSFUL"}


@pytest.mark.django_db
def test_a_node_that_does_not_answer_is_retried_then_given_up_once_its_cache_expired(
    settings, caplog, run_worker
):
    from lifelong_site.caching.purge_queue import queue_purges

    settings.TASKS = QUEUED
    settings.WAGTAILFRONTENDCACHE = purge_backends([f"http://127.0.0.1:{free_port()}"])
    settings.FRONTEND_CACHE_PURGE_RETRY_SECONDS = (1, 2)
    settings.PROXY_CACHE_SECONDS = 2
    urls = ["https://www.example.gov.cn/a/", "https://www.example.gov.cn/b/"]
    queue_purges(urls)
    run_worker()
    pending = queued_purges().filter(status="READY").get()
    assert pending.args_kwargs["args"][1] == urls and pending.args_kwargs["args"][3] == 2
    time.sleep(1.1)
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        run_worker()  # the second try fails too; a third would come after the cache expired
    assert not queued_purges().filter(status="READY").exists()
    assert any("Gave up purging 2 URL(s)" in record.getMessage() for record in caplog.records)


@pytest.mark.django_db(transaction=True)
@pytest.mark.nginx
def test_a_node_down_at_publish_time_is_purged_when_it_returns(
    live_site, published, tmp_path, settings, run_worker
):
    _news, release = published
    folder = tmp_path / "node"
    with running_nginx(app_port_of(live_site), folder) as ports:
        cache_status(ports[0], release.url)
        assert cache_status(ports[0], release.url)[0] == "HIT"
    # The node is down: the correction is published, the purge queued and
    # tried, and queued again.
    settings.TASKS = QUEUED
    settings.WAGTAILFRONTENDCACHE = purge_backends([f"http://127.0.0.1:{ports[2]}"])
    settings.FRONTEND_CACHE_PURGE_RETRY_SECONDS = (1,)
    release.title = "开幕式在沈阳隆重举行"
    release.save_revision().publish()
    run_worker()
    assert queued_purges().filter(status="READY").count() == 1

    with running_nginx(app_port_of(live_site), folder, ports):
        # Back with its cache from disk: still the old page…
        status, body = cache_status(ports[0], release.url)
        assert status == "HIT" and "开幕式在沈阳隆重举行" not in body
        time.sleep(1.1)
        run_worker()
        # …until the retry reached it.
        status, body = cache_status(ports[0], release.url)
        assert status == "MISS" and "开幕式在沈阳隆重举行" in body
