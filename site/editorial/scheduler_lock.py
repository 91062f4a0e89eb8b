"""One scheduler pass at a time, however many hosts run the scheduler.

Every application host may run ``manage.py run_scheduler`` (one service per
host, no host special); each pass first asks for this lock, and a process that
does not get it skips the pass and tries again at the next tick. The lock is
the first line of defence; ``scheduled_publishing`` re-checks each revision
under a row lock as well, so two passes that did overlap still publish a
revision once.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction

# pg_try_advisory_xact_lock takes one bigint, and every process must ask for
# the same one: the first 8 bytes of sha256(b"lifelong_site.scheduler") as a
# signed 64-bit integer. A name's hash keeps it clear of any other advisory
# lock a tool might take in the same database. Never change it while an old
# release may still be running beside a new one.
SCHEDULER_LOCK_KEY = -4662219920589988764


@contextmanager
def exclusive_pass() -> Iterator[bool]:
    """Yield True if this process may run a scheduler pass now, False if
    another process (on this host or another) is running one."""
    if connection.vendor == "postgresql":
        # Transaction-level: the pass runs inside this transaction and the lock
        # ends with it, however the pass ends, even if the process dies (the
        # server ends the session). No unlock to forget, and it works behind a
        # transaction-pooling PgBouncer, where session locks do not.
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SCHEDULER_LOCK_KEY])
                row = cursor.fetchone()
            yield bool(row and row[0])
        return
    # Otherwise SQLite, the only other database the project runs on.
    path = _sqlite_lock_path()
    if path is None:
        # An in-memory database (the tests on SQLite): no other process can
        # reach it, so there is nothing to exclude.
        yield True
        return
    with file_lock(path) as acquired:
        yield acquired


def _sqlite_lock_path() -> Path | None:
    """The lock file beside the SQLite database (DATA_DIR/db.sqlite3.scheduler-lock
    for `make run`), so that it guards exactly that database and two test
    databases never share it; None for an in-memory database."""
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        return None
    database = Path(str(connection.settings_dict["NAME"]))
    return database.with_name(f"{database.name}.scheduler-lock")


@contextmanager
def file_lock(path: Path) -> Iterator[bool]:
    """A non-blocking exclusive flock on ``path``: True while held, False if
    another process (or another open of the file) holds it.

    SQLite is one machine by definition, so a file lock is enough. It is
    chosen over ``BEGIN IMMEDIATE`` because that would hold the database's
    write lock for the whole pass, making editors' saves in the development
    server wait, and a second scheduler would queue rather than skip. The
    kernel drops the lock when the process exits, so a killed scheduler never
    leaves it behind.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
