"""Search latency at archive scale on PostgreSQL.

    bash tests/support/run_with_postgres.sh .venv/bin/python bench/search_latency.py --pages 100000

Builds the site in the PostgreSQL that DATABASE_URL names (migrate,
load_demo, generate_archive --pages N, update_index), timing each step and
the peak memory of the index rebuild, then runs every judged query of the
relevance benchmark through the search page's own function, uncached, and
writes the median and p95 per query kind to bench/SEARCH_LATENCY.md.
Refuses any database but a private benchmark cluster (run_with_postgres.sh).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "bench" / "SEARCH_LATENCY.md"


def manage(*args: str) -> tuple[float, int]:
    """Run a manage.py command; return (seconds, peak memory in MiB)."""
    started = time.monotonic()
    wrapped = [
        sys.executable,
        "-c",
        (
            "import resource, runpy, sys; sys.argv = ['manage.py'] + sys.argv[1:]\n"
            "try:\n    runpy.run_path('manage.py', run_name='__main__')\n"
            "finally:\n    print('PEAK_KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
        ),
        *args,
    ]
    result = subprocess.run(wrapped, cwd=ROOT, stderr=subprocess.PIPE, text=True, check=False)
    peak = next(
        (
            int(line.split()[1])
            for line in result.stderr.splitlines()
            if line.startswith("PEAK_KIB")
        ),
        0,
    )
    if result.returncode:
        sys.stderr.write(result.stderr[-4000:])
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return time.monotonic() - started, peak // 1024


def measure(repeats: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.http import QueryDict
    from wagtail.models import Locale, Page

    from bench.relevance.judgements import JUDGEMENTS
    from search.models import SearchEntry
    from search.params import parse_params
    from search.views import _search_with_help

    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    rows = []
    for judgement in JUDGEMENTS:
        data = QueryDict(mutable=True)
        data["q"] = judgement.query
        params = parse_params(data, strict=False)
        # Warm-up. No request: run_search takes None for it, though
        # _search_with_help's annotation (search/views.py) says HttpRequest.
        _search_with_help(params, locales[judgement.language], None)
        timings = []
        for _ in range(repeats):
            reset_queries()
            started = time.perf_counter()
            outcome, _corrected = _search_with_help(params, locales[judgement.language], None)
            timings.append((time.perf_counter() - started) * 1000)
        rows.append(
            {
                "query": judgement.query,
                "category": judgement.category,
                "total": outcome.total,
                "median": statistics.median(timings),
                "max": max(timings),
                "queries": len(connection.queries),
            }
        )
    return {
        "rows": rows,
        "pages": Page.objects.live().count(),
        "entries": SearchEntry.objects.count(),
        "server": connection.cursor().connection.info.server_version,
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(args: argparse.Namespace, steps: dict, result: dict) -> str:
    medians = [row["median"] for row in result["rows"]]
    lines = [
        "# Search latency at archive scale (PostgreSQL)",
        "",
        f"- Command: `bash tests/support/run_with_postgres.sh .venv/bin/python bench/search_latency.py --pages {args.pages}`",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; machine: {os.cpu_count()} cores, "
        f"{int(Path('/proc/meminfo').read_text().split()[1]) // 1024 // 1024} GiB; PostgreSQL {result['server']}",
        f"- Live pages: {result['pages']}; search entries: {result['entries']}; "
        f"each query run {args.repeats} times after a warm-up, through the search page's function "
        "(exact 文号 lookup, ranking, count, three facets, snippets, spelling help), uncached",
        "",
        "| step | seconds | peak memory MiB |",
        "|---|--:|--:|",
        *[f"| {name} | {seconds:.0f} | {peak} |" for name, (seconds, peak) in steps.items()],
        "",
        "| queries | median of medians ms | p95 ms | max ms |",
        "|--:|--:|--:|--:|",
        f"| {len(medians)} | {statistics.median(medians):.0f} | {percentile(medians, 0.95):.0f} | {max(r['max'] for r in result['rows']):.0f} |",
        "",
        "| category | median ms | p95 ms |",
        "|---|--:|--:|",
    ]
    for category in sorted({row["category"] for row in result["rows"]}):
        values = [row["median"] for row in result["rows"] if row["category"] == category]
        lines.append(
            f"| {category} | {statistics.median(values):.0f} | {percentile(values, 0.95):.0f} |"
        )
    lines += ["", "| query | results | median ms | SQL queries |", "|---|--:|--:|--:|"]
    lines += [
        f"| {row['query']} | {row['total']} | {row['median']:.0f} | {row['queries']} |"
        for row in result["rows"]
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument(
        "--measure-only", action="store_true", help="skip building; measure the site as it is"
    )
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    if "127.0.0.1" not in os.environ.get("DATABASE_URL", "") or not os.environ.get(
        "LIFELONG_PG_DATA_DIR"
    ):
        raise SystemExit(
            "Run through tests/support/run_with_postgres.sh: it starts a private, throwaway cluster."
        )
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DEMO_ADMIN_PASSWORD", "benchmark-only-password")
    # Media, the secret key and the demo password file go to a throwaway
    # folder beside the cluster, never to the developer's data/.
    os.environ["DATA_DIR"] = str(Path(os.environ["LIFELONG_PG_DATA_DIR"]).parent / "site-data")
    steps: dict[str, tuple[float, int]] = {}
    if not args.measure_only:
        for name, command in (
            ("migrate", ["migrate", "--noinput", "-v0"]),
            ("load_demo", ["load_demo"]),
            (
                f"generate_archive --pages {args.pages}",
                ["generate_archive", "--pages", str(args.pages)],
            ),
            ("update_index (entries + index)", ["update_index", "-v1"]),
        ):
            print(f"== {name}", flush=True)
            steps[name] = manage(*command)
            print(f"   {steps[name][0]:.0f} s, peak {steps[name][1]} MiB", flush=True)
    result = measure(args.repeats)
    args.output.write_text(report(args, steps, result), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}))
    print(f"Written {args.output}")


if __name__ == "__main__":
    main()
