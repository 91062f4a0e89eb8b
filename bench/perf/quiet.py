"""Waiting for the servers to be idle between two load runs.

wrk stops sending when its time is up, but the requests already queued in
gunicorn (32 slow listings are a minute of work on two cores) are still
rendered after it has gone, and would slow the next row. So the next row
waits until the gunicorn workers and the PostgreSQL backends have used
(almost) no CPU for two seconds and no statement of the site is running.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
SAMPLE_S = 0.5
IDLE_SHARE = 0.05  # of one core, over a sample
QUIET_SAMPLES = 4  # two seconds: between two queued requests the CPU rests for a moment
SHORTEST_WAIT = QUIET_SAMPLES * SAMPLE_S  # what waiting costs when the servers are already idle


def _stat_fields(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def descendants(root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat_fields(int(entry.name))):
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def cpu_ticks(root: int) -> int:
    """CPU time used so far by `root` and its descendants, in clock ticks."""
    total = 0
    for pid in descendants(root):
        fields = _stat_fields(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def postgres_pid() -> int | None:
    """The private cluster's postmaster (its backends are its children)."""
    try:
        return int(
            (Path(os.environ["LIFELONG_PG_DATA_DIR"]) / "postmaster.pid").read_text().split()[0]
        )
    except (KeyError, OSError, ValueError, IndexError):
        return None


def wait_until_quiet(
    roots: dict[str, int], nothing_running: Callable[[], bool] = lambda: True, timeout: float = 300
) -> tuple[float, list[str]]:
    """Wait until the named process trees have been idle for a moment and
    `nothing_running()` says so too (a query waiting on a lock uses no CPU);
    returns the seconds waited and which trees were busy at first."""
    started = time.monotonic()
    quiet = 0
    busy_names: list[str] = []
    previous = {name: cpu_ticks(pid) for name, pid in roots.items()}
    while quiet < QUIET_SAMPLES and time.monotonic() - started < timeout:
        time.sleep(SAMPLE_S)
        current = {name: cpu_ticks(pid) for name, pid in roots.items()}
        shares = {
            name: (current[name] - previous[name]) / TICKS_PER_SECOND / SAMPLE_S for name in roots
        }
        if not busy_names:
            busy_names = [name for name, share in shares.items() if share >= IDLE_SHARE]
        idle = sum(shares.values()) < IDLE_SHARE and nothing_running()
        quiet = quiet + 1 if idle else 0
        previous = current
    return time.monotonic() - started, busy_names
