"""What makes a full rebuild of the PostgreSQL search index linear in the
size of the archive instead of quadratic.

Wagtail's database backend (modelsearch) does two things per batch that
read the whole index table:

- after every batch it recomputes the title length norm: an average over
  every entry, then an update that looks for entries whose norm is still
  1.0 (no index can help either); the rebuild then does it once more, in
  full, at the end;
- its batches are taken with OFFSET, which reads and discards every row
  before the batch.

At 100,000 pages the first alone made ``update_index`` take 76 minutes.
During a rebuild the per-batch norms are skipped (the final full refresh
sets every entry) and batches are read by primary key. An interrupted
rebuild leaves new entries at the default norm of 1.0; the next indexing
of any page refreshes exactly those, so nothing stays wrong.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.models import QuerySet
from modelsearch.backends.database.postgres.postgres import PostgresIndex


@contextmanager
def title_norms_refreshed_once() -> Iterator[None]:
    """Within the block, PostgreSQL index batches skip their own title norm
    refresh; only the rebuild's final full refresh runs."""
    original = PostgresIndex._refresh_title_norms

    def refresh_only_in_full(index: PostgresIndex, full: bool = False) -> Any:
        if full:
            return original(index, full=True)
        return None

    PostgresIndex._refresh_title_norms = refresh_only_in_full
    try:
        yield
    finally:
        PostgresIndex._refresh_title_norms = original


def chunks_by_primary_key(queryset: QuerySet, chunk_size: int) -> Iterator[list[Any]]:
    """Lists of at most ``chunk_size`` objects in primary key order, each
    read with ``pk > last`` (an index range) rather than an OFFSET."""
    queryset = queryset.order_by("pk")
    last_pk = None
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        items = list(page[:chunk_size])
        if not items:
            return
        yield items
        last_pk = items[-1].pk
