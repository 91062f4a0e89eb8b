"""PostgreSQL: pg_dump and pg_restore, found on this machine and pointed at
the configured database through libpq environment variables (so that the
password never appears on a command line, where `ps` would show it)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from django.db import connections, transaction

from . import facts
from .errors import BackupError
from .facts import DumpFacts

if TYPE_CHECKING:
    from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper

# Connection OPTIONS that libpq also reads from its environment.
LIBPQ_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}
VERSION_PATTERN = re.compile(r"\(PostgreSQL\)\s+(\d+)")
# pg_restore's script: "COPY public.wagtailcore_page (id, path, …) FROM stdin;".
IDENTIFIER = rb'(?:"(?:[^"]|"")+"|[^\s".(]+)'
COPY_PATTERN = re.compile(
    rb"COPY (?:" + IDENTIFIER + rb"\.)?(" + IDENTIFIER + rb")[ (].* FROM stdin;\r?\n?$"
)
END_OF_COPY = (b"\\.\n", b"\\.\r\n", b"\\.")


@dataclass(frozen=True)
class Tool:
    path: Path
    major: int


def candidate_dirs(tool: str) -> list[Path]:
    """Where to look, in order of preference when versions tie."""
    dirs = [
        Path(os.environ[name])
        for name in ("LIFELONG_PG_BIN_DIR", "PG_BIN_DIR")
        if os.environ.get(name)
    ]
    on_path = shutil.which(tool)
    if on_path:
        dirs.append(Path(on_path).parent)
    # Debian and Ubuntu install every major version side by side here.
    dirs.extend(Path(found) for found in sorted(Path("/usr/lib/postgresql").glob("*/bin")))
    return dirs


def tool_major(path: Path) -> int | None:
    try:
        output = subprocess.run(
            [str(path), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = VERSION_PATTERN.search(output)
    return int(match.group(1)) if match else None


def find_tool(tool: str, server_major: int) -> Tool:
    """The newest `tool` whose major version is at least the server's: an
    older pg_dump refuses a newer server, and pg_restore must read what the
    newest pg_dump wrote."""
    found: list[Tool] = []
    for directory in candidate_dirs(tool):
        path = directory / tool
        if path.is_file() and os.access(path, os.X_OK):
            major = tool_major(path)
            if major is not None:
                found.append(Tool(path, major))
    usable = [candidate for candidate in found if candidate.major >= server_major]
    if not usable:
        seen = ", ".join(f"{candidate.path} ({candidate.major})" for candidate in found) or "none"
        raise BackupError(
            f"No {tool} for PostgreSQL {server_major} or newer (found: {seen}). Install the PostgreSQL "
            f"{server_major} client tools, or set PG_BIN_DIR to the folder that holds {tool}."
        )
    return max(usable, key=lambda candidate: candidate.major)


def libpq_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in LIBPQ_OPTION_VARIABLES.items():
        value = settings_dict.get("OPTIONS", {}).get(option)
        if value:
            env[variable] = str(value)
    return env


def server_major(alias: str) -> int:
    # Only called for an alias whose engine is PostgreSQL.
    connection = cast("PostgresWrapper", connections[alias])
    connection.ensure_connection()
    return int(connection.pg_version) // 10000


def run_tool(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = result.stderr.strip()[-2000:] or f"exit status {result.returncode}"
        raise BackupError(f"{what} failed: {detail}")


def dump(alias: str, target: Path) -> DumpFacts:
    """pg_dump into `target`, with the counts and migration state read in the
    very snapshot pg_dump copies, so the manifest describes exactly the dump
    even while editors keep working."""
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError(
            "Cannot back up from inside a transaction: pg_dump would not see its changes."
        )
    tool = find_tool("pg_dump", server_major(alias))
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, version = cursor.fetchall()[0]
        counts = facts.read_counts(cursor)
        migrations = facts.read_migrations(cursor)
        # The snapshot lives as long as this transaction: pg_dump runs inside it.
        run_tool(
            [
                str(tool.path),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target}",
            ],
            libpq_environment(connection.settings_dict),
            "pg_dump",
        )
    return DumpFacts(counts, migrations, {"server": str(version), "pg_dump": str(tool.major)})


def is_empty(alias: str) -> bool:
    return not connections[alias].introspection.table_names()


def unquote(identifier: bytes) -> str:
    text = identifier.decode("utf-8", errors="replace")
    return text[1:-1].replace('""', '"') if text.startswith('"') else text


def dump_counts(alias: str, dump_file: Path, tables: list[str]) -> dict[str, int | None]:
    """Rows per table in a custom-format dump, read without a database:
    `pg_restore --list` must read the dump's table of contents, then the
    data of the tables asked for is written out as a script and its COPY
    rows counted (one line per row: COPY's text format escapes newlines and
    backslashes). None for a table the dump holds no data for."""
    if not tables:
        return {}
    tool = find_tool("pg_restore", server_major(alias))
    listing = subprocess.run(
        [str(tool.path), "--list", str(dump_file)], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        detail = listing.stderr.strip()[-500:] or f"exit status {listing.returncode}"
        raise BackupError(f"pg_restore cannot read it ({detail})")
    # Tables whose data the dump holds get a COPY block, even when empty.
    counts: dict[str, int | None] = dict.fromkeys(tables)
    command = [
        str(tool.path),
        "--data-only",
        "--file=-",
        *[f"--table={table}" for table in tables],
        str(dump_file),
    ]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        assert process.stdout is not None
        current: str | None = None
        for line in process.stdout:
            if current is None:
                match = COPY_PATTERN.match(line)
                if match:
                    current = unquote(match.group(1))
                    counts[current] = counts.get(current) or 0
            elif line in END_OF_COPY:
                current = None
            else:
                counts[current] = (counts[current] or 0) + 1
        status = process.wait()
        if status != 0:
            errors.seek(0)
            detail = (
                errors.read().decode("utf-8", errors="replace").strip()[-500:]
                or f"exit status {status}"
            )
            raise BackupError(f"pg_restore cannot read its data ({detail})")
    return {table: counts[table] for table in tables}


def restore(alias: str, dump_file: Path, *, replace: bool) -> None:
    """pg_restore in one transaction: if anything fails, the database is left
    as it was. `replace` drops the objects the dump holds before recreating
    them (for --force)."""
    connection = connections[alias]
    tool = find_tool("pg_restore", server_major(alias))
    command = [
        str(tool.path),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    if replace:
        command += ["--clean", "--if-exists"]
    # Our session holds no locks, but drop it so nothing cached outlives the restore.
    connection.close()
    command += [f"--dbname={connection.settings_dict['NAME']}", str(dump_file)]
    run_tool(command, libpq_environment(connection.settings_dict), "pg_restore")
