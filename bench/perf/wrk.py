"""wrk runs and what they print (`wrk --latency`)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

THREADS = 2  # one per core: wrk shares the machine with the servers
TIMEOUT = "30s"  # gunicorn's own timeout: a slow answer counts as slow, not as an error
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class LoadFigures:
    requests: int
    seconds: float
    rps: float
    p50: float  # ms
    p99: float
    non_2xx: int  # answers other than 2xx/3xx
    socket_errors: int  # connect, read, write errors and timeouts

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors


def available() -> bool:
    return shutil.which("wrk") is not None


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse(output: str) -> LoadFigures:
    def find(pattern: str) -> re.Match[str]:
        match = re.search(pattern, output)
        if match is None:
            raise ValueError(f"wrk printed no {pattern!r}:\n{output}")
        return match

    done = find(r"(\d+) requests in ([\d.]+)(\w+),")
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return LoadFigures(
        requests=int(done[1]),
        seconds=_ms(done[2] + done[3]) / 1000,
        rps=float(find(r"Requests/sec:\s+([\d.]+)")[1]),
        p50=_ms(find(r"\s50%\s+([\d.]+\w+)")[1]),
        p99=_ms(find(r"\s99%\s+([\d.]+\w+)")[1]),
        non_2xx=int(non_2xx[1]) if non_2xx else 0,
        socket_errors=sum(map(int, sockets.groups())) if sockets else 0,
    )


def run(url: str, duration: float, connections: int, host: str | None = None) -> LoadFigures:
    command = [
        "wrk",
        "--latency",
        "--threads",
        str(min(THREADS, connections)),
        "--connections",
        str(connections),
        "--duration",
        f"{max(1, round(duration))}s",
        "--timeout",
        TIMEOUT,
    ]
    if host:
        command += ["--header", f"Host: {host}"]
    result = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=duration + 120, check=False
    )
    if result.returncode:
        raise SystemExit(f"wrk failed on {url}: {result.stderr or result.stdout}")
    return parse(result.stdout)
