"""The search itself, shared by the page and the JSON API.

A query becomes word groups (search.analysis). With one group, one backend
search. With several, pages holding every word come first (an AND search),
then pages holding some (an OR search), so a reader's extra word narrows the
top without emptying the list. A query that reads as a document number
(教职成厅函〔2024〕7号, typed with any brackets or none) puts the notice with
that exact number first, found by a plain database lookup.

When the search server fails or times out, the same search runs against the
database index kept as "fallback"; if that fails too, the reader gets an
empty, clearly labelled answer — never an error page.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, F, QuerySet
from django.db.models.expressions import CombinedExpression
from django.http import HttpRequest
from django.utils.safestring import SafeString
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import BaseSearchBackend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText, SearchQuery

from lifelong_site.document_numbers import parse_document_number
from lifelong_site.memo import shared
from lifelong_site.models import Region

from .analysis import QueryGroup, highlight_words, is_han_word, query_groups, title_terms
from .backends.title_ranking import ranking_backend
from .highlight import mark, snippet
from .models import Kind, SearchEntry, SearchEntryQuerySet
from .params import SearchParams
from .planner import full_text_planning, gin_bitmap_only

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
# How deep the ranked list goes: 30 pages of results.
MAX_RANKED = 300
# Above this many matches the total reads "more than 2,000" and the filters
# list their values without counts: counting and grouping every match of a
# word on most of the archive (终身学习: 73,000 of 100,000 pages) cost more
# than the rest of the search. Up to it counts are exact. (PostgreSQL's own
# estimate was tried for an "about N": off by up to 1.8 times either way,
# too far for a ministry's figures.)
APPROXIMATE_ABOVE = 2_000
# Above this many matches, PostgreSQL ranks by title alone
# (search.backends.title_ranking); below it, by title and body.
TITLE_RANKING_ABOVE = 2000
# Facet name → the attribute the backends count by.
FACET_FIELDS = {"kind": "kind", "year": "year", "region": "region_id"}


@dataclass
class Hit:
    entry: SearchEntry
    url: str
    title: SafeString
    snippet: SafeString
    kind_label: str
    exact: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int | None  # None: not counted (a search too broad to count)
    selected: bool


@dataclass
class SearchOutcome:
    params: SearchParams
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    num_pages: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # "fallback" when the search server failed and the database answered;
    # "unavailable" when nothing could answer.
    degraded: str = ""
    backend: str = "default"
    # How many pages hold every word (capped at MAX_RANKED); 0 tells the
    # view that a spelling suggestion may help even though some pages matched.
    with_all_words: int = 0
    # More matches than APPROXIMATE_ABOVE (the total): not all counted, and
    # the facets not counted.
    approximate: bool = False

    @property
    def page(self) -> int:
        return self.params.page


# --- Queries ---------------------------------------------------------------


def _group_query(group: QueryGroup) -> SearchQuery:
    word = PlainText(group.word)
    if not group.parts:
        return word
    return Or([word, PlainText(" ".join(group.parts), operator="and")])


def build_queries(groups: list[QueryGroup]) -> tuple[SearchQuery, SearchQuery | None]:
    """(query for all words, query for any word or None when one word)."""
    parts = [_group_query(group) for group in groups]
    if len(parts) == 1:
        return parts[0], None
    return And(parts), Or(parts)


def filtered_entries(locale: Locale, params: SearchParams, skip: str = "") -> SearchEntryQuerySet:
    entries = SearchEntry.objects.filter(locale=locale, is_public=True)
    if params.kinds and skip != "kind":
        entries = entries.filter(kind__in=params.kinds)
    if params.year and skip != "year":
        entries = entries.filter(year=params.year)
    if params.region and skip != "region":
        region_id = Region.objects.filter(slug=params.region).values_list("pk", flat=True).first()
        entries = entries.filter(region=region_id or 0)
    if params.date_from:
        entries = entries.filter(date__gte=params.date_from)
    if params.date_to:
        entries = entries.filter(date__lte=params.date_to)
    return entries


def _ranked_ids(
    entries: QuerySet[SearchEntry], query: SearchQuery, sort: str, backend: BaseSearchBackend
) -> list[int]:
    if sort == "date":
        results = backend.search(query, entries.order_by("-date"), order_by_relevance=False)
    else:
        results = backend.search(query, entries)
    return [entry.pk for entry in results[:MAX_RANKED]]


def _titles_ranked(
    entries: QuerySet[SearchEntry], query: SearchQuery, backend: str, needed: int
) -> list[int] | None:
    """The top of a search too broad to count, from the pages whose title
    holds every word (search.backends.title_ranking.TitleMatchQueryCompiler):
    the same top as a title-only ranking of every match, which scores the
    other pages 0. None when fewer titles match than the reader's page
    needs (the full ranking then runs), or on a backend that ranks by more
    than titles."""
    base = get_search_backend(backend)
    titles = ranking_backend(base, title_only=True, titles_matching=True)
    if titles is base:
        return None
    ids = _ranked_ids(entries, query, "relevance", titles)
    return ids if len(ids) >= needed else None


def rerank(
    with_all: list[int], with_some: list[int], groups: list[QueryGroup], *, by_date: bool
) -> list[int]:
    """One order for every backend: pages holding all the words first; among
    them, pages whose title holds more of the words; section pages after
    articles; then the backend's own order (relevance or date). The backends
    weigh titles differently (SQLite's FTS barely at all), and a reader
    judges a result by its title."""
    position = {pk: rank for rank, pk in enumerate(dict.fromkeys(with_all + with_some))}
    all_words = set(with_all)
    rows = SearchEntry.objects.filter(pk__in=list(position)).values_list(
        "page_id", "display_title", "kind", "year"
    )
    years = {int(group.word) for group in groups if group.word.isdigit() and len(group.word) == 4}

    # Chinese words are looked for in the title as they are: segmenting 300
    # titles with jieba cost ~50 ms a search and agrees with plain
    # containment for the words readers type. Other words are compared
    # with the title's stemmed terms (learning = learn).
    chinese_only = all(is_han_word(word) for group in groups for word in (group.word, *group.parts))

    def title_score(title: str, year: int | None) -> int:
        # A word as a whole counts twice its parts (社区教育 over 社区…教育);
        # the page's own year counts like a word of its title.
        holds = title.__contains__ if chinese_only else title_terms(title).__contains__
        score = sum(
            2 if holds(group.word) else 1 if group.parts and all(map(holds, group.parts)) else 0
            for group in groups
        )
        return score + (2 if year in years else 0)

    def key(row: tuple[int, str, str, int | None]) -> tuple:
        pk, title, kind, year = row
        if by_date:
            return (pk not in all_words, position[pk])
        return (pk not in all_words, -title_score(title, year), kind == Kind.PAGE, position[pk])

    return [row[0] for row in sorted(rows, key=key)]


def exact_document_ids(entries: QuerySet[SearchEntry], query: str) -> list[int]:
    number = parse_document_number(query)
    if number is None:
        return []
    return list(entries.filter(document_number=str(number)).values_list("page_id", flat=True))


# --- Running a search ------------------------------------------------------


def run_search(
    params: SearchParams, locale: Locale, request: HttpRequest | None = None
) -> SearchOutcome:
    outcome = SearchOutcome(params)
    groups = query_groups(params.query)
    if not groups:
        return outcome
    backends = ["default"] + (["fallback"] if "fallback" in settings.WAGTAILSEARCH_BACKENDS else [])
    for name in backends:
        try:
            with full_text_planning(_uses_database(name)):
                _search(outcome, groups, locale, request, name)
        except Exception:
            logger.warning("search: backend %r failed for %r", name, params.query, exc_info=True)
            outcome.hits, outcome.total, outcome.facets = [], 0, {}
            continue
        outcome.backend = name
        outcome.degraded = "" if name == "default" else "fallback"
        return outcome
    outcome.degraded = "unavailable"
    return outcome


def _search(
    outcome: SearchOutcome,
    groups: list[QueryGroup],
    locale: Locale,
    request: HttpRequest | None,
    backend: str,
) -> None:
    params = outcome.params
    all_words, any_word = build_queries(groups)
    entries = filtered_entries(locale, params).only("page_id")
    exact_ids = exact_document_ids(entries, params.query)
    widest = any_word or all_words
    if (
        may_be_broad(widest, backend)
        and matches_up_to(widest, locale, params, backend, APPROXIMATE_ABOVE + 1)
        > APPROXIMATE_ABOVE
    ):
        outcome.approximate = True
        total, counts = APPROXIMATE_ABOVE, archive_facet_values(locale)
    else:
        total, counts = _counts(widest, locale, params, backend)
    # A search too broad to count has more matches than its total says.
    title_only = outcome.approximate or total > TITLE_RANKING_ABOVE
    ranker = ranking_backend(get_search_backend(backend), title_only=title_only)
    needed = params.page * RESULTS_PER_PAGE
    # A search too broad to count, by relevance, finds its top among titles.
    from_titles = outcome.approximate and params.sort != "date"
    with_all = _titles_ranked(entries, all_words, backend, needed) if from_titles else None
    if with_all is None:
        with_all = _ranked_ids(entries, all_words, params.sort, ranker)
    outcome.with_all_words = len(with_all)
    # Ranking is the costly part of a database search; pages with only some
    # of the words are ranked only when the reader's page reaches them.
    with_some: list[int] = []
    if any_word is not None and len(with_all) < needed:
        if from_titles:
            with_some = _titles_ranked(entries, any_word, backend, needed - len(with_all)) or []
        if not with_some:
            with_some = _ranked_ids(entries, any_word, params.sort, ranker)
    ranked = rerank(with_all, with_some, groups, by_date=params.sort == "date")
    exact = set(exact_ids)
    ids = exact_ids + [pk for pk in ranked if pk not in exact]
    outcome.total = total if outcome.approximate else max(total, len(ids))
    outcome.num_pages = max(1, -(-min(outcome.total, MAX_RANKED) // RESULTS_PER_PAGE))
    start = (min(params.page, outcome.num_pages) - 1) * RESULTS_PER_PAGE
    outcome.hits = _hits(ids[start : start + RESULTS_PER_PAGE], exact, params.query, request)
    english = locale.language_code.startswith("en")
    outcome.facets = {
        name: _facet_values(name, counts[name], params, english, counted=not outcome.approximate)
        for name in FACET_FIELDS
    }


def _hits(
    page_ids: list[int], exact: set[int], query: str, request: HttpRequest | None
) -> list[Hit]:
    entries = SearchEntry.objects.filter(page_id__in=page_ids).select_related("page", "locale")
    by_id = {entry.pk: entry for entry in entries}
    words = highlight_words(query)
    labels = dict(Kind.choices)
    hits = []
    for pk in page_ids:
        entry = by_id.get(pk)
        if entry is None:
            continue
        hits.append(
            Hit(
                entry=entry,
                url=entry.page.get_url(request=request) or "",
                title=mark(entry.display_title, words),
                snippet=snippet(entry.body_text, words),
                kind_label=str(labels.get(entry.kind, entry.kind)),
                exact=pk in exact,
            )
        )
    return hits


def _uses_database(backend: str) -> bool:
    # mypy infers dict[str, object] for the setting (its backends differ in shape).
    backends = cast("dict[str, dict[str, Any]]", settings.WAGTAILSEARCH_BACKENDS)
    return ".database" in backends.get(backend, {}).get("BACKEND", ".database")


def _filter_in_use(field_name: str, params: SearchParams) -> bool:
    return bool({"kind": params.kinds, "year": params.year, "region": params.region}[field_name])


def _counts(
    query: SearchQuery, locale: Locale, params: SearchParams, backend: str
) -> tuple[int, dict[str, dict]]:
    """The total and the counts per type, year and region. Each facet ignores
    its own filter, so a reader sees what choosing another value would give.

    Every full-text match costs a pass over the index, so on the database
    backends one grouped count over ``facet_key`` (type|year|region) gives the
    total and every facet whose own filter is not in use; only a facet whose
    filter is in use needs a search of its own."""
    entries = filtered_entries(locale, params)
    shared = [name for name in FACET_FIELDS if not _filter_in_use(name, params)]
    counts: dict[str, dict] = {}
    if _uses_database(backend):
        combinations = entries.search(query, backend=backend).facet("facet_key")
        total = sum(combinations.values())
        for name in shared:
            counts[name] = _split_facet_key(combinations, list(FACET_FIELDS).index(name))
    else:
        total = entries.search(query, backend=backend).count()
        for name in shared:
            counts[name] = entries.search(query, backend=backend).facet(FACET_FIELDS[name])
    for name in FACET_FIELDS:
        if name not in counts:
            counts[name] = (
                filtered_entries(locale, params, skip=name)
                .search(query, backend=backend)
                .facet(FACET_FIELDS[name])
            )
    return total, {name: _present(found) for name, found in counts.items()}


def _present(counts: dict) -> dict:
    """The values some page has (no empty value, no zero count)."""
    return {key: count for key, count in counts.items() if key not in (None, "") and count}


def _split_facet_key(combinations: dict[str, int], position: int) -> dict:
    counts: dict = {}
    for key, count in combinations.items():
        part = (key or "||").split("|")[position]
        value: str | int | None = part if position == 0 else (int(part) if part else None)
        counts[value] = counts.get(value, 0) + count
    return counts


def _facet_values(
    field_name: str, counts: dict, params: SearchParams, english: bool, *, counted: bool = True
) -> list[FacetValue]:
    """The values of one filter, most frequent first (years newest first);
    without counts (``counted`` False) in the archive's order of frequency."""

    def shown(count: int) -> int | None:
        return count if counted else None

    if field_name == "kind":
        labels = dict(Kind.choices)
        return [
            FacetValue(str(kind), str(labels.get(kind, kind)), shown(count), kind in params.kinds)
            for kind, count in sorted(counts.items(), key=lambda item: -item[1])
        ]
    if field_name == "year":
        return [
            FacetValue(str(year), str(year), shown(count), year == params.year)
            for year, count in sorted(counts.items(), key=lambda item: -int(item[0]))
        ]
    regions = Region.objects.filter(pk__in=[int(pk) for pk in counts]).only(
        "slug", "name_zh", "name_en"
    )
    counted_regions = sorted(
        ((region, counts.get(region.pk, counts.get(str(region.pk), 0))) for region in regions),
        key=lambda pair: -pair[1],
    )
    return [
        FacetValue(
            region.slug,
            region.name_en if english else region.name_zh,
            shown(count),
            region.slug == params.region,
        )
        for region, count in counted_regions
    ]


# --- Searches too broad to count ------------------------------------------------


def may_be_broad(query: SearchQuery, backend: str) -> bool:
    """Whether PostgreSQL's planner expects at least half of APPROXIMATE_ABOVE
    matches over the whole index (from the lexeme frequencies ANALYZE keeps:
    no row is read, about 2 ms). Only then is the capped count worth its
    pass; the estimate (off by up to 1.8 times either way here) only decides
    that, never what readers are told. Always False but on PostgreSQL's
    database backend."""
    if not _uses_database(backend) or connection.vendor != "postgresql":
        return False
    compiler = SearchEntry.objects.none().search(query, backend=backend).query_compiler
    tsquery = compiler.build_tsquery(
        compiler.query, config=compiler.get_config(get_search_backend(backend))
    )
    matching = IndexEntry.objects.alias(
        _vector_=CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    ).filter(_vector_=tsquery)
    plan = json.loads(matching.explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"] >= APPROXIMATE_ABOVE / 2


def matches_up_to(
    query: SearchQuery, locale: Locale, params: SearchParams, backend: str, cap: int
) -> int:
    """How many pages match, counted no further than ``cap`` (a count of
    the first cap rows, which PostgreSQL stops reading at once). PostgreSQL
    only (after may_be_broad); the search servers count every match cheaply."""
    results = filtered_entries(locale, params).search(query, backend=backend)
    with gin_bitmap_only():
        return results.get_queryset().order_by()[:cap].count()


def holds_all_words(params: SearchParams, locale: Locale) -> bool | None:
    """Whether some page (within the filters) holds every word of a query of
    several words, asked of the GIN index alone: about a millisecond, where
    the search of a common word takes a hundred. None where that is not
    worth asking or cannot be told cheaply: one word (a search without a
    match is cheap anyway), a search server, SQLite, an error. The caller
    then runs the search and reads its with_all_words."""
    groups = query_groups(params.query)
    if len(groups) < 2 or not _uses_database("default") or connection.vendor != "postgresql":
        return None
    all_words, _any_word = build_queries(groups)
    results = filtered_entries(locale, params).search(all_words, backend="default")
    try:
        with transaction.atomic(), gin_bitmap_only():
            return results.get_queryset().order_by().exists()
    except DatabaseError:
        logger.warning("search: all-words check failed for %r", params.query, exc_info=True)
        return None


def archive_facet_values(locale: Locale) -> dict[str, dict]:
    """Every type, year and region of the locale's public pages, by how many
    pages have each: the filters of a search too broad to count. Read once
    per generation (lifelong_site.memo)."""

    def read() -> dict[str, dict]:
        combinations = dict(
            SearchEntry.objects.filter(locale=locale, is_public=True)
            .values_list("facet_key")
            .annotate(n=Count("pk"))
            .values_list("facet_key", "n")
        )
        return {
            name: _present(_split_facet_key(combinations, list(FACET_FIELDS).index(name)))
            for name in FACET_FIELDS
        }

    return shared(None, f"search-archive-facets:{locale.pk}", read)
