"""The configured database, whichever engine it is: which engine, whether it
is empty, and dump and restore dispatched to postgres.py or sqlite.py."""

from __future__ import annotations

from pathlib import Path

from django.db import connections

from . import postgres, sqlite
from .errors import BackupError
from .facts import DumpFacts, read_counts
from .manifest import ENGINE_NAMES


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ENGINE_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite; this database is {vendor}.")
    return vendor


def dump(target: Path, alias: str = "default") -> DumpFacts:
    return postgres.dump(alias, target) if engine(alias) == "postgresql" else sqlite.dump(alias, target)


def is_empty(alias: str = "default") -> bool:
    return postgres.is_empty(alias) if engine(alias) == "postgresql" else sqlite.is_empty(alias)


def describe(alias: str = "default") -> str:
    """The target, for messages: engine and database name, never a password."""
    settings_dict = connections[alias].settings_dict
    where = settings_dict.get("HOST") or "local socket"
    if engine(alias) == "sqlite":
        return f"SQLite database {settings_dict['NAME']}"
    return f"PostgreSQL database {settings_dict['NAME']!r} on {where}"


def restore(database_file: Path, *, replace: bool, alias: str = "default") -> None:
    if engine(alias) == "postgresql":
        postgres.restore(alias, database_file, replace=replace)
    else:
        # The file replaces the old one whole: nothing of it survives either way.
        sqlite.restore(alias, database_file)


def current_counts(alias: str = "default") -> dict[str, int]:
    with connections[alias].cursor() as cursor:
        return read_counts(cursor)
