"""The load matrix: each target (article, listing, home, search) from the
uncached application, the page cache, and nginx's proxy cache; and the
physical reference, a static file of the article's size from nginx and from
whitenoise. One wrk run of --duration seconds each, one after the other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bench.perf import postgres, wrk
from bench.perf.probe import Client
from bench.perf.quiet import SHORTEST_WAIT, postgres_pid, wait_until_quiet
from bench.perf.servers import Gunicorn, Nginx

TARGETS = ("article", "listing", "home", "search")
UNCACHED, PAGE_CACHE, PROXY_CACHE = "app, uncached", "app, page cache", "nginx, proxy cache"
STATIC_NGINX, STATIC_WHITENOISE = "nginx, static file", "whitenoise, static file"
REFERENCE_NAME = "bench-reference.html"
PAGE_CACHE_HEADER, PROXY_CACHE_HEADER = "x-page-cache", "x-proxy-cache"


@dataclass(frozen=True)
class LoadRow:
    target: str
    mode: str
    path: str
    cache: str  # the cache header of the last warm-up answer: hit, MISS… or "—"
    figures: wrk.LoadFigures | None
    note: str = ""


def reference_html(size: int) -> bytes:
    """A valid HTML document of exactly `size` bytes (filler in a comment)."""
    head, tail = (
        b'<!doctype html>\n<html lang="zh-Hans"><title>reference</title><!--',
        b"--><p>static</p></html>\n",
    )
    return head + b"x" * max(size - len(head) - len(tail), 0) + tail


def write_reference(folder: Path, size: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / REFERENCE_NAME
    path.write_bytes(reference_html(size))
    return path


def warm(client: Client, path: str, header: str | None) -> str:
    """Two requests, so that a cache holds the page before the clock starts;
    returns what the cache said the second time."""
    answers = [client.get(path) for _ in range(2)]
    if answers[-1].status >= 400:
        raise SystemExit(f"{path} answered {answers[-1].status} before the load")
    return answers[-1].headers.get(header, "absent") if header else "—"


def run_one(
    target: str,
    mode: str,
    base_url: str,
    path: str,
    client: Client,
    header: str | None,
    duration: float,
    connections: int,
    host: str | None = None,
) -> LoadRow:
    try:
        cache = warm(client, path, header)
    finally:
        client.close()
    figures = wrk.run(base_url + path, duration, connections, host)
    print(
        f"   {target:<8} {mode:<24} {figures.rps:8.1f} req/s  p50 {figures.p50:7.1f} ms  p99 {figures.p99:7.1f} ms  "
        f"errors {figures.errors}  cache {cache}",
        flush=True,
    )
    return LoadRow(target, mode, path, cache, figures)


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    client: Callable[[], Client]
    host: str | None = None  # the Host header, when not the address's own


def run_matrix(
    paths: dict[str, str],
    uncached: Gunicorn,
    cached: Gunicorn,
    nginx: Nginx | None,
    duration: float,
    connections: int,
) -> list[LoadRow]:
    rows: list[LoadRow] = []
    processes = {"uncached app": uncached.process.pid, "cached app": cached.process.pid}
    if (postmaster := postgres_pid()) is not None:
        processes["PostgreSQL"] = postmaster
    direct_uncached = Endpoint(f"http://127.0.0.1:{uncached.port}", lambda: Client(uncached.port))
    direct_cached = Endpoint(f"http://127.0.0.1:{cached.port}", lambda: Client(cached.port))
    proxied = None
    if nginx is not None:
        proxied = Endpoint(
            f"https://127.0.0.1:{nginx.https_port}",
            lambda: Client(nginx.https_port, nginx.public_host, tls=True),
            nginx.public_host,
        )

    def measure(
        target: str, mode: str, path: str, endpoint: Endpoint | None, header: str | None
    ) -> None:
        if endpoint is None:
            rows.append(LoadRow(target, mode, path, "—", None, "nginx not run"))
            return
        row = run_one(
            target,
            mode,
            endpoint.base_url,
            path,
            endpoint.client(),
            header,
            duration,
            connections,
            endpoint.host,
        )
        waited, busy = wait_until_quiet(processes, postgres.no_query_running)
        if waited > SHORTEST_WAIT + 1:
            # Requests queued during the run are still served after wrk has gone.
            note = f"busy {waited:.0f} s after the run: {', '.join(busy) or 'servers'}"
            print(f"   ({note})", flush=True)
            row = replace(row, note=note)
        rows.append(row)

    for target in TARGETS:
        measure(target, UNCACHED, paths[target], direct_uncached, None)
        measure(target, PAGE_CACHE, paths[target], direct_cached, PAGE_CACHE_HEADER)
        measure(target, PROXY_CACHE, paths[target], proxied, PROXY_CACHE_HEADER)
    static_path = f"/static/{REFERENCE_NAME}"
    measure("static", STATIC_NGINX, static_path, proxied, None)
    measure("static", STATIC_WHITENOISE, static_path, direct_cached, None)
    return rows
