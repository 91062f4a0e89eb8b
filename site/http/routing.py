"""Finding the page for a URL in one query instead of two per level.

Wagtail walks the tree: each level reads the child with the next slug and
then its specific row, so a Learning Star at /weeks/2024/stars/<slug>/ cost
ten queries before the page was even known. Every page stores its full
``url_path``, so the deepest page on the requested path is found in one
indexed query (lifelong_site migration 0007) and only that page's specific
row is read. What remains of the path below it (a feed, a gallery photo) is
routed by that page as Wagtail would.

The one difference from Wagtail's walk: a route of a page's own
(RoutablePageMixin) cannot shadow a child page with the same slug, because
the child is found first. No page type here defines a route named like a
page slug can be in a listing ("feed/" under a listing is a route, and
listings' children are articles with dated slugs).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from lifelong_site import navigation
from lifelong_site.memo import shared, shared_key, sharing_enabled, store


def deepest_page_on_path(home: Page, components: list[str]) -> tuple[Page, list[str]] | None:
    """The deepest page below ``home`` whose URL is a prefix of the path,
    with the components left below it; None when not even the first
    component is a page."""
    prefixes = {
        home.url_path + "/".join(components[:length]) + "/": length
        for length in range(1, len(components) + 1)
    }
    found = (
        Page.objects.filter(
            url_path__in=list(prefixes), path__startswith=home.path, depth__gt=home.depth
        )
        .order_by("-depth")
        .first()
    )
    if found is None:
        return None
    return found, components[prefixes[found.url_path] :]


def route_below_home(home: Page, request: HttpRequest, components: list[str]) -> Any | None:
    """Wagtail's RouteResult for the path, or None to let Wagtail walk the
    tree itself (the path does not start with a page below ``home``)."""
    if not components:
        return None
    page = known_page(request, home, components)
    if page is not None:
        return page.route(request, [])
    located = deepest_page_on_path(home, components)
    if located is None:
        return None
    found, remaining = located
    if not remaining:
        remember_page(request, home, components, found)
    return specific_for_serving(found.specific_class, found.pk).route(request, remaining)


# --- Paths that are pages, remembered per generation --------------------------------
# A path that is exactly a page's URL is remembered as the page's id and type
# until anything is published, moved or deleted (lifelong_site.memo), so the
# next request for it reads the page by primary key in one query. Only pages:
# paths that are not (a reader's typo, a crawler's guess) are unbounded in
# number and are not stored.


def _route_key(request: HttpRequest, home: Page, components: list[str]) -> str:
    return shared_key(request, f"route:{home.pk}:" + "/".join(components))


def known_page(request: HttpRequest, home: Page, components: list[str]) -> Page | None:
    if not sharing_enabled():
        return None
    known = store().get(_route_key(request, home, components))
    if not known:
        return None
    page_id, content_type_id = known
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, Page):  # a type removed since: look it up afresh
        return None
    try:
        return specific_for_serving(model, page_id)
    except ObjectDoesNotExist:  # deleted in the moment before the new generation
        return None


def remember_page(request: HttpRequest, home: Page, components: list[str], page: Page) -> None:
    if sharing_enabled():
        store().set(
            _route_key(request, home, components),
            (page.pk, page.content_type_id),
            settings.FRAGMENT_CACHE_SECONDS,
        )


def specific_for_serving(model: type[Page] | None, page_id: int) -> Page:
    """The page as its own type, with the rows every view of it shows
    (a page type's ``serve_select_related``: region, department, lead
    image…) joined in the same query instead of one query each."""
    model = model or Page
    related = getattr(model, "serve_select_related", ())
    queryset = model.objects.select_related(*related) if related else model.objects
    return queryset.get(pk=page_id)


class SharedRouteMiddleware:
    """The one way a URL finds its page (tests take it too; the home page
    does not route by itself). Finds the page before Wagtail's view does,
    from what every request
    shares: the site for the host and the home page of the language come
    from the shared cache (lifelong_site.memo), where Wagtail reads
    the site, the active locale, the home's translation and its specific
    row on every request. Wagtail's view then uses the route found here
    (``request._wagtail_route_for_request``, its own memo) and the site
    (``request._wagtail_site``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: dict[str, Any],
    ) -> None:
        if view_func is not wagtail_serve:
            return
        # Wagtail's URL pattern passes the path as its one positional argument.
        path = view_kwargs.get("path") or (view_args[0] if view_args else "")
        components = [component for component in path.split("/") if component]
        # Wagtail's own memos on the request, which HttpRequest's stubs do not declare.
        request._wagtail_site = shared_site(request)  # type: ignore[attr-defined]
        home = navigation.current_home(request)
        if home is None:
            return
        try:
            if components:
                route = route_below_home(home, request, components)
            else:
                route = shared_specific_home(request, home).route(request, [])
        except Http404:
            route = None
        if route is not None:  # otherwise not a page below home: Wagtail decides
            request._wagtail_route_for_request = route  # type: ignore[attr-defined]
        return


def shared_specific_home(request: HttpRequest, home: Page) -> Page:
    """The home page of the request's language as its own type (intro, body),
    shared until anything is published."""
    return shared(request, "home-specific", lambda: home.specific, per_language=True)


def shared_site(request: HttpRequest) -> Site | None:
    """Wagtail's site for the request's host and port, shared across requests."""
    return shared(request, f"site:{request.get_port()}", lambda: Site._find_for_request(request))
