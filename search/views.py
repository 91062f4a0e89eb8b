"""The public search page (/search/, /en/search/), the JSON search API
(/api/search/) and the search box's autocomplete (/api/search/suggest/)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale
from wagtail.search.utils import normalise_query_string

from lifelong_site.query_params import Choice, QuerySpec, Text, parse, request_query

from .models import SearchEntry
from .params import SearchParams, parse_params
from .popular import log_search
from .service import (
    MAX_RANKED,
    RESULTS_PER_PAGE,
    Hit,
    SearchOutcome,
    holds_all_words,
    run_search,
)
from .suggestions import popular_queries, spelling_suggestion

logger = logging.getLogger(__name__)
AUTOCOMPLETE_LIMIT = 8
# What the search box's autocomplete reads, nothing else.
SUGGEST_QUERY = QuerySpec(
    Text("q", max_length=50, clean=True), Choice("lang", choices=("zh-hans", "en"), default="")
)


def _locale(code: str = "") -> Locale:
    if code:
        return Locale.objects.filter(language_code=code).first() or Locale.get_default()
    return Locale.get_active()


def _promoted(params: SearchParams, locale: Locale, request: HttpRequest) -> list[dict]:
    """Editors' promoted results for this exact query, first page only."""
    if params.page != 1 or not params.query:
        return []
    query = Query.objects.filter(query_string=normalise_query_string(params.query)).first()
    if query is None:
        return []
    promoted = []
    for pick in query.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id:
            if pick.page.live and pick.page.locale_id == locale.pk:
                promoted.append(
                    {
                        "title": pick.page.title,
                        "url": pick.page.get_url(request=request),
                        "description": pick.description,
                    }
                )
        elif pick.external_link_url:
            promoted.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "description": pick.description,
                }
            )
    return promoted


def _log(
    request: HttpRequest,
    data: QueryDict,
    params: SearchParams,
    locale: Locale,
    outcome: SearchOutcome,
    corrected: str,
) -> None:
    """Log the first page of a search (search.popular; it never raises).
    The query is checked as the reader sent it, control characters and
    all; results shown for a corrected spelling are not the query's own."""
    if params.page == 1 and params.query:
        log_search(request, data.get("q", ""), locale, 0 if corrected else outcome.total)


def _search_with_help(
    params: SearchParams, locale: Locale, request: HttpRequest | None
) -> tuple[SearchOutcome, str]:
    """Run the search; when no page holds all the words (终生学习 matches
    学习 everywhere but 终生 nowhere useful) and a close spelling finds pages
    that do, run that instead and say so (returns the corrected query)."""
    if not params.query or params.page > 1:
        return run_search(params, locale, request), ""
    # Asked of the index first where it is cheap, so that a misspelt common
    # word runs one search, the corrected one, instead of both (two broad
    # searches made the slowest queries of the relevance set).
    tried = holds_all_words(params, locale) is False
    if tried and (corrected := _corrected(params, locale, request)) is not None:
        return corrected
    outcome = run_search(params, locale, request)
    if outcome.with_all_words or outcome.degraded or tried:
        return outcome, ""
    return _corrected(params, locale, request) or (outcome, "")


def _corrected(
    params: SearchParams, locale: Locale, request: HttpRequest | None
) -> tuple[SearchOutcome, str] | None:
    """The search of the closest spelling, when it has pages with all its words."""
    suggestion = spelling_suggestion(params.query, locale)
    if not suggestion:
        return None
    corrected = SearchParams(**{**params.__dict__, "query": suggestion, "errors": {}})
    retry = run_search(corrected, locale, request)
    return (retry, suggestion) if retry.with_all_words and not retry.degraded else None


def search(request: HttpRequest) -> HttpResponse:
    params = parse_params(request.GET, strict=False)
    locale = _locale()
    context: dict = {"params": params, "search_query": params.query, "errors": params.errors}
    if params.errors:
        return TemplateResponse(request, "search/search.html", context, status=400)
    if params.query:
        outcome, corrected = _search_with_help(params, locale, request)
        _log(request, request.GET, params, locale, outcome, corrected)
        context.update(
            outcome=outcome,
            corrected_query=corrected,
            promoted=_promoted(params, locale, request),
            popular=popular_queries(locale) if not outcome.total else [],
            base_query=urlencode(params.as_query()),
            filter_links=_filter_links(params),
            page_obj=_page_obj(outcome),
            filters=_PagerFilters(params),
        )
    else:
        context["popular"] = popular_queries(locale)
    return TemplateResponse(request, "search/search.html", context)


class _PagerFilters:
    """What components/pagination.html needs to keep the query in page links."""

    def __init__(self, params: SearchParams) -> None:
        self.params = params

    def query_string(self, page: int = 1) -> str:
        return self.params.query_string(page=page)


def _page_obj(outcome: SearchOutcome) -> PaginatorPage:
    # The ranked list is capped; a paginator over its length gives the pager its numbers.
    paginator = Paginator(range(min(outcome.total, MAX_RANKED)), RESULTS_PER_PAGE)
    return paginator.page(min(outcome.page, paginator.num_pages))


def _filter_links(params: SearchParams) -> dict[str, str]:
    """Query strings that drop one filter (for the 'remove' buttons), and one per facet name."""
    return {
        name: urlencode(params.without(name))
        for name in ("type", "year", "region", "from", "to", "sort")
    }


# --- JSON ------------------------------------------------------------------


def _hit_json(hit: Hit) -> dict:
    entry = hit.entry
    return {
        "url": hit.url,
        "title": entry.display_title,
        "type": entry.kind,
        "type_label": hit.kind_label,
        "date": entry.date.isoformat() if entry.date else None,
        "year": entry.year,
        "locale": entry.locale.language_code,
        "document_number": entry.document_number or None,
        "snippet": str(hit.snippet),
        "exact_document_number": hit.exact,
    }


def _bad_request(errors: dict[str, str]) -> JsonResponse:
    return JsonResponse(
        {"error": "bad_request", "messages": errors},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


# More fields than Django parses (request_query gives None): an API client
# gets its 400 as JSON, not as Django's HTML error page.
_TOO_MANY = {"parameters": "Too many parameters. 参数过多。"}


@require_GET
def api_search(request: HttpRequest) -> JsonResponse:
    data = request_query(request)
    if data is None:
        return _bad_request(_TOO_MANY)
    params = parse_params(data, strict=True)
    if not params.query and not params.errors:
        params.errors["q"] = "q is required / 请提供搜索词 q。"
    if params.errors:
        return _bad_request(params.errors)
    locale = _locale(params.lang)
    with translation.override(locale.language_code):
        outcome, corrected = _search_with_help(params, locale, request)
        _log(request, data, params, locale, outcome, corrected)
        body = {
            "query": params.query,
            "corrected_query": corrected or None,
            "lang": locale.language_code,
            "total": outcome.total,
            # False: more pages match than "total" (a search too broad to
            # count); the facets' counts are then null.
            "total_is_exact": not outcome.approximate,
            "page": params.page,
            "num_pages": outcome.num_pages,
            "sort": params.sort,
            "degraded": outcome.degraded or None,
            "results": [_hit_json(hit) for hit in outcome.hits],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in outcome.facets.items()
            },
        }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_suggest(request: HttpRequest) -> JsonResponse:
    """Titles containing what the reader has typed so far, newest first, and
    approved popular searches starting with it."""
    data = request_query(request)
    if data is None:
        return _bad_request(_TOO_MANY)
    parsed = parse(data, SUGGEST_QUERY, strict=True)
    if parsed.errors:
        return _bad_request(
            {"parameters": "Only q and lang (zh-hans or en) are accepted. 仅接受 q 与 lang 参数。"}
        )
    query, locale = parsed["q"], _locale(parsed["lang"])
    if len(query) < 1:
        return JsonResponse({"query": query, "pages": [], "queries": []})
    entries = (
        SearchEntry.objects.filter(locale=locale, is_public=True, display_title__icontains=query)
        .select_related("page")
        .order_by("-date")[:AUTOCOMPLETE_LIMIT]
    )
    pages = [
        {
            "title": entry.display_title,
            "url": entry.page.get_url(request=request),
            "type": entry.kind,
        }
        for entry in entries
    ]
    queries = [q for q in popular_queries(locale, limit=20) if q.startswith(query.lower())][:5]
    return JsonResponse(
        {"query": query, "pages": pages, "queries": queries},
        json_dumps_params={"ensure_ascii": False},
    )
