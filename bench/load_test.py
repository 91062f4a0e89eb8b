"""Load test of a production-like site: gunicorn, PostgreSQL, the demo content.

    .venv/bin/python bench/load_test.py [--duration 60] [--clients 50] [--workers 2] [--threads 4]

Runs itself inside tests/support/run_with_postgres.sh (a private, throwaway
PostgreSQL cluster), builds the site there (migrate, load_demo, update_index,
collectstatic into a temporary STATIC_ROOT so that whitenoise serves the
hashed files), starts gunicorn with the production settings, and checks that
every URL of the mix answers. Then N clients, each a thread with one
keep-alive connection, request URLs of the mix back to back for the given
duration: home pages, listings, articles found in /sitemap.xml, and searches.
A line of progress every 5 s; at the end a results table, printed and
written to bench/LOAD_RESULTS.md: throughput, errors, and latency
percentiles overall and per URL group.

An error is an answer other than 2xx/3xx, or no answer (refused, reset,
timed out). A request on a kept-alive connection that the server had just
closed is sent again once on a new connection, as browsers and HTTP clients
do for GET; such retries are counted and reported, and their latency runs
from the first attempt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import importlib.metadata
import math
import os
import platform
import random
import re
import secrets
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = ROOT / "bench" / "LOAD_RESULTS.md"
PROGRESS_EVERY_S = 5.0
REQUEST_TIMEOUT_S = (
    60.0  # beyond gunicorn's own 30 s: a hung request shows as an error, not a stall
)

# What each client picks, by weight: readers mostly open articles, arriving on
# a home page or a listing; a share search.
GROUP_WEIGHTS = {"home": 0.2, "listing": 0.2, "article": 0.4, "search": 0.2}
LISTING_PATHS = ["/news/", "/notices/", "/weeks/", "/en/news/", "/en/notices/", "/en/weeks/"]
ARTICLE_PREFIXES = ("/news/", "/notices/", "/en/news/", "/en/notices/")
ARTICLES_PER_RUN = 12
SEARCH_QUERIES = [
    ("/search/", "终身学习"),
    ("/search/", "沈阳"),
    ("/search/", "社区教育"),
    ("/search/", "学习之星"),
    ("/search/", "教职成厅函〔2024〕7号"),
    ("/en/search/", "learning"),
    ("/en/search/", "opening ceremony"),
]
# Failures of a kept-alive connection before any answer: the server closed it
# while the request was on its way. Safe to send a GET again.
STALE_CONNECTION_ERRORS = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
    ConnectionAbortedError,
)


# --- Building the site -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def site_environment(
    port: int, site_dir: Path, settings: str, page_cache_seconds: int = 0
) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "SEARCH_BACKEND"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=settings,
        SECRET_KEY=(site_dir / "secret").read_text(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; no TLS proxy in front
        # Media, the demo password file and the static files go to a throwaway
        # folder beside the cluster, never to the checkout's data/.
        DATA_DIR=str(site_dir / "data"),
        MEDIA_ROOT=str(site_dir / "media"),
        STATIC_ROOT=str(site_dir / "static"),
        DEMO_ADMIN_PASSWORD="benchmark-only-password",
        PORT=str(port),  # the demo's Site record names this port
        # 0: every request is rendered (the uncached figures); >0: anonymous
        # pages come from the page cache (lifelong_site.caching).
        PAGE_CACHE_SECONDS=str(page_cache_seconds),
    )
    return environment


def manage(environment: dict[str, str], log: Path, *args: str) -> float:
    """Run a manage.py command, its output to `log`, with a line of progress
    every 15 s; returns its wall time."""
    started = time.monotonic()
    print(f"== manage.py {' '.join(args)}", flush=True)
    with log.open("ab") as stream:
        process = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=environment,
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
        while process.poll() is None:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                print(f"   … {time.monotonic() - started:.0f} s", flush=True)
    seconds = time.monotonic() - started
    if process.returncode:
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    print(f"   done in {seconds:.0f} s", flush=True)
    return seconds


def start_gunicorn(
    environment: dict[str, str],
    port: int,
    workers: int,
    threads: int,
    log: Path,
    *,
    python: str = sys.executable,
    application: str = "lifelong_site.wsgi:application",
    cwd: Path = ROOT,
) -> subprocess.Popen[bytes]:
    """gunicorn with the flags of every benchmark; another site
    (bench/compare's bakerydemo) passes its own interpreter, application
    and folder, so both are served alike."""
    command = [
        python,
        "-m",
        "gunicorn",
        application,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        "30",
        "--keep-alive",
        "5",
    ]
    with log.open("ab") as stream:
        return subprocess.Popen(
            command, cwd=cwd, env=environment, stdout=stream, stderr=subprocess.STDOUT
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_until_serving(
    port: int, server: subprocess.Popen[bytes], log: Path, ready_path: str = "/healthz"
) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            if get(port, ready_path, timeout=10)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(
        f"gunicorn did not answer {ready_path} within 120 s:\n{log.read_text(errors='replace')[-4000:]}"
    )


def discover_urls(port: int) -> dict[str, list[str]]:
    status, body = get(port, "/sitemap.xml")
    if status != 200:
        raise SystemExit(f"/sitemap.xml answered {status}")
    paths = sorted(
        {
            urllib.parse.urlsplit(loc).path
            for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode())
        }
    )
    listings = [path for path in LISTING_PATHS if path in paths]
    articles = [
        path
        for path in paths
        if path.startswith(ARTICLE_PREFIXES) and path.count("/") >= 3 + path.startswith("/en/")
    ]
    # An even spread over the archive (old and new, Chinese and English),
    # the same at every run on the same demo content.
    step = max(1, len(articles) // ARTICLES_PER_RUN)
    articles = articles[::step][:ARTICLES_PER_RUN]
    if len(listings) < 3 or len(articles) < 4:
        raise SystemExit(f"the sitemap lacks the demo's listings or articles: {paths[:40]}")
    search = [f"{page}?{urllib.parse.urlencode({'q': query})}" for page, query in SEARCH_QUERIES]
    return {"home": ["/", "/en/"], "listing": listings, "article": articles, "search": search}


def check_every_url(port: int, urls: dict[str, list[str]]) -> None:
    """Each URL once, before the clock starts: all must answer 200 (this also
    fills the workers' template and translation caches), and so must the
    static files the home page links to, which whitenoise serves."""
    home = get(port, "/")[1].decode()
    assets = sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', home)))
    if not assets:
        raise SystemExit("the home page links no static files")
    for path in [*(p for group in urls.values() for p in group), *assets]:
        status, _ = get(port, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status} before the load started")
    print(
        f"   {sum(map(len, urls.values()))} URLs and {len(assets)} static files answer 200",
        flush=True,
    )


# --- The load ------------------------------------------------------------------------


@dataclass
class Record:
    client: int
    group: str
    path: str
    started: float  # seconds since the load started
    latency: float
    status: int | None
    size: int
    error: str | None


@dataclass
class ClientState:
    records: list[Record] = field(default_factory=list)
    stale_retries: int = 0


def client(
    port: int,
    urls: dict[str, list[str]],
    number: int,
    start: float,
    deadline: float,
    state: ClientState,
) -> None:
    chooser = random.Random(1000 + number)  # the same URL sequence at every run
    groups = list(GROUP_WEIGHTS)
    weights = list(GROUP_WEIGHTS.values())
    conn: http.client.HTTPConnection | None = None
    used = 0  # requests sent on the current connection
    while time.monotonic() < deadline:
        group = chooser.choices(groups, weights)[0]
        path = chooser.choice(urls[group])
        began = time.monotonic()
        status: int | None = None
        size = 0
        error: str | None = None
        for attempt in range(2):
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)
                used = 0
            current = conn  # the connection of this attempt, even once conn is reset
            try:
                current.request(
                    "GET", path, headers={"Host": "127.0.0.1", "Accept-Language": "zh-CN,zh;q=0.9"}
                )
                response = current.getresponse()
                body = response.read()
                status, size, error = response.status, len(body), None
                used += 1
                if response.will_close:
                    current.close()
                    conn = None
                break
            except STALE_CONNECTION_ERRORS as failure:
                current.close()
                conn = None
                error = repr(failure)
                if used == 0 or attempt == 1:
                    break
                state.stale_retries += 1
            except (OSError, http.client.HTTPException) as failure:
                current.close()
                conn = None
                error = repr(failure)
                break
        state.records.append(
            Record(
                number, group, path, began - start, time.monotonic() - began, status, size, error
            )
        )
    if conn is not None:
        conn.close()


def is_error(record: Record) -> bool:
    return record.status is None or not 200 <= record.status < 400


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of a sorted list."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered)))) - 1]


def database_connections(port: int) -> int:
    """Connections the site holds open in PostgreSQL (to watch for exhaustion)."""
    psql = Path(os.environ["LIFELONG_PG_BIN_DIR"]) / "psql"
    result = subprocess.run(
        [
            str(psql),
            "-X",
            "-tA",
            "-h",
            "127.0.0.1",
            "-p",
            os.environ["LIFELONG_PG_PORT"],
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-c",
            "SELECT count(*) FROM pg_stat_activity WHERE datname = 'lifelong'",
        ],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return int(result.stdout.strip() or 0)


def run_load(
    port: int, urls: dict[str, list[str]], clients: int, duration: float
) -> tuple[list[Record], int, float, list[str], int]:
    start = time.monotonic()
    deadline = start + duration
    states = [ClientState() for _ in range(clients)]
    threads = [
        threading.Thread(
            target=client, args=(port, urls, number, start, deadline, state), daemon=True
        )
        for number, state in enumerate(states)
    ]
    for thread in threads:
        thread.start()
    progress: list[str] = []
    seen = [0] * clients
    errors = 0
    peak_connections = 0
    next_report = start + PROGRESS_EVERY_S
    while any(thread.is_alive() for thread in threads):
        time.sleep(max(0.0, min(next_report - time.monotonic(), 0.5)))
        if time.monotonic() < next_report:
            continue
        window: list[Record] = []
        for number, state in enumerate(states):
            count = len(state.records)  # appended by one thread only; reading the length is safe
            window.extend(state.records[seen[number] : count])
            seen[number] = count
        peak_connections = max(peak_connections, database_connections(port))
        latencies = sorted(record.latency for record in window)
        total = sum(seen)
        errors += sum(map(is_error, window))
        line = (
            f"{time.monotonic() - start:5.0f} s  {total:6d} requests  {len(window) / PROGRESS_EVERY_S:6.1f} req/s  "
            f"p50 {percentile(latencies, 0.5) * 1000:5.0f} ms  p99 {percentile(latencies, 0.99) * 1000:5.0f} ms  "
            f"errors {errors}  db connections {peak_connections}"
        )
        print(line, flush=True)
        progress.append(line)
        next_report += PROGRESS_EVERY_S
    elapsed = time.monotonic() - start
    records = [record for state in states for record in state.records]
    return (
        records,
        sum(state.stale_retries for state in states),
        elapsed,
        progress,
        peak_connections,
    )


# --- Reporting -------------------------------------------------------------------------


def machine() -> str:
    meminfo = Path("/proc/meminfo").read_text()
    total_kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))  # type: ignore[union-attr]
    model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    return (
        f"{os.cpu_count()} cores ({model.group(1).strip() if model else platform.machine()}), "
        f"{total_kib / 1024 / 1024:.1f} GiB memory, Linux {platform.release()}"
    )


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def row(name: str, records: list[Record], elapsed: float) -> str:
    latencies = sorted(record.latency * 1000 for record in records)
    sizes = [record.size for record in records if not is_error(record)]
    return (
        f"| {name} | {len(records)} | {len(records) / elapsed:.1f} | {sum(map(is_error, records))} | "
        f"{percentile(latencies, 0.5):.0f} | {percentile(latencies, 0.9):.0f} | {percentile(latencies, 0.99):.0f} | "
        f"{max(latencies, default=0):.0f} | {statistics.mean(sizes) / 1024 if sizes else 0:.0f} |"
    )


def per_client_line(records: list[Record]) -> str:
    """How evenly the clients were served. A client keeps its connection, and
    so its gunicorn worker, for the whole run: a wide spread means the workers
    took uneven shares of the connections."""
    by_client: dict[int, list[float]] = {}
    for record in records:
        by_client.setdefault(record.client, []).append(record.latency * 1000)
    means = sorted(statistics.mean(values) for values in by_client.values())
    return (
        f"Mean latency per client (ms): lowest {means[0]:.0f}, median {statistics.median(means):.0f}, "
        f"highest {means[-1]:.0f}"
        if means
        else ""
    )


def report(
    args: argparse.Namespace,
    context: dict[str, str],
    urls: dict[str, list[str]],
    records: list[Record],
    stale_retries: int,
    elapsed: float,
    progress: list[str],
    server_log: str,
) -> str:
    errors = [record for record in records if is_error(record)]
    command = ".venv/bin/python bench/load_test.py " + shlex.join(
        [
            f"--duration={args.duration:g}",
            f"--clients={args.clients}",
            f"--workers={args.workers}",
            f"--threads={args.threads}",
            f"--page-cache={args.page_cache}",
        ]
    )
    lines = [
        "# Load test: gunicorn + PostgreSQL, demo content",
        "",
        f"- Command: `{command}`",
        f"- Date: {context['date']}",
        (
            f"- Machine: {machine()}; load average {context['load_before']} before the run, {load_average()} after "
            "(1, 5, 15 min; the clients run on the same machine as the server and the database)"
        ),
        (
            f"- Software: Python {platform.python_version()}, Django {importlib.metadata.version('django')}, "
            f"Wagtail {importlib.metadata.version('wagtail')}, gunicorn {importlib.metadata.version('gunicorn')}, "
            f"PostgreSQL {context['postgres']}"
        ),
        (
            f"- Server: gunicorn `--workers {args.workers} --worker-class gthread --threads {args.threads} --timeout 30 "
            "--keep-alive 5`, production settings (DEBUG off, whitenoise serving collected hashed static files, "
            "database search backend), CONN_MAX_AGE 60 with health checks, "
            + (
                f"page cache on ({args.page_cache} s)"
                if args.page_cache
                else "page cache off: every page rendered"
            )
        ),
        f"- Site: the demo content (`load_demo`, `update_index`): {context['sitemap_pages']} pages in the sitemap",
        f"- Load: {args.clients} clients, each a thread with one keep-alive connection, requesting back to back "
        f"(no think time) for {args.duration:g} s; URL groups picked with weights "
        + ", ".join(f"{group} {weight:.0%}" for group, weight in GROUP_WEIGHTS.items()),
        "",
        "| | value |",
        "|---|--:|",
        f"| duration (s) | {elapsed:.1f} |",
        f"| clients | {args.clients} |",
        f"| requests | {len(records)} |",
        f"| throughput (req/s) | {len(records) / elapsed:.1f} |",
        f"| errors (non-2xx/3xx or no answer) | {len(errors)} |",
        f"| stale keep-alive connections retried | {stale_retries} |",
        f"| peak database connections | {context['db_connections']} |",
        f"| gunicorn worker timeouts | {server_log.count('WORKER TIMEOUT')} |",
        "",
        "Latency in ms, from sending the request to reading the last byte of the answer:",
        "",
        "| group | requests | req/s | errors | p50 | p90 | p99 | max | mean KiB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
        row("**all**", records, elapsed),
        *[
            row(group, [record for record in records if record.group == group], elapsed)
            for group in urls
        ],
        "",
        per_client_line(records),
        "",
        "Status codes: "
        + ", ".join(
            f"{status or 'no answer'}: {count}"
            for status, count in sorted(
                Counter(record.status for record in records).items(), key=lambda item: item[0] or 0
            )
        ),
        "",
        "URLs of each group:",
        "",
        *[
            f"- {group}: " + ", ".join(f"`{urllib.parse.unquote(path)}`" for path in paths)
            for group, paths in urls.items()
        ],
        "",
        "Progress (every 5 s; p50/p99 over the last 5 s):",
        "",
        "```",
        *progress,
        "```",
    ]
    if errors:
        lines += ["", "First errors:", "", "```"]
        lines += [
            f"{record.started:7.2f} s {record.path} -> {record.status} {record.error or ''}"
            for record in errors[:20]
        ]
        lines += ["```"]
    return "\n".join(lines) + "\n"


# --- Main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (default 2)"
    )
    parser.add_argument(
        "--threads", type=int, default=4, help="threads per gunicorn worker (default 4)"
    )
    parser.add_argument(
        "--page-cache",
        type=int,
        default=0,
        metavar="SECONDS",
        help="page cache lifetime; 0 (default) measures uncached rendering",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="results file (default bench/LOAD_RESULTS.md)",
    )
    args = parser.parse_args()

    if not os.environ.get("LIFELONG_PG_DATA_DIR"):
        # Start over inside a private PostgreSQL cluster, removed however the run ends.
        os.chdir(ROOT)
        wrapper = [
            "bash",
            "tests/support/run_with_postgres.sh",
            sys.executable,
            str(Path(__file__).resolve()),
            *sys.argv[1:],
        ]
        os.execvp("bash", wrapper)
    if "@127.0.0.1:" not in os.environ.get("DATABASE_URL", ""):
        raise SystemExit(
            "Refusing to run against anything but the private cluster of run_with_postgres.sh."
        )

    port = free_port()
    site_dir = Path(os.environ["LIFELONG_PG_DATA_DIR"]).parent / "site"
    site_dir.mkdir()
    (site_dir / "secret").write_text(secrets.token_urlsafe(50))
    build_log, server_log = site_dir / "build.log", site_dir / "gunicorn.log"
    # Built with the benchmarks' settings (the development ones, with the demo
    # and its offline machine translation), as the other benchmarks build;
    # served with the production ones.
    build_env = site_environment(port, site_dir, "bench.settings")
    serve_env = site_environment(
        port, site_dir, "lifelong_site.settings.production", args.page_cache
    )
    steps = {
        "migrate": manage(build_env, build_log, "migrate", "--noinput", "-v0"),
        "load_demo": manage(build_env, build_log, "load_demo"),
        "update_index": manage(build_env, build_log, "update_index", "-v0"),
        "collectstatic": manage(serve_env, build_log, "collectstatic", "--noinput", "-v0"),
    }
    print(
        "   build: " + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in steps.items()),
        flush=True,
    )

    print(
        f"== gunicorn on 127.0.0.1:{port}: {args.workers} workers × {args.threads} threads",
        flush=True,
    )
    server = start_gunicorn(serve_env, port, args.workers, args.threads, server_log)
    try:
        wait_until_serving(port, server, server_log)
        urls = discover_urls(port)
        check_every_url(port, urls)
        postgres = subprocess.run(
            [
                str(Path(os.environ["LIFELONG_PG_BIN_DIR"]) / "psql"),
                "-X",
                "-tA",
                os.environ["DATABASE_URL"],
                "-c",
                "SHOW server_version",
            ],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        sitemap = get(port, "/sitemap.xml")[1].decode()
        context = {
            "date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
            "load_before": load_average(),
            "postgres": postgres,
            "sitemap_pages": str(sitemap.count("<loc>")),
        }
        print(f"== load: {args.clients} clients for {args.duration:g} s", flush=True)
        records, stale_retries, elapsed, progress, peak = run_load(
            port, urls, args.clients, args.duration
        )
        context["db_connections"] = str(peak)
        if server.poll() is not None:
            raise SystemExit(
                f"gunicorn died during the run:\n{server_log.read_text(errors='replace')[-4000:]}"
            )
    finally:
        stop(server)
    log_text = server_log.read_text(errors="replace")
    text = report(args, context, urls, records, stale_retries, elapsed, progress, log_text)
    args.output.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written {args.output}")
    errors = sum(map(is_error, records))
    if errors:
        print(
            f"{errors} errors; the tail of the gunicorn log:\n{log_text[-3000:]}", file=sys.stderr
        )
        raise SystemExit(1)


if __name__ == "__main__":
    main()
