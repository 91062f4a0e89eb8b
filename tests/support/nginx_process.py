"""The shipped nginx configuration (deploy/nginx) run as a process in front
of an application port, and an HTTPS request to it."""

from __future__ import annotations

import http.client
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.nginx_config import free_port, render_nginx_config


@contextmanager
def running_nginx(
    app_port: int, folder: Path, ports: tuple[int, int, int] | None = None
) -> Iterator[tuple[int, int, int]]:
    """The shipped configuration in ``folder`` (its own proxy cache) in front
    of the application: yields its HTTPS, HTTP and purge ports (new ones, or
    ``ports``: a node restarted on the same folder and ports, with what its
    cache held on disk)."""
    if not shutil.which("nginx"):
        pytest.fail("nginx is required (tests/support/system_packages.sh installs it)")
    folder.mkdir(parents=True, exist_ok=True)
    https_port, http_port, purge_port = ports or (free_port(), free_port(), free_port())
    config = render_nginx_config(folder, app_port, https_port, http_port, purge_port)
    checked = subprocess.run(
        ["nginx", "-t", "-c", str(config), "-p", str(folder), "-e", str(folder / "error.log")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        ["nginx", "-c", str(config), "-p", str(folder), "-e", str(folder / "error.log")]
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield https_port, http_port, purge_port
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(
    port: int,
    host: str,
    path: str,
    method: str = "GET",
    body: str | None = None,
    headers: dict | None = None,
):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), content
