"""A planner hint for full-text searches on PostgreSQL.

Wagtail's PostgreSQL backend filters ``content_type = <SearchEntry>`` and
``(title || body) @@ query``. PostgreSQL prices the tsvector match as cheap,
so it walks the content-type B-tree and tests every row of the archive
(detoasting and concatenating both vectors each time) instead of asking the
GIN index on ``title || body`` for the matching rows. At 20,000 pages that
was 512 ms against 44 ms for a count of 终身学习 (bench/SEARCH_LATENCY.md).
Inside a search, plain index scans are therefore switched off for that
transaction only (bitmap scans, which the GIN index uses, stay on); every
other query of the site keeps the default planner.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def full_text_planning(uses_database_backend: bool) -> Iterator[None]:
    if not uses_database_backend or connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_indexscan'), set_config('enable_indexscan', 'off', true)"
            )
            previous = cursor.fetchone()[0]
        yield
        # A transaction-local setting outlives a savepoint: inside a caller's
        # transaction it would stay off for the rest of it. (After an error
        # the rollback to the savepoint undoes it instead.)
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('enable_indexscan', %s, true)", [previous])


@contextmanager
def gin_bitmap_only() -> Iterator[None]:
    """Inside a transaction: neither plain index scans nor sequential scans,
    so a full-text count or existence check reads the GIN index's bitmap
    (cheap however many match) instead of walking the archive in the hope of
    meeting its matches early (that plan read all 100,000 entries for a word
    on 1,900 pages). One statement in, one out; the previous values back."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan'), "
            "set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)"
        )
        indexscan, seqscan = cursor.fetchone()[:2]
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_indexscan', %s, true), "
                "set_config('enable_seqscan', %s, true)",
                [indexscan, seqscan],
            )
