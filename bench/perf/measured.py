"""Child processes timed, with their own peak memory.

The peak is the child's own ru_maxrss, read with os.wait4 on its pid when
it ends: RUSAGE_CHILDREN would give the largest of every child reaped so
far (a gunicorn, a pg_restore), not the step's.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRESS_EVERY_S = 30.0


@dataclass(frozen=True)
class Step:
    seconds: float
    peak_mib: int | None  # None: not known (a cache built by hand without it)

    def as_json(self) -> dict[str, float | int | None]:
        return {"seconds": round(self.seconds, 1), "peak_mib": self.peak_mib}

    @classmethod
    def from_json(cls, data: object) -> Step | None:
        if not isinstance(data, dict) or not isinstance(data.get("seconds"), int | float):
            return None
        peak = data.get("peak_mib")
        return cls(float(data["seconds"]), int(peak) if isinstance(peak, int | float) else None)


def run_measured(name: str, command: list[str], environment: dict[str, str], log: Path) -> Step:
    """Run `command` (output appended to `log`), with a line of progress
    every 30 s; stop the benchmark if it fails."""
    print(f"== {name}", flush=True)
    started = time.monotonic()
    with log.open("ab") as stream:
        stream.write(f"\n== {name}: {shlex.join(command)}\n".encode())
        stream.flush()
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=stream, stderr=subprocess.STDOUT
        )
    next_note = started + PROGRESS_EVERY_S
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() >= next_note:
            print(f"   … {time.monotonic() - started:.0f} s", flush=True)
            next_note += PROGRESS_EVERY_S
        time.sleep(0.2)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    seconds = time.monotonic() - started
    if process.returncode:
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise SystemExit(f"{name} failed (exit status {process.returncode}); log: {log}")
    step = Step(seconds, usage.ru_maxrss // 1024)  # KiB on Linux
    print(f"   {seconds:.0f} s, peak {step.peak_mib} MiB", flush=True)
    return step


def manage(name: str, environment: dict[str, str], log: Path, *args: str) -> Step:
    return run_measured(name, [sys.executable, "manage.py", *args], environment, log)
