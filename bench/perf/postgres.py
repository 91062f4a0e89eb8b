"""The private cluster of tests/support/run_with_postgres.sh: dump, restore,
SQL. Its client programs come from the same bin folder as the server, so a
dump is always read by a pg_restore of the same version that wrote it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from bench.perf.measured import Step, run_measured


def in_private_cluster() -> bool:
    return bool(os.environ.get("LIFELONG_PG_DATA_DIR")) and "@127.0.0.1:" in os.environ.get(
        "DATABASE_URL", ""
    )


def tool(name: str) -> str:
    return str(Path(os.environ["LIFELONG_PG_BIN_DIR"]) / name)


def database_url() -> str:
    return os.environ["DATABASE_URL"]


def dump(target: Path, environment: dict[str, str], log: Path) -> Step:
    """pg_dump's custom format (-Fc): compressed, restorable in parallel.
    Written beside the target and renamed, so a dump that exists is whole."""
    partial = target.with_name(target.name + ".partial")
    step = run_measured(
        "pg_dump",
        [tool("pg_dump"), "-Fc", "--no-owner", "-f", str(partial), database_url()],
        environment,
        log,
    )
    partial.rename(target)
    return step


def restore(source: Path, environment: dict[str, str], log: Path) -> Step:
    # Two jobs: the machine has two cores, and indexes are most of the work.
    return run_measured(
        "pg_restore",
        [
            tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--jobs",
            "2",
            "-d",
            database_url(),
            str(source),
        ],
        environment,
        log,
    )


def sql(statement: str) -> str:
    result = subprocess.run(
        [tool("psql"), "-X", "-tA", "-v", "ON_ERROR_STOP=1", database_url(), "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return result.stdout.strip()


def vacuum_analyze(environment: dict[str, str], log: Path) -> Step:
    """Planner statistics and visibility maps, as a long-running database has
    them: a restore brings neither, and a fresh build may not have them yet."""
    return run_measured(
        "vacuum analyze",
        [tool("vacuumdb"), "--analyze", "--jobs", "2", "-d", database_url()],
        environment,
        log,
    )


def no_query_running() -> bool:
    """No statement of the site under way (this one aside), waiting or not."""
    return (
        sql(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state = 'active' AND pid <> pg_backend_pid()"
        )
        == "0"
    )
