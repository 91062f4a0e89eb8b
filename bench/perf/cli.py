"""What bench/run and bench/compare share: their common options, the start
inside a private PostgreSQL cluster, the work folder beside it, and the JSON
a helper script prints."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.perf import postgres
from bench.perf.measured import ROOT

STARTED_ENV = "BENCH_RUN_STARTED"  # the whole run's wall time includes the cluster's start


def add_archive_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pages", type=int, default=10_000, help="generated pages (default 10000)")
    parser.add_argument(
        "--seed", type=int, default=1, help="seed of the generated archive (default 1)"
    )
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of each wrk run (default 10)"
    )
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument(
        "--requests",
        type=int,
        default=20,
        help="timed requests per URL, one at a time (default 20)",
    )


def check_archive_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if min(args.pages, args.seed) < 0 or args.duration <= 0:
        parser.error("--pages and --seed must be ≥ 0, --duration > 0")
    if min(args.connections, args.requests) < 1:
        parser.error("--connections and --requests must be ≥ 1")


def in_private_cluster(module: str) -> Path:
    """Start `python -m module` again inside tests/support/run_with_postgres.sh
    (never returns) unless already there; there, the run's work folder,
    beside the cluster, so that it goes with it however the run ends."""
    if not os.environ.get("LIFELONG_PG_DATA_DIR"):
        os.chdir(ROOT)
        os.environ.setdefault(STARTED_ENV, str(time.time()))
        os.execvp(
            "bash",
            [
                "bash",
                "tests/support/run_with_postgres.sh",
                sys.executable,
                "-m",
                module,
                *sys.argv[1:],
            ],
        )
    if not postgres.in_private_cluster():
        raise SystemExit(
            "Refusing to run against anything but the private cluster of run_with_postgres.sh."
        )
    work = Path(
        tempfile.mkdtemp(prefix="bench-", dir=Path(os.environ["LIFELONG_PG_DATA_DIR"]).parent)
    )
    work.chmod(0o755)
    return work


def started_at() -> float:
    return float(os.environ.get(STARTED_ENV) or time.time())


def json_of(command: list[str], environment: dict[str, str], what: str, cwd: Path = ROOT) -> Any:
    """The JSON on the last line `command` prints; stops the run if it fails."""
    result = subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"finding {what} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
