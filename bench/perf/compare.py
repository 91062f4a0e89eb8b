"""bench/compare: this site and wagtail/bakerydemo side by side, uncached.

    bench/compare [--pages 10000] [--seed 1] [--rounds 2] [--requests 20] [--duration 10]
                  [--connections 32] [--bakerydemo-source URL|PATH] [--bakerydemo-python PYTHON]
                  [--output bench/COMPARE.md]

Both sites run in one private PostgreSQL cluster (their own databases),
under the same gunicorn flags (2 workers × 4 gthread threads), uncached
(this site's page cache off; bakerydemo has none), with the same
Server-Timing middleware first in their chains. For each pair of pages
(home, listing, article: this site's news release against bakerydemo's
blog post) it reports the median application time, the SQL statements and
wrk's throughput, measured in turns A/B/A/B so that a drift of the machine
falls on both. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import shlex
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load_test import load_average, machine
from bench.perf import bakerydemo, cli, postgres, servers, site_cache, wrk
from bench.perf.environment import Folders, production_environment
from bench.perf.main import find_pages, software
from bench.perf.measured import ROOT, Step, manage
from bench.perf.probe import Client
from bench.perf.quiet import postgres_pid, wait_until_quiet
from bench.perf.sequential import PageFigures, measure_page
from bench.perf.stats import median

DEFAULT_OUTPUT = ROOT / "bench" / "COMPARE.md"
TARGETS = ("home", "listing", "article")
THEIR_NAMES = {"home": "home page", "listing": "blog index", "article": "blog post"}
OUR_NAMES = {"home": "home page", "listing": "news listing", "article": "news release"}
THROUGHPUT_GOAL = 2.0  # the issue's: at least twice bakerydemo's throughput, uncached


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench/compare",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cli.add_archive_options(parser)
    parser.add_argument(
        "--rounds", type=int, default=2, help="A/B turns per page and per load row (default 2)"
    )
    parser.add_argument(
        "--bakerydemo-source",
        default=bakerydemo.REPOSITORY,
        help="where to clone bakerydemo from: its GitHub address (default) or a local clone or mirror",
    )
    parser.add_argument(
        "--bakerydemo-python", help="a Python 3.12+ for bakerydemo (default: the first found)"
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    cli.check_archive_options(parser, args)
    if args.rounds < 1:
        parser.error("--rounds must be ≥ 1")
    return args


def command_line(args: argparse.Namespace) -> str:
    words = ["bench/compare", "--pages", str(args.pages), "--seed", str(args.seed)]
    words += ["--rounds", str(args.rounds), "--duration", f"{args.duration:g}"]
    words += ["--connections", str(args.connections)]
    return shlex.join(words)


@dataclass(frozen=True)
class Side:
    name: str
    server: servers.Gunicorn
    paths: dict[str, str]


@dataclass
class Pair:
    target: str
    ours: list[PageFigures]  # one per round
    theirs: list[PageFigures]
    our_rps: list[float]
    their_rps: list[float]
    errors: int = 0


def page_turns(sides: tuple[Side, Side], pairs: dict[str, Pair], rounds: int, repeats: int) -> None:
    for target in TARGETS:
        for turn in range(rounds):
            for side in sides:
                client = Client(side.server.port)
                try:
                    figures = measure_page(client, target, side.name, side.paths[target], repeats)
                finally:
                    client.close()
                if figures.status != 200:
                    raise SystemExit(f"{side.name} {side.paths[target]} answered {figures.status}")
                mine = pairs[target].ours if side is sides[0] else pairs[target].theirs
                mine.append(figures)
                print(
                    f"   {target:<8} turn {turn + 1} {side.name:<11} median {figures.app_median:6.1f} ms "
                    f"{figures.queries:3d} queries  {side.paths[target]}",
                    flush=True,
                )


def load_turns(
    sides: tuple[Side, Side], pairs: dict[str, Pair], rounds: int, duration: float, connections: int
) -> None:
    processes = {side.name: side.server.process.pid for side in sides}
    if (postmaster := postgres_pid()) is not None:
        processes["PostgreSQL"] = postmaster
    for target in TARGETS:
        for turn in range(rounds):
            for side in sides:
                figures = wrk.run(
                    f"http://127.0.0.1:{side.server.port}{side.paths[target]}",
                    duration,
                    connections,
                )
                wait_until_quiet(processes)
                mine = pairs[target].our_rps if side is sides[0] else pairs[target].their_rps
                mine.append(figures.rps)
                pairs[target].errors += figures.errors
                print(
                    f"   {target:<8} turn {turn + 1} {side.name:<11} {figures.rps:7.1f} req/s  "
                    f"p50 {figures.p50:6.1f} ms  errors {figures.errors}",
                    flush=True,
                )


def render(
    args: argparse.Namespace,
    pairs: dict[str, Pair],
    header: dict[str, str],
    steps: dict[str, Step],
) -> str:
    lines = [
        "# This site beside wagtail/bakerydemo, uncached",
        "",
        f"Written by `bench/compare` (see bench/README.md). {header['what']}",
        "",
        f"- Command: `{command_line(args)}`",
        f"- Date: {header['date']}; whole run {header['minutes']} min",
        f"- Machine: {header['machine']}; load average {header['load_before']} before, "
        f"{header['load_after']} after (1, 5, 15 min)",
        f"- This site: {header['ours']}; {header['our_pages']}",
        f"- bakerydemo: commit `{bakerydemo.COMMIT[:12]}`; {header['theirs']}; {header['their_pages']}",
        f"- Servers: gunicorn `--workers {servers.WORKERS} --worker-class gthread --threads "
        f"{servers.THREADS}` for both, production settings, no page cache; one PostgreSQL cluster",
        "",
        "## Side by side",
        "",
        f"Median application time (Server-Timing, the same middleware first in both chains) "
        f"over {args.rounds} turns of {args.requests} requests, one at a time; SQL statements of a "
        f"request; wrk with {args.connections} connections for {args.duration:g} s, "
        f"{args.rounds} turns each, interleaved A/B/A/B. The ratio is this site's mean "
        f"throughput over bakerydemo's; the goal is at least {THROUGHPUT_GOAL:g}×.",
        "",
        "| page | this site | ms | queries | req/s | bakerydemo | ms | queries | req/s | ratio | goal |",
        "|---|---|--:|--:|--:|---|--:|--:|--:|--:|:-:|",
    ]
    for target in TARGETS:
        pair = pairs[target]
        ours_ms = median([f.app_median for f in pair.ours])
        theirs_ms = median([f.app_median for f in pair.theirs])
        ours_rps = sum(pair.our_rps) / len(pair.our_rps)
        theirs_rps = sum(pair.their_rps) / len(pair.their_rps)
        ratio = ours_rps / theirs_rps if theirs_rps else float("inf")
        met = "yes" if ratio >= THROUGHPUT_GOAL else "**no**"
        lines.append(
            f"| {OUR_NAMES[target]} | `{pair.ours[0].path}` | {ours_ms:.1f} | "
            f"{pair.ours[-1].queries} | {ours_rps:.0f} | {THEIR_NAMES[target]} "
            f"`{pair.theirs[0].path}` | {theirs_ms:.1f} | {pair.theirs[-1].queries} | "
            f"{theirs_rps:.0f} | {ratio:.2f}× | {met} |"
        )
    lines += ["", "Each turn's throughput (this site : bakerydemo, req/s):", ""]
    for target in TARGETS:
        pair = pairs[target]
        turns = ", ".join(
            f"{ours:.0f} : {theirs:.0f}"
            for ours, theirs in zip(pair.our_rps, pair.their_rps, strict=True)
        )
        errors = f"; {pair.errors} errors" if pair.errors else ""
        lines.append(f"- {OUR_NAMES[target]}: {turns}{errors}")
    lines += ["", "## Preparing", "", "| step | seconds | peak MiB |", "|---|--:|--:|"]
    lines += [
        f"| {name} | {step.seconds:.0f} | {step.peak_mib if step.peak_mib is not None else '—'} |"
        for name, step in steps.items()
    ]
    return "\n".join(lines) + "\n"


def measure(args: argparse.Namespace, work: Path) -> str:
    started = cli.started_at()
    if not wrk.available():
        raise SystemExit("wrk is not installed: run bench/system_packages.sh")
    date = f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    load_before = load_average()
    log = work / "steps.log"
    folders = Folders(
        data=work / "data", media=work / "media", static=work / "static", page_cache=work / "pc"
    )
    folders.data.mkdir()
    secret_key = secrets.token_urlsafe(50)

    # bakerydemo first: a missing interpreter or source stops the run
    # before the longer restore of this site.
    theirs = bakerydemo.prepare(args.bakerydemo_source, args.bakerydemo_python, log)
    prepared = site_cache.prepare(args.pages, args.seed, folders, log)
    serve = production_environment(folders, secret_key, ["127.0.0.1", "localhost"])
    their_environment = bakerydemo.environment(theirs, work, secret_key)
    steps: dict[str, Step] = {
        **prepared.run_steps,
        "vacuum analyze": postgres.vacuum_analyze(serve, log),
        "collectstatic": manage("collectstatic", serve, log, "collectstatic", "--noinput", "-v0"),
        **bakerydemo.build(theirs, their_environment, log),
    }
    found = find_pages(serve, args.seed)
    our_paths = {target: found["load"][target] for target in TARGETS}
    their_found = bakerydemo.paths(theirs, their_environment)
    their_paths = {target: str(their_found[target]) for target in TARGETS}

    with servers.stopped_at_the_end() as running:
        ours = servers.start_app("this site", serve, work)
        running.append(ours)
        theirs_server = servers.start_app(
            "bakerydemo", their_environment, work, **bakerydemo.server_options(theirs)
        )
        running.append(theirs_server)
        sides = (
            Side("this site", ours, our_paths),
            Side("bakerydemo", theirs_server, their_paths),
        )
        pairs = {target: Pair(target, [], [], [], []) for target in TARGETS}
        print(f"== pages, {args.rounds} turns of {args.requests} requests", flush=True)
        page_turns(sides, pairs, args.rounds, args.requests)
        print(f"== load: wrk, {args.connections} connections, {args.duration:g} s", flush=True)
        load_turns(sides, pairs, args.rounds, args.duration, args.connections)

    origin = (
        f"restored from `{prepared.folder.relative_to(ROOT)}`"
        if prepared.restored
        else "built by this run"
    )
    header = {
        "what": ("Both sites uncached, on one machine, measured in turns; the figures of one run."),
        "date": date,
        "minutes": f"{(time.time() - started) / 60:.1f}",
        "machine": machine(),
        "load_before": load_before,
        "load_after": load_average(),
        "ours": software(),
        "our_pages": (
            f"{found['live_pages']:,} live pages (demo content and {args.pages:,} generated, "
            f"seed {args.seed}; {origin})"
        ),
        "theirs": theirs.versions(),
        "their_pages": f"{their_found['live_pages']} live pages (its own demo content)",
    }
    return render(args, pairs, header, steps)


def main() -> None:
    args = parse_args()
    work = cli.in_private_cluster("bench.perf.compare")
    text = measure(args, work)
    args.output.write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written {args.output}")


if __name__ == "__main__":
    main()
