"""The shipped nginx configuration (deploy/nginx), run for real in front of
the application: it must start, pass requests through with the headers the
application trusts, keep the admin off the public host, serve no media but
image renditions from disk, and throttle sign-in attempts."""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = [pytest.mark.django_db(transaction=True)]

DEPLOY = Path(settings.BASE_DIR) / "deploy" / "nginx"
PUBLIC_HOST = "www.example.gov.cn"
ADMIN_HOST = "admin.example.gov.cn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def deployable_config(folder: Path, app_port: int, https_port: int, http_port: int) -> Path:
    """The shipped files with only this machine's facts replaced: ports,
    certificate, folders. Everything else is tested as shipped."""
    (folder / "static").mkdir()
    media = folder / "media"
    for sub in ("images", "documents", "original_images"):
        (media / sub).mkdir(parents=True)
        (media / sub / "sample.txt").write_text("file on disk")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={PUBLIC_HOST}",
         "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True,
    )
    replacements = {
        "127.0.0.1:8000": f"127.0.0.1:{app_port}",
        "listen 443 ssl": f"listen 127.0.0.1:{https_port} ssl",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "/etc/ssl/lifelong/": f"{folder}/",
        "/etc/nginx/conf.d/": f"{folder}/",
        "/var/log/nginx/": f"{folder}/",
        "/srv/lifelong/static/": f"{folder}/static/",
        "/srv/lifelong/media/": f"{media}/",
    }
    for name in ("lifelong.conf", "lifelong-proxy-params.conf"):
        text = (DEPLOY / name).read_text()
        text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line)  # no IPv6 here
        for old, new in replacements.items():
            text = text.replace(old, new)
        (folder / name).write_text(text)
    main = folder / "nginx.conf"
    main.write_text(
        # Workers as root: pytest's temporary folders are private to their owner.
        f"user root;\ndaemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  include /etc/nginx/mime.types;\n  include {folder}/lifelong.conf;\n}}\n"
    )
    return main


@pytest.fixture
def nginx(live_site, tmp_path):
    if not shutil.which("nginx"):
        pytest.fail("nginx is required (tests/support/system_packages.sh installs it)")
    server, _tree = live_site
    app_port = int(server.url.rsplit(":", 1)[1])
    https_port, http_port = free_port(), free_port()
    config = deployable_config(tmp_path, app_port, https_port, http_port)
    checked = subprocess.run(["nginx", "-t", "-c", str(config), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(["nginx", "-c", str(config), "-p", str(tmp_path), "-e", str(tmp_path / "error.log")])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield https_port, http_port
    process.terminate()
    process.wait(timeout=10)


def fetch(port: int, host: str, path: str, method: str = "GET", body: str | None = None, headers: dict | None = None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
    response = connection.getresponse()
    content = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), content


def test_the_public_host_passes_pages_through_with_the_trusted_headers(nginx):
    https_port, http_port = nginx
    status, headers, body = fetch(https_port, PUBLIC_HOST, "/")
    assert status == 200
    assert "script-src 'self' 'sha256-" in headers["Content-Security-Policy"]
    # nginx made the request id; the application answered with the same one.
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])
    assert "nginx/" not in headers.get("Server", "")
    # Plain HTTP goes to HTTPS.
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/search/?q=1", headers={"Host": PUBLIC_HOST})
    redirect = connection.getresponse()
    assert redirect.status == 301 and redirect.getheader("Location") == f"https://{PUBLIC_HOST}/search/?q=1"


def test_the_public_host_keeps_admin_and_private_media_out(nginx):
    https_port, _ = nginx
    assert fetch(https_port, PUBLIC_HOST, "/admin/login/")[0] == 404
    assert fetch(https_port, PUBLIC_HOST, "/media/documents/sample.txt")[0] == 404
    assert fetch(https_port, PUBLIC_HOST, "/media/original_images/sample.txt")[0] == 404
    status, headers, body = fetch(https_port, PUBLIC_HOST, "/media/images/sample.txt")
    assert status == 200 and body == b"file on disk" and headers["X-Content-Type-Options"] == "nosniff"
    # Large bodies are refused before they reach Python.
    assert fetch(https_port, PUBLIC_HOST, "/api/views/1/", "POST", body="x" * 2_000_000)[0] == 413


def test_the_admin_host_throttles_sign_in_attempts(nginx):
    https_port, _ = nginx
    assert fetch(https_port, ADMIN_HOST, "/admin/login/")[0] == 200
    statuses = [
        fetch(https_port, ADMIN_HOST, "/admin/login/", "POST", body="username=a&password=b",
              headers={"Content-Type": "application/x-www-form-urlencoded"})[0]
        for _ in range(10)
    ]
    # The burst passes to the application (403: no CSRF token), then nginx refuses.
    assert statuses.count(429) >= 3, statuses
    assert set(statuses) <= {403, 429}, statuses
