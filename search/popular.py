"""Popular searches: the query log, its candidates, and the approved list.

Every search (first page only) is logged, within limits:

- the query must look like something a reader typed: at most
  MAX_LOGGED_LENGTH characters, no control characters, no web address, no
  long number (a telephone or ID number is nobody's popular search);
- a client logs at most MAX_QUERIES_PER_CLIENT_PER_DAY distinct queries a
  day (counted in the Django cache; repeats of a query it already logged
  that day still count as searches);
- the log is counts per query per day: Wagtail's search-terms report
  (Query / QueryDailyHits) and, for queries that found something, the
  number of distinct clients in each language (SearchTermDay). A client is
  recognised only by a keyed hash of its address that changes every day
  (client_key), kept until the day is over (SearchTermClient).

A query that found results and was searched by CANDIDATE_MIN_CLIENTS
distinct clients within CANDIDATE_WINDOW_DAYS (a client counts once a day)
becomes a *candidate* (PopularSearch). Nothing a reader does is shown to
other readers until an editor approves it; a banned query never becomes a
candidate again and is never shown, in either language.

prune_log() deletes what is older than RETENTION_DAYS; it runs once a day
from the log itself and from ``manage.py prune_search_log``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import Locale

from lifelong_site.security.client_ip import client_key

from .models import PopularSearch, SearchTermClient, SearchTermDay, normalise_term

logger = logging.getLogger(__name__)

# A candidate: this many distinct clients (each counted once a day) ...
CANDIDATE_MIN_CLIENTS = 5
# ... within this many days, today included.
CANDIDATE_WINDOW_DAYS = 7
# Log rows (daily counts, stale candidates) older than this are deleted.
RETENTION_DAYS = 90
# Longer queries are not logged (the search itself accepts 200 characters).
MAX_LOGGED_LENGTH = 100
# Distinct queries one client may add to the log in a day.
MAX_QUERIES_PER_CLIENT_PER_DAY = 50
# How long the cache keeps a client's daily counters: past the day's end.
_COUNTER_SECONDS = 2 * 24 * 3600

_WEB_ADDRESS_RE = re.compile(
    r"[a-z][a-z0-9+.-]*://"  # a scheme: https://, ftp://
    r"|\bwww\."
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b",  # a domain: spam-shop.com, moe.gov.cn
    re.IGNORECASE,
)
_LONG_NUMBER_RE = re.compile(r"\d{7,}")


def language_of(locale: Locale | str) -> str:
    code = locale if isinstance(locale, str) else locale.language_code
    return "en" if code.startswith("en") else "zh-hans"


# --- What may be logged ------------------------------------------------------------


def loggable_term(raw: str) -> str:
    """The query as the log keeps it, or "" when it must not be logged."""
    if any(unicodedata.category(char).startswith("C") and char not in "\t\n\r" for char in raw):
        return ""  # control, format, private-use or unassigned characters: nobody types them
    term = normalise_term(raw)
    if not term or len(term) > MAX_LOGGED_LENGTH:
        return ""
    if _WEB_ADDRESS_RE.search(term) or _LONG_NUMBER_RE.search(term):
        return ""
    return term


def _within_daily_allowance(
    client: str, term: str, language: str, today: dt.date
) -> tuple[bool, bool]:
    """(may log, first time today): a client's first search of a query
    today uses one of its MAX_QUERIES_PER_CLIENT_PER_DAY; a repeat is free."""
    digest = hashlib.sha256(f"{language}:{term}".encode()).hexdigest()[:16]
    seen_key = f"search:log:{today.isoformat()}:{client}:{digest}"
    if cache.get(seen_key):
        return True, False
    count_key = f"search:log:{today.isoformat()}:{client}:count"
    cache.add(count_key, 0, _COUNTER_SECONDS)
    try:
        count = cache.incr(count_key)
    except ValueError:  # expired between add() and incr()
        cache.set(count_key, 1, _COUNTER_SECONDS)
        count = 1
    if count > MAX_QUERIES_PER_CLIENT_PER_DAY:
        return False, False
    cache.set(seen_key, True, _COUNTER_SECONDS)
    return True, True


# --- Logging -----------------------------------------------------------------------


def log_search(request: HttpRequest, raw_query: str, locale: Locale | str, results: int) -> None:
    """Log one search. Never raises: a search must not fail because its
    log could not be written (the error is logged instead)."""
    try:
        term = loggable_term(raw_query)
        if not term:
            return
        today = timezone.localdate()
        language = language_of(locale)
        client = client_key(request, "search-log", today.isoformat())
        allowed, first_today = _within_daily_allowance(client, term, language, today)
        if not allowed:
            return
        # A savepoint: a database error here must not spoil the request's
        # transaction for the rest of the page.
        with transaction.atomic():
            _prune_once_a_day(today)
            _add_hit(term, today)
            if first_today and results > 0:
                _count_client(term, language, today, client, results)
    except Exception:
        logger.exception("search: could not log the query")


def _prune_once_a_day(today: dt.date) -> None:
    # cache.add() succeeds once per day in each process (each worker with
    # the per-process cache): cheap, and the log stays bounded even where
    # no scheduler runs prune_search_log.
    if cache.add(f"search:log:pruned:{today.isoformat()}", True, _COUNTER_SECONDS):
        prune_log(today)


# The counters are single INSERT … ON CONFLICT statements (PostgreSQL and
# SQLite alike): one statement per count, and concurrent searches never
# collide on a unique constraint.


def _execute(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _add_hit(term: str, today: dt.date) -> None:
    """One more search of ``term`` today in Wagtail's search-terms report."""
    date = connection.ops.adapt_datefield_value(today)
    query_id = Query.objects.filter(query_string=term).values_list("pk", flat=True).first()
    if query_id is None:
        inserted = _execute(
            f"INSERT INTO {_table(Query)} (query_string) VALUES (%s) ON CONFLICT (query_string) DO NOTHING RETURNING id",
            [term],
        )
        query_id = (
            inserted[0][0]
            if inserted
            else Query.objects.values_list("pk", flat=True).get(query_string=term)
        )
    hits = _table(QueryDailyHits)
    _execute(
        f"INSERT INTO {hits} (query_id, date, hits) VALUES (%s, %s, 1)"
        f" ON CONFLICT (query_id, date) DO UPDATE SET hits = {hits}.hits + 1",
        [query_id, date],
    )


def _count_client(term: str, language: str, today: dt.date, client: str, results: int) -> None:
    """Count the client once for the query today; propose the query when
    enough clients searched it, or update the counts of its existing row."""
    decisions = dict(PopularSearch.objects.filter(term=term).values_list("language", "status"))
    if PopularSearch.Status.BANNED in decisions.values():
        return  # a banned query's clients are not even counted
    date = connection.ops.adapt_datefield_value(today)
    new_client = _execute(
        f"INSERT INTO {_table(SearchTermClient)} (term, language, date, client) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (term, language, date, client) DO NOTHING RETURNING id",
        [term, language, date, client],
    )
    if not new_client:
        return  # counted today already (in another process)
    days = _table(SearchTermDay)
    _execute(
        f"INSERT INTO {days} (term, language, date, clients, results) VALUES (%s, %s, %s, 1, %s)"
        f" ON CONFLICT (term, language, date) DO UPDATE SET clients = {days}.clients + 1, results = excluded.results",
        [term, language, date, results],
    )
    clients = window_clients(term, language, today)
    counts = {"clients": clients, "results": results, "last_seen": today}
    if language in decisions:
        PopularSearch.objects.filter(term=term, language=language).update(**counts)
    elif clients >= CANDIDATE_MIN_CLIENTS:
        PopularSearch.objects.get_or_create(term=term, language=language, defaults=counts)


def window_clients(term: str, language: str, today: dt.date) -> int:
    since = today - dt.timedelta(days=CANDIDATE_WINDOW_DAYS - 1)
    total = SearchTermDay.objects.filter(term=term, language=language, date__gte=since).aggregate(
        n=Sum("clients")
    )["n"]
    return total or 0


# --- Keeping the log bounded ---------------------------------------------------------


def prune_log(today: dt.date | None = None) -> dict[str, int]:
    """Delete the log older than RETENTION_DAYS, client hashes of past days,
    Wagtail's queries left with no hits and no promoted result, and
    candidates nobody searched within RETENTION_DAYS. Editors' decisions
    (approved, hidden, banned) stay. Returns how many rows of each went."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=RETENTION_DAYS)
    return {
        "client hashes": SearchTermClient.objects.filter(date__lt=today).delete()[0],
        "daily counts": SearchTermDay.objects.filter(date__lt=cutoff).delete()[0],
        "daily hits": QueryDailyHits.objects.filter(date__lt=cutoff).delete()[0],
        "queries": Query.objects.filter(
            daily_hits__isnull=True, editors_picks__isnull=True
        ).delete()[0],
        "stale candidates": PopularSearch.objects.filter(
            status=PopularSearch.Status.CANDIDATE, last_seen__lt=cutoff
        ).delete()[0],
    }


def refresh_counts(today: dt.date | None = None) -> int:
    """Recount every popular search's clients over the window (counts fall
    as days leave it) and make candidates of queries that qualify. Returns
    the number of rows changed."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=CANDIDATE_WINDOW_DAYS - 1)
    recent = {
        (row["term"], row["language"]): row
        for row in SearchTermDay.objects.filter(date__gte=since)
        .values("term", "language")
        .annotate(clients_in_window=Sum("clients"), seen=Max("date"))
    }
    banned = set(
        PopularSearch.objects.filter(status=PopularSearch.Status.BANNED).values_list(
            "term", flat=True
        )
    )
    changed = 0
    for popular in PopularSearch.objects.all():
        row: Mapping[str, Any] = recent.get((popular.term, popular.language), {})
        clients = row.get("clients_in_window") or 0
        last_seen = max(filter(None, [popular.last_seen, row.get("seen")]), default=None)
        if (popular.clients, popular.last_seen) != (clients, last_seen):
            PopularSearch.objects.filter(pk=popular.pk).update(clients=clients, last_seen=last_seen)
            changed += 1
    known = set(PopularSearch.objects.values_list("term", "language"))
    for (term, language), row in recent.items():
        if (
            (term, language) in known
            or term in banned
            or row["clients_in_window"] < CANDIDATE_MIN_CLIENTS
        ):
            continue
        results = (
            SearchTermDay.objects.filter(term=term, language=language, date=row["seen"])
            .values_list("results", flat=True)
            .first()
        )
        if results:
            PopularSearch.objects.create(
                term=term,
                language=language,
                clients=row["clients_in_window"],
                results=results,
                last_seen=row["seen"],
            )
            changed += 1
    return changed


# --- What readers see ----------------------------------------------------------------


def approved_terms(locale: Locale | str, limit: int) -> list[str]:
    """The approved popular searches of the locale's language, most
    searched first; a query banned in either language is never among them."""
    banned = PopularSearch.objects.filter(status=PopularSearch.Status.BANNED).values("term")
    rows = (
        PopularSearch.objects.filter(
            language=language_of(locale), status=PopularSearch.Status.APPROVED
        )
        .exclude(term__in=banned)
        .order_by("-clients", "term")
        .values_list("term", flat=True)
    )
    return list(rows[:limit])
