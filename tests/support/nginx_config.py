"""The shipped nginx configuration (deploy/nginx), made runnable on a test
machine: only ports, certificate, log, cache and media folders are replaced;
everything else runs as shipped. Used by the reverse-proxy tests and the
benchmarks, which both put real nginx in front of a live application."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.ports import free_port

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "nginx"
CONFIG_FILES = ("lifelong.conf", "lifelong-proxy-params.conf")
PUBLIC_HOST = "www.example.gov.cn"
ADMIN_HOST = "admin.example.gov.cn"
# Debian's libnginx-mod-http-cache-purge (ngx_cache_purge); the shipped
# purge listener needs it.
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
# The port the shipped purge listener is bound to (loopback only).
SHIPPED_PURGE_LISTEN = "127.0.0.1:8081"


def purge_module_available() -> bool:
    return PURGE_MODULE.exists()


def _make_media(folder: Path) -> Path:
    """Static and media folders with one file in each media kind, so tests
    can tell which of them nginx serves from disk."""
    (folder / "static").mkdir(exist_ok=True)
    media = folder / "media"
    for sub in ("images", "documents", "original_images"):
        (media / sub).mkdir(parents=True, exist_ok=True)
        (media / sub / "sample.txt").write_text("file on disk")
    return media


def _make_certificate(folder: Path) -> None:
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={PUBLIC_HOST}",
            "-keyout",
            str(folder / "privkey.pem"),
            "-out",
            str(folder / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )


def _adapt(text: str, replacements: dict[str, str], with_purge: bool) -> str:
    lines = text.splitlines()
    # No IPv6 on test machines.
    lines = [line for line in lines if "listen [::" not in line]
    if not with_purge:
        # Without the module nginx would refuse the whole configuration; the
        # cache itself still works, only purging does not.
        lines = [line for line in lines if "proxy_cache_purge" not in line]
    text = "\n".join(lines) + "\n"
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text


def render_nginx_config(
    folder: Path, app_port: int, https_port: int, http_port: int, purge_port: int | None = None
) -> Path:
    """Writes the shipped configuration into `folder` and returns the path of
    the main nginx.conf to start nginx with (`nginx -c <path> -p <folder>`).

    The application is expected on 127.0.0.1:`app_port`; nginx listens on
    127.0.0.1 only: HTTPS (both host names) on `https_port`, plain HTTP on
    `http_port`, the purge listener on `purge_port` (a free port when None).
    The proxy cache and nginx's temporary files live inside `folder`.
    """
    folder = Path(folder)
    media = _make_media(folder)
    _make_certificate(folder)
    (folder / "cache").mkdir(exist_ok=True)
    with_purge = purge_module_available()
    replacements = {
        "127.0.0.1:8000": f"127.0.0.1:{app_port}",
        SHIPPED_PURGE_LISTEN: f"127.0.0.1:{purge_port or free_port()}",
        "listen 443 ssl": f"listen 127.0.0.1:{https_port} ssl",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "/etc/ssl/lifelong/": f"{folder}/",
        "/etc/nginx/conf.d/": f"{folder}/",
        "/var/log/nginx/": f"{folder}/",
        "/var/cache/nginx/": f"{folder}/cache/",
        "/srv/lifelong/static/": f"{folder}/static/",
        "/srv/lifelong/media/": f"{media}/",
    }
    for name in CONFIG_FILES:
        (folder / name).write_text(_adapt((DEPLOY / name).read_text(), replacements, with_purge))
    load = f"load_module {PURGE_MODULE};\n" if with_purge else ""
    main = folder / "nginx.conf"
    main.write_text(
        # Workers as root: pytest's temporary folders are private to their owner.
        f"{load}user root;\ndaemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n  scgi_temp_path {folder}/scgi;\n"
        f"  include /etc/nginx/mime.types;\n  include {folder}/lifelong.conf;\n}}\n"
    )
    return main
