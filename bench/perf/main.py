"""bench/run: build or restore the archive, index it, serve it, measure it.

    bench/run [--pages 10000] [--seed 1] [--duration 10] [--connections 32] [--output bench/RESULTS.md]

Runs itself inside tests/support/run_with_postgres.sh (a private, throwaway
PostgreSQL cluster). See bench/README.md for what each step measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import platform
import secrets
import shlex
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.load_test import load_average, machine
from bench.perf import cli, load, postgres, report, sections, sequential, servers, site_cache, wrk
from bench.perf.environment import Folders, production_environment
from bench.perf.measured import ROOT, Step, manage
from bench.perf.probe import Client

DEFAULT_OUTPUT = ROOT / "bench" / "RESULTS.md"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    cli.add_archive_options(parser)
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="results file (default bench/RESULTS.md)",
    )
    args = parser.parse_args()
    cli.check_archive_options(parser, args)
    return args


def command_line(args: argparse.Namespace) -> str:
    words = [
        "bench/run",
        "--pages",
        str(args.pages),
        "--seed",
        str(args.seed),
        "--duration",
        f"{args.duration:g}",
        "--connections",
        str(args.connections),
    ]
    if args.requests != 20:
        words += ["--requests", str(args.requests)]
    if args.output.resolve() != DEFAULT_OUTPUT:
        words += ["--output", str(args.output)]
    return shlex.join(words)


def software() -> str:
    versions = [f"Python {platform.python_version()}"]
    versions += [
        f"{name} {importlib.metadata.version(name.lower())}"
        for name in ("Django", "Wagtail", "gunicorn", "whitenoise")
    ]
    versions.append(f"PostgreSQL {postgres.sql('SHOW server_version')}")
    nginx = (
        subprocess.run(["nginx", "-v"], capture_output=True, text=True, check=False)
        if servers.nginx_config_module()
        else None
    )
    if nginx is not None and nginx.returncode == 0:
        versions.append(nginx.stderr.strip().replace("nginx version: ", ""))
    if wrk.available():
        banner = subprocess.run(
            ["wrk", "--version"], capture_output=True, text=True, check=False
        ).stdout.split()
        versions.append(f"wrk {banner[1] if len(banner) > 1 else '?'}")
    return ", ".join(versions)


def find_pages(environment: dict[str, str], seed: int) -> dict[str, Any]:
    return cli.json_of(
        [sys.executable, "-m", "bench.perf.page_types", "--seed", str(seed)],
        environment,
        "the page types",
    )


def measure(args: argparse.Namespace, work: Path) -> report.Run:
    started = cli.started_at()
    if not wrk.available():  # before the build, not after it
        raise SystemExit("wrk is not installed: run bench/system_packages.sh")
    date = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    load_before = load_average()
    log = work / "steps.log"
    folders = Folders(
        data=work / "data",
        media=work / "media",
        static=work / "static",
        page_cache=work / "page-cache",
    )
    folders.data.mkdir()

    prepared = site_cache.prepare(args.pages, args.seed, folders, log)

    nginx_module = servers.nginx_config_module()
    public_host = str(nginx_module.PUBLIC_HOST) if nginx_module else None
    hosts = ["127.0.0.1", "localhost", *([public_host] if public_host else [])]
    secret_key = secrets.token_urlsafe(50)
    serve_uncached = production_environment(folders, secret_key, hosts)
    serve_cached = production_environment(
        folders,
        secret_key,
        hosts,
        page_cache_seconds=600,
        page_cache_dir=work / "page-cache-served",
    )
    steps: dict[str, Step] = {
        "update_index": manage("update_index", serve_uncached, log, "update_index", "-v1"),
        "vacuum analyze": postgres.vacuum_analyze(serve_uncached, log),
        "collectstatic": manage(
            "collectstatic", serve_uncached, log, "collectstatic", "--noinput", "-v0"
        ),
    }
    found = find_pages(serve_uncached, args.seed)
    notes: list[str] = []

    uncached = servers.start_app("uncached", serve_uncached, work)
    with servers.stopped_at_the_end() as running:
        running.append(uncached)
        print(
            f"== page types: {len(found['pages'])} URLs, {args.requests} timed requests each",
            flush=True,
        )
        page_figures = sequential.measure_pages(uncached.port, found["pages"], args.requests)
        probe = Client(uncached.port)
        article = probe.get(found["load"]["article"])
        probe.close()
        # The physical reference: a static file of the article's size, in
        # STATIC_ROOT before the second server starts (whitenoise lists the
        # files once, at start-up) and in the folder nginx serves.
        load.write_reference(folders.static, len(article.body))
        cached = servers.start_app("cached", serve_cached, work)
        running.append(cached)
        nginx = None
        if nginx_module is None:
            notes.append(
                "nginx rows not measured: tests/support/nginx_config.py (renders the shipped configuration) is missing"
            )
        else:
            try:
                nginx = servers.start_nginx(cached.port, work / "nginx")
                running.append(nginx)
                load.write_reference(nginx.static_folder, len(article.body))
            except RuntimeError as error:
                notes.append(f"nginx rows not measured: {str(error).splitlines()[0]}")
                print(f"   nginx not run: {error}", flush=True)
        print(
            f"== load: wrk, {args.connections} connections, {args.duration:g} s per row", flush=True
        )
        load_rows = load.run_matrix(
            found["load"], uncached, cached, nginx, args.duration, args.connections
        )
        worker_peaks = {
            "uncached": uncached.worker_peaks_mib(),
            "page cache": cached.worker_peaks_mib(),
        }
        timeouts = sum(
            server.log.read_text(errors="replace").count("WORKER TIMEOUT")
            for server in (uncached, cached)
        )
        if timeouts:
            notes.append(f"gunicorn worker timeouts during the run: {timeouts}")

    return report.Run(
        pages=args.pages,
        command=command_line(args),
        date=date,
        wall_seconds=time.time() - started,
        machine=machine(),
        load_before=load_before,
        load_after=load_average(),
        software=software(),
        site=(
            f"{found['live_pages']:,} live pages (demo content and {args.pages:,} generated, seed {args.seed}); "
            "database search backend"
        ),
        servers=(
            f"gunicorn `--workers {servers.WORKERS} --worker-class gthread --threads {servers.THREADS}` with the "
            "production settings (DEBUG off, whitenoise, SERVER_TIMING on), page cache off (uncached) or 600 s "
            "(cached, its own folder); nginx with the shipped configuration in front of the cached one"
        ),
        prepared=prepared,
        steps=steps,
        page_figures=page_figures,
        repeats=args.requests,
        load_rows=load_rows,
        duration=args.duration,
        connections=args.connections,
        worker_peaks=worker_peaks,
        notes=notes,
    )


def main() -> None:
    args = parse_args()
    work = cli.in_private_cluster("bench.perf")
    run = measure(args, work)
    section = report.render(run)
    existing = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    args.output.write_text(sections.merge(existing, args.pages, section), encoding="utf-8")
    print()
    print(section)
    print(
        f"Written {args.output} (section “{sections.heading(args.pages)}”) in {run.wall_seconds / 60:.1f} min"
    )


if __name__ == "__main__":
    main()
