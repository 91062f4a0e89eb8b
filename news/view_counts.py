"""View counts kept off the database's hot path: each process adds up the
views its readers' beacons report and writes them in one batch every
``VIEW_COUNT_FLUSH_SECONDS`` (or sooner, when ``VIEW_COUNT_FLUSH_VIEWS``
views are waiting), as additions (``views + n``), so any number of
processes on any number of machines add up to the right total.

Why not a counter in Redis: the sum must land in PostgreSQL anyway (the
listing sorts and the archive reports read it there), a process-local batch
needs no second store on a single machine, and it survives Redis being down.
What it costs: a process that dies without its exit handler loses at most
one interval of views; the number a reader sees is the database's total plus
what this process still holds, so two readers on two servers may see
numbers a few views apart until the next batch.

Setting ``VIEW_COUNT_FLUSH_SECONDS`` to 0 writes every view at once (the
tests of the beacon do, and so can a site that prefers that)."""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import F

from news.models import PageViewCount

logger = logging.getLogger(__name__)


class ViewCountBuffer:
    """Views waiting to be written, by page id; thread-safe (gthread workers)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: Counter[int] = Counter()
        self._last_flush = time.monotonic()

    def add(self, page_id: int) -> None:
        with self._lock:
            self._pending[page_id] += 1
        if self._due():
            self.flush()

    def pending(self, page_id: int) -> int:
        with self._lock:
            return self._pending[page_id]

    def _due(self) -> bool:
        with self._lock:
            waiting = sum(self._pending.values())
            age = time.monotonic() - self._last_flush
        return waiting > 0 and (
            age >= settings.VIEW_COUNT_FLUSH_SECONDS or waiting >= settings.VIEW_COUNT_FLUSH_VIEWS
        )

    def flush(self) -> int:
        """Write what is waiting; returns the number of views written. A
        failed write puts the views back, to be tried with the next batch."""
        with self._lock:
            batch, self._pending = self._pending, Counter()
            self._last_flush = time.monotonic()
        if not batch:
            return 0
        try:
            write_views(batch)
        except Exception:
            logger.warning(
                "views: writing %d views failed; kept for the next batch",
                sum(batch.values()),
                exc_info=True,
            )
            with self._lock:
                self._pending.update(batch)
            return 0
        return sum(batch.values())


def write_views(batch: Counter[int]) -> None:
    """Add each page's views: rows that do not exist yet are created first
    (ignore_conflicts: another process may create the same row), then one
    UPDATE per page adds its number."""
    with transaction.atomic():
        PageViewCount.objects.bulk_create(
            [PageViewCount(page_id=page_id, views=0) for page_id in batch], ignore_conflicts=True
        )
        for page_id, views in sorted(
            batch.items()
        ):  # a fixed order: no deadlock between two batches
            PageViewCount.objects.filter(page_id=page_id).update(views=F("views") + views)


def stored_views(page_id: int) -> int:
    return (
        PageViewCount.objects.filter(page_id=page_id).values_list("views", flat=True).first() or 0
    )


buffer = ViewCountBuffer()
# A worker that stops normally (gunicorn's graceful restart, a deploy) writes what it holds.
atexit.register(buffer.flush)
