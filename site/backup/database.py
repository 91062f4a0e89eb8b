"""The configured database, whichever engine it is: which engine, whether it
is empty, and dump and restore dispatched to postgres.py or sqlite.py."""

from __future__ import annotations

from pathlib import Path

from django.db import connections

from . import postgres, sqlite
from .errors import BackupError
from .facts import DumpFacts, counted_models, read_counts
from .manifest import ENGINE_NAMES


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ENGINE_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite; this database is {vendor}.")
    return vendor


def dump(target: Path, alias: str = "default") -> DumpFacts:
    return (
        postgres.dump(alias, target)
        if engine(alias) == "postgresql"
        else sqlite.dump(alias, target)
    )


def is_empty(alias: str = "default") -> bool:
    return postgres.is_empty(alias) if engine(alias) == "postgresql" else sqlite.is_empty(alias)


def describe(alias: str = "default") -> str:
    """The target, for messages: engine and database name, never a password."""
    settings_dict = connections[alias].settings_dict
    where = settings_dict.get("HOST") or "local socket"
    if engine(alias) == "sqlite":
        return f"SQLite database {settings_dict['NAME']}"
    return f"PostgreSQL database {settings_dict['NAME']!r} on {where}"


def check_restorable(alias: str = "default") -> None:
    """What would make `restore` fail whatever the archive holds."""
    if engine(alias) == "sqlite":
        sqlite.check_restorable(alias)


def local_file(alias: str = "default") -> Path | None:
    """The SQLite database file a restore writes beside, or None (PostgreSQL,
    whose server's disk is not visible from here, or an in-memory SQLite)."""
    if engine(alias) != "sqlite" or sqlite.in_memory(alias):
        return None
    return sqlite.database_path(alias)


def dump_problems(
    dump_file: Path, member: str, expected: dict[str, int], alias: str = "default"
) -> list[str]:
    """Compare the rows in the archive's dump with the manifest's counts,
    without touching the configured database. Labels only one side knows
    (a manifest from older or newer code) are not compared."""
    tables = {
        label: model._meta.db_table
        for label, model in counted_models().items()
        if label in expected
    }
    try:
        if engine(alias) == "postgresql":
            found = postgres.dump_counts(alias, dump_file, list(tables.values()))
        else:
            found = sqlite.dump_counts(dump_file, list(tables.values()))
    except BackupError as error:
        return [f"{member}: {error}"]
    problems = []
    for label, table in tables.items():
        if found[table] is None:
            problems.append(
                f"{label}: the manifest says {expected[label]}, but the database dump has no "
                f"{table} table"
            )
        elif found[table] != expected[label]:
            problems.append(
                f"{label}: the manifest says {expected[label]}, the database dump holds {found[table]}"
            )
    return problems


def restore(database_file: Path, *, replace: bool, alias: str = "default") -> None:
    if engine(alias) == "postgresql":
        postgres.restore(alias, database_file, replace=replace)
    else:
        # The file replaces the old one whole: nothing of it survives either way.
        sqlite.restore(alias, database_file)


def current_counts(alias: str = "default") -> dict[str, int]:
    with connections[alias].cursor() as cursor:
        return read_counts(cursor)
