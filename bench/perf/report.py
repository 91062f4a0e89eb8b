"""The section of bench/RESULTS.md for one page count."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

from bench.perf.load import (
    PAGE_CACHE,
    PROXY_CACHE,
    STATIC_NGINX,
    STATIC_WHITENOISE,
    LoadRow,
)
from bench.perf.measured import Step
from bench.perf.sections import heading
from bench.perf.sequential import MIN_REPEATS, SECONDS_PER_URL, SLOW_MS, WARM_UPS, PageFigures
from bench.perf.site_cache import Prepared

SCALE_OF_TARGETS = 100_000
ARTICLE_QUERIES, ARTICLE_MEDIAN_MS, SEARCH_MEDIAN_MS = 15, 30.0, 100.0
CACHED_SHARE_OF_STATIC, PEAK_MIB = 0.30, 1024


@dataclass
class Run:
    pages: int
    command: str
    date: str
    wall_seconds: float
    machine: str
    load_before: str
    load_after: str
    software: str
    site: str
    servers: str
    prepared: Prepared
    steps: dict[
        str, Step
    ]  # this run's steps after the build or restore: update_index, vacuum, collectstatic
    page_figures: list[PageFigures]
    repeats: int
    load_rows: list[LoadRow]
    duration: float
    connections: int
    worker_peaks: dict[str, list[int]]  # server name -> VmHWM of each worker, MiB
    notes: list[str] = field(default_factory=list)


def _mib(value: int | None) -> str:
    return "not recorded" if value is None else f"{value:,}"


def _path(path: str) -> str:
    return f"`{urllib.parse.unquote(path)}`"


def _load(rows: list[LoadRow], target: str, mode: str) -> LoadRow | None:
    return next(
        (row for row in rows if row.target == target and row.mode == mode and row.figures), None
    )


def _ratio(rows: list[LoadRow], cached_mode: str, static_mode: str) -> float | None:
    cached, static = _load(rows, "article", cached_mode), _load(rows, "static", static_mode)
    if cached is None or static is None or not static.figures.rps:  # type: ignore[union-attr]
        return None
    return cached.figures.rps / static.figures.rps  # type: ignore[union-attr]


def build_table(run: Run) -> list[str]:
    prepared = run.prepared
    origin = (
        "this run" if not prepared.restored else f"build.json ({prepared.build_date or 'no date'})"
    )
    lines = ["| step | seconds | peak MiB | |", "|---|--:|--:|---|"]
    for name, step in prepared.build_steps.items():
        if step is None:
            lines.append(f"| {name} | not recorded | not recorded | build.json lacks it |")
        else:
            lines.append(
                f"| {name} | {step.seconds:,.0f} | {_mib(step.peak_mib)} | at the build: {origin} |"
            )
    for name, step in prepared.run_steps.items():
        if prepared.restored or name not in prepared.build_steps:
            lines.append(f"| {name} | {step.seconds:,.0f} | {_mib(step.peak_mib)} | this run |")
    for name, step in run.steps.items():
        lines.append(f"| {name} | {step.seconds:,.0f} | {_mib(step.peak_mib)} | this run |")
    return lines


def pages_table(run: Run) -> list[str]:
    lines = [
        "| type | page | URL | status | KiB | requests | median ms | p95 ms | db median ms | queries |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page in run.page_figures:
        queries = f"{page.queries}{' (varied)' if page.queries_varied else ''}"
        status = page.status or "no answer"
        lines.append(
            f"| {page.kind} | {page.label} | {_path(page.path)} | {status} | {page.size / 1024:.0f} | {page.repeats} | "
            f"{page.app_median:.1f} | {page.app_p95:.1f} | {page.db_median:.1f} | {queries} |"
        )
    return lines


def load_table(run: Run) -> list[str]:
    lines = [
        "| target | mode | URL | req/s | p50 ms | p99 ms | errors | cache | |",
        "|---|---|---|--:|--:|--:|--:|---|---|",
    ]
    for row in run.load_rows:
        figures = row.figures
        if figures is None:
            lines.append(
                f"| {row.target} | {row.mode} | {_path(row.path)} | – | – | – | – | – | {row.note} |"
            )
            continue
        errors = f"{figures.errors}" + (
            f" ({figures.non_2xx} non-2xx/3xx, {figures.socket_errors} socket)"
            if figures.errors
            else ""
        )
        # No answer within the run: wrk's percentiles are then zeros, not latencies.
        p50, p99 = (f"{figures.p50:.1f}", f"{figures.p99:.1f}") if figures.requests else ("–", "–")
        note = "; ".join(
            filter(None, [row.note, "no answer within the run" if not figures.requests else ""])
        )
        lines.append(
            f"| {row.target} | {row.mode} | {_path(row.path)} | {figures.rps:,.1f} | {p50} | {p99} | {errors} | "
            f"{row.cache} | {note} |"
        )
    for label, cached, static in (
        ("page cache / whitenoise static", PAGE_CACHE, STATIC_WHITENOISE),
        ("nginx proxy cache / nginx static", PROXY_CACHE, STATIC_NGINX),
    ):
        ratio = _ratio(run.load_rows, cached, static)
        lines.append("")
        lines.append(
            f"Article, {label}: "
            + (
                f"**{ratio:.0%}** of the static file's throughput"
                if ratio is not None
                else "not measured"
            )
        )
    return lines


def memory_table(run: Run) -> list[str]:
    lines = ["| process | peak MiB | |", "|---|--:|---|"]
    for name in ("generate_archive", "update_index"):
        step = run.prepared.build_steps.get(name) or run.steps.get(name)
        where = "this run" if name in run.steps or not run.prepared.restored else "build.json"
        lines.append(
            f"| {name} | {_mib(step.peak_mib if step else None)} | {where}, ru_maxrss of the process |"
        )
    for server, peaks in run.worker_peaks.items():
        lines.append(
            f"| gunicorn worker ({server}) | {max(peaks, default=0):,} | VmHWM at the end; each worker: "
            f"{', '.join(map(str, peaks)) or 'none found'} |"
        )
    return lines


def _median_or_never(page: PageFigures) -> float:
    """A page that got no answer is slower than any that did."""
    return page.app_median if page.status else float("inf")


def _median_text(page: PageFigures) -> str:
    return f"{page.app_median:.1f} ms" if page.status else "no answer"


def targets_table(run: Run) -> list[str]:
    at_scale = run.pages >= SCALE_OF_TARGETS
    releases = [page for page in run.page_figures if page.kind == "release"]
    searches = [page for page in run.page_figures if page.kind == "search"]
    rows: list[tuple[str, str, bool | None]] = []
    if releases:
        worst_queries = max(releases, key=lambda page: page.queries)
        worst_time = max(releases, key=_median_or_never)
        rows.append(
            (
                f"uncached article: ≤ {ARTICLE_QUERIES} queries",
                f"{worst_queries.queries} ({worst_queries.label})",
                worst_queries.queries <= ARTICLE_QUERIES,
            )
        )
        rows.append(
            (
                f"uncached article: median < {ARTICLE_MEDIAN_MS:.0f} ms",
                f"{_median_text(worst_time)} ({worst_time.label})",
                _median_or_never(worst_time) < ARTICLE_MEDIAN_MS,
            )
        )
    for label, cached, static in (
        ("page cache", PAGE_CACHE, STATIC_WHITENOISE),
        ("nginx proxy cache", PROXY_CACHE, STATIC_NGINX),
    ):
        ratio = _ratio(run.load_rows, cached, static)
        rows.append(
            (
                f"cached ≥ {CACHED_SHARE_OF_STATIC:.0%} of static throughput ({label}, article)",
                "not measured" if ratio is None else f"{ratio:.0%}",
                None if ratio is None else ratio >= CACHED_SHARE_OF_STATIC,
            )
        )
    if searches:
        worst = max(searches, key=_median_or_never)
        rows.append(
            (
                f"search: median < {SEARCH_MEDIAN_MS:.0f} ms",
                f"{_median_text(worst)} (slowest: {worst.label})",
                _median_or_never(worst) < SEARCH_MEDIAN_MS,
            )
        )
    peaks = {
        name: step.peak_mib
        for name in ("generate_archive", "update_index")
        if (step := run.prepared.build_steps.get(name) or run.steps.get(name))
        and step.peak_mib is not None
    }
    for server, values in run.worker_peaks.items():
        if values:
            peaks[f"gunicorn worker ({server})"] = max(values)
    if peaks:
        name, peak = max(peaks.items(), key=lambda item: item[1])
        rows.append(
            (f"peak memory < {PEAK_MIB / 1024:.0f} GiB", f"{peak:,} MiB ({name})", peak < PEAK_MIB)
        )
    scale_note = (
        "" if at_scale else f" (the goals are for {SCALE_OF_TARGETS:,} pages; here {run.pages:,})"
    )
    lines = [
        f"Goals of the issue “Performance at archive scale”{scale_note}:",
        "",
        "| goal | here | met |",
        "|---|--:|:-:|",
    ]
    for goal, value, met in rows:
        lines.append(
            f"| {goal} | {value} | {'–' if met is None else ('yes' if met else '**no**')} |"
        )
    return lines


BUILD_NOTE = (
    "Each step a process of its own; peak memory is its own maximum resident set (ru_maxrss from wait4). "
    "The archive is built with the development settings (as every benchmark builds); the search index and "
    "collectstatic run with the production settings."
)
PAGES_NOTE = (
    f"Uncached server, one request at a time: {WARM_UPS} warm-ups (one for a page over {SLOW_MS / 1000:g} s), then "
    "{repeats} timed requests per URL "
    f"(fewer, at least {MIN_REPEATS}, where they would take over {SECONDS_PER_URL:g} s). Times are "
    "the application's own (Server-Timing `app`: from the request id middleware to the answer, without "
    "the network and gunicorn); queries are the SQL statements of the last request."
)
LOAD_NOTE = (
    "wrk, {connections} keep-alive connections on 2 threads, {duration:g} s per row, one URL per row, "
    "after two warm-up requests (the cache column is the cache header of the second). nginx rows are HTTPS "
    "with the public host name; errors are answers other than 2xx/3xx plus socket errors (connect, read, "
    "write, timeout at 30 s)."
)


def render(run: Run) -> str:
    origin = (
        f"restored from `{run.prepared.folder.name}` (built {run.prepared.build_date or 'date not recorded'})"
        if run.prepared.restored
        else f"built by this run and kept in `data/bench/{run.prepared.folder.name}`"
    )
    machine = (
        f"{run.machine}; load average {run.load_before} before, {run.load_after} after "
        "(1, 5, 15 min; wrk, the servers and PostgreSQL share the machine)"
    )
    lines = [
        heading(run.pages),
        "",
        f"- Command: `{run.command}`",
        f"- Date: {run.date}; whole run {run.wall_seconds / 60:.1f} min ({origin})",
        f"- Machine: {machine}",
        f"- Software: {run.software}",
        f"- Site: {run.site}",
        f"- Servers: {run.servers}",
        *[f"- {note}" for note in run.notes],
        "",
        "### Goals",
        "",
        *targets_table(run),
        "",
        "### Build",
        "",
        BUILD_NOTE,
        "",
        *build_table(run),
        "",
        "### Page types",
        "",
        PAGES_NOTE.format(repeats=run.repeats),
        "",
        *pages_table(run),
        "",
        "### Load",
        "",
        LOAD_NOTE.format(connections=run.connections, duration=run.duration),
        "",
        *load_table(run),
        "",
        "### Memory",
        "",
        *memory_table(run),
        "",
    ]
    return "\n".join(lines)
