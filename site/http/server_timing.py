"""``Server-Timing`` header: how long the application took, and its SQL.

    Server-Timing: app;dur=12.3, db;dur=4.1;desc="7 queries"

Read by the benchmarks (bench/run) and visible in a browser's network panel.
Off unless the SERVER_TIMING setting is true: the figures tell anyone how
expensive each URL is, which is worth hiding from the public.

The middleware sits right after the request id, outside the page cache, so a
page-cache hit shows its real cost (no query) and the cache never stores the
header of the request that filled it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse

HEADER = "Server-Timing"


class QueryTimer:
    """A database execute wrapper that counts the statements and adds up
    their time, without keeping them (unlike DEBUG's query log)."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(
        self,
        execute: Callable[..., Any],
        sql: str,
        params: Any,
        many: bool,
        context: dict[str, Any],
    ) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def header_value(app_seconds: float, timer: QueryTimer) -> str:
    noun = "query" if timer.count == 1 else "queries"
    return f'app;dur={app_seconds * 1000:.1f}, db;dur={timer.seconds * 1000:.1f};desc="{timer.count} {noun}"'


class ServerTimingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Read per request, not at start-up: a setting override (tests, a
        # shell) takes effect without rebuilding the middleware chain.
        if not settings.SERVER_TIMING:
            return self.get_response(request)
        timer = QueryTimer()
        started = time.perf_counter()
        # `connection` is the calling thread's own: gthread workers serve
        # requests in parallel threads, each counted apart.
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        response[HEADER] = header_value(time.perf_counter() - started, timer)
        return response
