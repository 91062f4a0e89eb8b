"""SQLite: a consistent copy through sqlite3's online backup API (safe while
the site runs), and a restore that swaps the database file in one rename."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, cast

from django.db import connections

from . import facts
from .errors import BackupError
from .facts import DumpFacts

if TYPE_CHECKING:
    from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

# Files SQLite keeps beside the database; left over, they would be replayed
# onto the restored file and corrupt it.
SIDE_FILES = ("-wal", "-shm", "-journal")


def dump(alias: str, target: Path) -> DumpFacts:
    connection = connections[alias]
    connection.ensure_connection()
    # Django's own sqlite3 connection, so in-memory databases (tests) work too.
    source: sqlite3.Connection = connection.connection
    with contextlib.closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
        # Counted from the copy itself: exactly what the archive holds.
        cursor = copy.cursor()
        counts = facts.read_counts(cursor)
        migrations = facts.read_migrations(cursor)
    return DumpFacts(counts, migrations, {"sqlite": sqlite3.sqlite_version})


def database_path(alias: str) -> Path:
    return Path(connections[alias].settings_dict["NAME"])


def in_memory(alias: str) -> bool:
    # Only called for an alias whose engine is SQLite.
    return bool(cast("SQLiteWrapper", connections[alias]).is_in_memory_db())


def is_empty(alias: str) -> bool:
    if in_memory(alias):  # a test database: it has no file to look at
        return not connections[alias].introspection.table_names()
    # Read with sqlite3, not Django, which would create the file on connecting.
    path = database_path(alias)
    if not path.exists() or path.stat().st_size == 0:
        return True
    with contextlib.closing(sqlite3.connect(path)) as database:
        rows = database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return not rows.fetchall()


def check_restorable(alias: str) -> None:
    if in_memory(alias):
        raise BackupError(
            "The configured SQLite database lives in memory; restore into a database file."
        )


def dump_counts(database_file: Path, tables: list[str]) -> dict[str, int | None]:
    """Rows per table in the archive's database file, opened read-only (and
    as immutable, so SQLite writes nothing beside it) after SQLite's own
    quick_check. None for a table the file does not have."""
    uri = database_file.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as database:
            # Views and triggers in a file from elsewhere run no functions with side effects.
            database.execute("PRAGMA trusted_schema = OFF")
            verdict = [str(row[0]) for row in database.execute("PRAGMA quick_check(5)").fetchall()]
            if verdict != ["ok"]:
                raise BackupError(f"SQLite's quick_check finds it damaged ({'; '.join(verdict)})")
            present = {
                str(row[0])
                for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            counts: dict[str, int | None] = {}
            for table in tables:
                # Table names come from the models, never from the file: safe to inline.
                found = (
                    database.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()
                    if table in present
                    else None
                )
                counts[table] = None if found is None else int(found[0])
            return counts
    except sqlite3.Error as error:
        raise BackupError(f"not a readable SQLite database ({error})") from error


def restore(alias: str, database_file: Path) -> None:
    check_restorable(alias)
    connections[alias].close()
    path = database_path(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".restoring")
    shutil.copyfile(database_file, partial)
    with partial.open("rb") as copied:
        os.fsync(copied.fileno())
    for suffix in SIDE_FILES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    partial.replace(path)
