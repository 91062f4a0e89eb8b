"""Each page type on its own: one request at a time against the uncached
server, so the figures are the page's cost, not queueing behind others.

Times come from the Server-Timing header (the application's own time, from
the request id middleware inwards), so the client's overhead is left out;
the client's wall time is kept beside them.
"""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass

from bench.perf.probe import Client
from bench.perf.stats import median, percentile

WARM_UPS = 2
SLOW_MS = 1000.0  # a page this slow gets one warm-up only: the second would teach nothing more
# A URL's timed requests stop after this long (at least MIN_REPEATS are
# made): a sitemap of 100,000 pages takes seconds each, and the whole run
# must stay short.
SECONDS_PER_URL = 10.0
MIN_REPEATS = 3


@dataclass(frozen=True)
class PageFigures:
    kind: str
    label: str
    path: str
    status: int  # 0: no answer
    size: int  # bytes of the body
    repeats: int  # timed requests made
    app_median: float
    app_p95: float
    db_median: float
    wall_median: float
    queries: int  # of the last timed request
    queries_varied: bool  # not the same count in every timed request
    error: str = ""  # why a request got no answer (a worker killed at gunicorn's timeout…)


def measure_page(client: Client, kind: str, label: str, path: str, repeats: int) -> PageFigures:
    app: list[float] = []
    db: list[float] = []
    wall: list[float] = []
    counts: list[int] = []
    status, size, error = 0, 0, ""
    try:
        for _ in range(WARM_UPS):
            started = time.perf_counter()
            client.get(path)
            if (time.perf_counter() - started) * 1000 > SLOW_MS:
                break
        deadline = time.monotonic() + SECONDS_PER_URL
        for number in range(repeats):
            if number >= MIN_REPEATS and time.monotonic() > deadline:
                break
            started = time.perf_counter()
            answer = client.get(path)
            wall.append((time.perf_counter() - started) * 1000)
            timing = answer.timing()
            if timing is None:
                raise SystemExit(f"{path}: no Server-Timing header (is SERVER_TIMING on?)")
            status, size = answer.status, len(answer.body)
            app.append(timing[0])
            db.append(timing[1])
            counts.append(timing[2])
    except (OSError, http.client.HTTPException) as failure:
        # A page past gunicorn's timeout loses its worker and the connection:
        # a figure of its own, not the end of the benchmark.
        client.close()
        status, error = 0, f"no answer: {failure!r}"
    return PageFigures(
        kind,
        label,
        path,
        status,
        size,
        len(app),
        median(app),
        percentile(app, 0.95),
        median(db),
        median(wall),
        counts[-1] if counts else 0,
        len(set(counts)) > 1,
        error,
    )


def measure_pages(port: int, pages: list[dict[str, str]], repeats: int) -> list[PageFigures]:
    client = Client(port)
    results = []
    try:
        for page in pages:
            figures = measure_page(client, page["type"], page["label"], page["path"], repeats)
            print(
                f"   {figures.kind:<20} {figures.label:<16} {figures.status} median {figures.app_median:7.1f} ms  "
                f"p95 {figures.app_p95:7.1f} ms  {figures.queries:3d} queries  {page['path']} {figures.error}",
                flush=True,
            )
            results.append(figures)
    finally:
        client.close()
    return results
