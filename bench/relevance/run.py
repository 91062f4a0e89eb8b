"""Relevance benchmark of the site search: judged queries against the demo
content plus distractor releases, on each search backend.

    python bench/relevance/run.py [--backend sqlite|postgres|opensearch|all]
                                  [--distractors N] [--output bench/relevance/RESULTS.md]

For each backend a worker process (Django settings are per process) builds a
throwaway site: a fresh database (SQLite: a file in a temporary folder;
PostgreSQL: a private cluster from tests/support/run_with_postgres.sh;
opensearch: a SQLite file plus an in-memory OpenSearch-compatible server from
the ``osmem-server`` package), then runs ``migrate``, ``load_demo``, the
distractors and ``update_index``. The workers build their sites at the same
time, then run the queries one worker after the other, so that the timings
of one backend are not disturbed by the others.

Every query goes through the search page's own function
(``search.views._search_with_help``, spelling correction included), once to
warm up and then ``--repeats`` times, timed. The metrics are computed on the
first page of results (10 hits):

- recall@10: the share of the expected pages found in the first 10
  (of at most 10 expected pages);
- MRR@10: 1/rank of the first expected page in the first 10, else 0;
- hit@1: the ideal page (the first expected one) is the first result;
- P@1: some expected page is the first result;
- latency: wall time of the search call, median and 95th percentile.

The developer database (data/db.sqlite3) and data folder are never touched:
each worker gets its own DATA_DIR and DATABASE_URL, and refuses to run
otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT)]

from distractors import DEFAULT_COUNT, DEFAULT_SEED  # noqa: E402 — after the path setup above
from judgements import CATEGORIES, JUDGEMENTS, Judgement  # noqa: E402

BACKENDS = ("sqlite", "postgres", "opensearch")
SETTINGS_MODULE = "bench.settings"  # the development settings with the demo and bench apps
RESULTS_PER_PAGE = 10
DEFAULT_OUTPUT = HERE / "RESULTS.md"
READY_FILE = "ready"
GO_FILE = "go"
RESULT_FILE = "result.json"
LOG_FILE = "worker.log"
PID_FILE = "worker.pid"
INDEXING_TIMEOUT = 60  # seconds, search-server client, while the site is built only
# Variables of the developer's shell that would point a worker elsewhere.
CLEARED_VARIABLES = (
    "DATABASE_URL",
    "DATA_DIR",
    "MEDIA_ROOT",
    "SEARCH_BACKEND",
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_INDEX",
    "SEARCH_CHINESE_ANALYZER",
    "DJANGO_SETTINGS_MODULE",
)


# --- Worker: one backend, in its own process ------------------------------------------


def say(backend: str, message: str) -> None:
    print(f"[{backend}] {message}", flush=True)


def guard_database(backend: str, data_dir: Path) -> None:
    """Refuse any database but a throwaway one."""
    from django.conf import settings

    developer_db = (ROOT / "data" / "db.sqlite3").resolve()
    database = settings.DATABASES["default"]
    if (
        Path(settings.DATA_DIR).resolve() != data_dir.resolve()
        or data_dir.resolve() == (ROOT / "data").resolve()
    ):
        raise SystemExit(
            f"[{backend}] refusing to run: DATA_DIR is not the worker's temporary folder"
        )
    if "sqlite" in database["ENGINE"]:
        path = Path(str(database["NAME"])).resolve()
        if path == developer_db or data_dir.resolve() not in path.parents:
            raise SystemExit(f"[{backend}] refusing to run on {path}: not a throwaway database")
    elif backend != "postgres" or not os.environ.get("LIFELONG_PG_DATA_DIR"):
        raise SystemExit(
            f"[{backend}] refusing to run: PostgreSQL only through tests/support/run_with_postgres.sh"
        )


def page_key(page) -> str:
    """A page's path below its language's home page ("" for the home page)."""
    return "/".join(page.url_path.strip("/").split("/")[1:])


def matches(expected: str, key: str, title: str) -> bool:
    if expected.startswith("title:"):
        return expected[len("title:") :] == title
    return expected == key


def check_judgements(locales: dict) -> list[str]:
    """Every expected page must exist, be live and be searchable."""
    from search.models import SearchEntry

    problems = []
    known: dict[str, set[tuple[str, str]]] = {}
    for language, locale in locales.items():
        rows = SearchEntry.objects.filter(locale=locale, is_public=True).select_related("page")
        known[language] = {(page_key(entry.page), entry.display_title) for entry in rows}
    for judgement in JUDGEMENTS:
        for expected in judgement.expected:
            if not any(matches(expected, key, title) for key, title in known[judgement.language]):
                problems.append(
                    f"{judgement.query} ({judgement.language}): no live page {expected!r}"
                )
    return problems


def search_once(judgement: Judgement, locale, page: int = 1):
    from django.http import QueryDict

    from search.params import parse_params
    from search.views import _search_with_help

    data = QueryDict(mutable=True)
    data["q"] = judgement.query
    if page > 1:
        data["page"] = str(page)
    params = parse_params(data, strict=False)
    started = time.perf_counter()
    # No request: run_search takes None for it, though _search_with_help's
    # annotation (search/views.py) says HttpRequest.
    outcome, corrected = _search_with_help(params, locale, None)
    return outcome, corrected, (time.perf_counter() - started) * 1000


def measure(backend: str, repeats: int, locales: dict) -> list[dict]:
    rows = []
    for number, judgement in enumerate(JUDGEMENTS, start=1):
        locale = locales[judgement.language]
        search_once(judgement, locale)  # warm-up
        timings: list[float] = []
        first: tuple[Any, str] | None = None
        for _ in range(repeats):
            outcome, corrected, elapsed = search_once(judgement, locale)
            timings.append(elapsed)
            first = first or (outcome, corrected)
        if first is None:
            raise ValueError(f"--repeats must be at least 1, not {repeats}")
        outcome, corrected = first
        hits = [(page_key(hit.entry.page), hit.entry.display_title) for hit in outcome.hits]
        ranks = [
            next(
                (
                    rank
                    for rank, (key, title) in enumerate(hits, 1)
                    if matches(expected, key, title)
                ),
                None,
            )
            for expected in judgement.expected
        ]
        found = [rank for rank in ranks if rank]
        row = {
            "query": judgement.query,
            "language": judgement.language,
            "category": judgement.category,
            "expected": list(judgement.expected),
            "ranks": ranks,
            "first_rank": min(found) if found else None,
            "recall": len(found) / min(len(judgement.expected), RESULTS_PER_PAGE),
            "rr": 1 / min(found) if found else 0.0,
            "hit1": ranks[0] == 1,
            "p1": bool(found) and min(found) == 1,
            "total": outcome.total,
            "corrected": corrected,
            "answered_by": outcome.backend + (f" ({outcome.degraded})" if outcome.degraded else ""),
            "top": [title for _key, title in hits],
            "timings_ms": timings,
            "beyond_10": None,
        }
        if not found:
            # Not on the first page: look two pages further, for the diagnosis only.
            for page in (2, 3):
                more, _corrected, _elapsed = search_once(judgement, locale, page)
                for rank, hit in enumerate(more.hits, (page - 1) * RESULTS_PER_PAGE + 1):
                    if any(
                        matches(e, page_key(hit.entry.page), hit.entry.display_title)
                        for e in judgement.expected
                    ):
                        row["beyond_10"] = row["beyond_10"] or rank
        rows.append(row)
        first_rank = row["first_rank"] or (f">10 ({row['beyond_10']})" if row["beyond_10"] else "-")
        say(
            backend,
            f"{number:3d}/{len(JUDGEMENTS)} {judgement.query} ({judgement.language}): first relevant at "
            f"{first_rank}, recall {row['recall']:.2f}, {statistics.median(timings):.1f} ms"
            + (f", corrected to {corrected}" if corrected else ""),
        )
    return rows


def worker(args: argparse.Namespace) -> None:
    backend = args.worker
    work = Path(args.work_dir)
    (work / PID_FILE).write_text(str(os.getpid()))
    log = (work / LOG_FILE).open("a", encoding="utf-8")
    server = None
    phases: dict[str, float] = {}
    if backend == "opensearch":
        from osmem_server import OsmemServer
        from osmem_server import __version__ as osmem_version

        server = OsmemServer.start()
        # Django code may catch the SystemExit a signal raises (task runners
        # log every BaseException): stop at once, the search server first.
        signal.signal(signal.SIGTERM, lambda signum, _frame: _stop_now(signum, server))
        os.environ["SEARCH_BACKEND"] = "opensearch"
        os.environ["ELASTICSEARCH_URL"] = server.url
        os.environ["ELASTICSEARCH_INDEX"] = "relevance"
        say(backend, f"osmem-server {osmem_version} at {server.url}")
    try:
        import django

        django.setup()
        guard_database(backend, work)
        from distractors import create_distractors
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from wagtail.models import Locale

        # Bulk indexing into a search server on a busy machine can outlast the
        # site's 5 s client timeout, which is meant for readers' searches: a
        # longer one while the site is built, the site's own for the queries.
        # mypy infers dict[str, object] for the setting (its backends differ in shape).
        search_config = cast("dict[str, Any]", settings.WAGTAILSEARCH_BACKENDS["default"])
        site_timeout = search_config.get("TIMEOUT")
        if site_timeout is not None:
            search_config["TIMEOUT"] = INDEXING_TIMEOUT

        started = time.monotonic()
        say(backend, f"migrate ({connection.vendor})")
        call_command("migrate", interactive=False, verbosity=1, stdout=log, stderr=log)
        phases["migrate"] = time.monotonic() - started

        started = time.monotonic()
        say(backend, "load_demo")
        call_command("load_demo", stdout=log, stderr=log)
        phases["load_demo"] = time.monotonic() - started

        started = time.monotonic()
        done = [0]
        step = max(1, args.distractors // 10)

        def advance(by: int) -> None:
            before, done[0] = done[0], done[0] + by
            if before // step != done[0] // step or done[0] == args.distractors:
                say(backend, f"distractors {done[0]}/{args.distractors}")

        created = (
            create_distractors(args.distractors, args.seed, advance) if args.distractors else 0
        )
        phases["distractors"] = time.monotonic() - started

        started = time.monotonic()
        say(backend, "update_index")
        call_command("update_index", verbosity=1, stdout=log, stderr=log)
        phases["update_index"] = time.monotonic() - started

        facts = describe_site(backend, created, args.seed, server)
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        problems = check_judgements(locales)
        for problem in problems:
            say(backend, f"JUDGEMENT PROBLEM: {problem}")

        if site_timeout is not None:
            search_config["TIMEOUT"] = site_timeout
        (work / READY_FILE).write_text("ready")
        say(backend, f"ready ({sum(phases.values()):.0f}s); waiting for the other backends")
        while not (work / GO_FILE).exists():
            time.sleep(0.2)

        started = time.monotonic()
        rows = measure(backend, args.repeats, locales)
        phases["queries"] = time.monotonic() - started
        result = {
            "backend": backend,
            "facts": facts,
            "phases": phases,
            "problems": problems,
            "rows": rows,
        }
        (work / RESULT_FILE).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    finally:
        if server is not None:
            server.close()
        log.close()


def describe_site(backend: str, created: int, seed: int, server) -> dict:
    from distractors import SLUG_PREFIX
    from django.conf import settings
    from django.db import connection
    from wagtail.models import Page

    from search.models import SearchEntry

    live = Page.objects.live().filter(depth__gt=1)
    with connection.cursor() as cursor:
        cursor.execute(
            "select sqlite_version()" if connection.vendor == "sqlite" else "show server_version"
        )
        version = cursor.fetchone()[0]
    return {
        "database": f"{'SQLite' if connection.vendor == 'sqlite' else 'PostgreSQL'} {version}",
        "search": cast("dict[str, Any]", settings.WAGTAILSEARCH_BACKENDS["default"])["BACKEND"],
        "chinese_analyzer": _chinese_analyzer(server),
        "pages_zh": live.filter(locale__language_code="zh-hans").count(),
        "pages_en": live.filter(locale__language_code="en").count(),
        "distractors": live.filter(slug__startswith=f"{SLUG_PREFIX}-{seed}-").count(),
        "distractors_created": created,
        "entries": SearchEntry.objects.count(),
    }


def _chinese_analyzer(server) -> str:
    if server is None:
        return ""
    try:
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend("default")
        analysis = backend.settings["settings"]["analysis"]["analyzer"]["lifelong_zh"]
        return analysis.get("tokenizer", "") + (
            " + cjk_bigram" if "cjk_bigram" in analysis.get("filter", []) else ""
        )
    except Exception:
        return "?"


# --- Parent: start the workers, then write the report ---------------------------------


def worker_env(work: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in CLEARED_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DATA_DIR=str(work),
        SECRET_KEY=secrets.token_urlsafe(40),
        PYTHONUNBUFFERED="1",
    )
    return env


def start_worker(backend: str, args: argparse.Namespace, work: Path) -> subprocess.Popen:
    env = worker_env(work)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        backend,
        "--work-dir",
        str(work),
        "--distractors",
        str(args.distractors),
        "--seed",
        str(args.seed),
        "--repeats",
        str(args.repeats),
    ]
    if backend == "postgres":
        # The script starts a private cluster, exports DATABASE_URL and removes it afterwards.
        command = ["bash", str(ROOT / "tests" / "support" / "run_with_postgres.sh"), *command]
    else:
        env["DATABASE_URL"] = f"sqlite:///{work / 'db.sqlite3'}"
    # A session of its own, so that a last-resort kill reaches all it started.
    return subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)


def stop_worker(process: subprocess.Popen, work: Path) -> None:
    """Stop the worker itself: the PostgreSQL wrapper around it then removes
    its cluster, and the search server stops with the worker."""
    if process.poll() is not None:
        return
    try:
        os.kill(int((work / PID_FILE).read_text()), signal.SIGTERM)
        process.wait(timeout=60)
    except (OSError, ValueError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _exit_on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)


def _stop_now(signum: int, server=None) -> None:
    """A worker's end on TERM: no clean-up of its own is needed (the parent
    removes the folder, the PostgreSQL wrapper its cluster) but the search
    server's."""
    if server is not None:
        server.close()
    os._exit(128 + signum)


def run_all(args: argparse.Namespace) -> None:
    if not (ROOT / "site" / "settings" / f"{SETTINGS_MODULE.rsplit('.', 1)[1]}.py").exists():
        raise SystemExit(f"settings module {SETTINGS_MODULE} not found")
    backends = list(BACKENDS) if args.backend == "all" else [args.backend]
    started = time.monotonic()
    args.load_before = load_average()
    works = {
        backend: Path(tempfile.mkdtemp(prefix=f"relevance-{backend}-")) for backend in backends
    }
    processes: dict[str, subprocess.Popen] = {}
    results: dict[str, dict] = {}
    failed: list[str] = []
    try:
        for backend in backends:
            processes[backend] = start_worker(backend, args, works[backend])
        # Build the sites side by side, then time one backend at a time.
        waiting = set(backends)
        while waiting:
            for backend in sorted(waiting):
                if (works[backend] / READY_FILE).exists():
                    waiting.discard(backend)
                elif processes[backend].poll() is not None:
                    waiting.discard(backend)
                    failed.append(backend)
                    print(
                        f"[{backend}] worker failed during set-up; see its output above", flush=True
                    )
            time.sleep(0.5)
        for backend in backends:
            if backend in failed:
                continue
            (works[backend] / GO_FILE).write_text("go")
            code = processes[backend].wait()
            result_file = works[backend] / RESULT_FILE
            if code == 0 and result_file.exists():
                results[backend] = json.loads(result_file.read_text())
            else:
                failed.append(backend)
                print(f"[{backend}] worker failed (exit {code})", flush=True)
    finally:
        for backend, process in processes.items():
            stop_worker(process, works[backend])
        for work in works.values():
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
            else:
                print(f"kept {work}")
    elapsed = time.monotonic() - started
    if results:
        output = Path(args.output)
        output.write_text(report(results, failed, args, elapsed), encoding="utf-8")
        print(f"\nWrote {output} ({elapsed / 60:.1f} min)")
        for backend, result in results.items():
            summary = metrics(result["rows"])
            print(
                f"{backend:10s} recall@10 {summary['recall']:.3f}  MRR@10 {summary['mrr']:.3f}  "
                f"hit@1 {summary['hit1']:.3f}  P@1 {summary['p1']:.3f}  median {summary['median']:.1f} ms  p95 {summary['p95']:.1f} ms"
            )
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


# --- Metrics and report ------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def metrics(rows: list[dict]) -> dict:
    timings = [value for row in rows for value in row["timings_ms"]]
    count = len(rows) or 1
    return {
        "queries": len(rows),
        "recall": sum(row["recall"] for row in rows) / count,
        "mrr": sum(row["rr"] for row in rows) / count,
        "hit1": sum(row["hit1"] for row in rows) / count,
        "p1": sum(row["p1"] for row in rows) / count,
        "median": statistics.median(timings) if timings else 0.0,
        "p95": percentile(timings, 0.95),
    }


def machine() -> str:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB memory"
    except OSError:
        memory = "memory unknown"
    return f"{os.cpu_count()} cores, {memory}, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


def load_average() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def command_line(args: argparse.Namespace) -> str:
    parts = ["python", "bench/relevance/run.py", "--backend", args.backend]
    if args.distractors != DEFAULT_COUNT:
        parts += ["--distractors", str(args.distractors)]
    if args.seed != DEFAULT_SEED:
        parts += ["--seed", str(args.seed)]
    if args.repeats != 3:
        parts += ["--repeats", str(args.repeats)]
    return shlex.join(parts)


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def rank_cell(row: dict) -> str:
    if row["first_rank"]:
        text = str(row["first_rank"])
    elif row["beyond_10"]:
        text = f"**{row['beyond_10']}**"
    else:
        text = "**–**"
    found = sum(1 for rank in row["ranks"] if rank)
    text += f" ({found}/{min(len(row['expected']), RESULTS_PER_PAGE)})"
    if row["corrected"]:
        text += f" →{cell(row['corrected'])}"
    return text


def report(
    results: dict[str, dict], failed: list[str], args: argparse.Namespace, elapsed: float
) -> str:
    backends = list(results)
    lines = [
        "# Search relevance benchmark",
        "",
        (
            "Judged queries (bench/relevance/judgements.py) against the demo content plus "
            "generated distractor releases (bench/relevance/distractors.py), through the search page's "
            "own function, spelling correction included. See bench/README.md for what the numbers mean."
        ),
        "",
        f"- Command: `{command_line(args)}`",
        f"- Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        (
            f"- Machine: {machine()}; load average (1/5/15 min) {args.load_before} at the start, "
            f"{load_average()} at the end"
        ),
        (
            f"- Queries: {len(JUDGEMENTS)} ({sum(j.language == 'zh-hans' for j in JUDGEMENTS)} Chinese, "
            f"{sum(j.language == 'en' for j in JUDGEMENTS)} English); each timed {args.repeats} times after a warm-up"
        ),
        f"- Distractors: {args.distractors} (seed {args.seed}); whole run {elapsed / 60:.1f} min",
    ]
    if failed:
        lines.append(f"- **Failed backends:** {', '.join(failed)}")
    lines += [
        "",
        "## Sites",
        "",
        (
            "| Backend | Database | Search | Pages zh-hans | Pages en | of which distractors | "
            "Search entries | Answered by | migrate | load_demo | distractors | update_index | queries |"
        ),
        "|---|---|---|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|",
    ]
    for backend in backends:
        facts, phases = results[backend]["facts"], results[backend]["phases"]
        search = facts["search"].rsplit(".", 1)[-1] + (
            f" ({facts['chinese_analyzer']})" if facts["chinese_analyzer"] else ""
        )
        lines.append(
            f"| {backend} | {facts['database']} | {search} | {facts['pages_zh']} | {facts['pages_en']} | "
            f"{facts['distractors']} | {facts['entries']} | "
            f"{', '.join(sorted({row['answered_by'] for row in results[backend]['rows']}))} | "
            + " | ".join(
                f"{phases.get(name, 0):.0f}s"
                for name in ("migrate", "load_demo", "distractors", "update_index", "queries")
            )
            + " |"
        )
    problems = {problem for backend in backends for problem in results[backend]["problems"]}
    if problems:
        lines += ["", "**Judgement problems** (expected pages missing from the site):", ""]
        lines += [f"- {cell(problem)}" for problem in sorted(problems)]

    lines += [
        "",
        "## Overall",
        "",
        "| Backend | Queries | recall@10 | MRR@10 | hit@1 | P@1 | median ms | p95 ms |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for backend in backends:
        m = metrics(results[backend]["rows"])
        lines.append(
            f"| {backend} | {m['queries']} | {m['recall']:.3f} | {m['mrr']:.3f} | {m['hit1']:.3f} | {m['p1']:.3f} | "
            f"{m['median']:.1f} | {m['p95']:.1f} |"
        )

    for backend in backends:
        rows = results[backend]["rows"]
        lines += [
            "",
            f"## {backend}: by category",
            "",
            "| Category | Queries | recall@10 | MRR@10 | hit@1 | P@1 | median ms | p95 ms |",
            "|---|--:|--:|--:|--:|--:|--:|--:|",
        ]
        m = metrics(rows)
        lines.append(
            f"| **all** | {m['queries']} | {m['recall']:.3f} | {m['mrr']:.3f} | {m['hit1']:.3f} | {m['p1']:.3f} | "
            f"{m['median']:.1f} | {m['p95']:.1f} |"
        )
        for language in ("zh-hans", "en"):
            m = metrics([row for row in rows if row["language"] == language])
            lines.append(
                f"| all {language} | {m['queries']} | {m['recall']:.3f} | {m['mrr']:.3f} | {m['hit1']:.3f} | {m['p1']:.3f} | "
                f"{m['median']:.1f} | {m['p95']:.1f} |"
            )
        for category in CATEGORIES:
            subset = [row for row in rows if row["category"] == category]
            if subset:
                m = metrics(subset)
                lines.append(
                    f"| {category} | {m['queries']} | {m['recall']:.3f} | {m['mrr']:.3f} | {m['hit1']:.3f} | {m['p1']:.3f} | "
                    f"{m['median']:.1f} | {m['p95']:.1f} |"
                )

    lines += [
        "",
        "## Per query",
        "",
        (
            "Rank of the first relevant page on each backend (**bold**: not in the first 10; the number, when "
            "there is one, is its rank within the first 30; – : not found there either), then (expected pages "
            "found in the first 10 / expected pages, at most 10), then →the spelling correction applied."
        ),
        "",
        "| # | Query | Lang | Category | " + " | ".join(backends) + " |",
        "|--:|---|---|---|" + "---|" * len(backends),
    ]
    for number, judgement in enumerate(JUDGEMENTS, start=1):
        cells = []
        for backend in backends:
            row = results[backend]["rows"][number - 1]
            cells.append(rank_cell(row))
        lines.append(
            f"| {number} | {cell(judgement.query)} | {judgement.language} | {judgement.category} | "
            + " | ".join(cells)
            + " |"
        )

    misses = [
        number
        for number, _judgement in enumerate(JUDGEMENTS, start=1)
        if any(not results[b]["rows"][number - 1]["hit1"] for b in backends)
    ]
    lines += [
        "",
        "## Queries whose ideal page is not first",
        "",
        "The ideal page is the first of the expected ones; the first three results on each backend follow.",
        "",
    ]
    for number in misses:
        judgement = JUDGEMENTS[number - 1]
        lines.append(
            f"- **{number}. {cell(judgement.query)}** ({judgement.language}, {judgement.category}); "
            f"ideal: `{judgement.expected[0] or '(home page)'}`"
        )
        for backend in backends:
            row = results[backend]["rows"][number - 1]
            top = "; ".join(cell(title) for title in row["top"][:3]) or "(nothing)"
            ideal = row["ranks"][0]
            lines.append(
                f"  - {backend}: ideal at {ideal or '>10'}, {row['total']} results"
                + (f", corrected to {cell(row['corrected'])}" if row["corrected"] else "")
                + f": {top}"
            )
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Search relevance benchmark (see bench/README.md)."
    )
    parser.add_argument("--backend", choices=(*BACKENDS, "all"), default="all")
    parser.add_argument(
        "--distractors",
        type=int,
        default=DEFAULT_COUNT,
        help=f"distractor releases (default {DEFAULT_COUNT})",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the distractors")
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed runs of each query after the warm-up"
    )
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="the Markdown results file")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary databases (for debugging)"
    )
    parser.add_argument("--worker", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--work-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Ctrl-C or a TERM signal still runs the clean-up (temporary folders,
    # workers, the PostgreSQL cluster, the search server).
    if args.worker:
        signal.signal(signal.SIGTERM, lambda signum, _frame: _stop_now(signum))
        worker(args)
    else:
        signal.signal(signal.SIGTERM, _exit_on_signal)
        run_all(args)


if __name__ == "__main__":
    main()
