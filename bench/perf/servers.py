"""The servers under test: gunicorn as bench/load_test.py starts it, and
nginx with the shipped configuration (tests/support/nginx_config.py renders
it for a folder and ports) in front of one of them."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from bench.load_test import free_port, start_gunicorn, stop, wait_until_serving

WORKERS, THREADS = 2, 4  # as bench/load_test.py: two cores, gthread


@dataclass
class Gunicorn:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def worker_pids(self) -> list[int]:
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # ended while listed
            if int(fields[1]) == self.process.pid:  # the parent pid
                pids.append(int(stat.parent.name))
        return sorted(pids)

    def worker_peaks_mib(self) -> list[int]:
        """VmHWM of each worker: its peak resident memory since it started."""
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match[1]) // 1024)
        return peaks

    def stop(self) -> None:
        stop(self.process)


@contextmanager
def stopped_at_the_end() -> Iterator[list[Gunicorn | Nginx]]:
    """The servers a run starts, added to the list this yields: stopped in
    reverse order however the run ends. On an error the end of each gunicorn
    log is printed first: the work folder goes with the cluster."""
    running: list[Gunicorn | Nginx] = []
    try:
        yield running
    except BaseException:
        for server in running:
            if isinstance(server, Gunicorn):
                tail = server.log.read_text(errors="replace")[-3000:]
                print(f"--- end of the {server.name} gunicorn log ---\n{tail}", file=sys.stderr)
        raise
    finally:
        for server in reversed(running):
            server.stop()


def start_app(
    name: str, environment: dict[str, str], folder: Path, ready_path: str = "/healthz", **site: Any
) -> Gunicorn:
    """`site`: another site's python, application and cwd (see start_gunicorn);
    `ready_path`: a URL that answers 200 once it serves."""
    port = free_port()
    log = folder / f"gunicorn-{name}.log"
    print(
        f"== gunicorn ({name}) on 127.0.0.1:{port}: {WORKERS} workers × {THREADS} threads",
        flush=True,
    )
    server = Gunicorn(
        name, port, start_gunicorn(environment, port, WORKERS, THREADS, log, **site), log
    )
    try:
        wait_until_serving(port, server.process, log, ready_path)
    except BaseException:
        server.stop()
        raise
    return server


# --- nginx -------------------------------------------------------------------------


def nginx_config_module() -> ModuleType | None:
    """tests/support/nginx_config.py, or None where it is not there yet."""
    try:
        from tests.support import nginx_config
    except ImportError:
        return None
    return nginx_config


@dataclass
class Nginx:
    https_port: int
    public_host: str
    static_folder: Path  # what the public host serves at /static/
    process: subprocess.Popen[bytes]
    error_log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def static_folder_of(folder: Path) -> Path:
    """The folder of the public host's `location /static/ { alias …; }` in
    the rendered configuration."""
    for conf in sorted(folder.glob("*.conf")):
        match = re.search(r"location /static/ \{[^}]*?alias\s+([^;\s]+);", conf.read_text())
        if match:
            return Path(match[1])
    raise SystemExit(
        f"no `location /static/` with an alias in the nginx configuration rendered in {folder}"
    )


def start_nginx(app_port: int, folder: Path) -> Nginx:
    module = nginx_config_module()
    if module is None:
        raise RuntimeError("tests/support/nginx_config.py is not there")
    if not shutil.which("nginx"):
        raise RuntimeError("nginx is not installed (bench/system_packages.sh)")
    folder.mkdir(parents=True, exist_ok=True)
    https_port, http_port = free_port(), free_port()
    config = Path(module.render_nginx_config(folder, app_port, https_port, http_port))
    error_log = folder / "error.log"
    base = ["nginx", "-c", str(config), "-p", str(folder), "-e", str(error_log)]
    checked = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
    if checked.returncode:
        raise RuntimeError(f"nginx -t refused the rendered configuration:\n{checked.stderr}")
    print(f"== nginx on 127.0.0.1:{https_port} (TLS) in front of 127.0.0.1:{app_port}", flush=True)
    process = subprocess.Popen(base, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Nginx(
        https_port, str(module.PUBLIC_HOST), static_folder_of(folder), process, error_log
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited:\n{error_log.read_text(errors='replace')[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError("nginx did not listen within 15 s")
