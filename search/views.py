"""The public search page. A plain database search over the live pages of the
reader's language; the Chinese-aware search app replaces its internals."""

from __future__ import annotations

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20


def search(request: HttpRequest) -> HttpResponse:
    # Control characters (NUL above all, which PostgreSQL refuses) never help a search.
    query = "".join(char for char in request.GET.get("q", "") if ord(char) >= 32).strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "results_page": results_page},
    )
