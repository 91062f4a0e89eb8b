"""Proxy-cache purges as queued work: one task per node's purge listener,
run by a worker (`manage.py db_worker --backend purges`), never in the
editor's publish request.

Each node is its own task, so a node that is down (restarting, cut off)
delays only its own purge: its task is queued again with a growing delay
(FRONTEND_CACHE_PURGE_RETRY_SECONDS), with only the URLs it has not taken,
until it answers or until PROXY_CACHE_SECONDS have passed since the
publish, when everything that node cached before it has expired by itself
(s-maxage) and a purge would change nothing.

Django-tasks retries nothing by itself (a failed task stays failed), hence
the re-queueing here.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task, task_backends
from wagtail.contrib.frontend_cache.utils import get_backends

from .purge_targets import PURGE_TASK_BACKEND

logger = logging.getLogger("wagtail.frontendcache")

# Finished purges leave a row each; a ceremony day writes hundreds. Rows
# older than this are dropped by the next purge a worker runs.
KEEP_FINISHED = dt.timedelta(days=7)


def queue_purges(urls: list[str]) -> None:
    """Every configured node's purge of ``urls``, queued (called after the
    publishing transaction commits)."""
    if not urls:
        return
    first_tried = timezone.now().isoformat()
    for node in getattr(settings, "WAGTAILFRONTENDCACHE", None) or {}:
        purge_on_node.enqueue(node, sorted(urls), first_tried, 1)


@task(backend=PURGE_TASK_BACKEND)
def purge_on_node(node: str, urls: list[str], first_tried: str, attempt: int) -> int:
    """Purges ``urls`` from one node's proxy cache; what the node did not
    take is queued again. Returns how many URLs were left for a retry."""
    backend = get_backends(backends=[node]).get(node)
    if backend is None:
        # The node was removed from the settings since the publish.
        logger.warning("Purge for %s dropped: no such node in WAGTAILFRONTENDCACHE", node)
        return 0
    if hasattr(backend, "purge_urls"):
        left = backend.purge_urls(urls)
    else:
        # Wagtail's other backends (CDNs) report nothing back: sent is done.
        backend.purge_batch(urls)
        left = []
    if left:
        queue_retry(node, left, dt.datetime.fromisoformat(first_tried), attempt)
    else:
        drop_old_results()
    return len(left)


def retry_delay(attempt: int) -> dt.timedelta:
    delays = settings.FRONTEND_CACHE_PURGE_RETRY_SECONDS
    return dt.timedelta(seconds=delays[min(attempt, len(delays)) - 1])


def queue_retry(node: str, urls: list[str], first_tried: dt.datetime, attempt: int) -> None:
    run_after = timezone.now() + retry_delay(attempt)
    horizon = first_tried + dt.timedelta(seconds=settings.PROXY_CACHE_SECONDS)
    if run_after > horizon:
        logger.error(
            "Gave up purging %d URL(s) from %s after %d tries: what it cached before the"
            " publish has expired by now",
            len(urls),
            node,
            attempt,
        )
        return
    if not task_backends[PURGE_TASK_BACKEND].supports_defer:
        # A backend that runs at once (tests) cannot wait; the next try would
        # come straight away and fail the same.
        logger.error("Purges of %s not retried: the task backend cannot defer", node)
        return
    logger.warning(
        "%s did not take %d purge(s); trying again at %s (try %d)",
        node,
        len(urls),
        timezone.localtime(run_after).strftime("%H:%M:%S"),
        attempt + 1,
    )
    purge_on_node.using(run_after=run_after).enqueue(
        node, urls, first_tried.isoformat(), attempt + 1
    )


def drop_old_results() -> None:
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends[PURGE_TASK_BACKEND], DatabaseBackend):
        return

    DBTaskResult.objects.filter(
        backend_name=PURGE_TASK_BACKEND,
        finished_at__lt=timezone.now() - KEEP_FINISHED,
    ).delete()
